// Popup: this site's mode and categories (stored as the site's overrides), this tab's report,
// undo, "show what was removed", the reader view, and the element picker. It asks the tab's
// content script and the background; the core behind the background decides and edits.
import { api } from "./lib/api.js";
import { categoryLabel, localize, problemText } from "./lib/ui.js";

const $ = (id) => document.getElementById(id);
// For the test suite and screenshots: ?tab=<id> stands for the active tab.
const params = new URLSearchParams(location.search);
let tab = null;

async function targetTab() {
  if (params.has("tab")) return api.tabs.get(Number(params.get("tab")));
  const [t] = await api.tabs.query({ active: true, currentWindow: true });
  return t;
}

const isWeb = (t) => !!t && /^https?:/.test(t.url || "");

async function ask(msg) {
  if (!tab) return null;
  return api.tabs.sendMessage(tab.id, msg, { frameId: 0 }).catch(() => null);
}

function background(msg) {
  return Promise.resolve(api.runtime.sendMessage(msg)).catch((e) => ({ error: String((e && e.message) || e) }));
}

function warn(text) {
  $("warning").hidden = !text;
  $("warning").textContent = text || "";
}

function renderCategories(profile, report) {
  const list = $("categories");
  list.replaceChildren();
  for (const [cat, on] of Object.entries(profile.categories)) {
    const li = document.createElement("li");
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = on;
    box.dataset.category = cat;
    box.addEventListener("change", () => edit({ categories: { [cat]: box.checked } }));
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = categoryLabel(cat);
    const n = document.createElement("span");
    n.className = "n";
    n.textContent = String((report && report.categories[cat]) || 0);
    label.append(box, name, n);
    li.append(label);
    list.append(li);
  }
}

function render(state, info) {
  const web = isWeb(tab);
  const running = !!state && !state.error;
  const site = info && !info.error && info.site && info.site.key ? info.site : null;
  $("unavailable").hidden = running;
  $("controls").hidden = !web || !site;
  $("site").textContent = site ? site.key : "";
  for (const b of ["toggle", "pick", "pick-keep", "reader", "show-removed"]) $(b).disabled = !running;
  if (info && info.problems && info.problems.length) warn(api.i18n.getMessage("popupSettingsCorrupt"));
  if (!site) return;
  for (const r of document.querySelectorAll("input[name=mode]")) r.checked = r.value === site.profile.mode;
  const report = running ? state.report : null;
  $("hidden-count").textContent = String(report ? report.hidden : 0);
  renderCategories(site.profile, report);
  $("toggle").textContent = api.i18n.getMessage(running && state.cleaned ? "popupUndo" : "popupRedo");
  $("pick-keep").disabled = !running || !state.cleaned || !report || !report.hidden;
}

async function refresh() {
  tab = await targetTab();
  const [state, info] = await Promise.all([ask({ type: "state" }), isWeb(tab) ? background({ type: "settings-get", url: tab.url }) : null]);
  render(state, info);
}

/** Changes this site's overrides; the background stores what the core returns. */
async function edit(patch) {
  const r = await background({ type: "settings-edit", op: "site", url: tab.url, patch });
  if (!r || !r.ok) warn(r && r.problems ? r.problems.map(problemText).join("\n") : (r && r.error) || api.i18n.getMessage("errorSave"));
  else warn("");
  await refresh();
  // The tab re-cleans with the new profile right after the save: show its new counts.
  setTimeout(refresh, 400);
}

for (const r of document.querySelectorAll("input[name=mode]")) {
  r.addEventListener("change", () => r.checked && edit({ mode: r.value }));
}
$("toggle").addEventListener("click", async () => {
  await ask({ type: "toggle" });
  $("show-removed").checked = false;
  await refresh();
});
$("show-removed").addEventListener("change", (e) => ask({ type: "show-removed", on: e.target.checked }));
$("reader").addEventListener("click", async () => {
  await ask({ type: "reader-toggle" });
  window.close();
});
async function pick(mode) {
  const r = await background({ type: "picker-start", tabId: tab.id, mode });
  if (r && r.error) return warn(r.error);
  window.close();
}
$("pick").addEventListener("click", () => pick("hide"));
$("pick-keep").addEventListener("click", () => pick("keep"));
$("open-options").addEventListener("click", () => {
  api.runtime.openOptionsPage();
  window.close();
});

localize(document);
refresh();
