// Settings storage for the background (the one writer). The shell stores and passes settings;
// the core (wasm) validates, migrates, edits and interprets them, and says what the storage
// items are (settingsToItems / settingsFromItems). Only the storage mechanics live here.
//
//   storage.sync    the items the core lays out: `settings` (version and defaults) and one
//                   `site:<host>` item per site, so each stays under sync's 8 KB per item.
//   storage.local   the same items when they outgrow sync's quotas (`settingsArea: "local"`
//                   in local says so, and the options page tells the user); and
//                   `settingsCorrupt`: the raw copy of stored settings the core could not read,
//                   kept before anything is saved over them.
import { api } from "./api.js";

/** storage.sync's quotas (the same in Chrome and Firefox). */
export const SYNC_QUOTA = { bytes: 102400, perItem: 8192, items: 512 };
const META = "settings";
const SITE = "site:";
const AREA = "settingsArea";
const CORRUPT = "settingsCorrupt";
const isItem = (k) => k === META || k.startsWith(SITE);
let cache = null;
// Bumped whenever the stored settings change: a read that began before a change must not
// become the cache after it (it would serve the old settings until the next change).
let generation = 0;
function forget() {
  cache = null;
  generation++;
}

api.storage.onChanged.addListener((changes, area) => {
  if ((area === "sync" || area === "local") && Object.keys(changes).some((k) => isItem(k) || k === AREA || k === CORRUPT)) forget();
});

/** Whether a storage change touches settings. */
export function isSettingsChange(changes) {
  return Object.keys(changes).some((k) => isItem(k) || k === AREA);
}

function itemsOf(all) {
  const out = {};
  for (const [k, v] of Object.entries(all || {})) if (isItem(k)) out[k] = v;
  return out;
}

/**
 * The user's settings, read by the core. Corrupt or unknown data is never dropped: it stays in
 * storage (and `raw` here), the defaults run, and `problems` says what is wrong. `backup` is a
 * list of corrupt copies kept from before a save (or null). Returns { settings, problems, raw, area, backup }.
 */
export async function loadSettings(core) {
  if (cache) return cache;
  const started = generation;
  const local = await api.storage.local.get(null);
  const area = local[AREA] === "local" ? "local" : "sync";
  const raw = itemsOf(area === "local" ? local : await api.storage.sync.get(null));
  const read = core.settingsFromItems(raw);
  const backup = Array.isArray(local[CORRUPT]) && local[CORRUPT].length ? local[CORRUPT] : null;
  const loaded = read.ok
    ? { settings: read.settings, problems: [], raw: read.stored ? raw : undefined, area, backup }
    : { settings: core.settingsDefaults(), problems: read.problems, raw, area, backup };
  if (generation === started) cache = loaded;
  return loaded;
}

const encoder = new TextEncoder();
/** An item's size as sync storage counts it: its key plus its value as JSON, in bytes. */
export function itemBytes(key, value) {
  return encoder.encode(key).length + encoder.encode(JSON.stringify(value)).length;
}

/** Whether these items fit storage.sync's quotas. */
export function fitsSync(items) {
  let total = 0, count = 0;
  for (const [k, v] of Object.entries(items)) {
    const n = itemBytes(k, v);
    if (n > SYNC_QUOTA.perItem) return false;
    total += n;
    count++;
  }
  return total <= SYNC_QUOTA.bytes && count <= SYNC_QUOTA.items;
}

/** Writes the items to one area and removes the settings items it no longer has. */
async function writeItems(storage, items) {
  const old = Object.keys(itemsOf(await storage.get(null)));
  await storage.set(items);
  const stale = old.filter((k) => !(k in items));
  if (stale.length) await storage.remove(stale);
}

async function clearItems(storage) {
  const keys = Object.keys(itemsOf(await storage.get(null)));
  if (keys.length) await storage.remove(keys);
}

/**
 * Stores settings the core produced (validated). In sync when they fit, else in local. Stored
 * settings the core could not read are copied aside first (`settingsCorrupt`), never lost.
 * Returns { area }.
 */
export async function saveSettings(core, settings) {
  const current = await loadSettings(core);
  if (current.problems.length) {
    // Each corrupt copy once, newest last (a few at most: they are kept until the user forgets them).
    const kept = current.backup || [];
    if (!kept.some((b) => JSON.stringify(b.raw) === JSON.stringify(current.raw))) {
      const copy = { raw: current.raw, problems: current.problems, area: current.area, at: Date.now() };
      await api.storage.local.set({ [CORRUPT]: [...kept, copy].slice(-5) });
    }
  }
  const items = core.settingsToItems(settings);
  let area = "sync";
  if (fitsSync(items)) {
    try {
      await writeItems(api.storage.sync, items);
    } catch (e) {
      area = "local"; // a quota we could not see (another writer, a stricter browser)
    }
  } else {
    area = "local";
  }
  if (area === "local") {
    // Local first, then the marker, then sync: a reader in between sees one whole copy.
    await writeItems(api.storage.local, items);
    await api.storage.local.set({ [AREA]: "local" });
    await clearItems(api.storage.sync);
  } else {
    await api.storage.local.remove(AREA);
    await clearItems(api.storage.local);
  }
  forget();
  return { area };
}

/** Forgets the copies of corrupt settings kept from before a save. */
export async function forgetBackup() {
  await api.storage.local.remove(CORRUPT);
  forget();
}
