// Settings storage for the extension pages and the background. The shell stores and passes
// settings; the core (wasm) validates, migrates and interprets them.
import { api } from "./api.js";

const KEY = "settings";
let cache = null;

api.storage.onChanged.addListener((changes, area) => {
  if (KEY in changes && (area === "sync" || area === "local")) cache = null;
});

/**
 * The user's settings, validated by the core. Corrupt or unknown data is never dropped: it is
 * kept as `raw`, the defaults run, and `problems` says what is wrong (the options page shows it).
 * Returns { settings, problems, raw, area }.
 */
export async function loadSettings(core) {
  if (cache) return cache;
  let raw, area = "sync";
  const local = await api.storage.local.get([KEY, "settingsArea"]);
  if (local.settingsArea === "local") {
    raw = local[KEY];
    area = "local";
  } else {
    raw = (await api.storage.sync.get(KEY))[KEY];
  }
  if (raw === undefined) {
    cache = { settings: core.settingsDefaults(), problems: [], raw: undefined, area };
    return cache;
  }
  const checked = core.settingsCheck(raw);
  cache = checked.ok
    ? { settings: checked.settings, problems: [], raw, area }
    : { settings: core.settingsDefaults(), problems: checked.problems, raw, area };
  return cache;
}
