// Popup: this tab's report and the undo / "show what was removed" controls. It asks the tab's
// content script; it decides nothing.
import { api } from "./lib/api.js";

const $ = (id) => document.getElementById(id);
const CATEGORY_LABELS = {
  ads: "categoryAds", sponsored: "categorySponsored", related: "categoryRelated", comments: "categoryComments",
  social: "categorySocial", newsletter: "categoryNewsletter", overlays: "categoryOverlays", cookies: "categoryCookies",
};

function localize() {
  for (const el of document.querySelectorAll("[data-i18n]")) {
    const m = api.i18n.getMessage(el.dataset.i18n);
    if (m) el.textContent = m;
  }
}

async function activeTab() {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab;
}

async function ask(msg) {
  const tab = await activeTab();
  if (!tab) return null;
  return api.tabs.sendMessage(tab.id, msg, { frameId: 0 }).catch(() => null);
}

function render(state) {
  const available = !!state && !state.error;
  $("unavailable").hidden = available;
  $("summary").hidden = !available;
  $("toggle").disabled = !available;
  if (!available) return;
  const report = state.report;
  $("hidden-count").textContent = String(report ? report.hidden : 0);
  const list = $("categories");
  list.replaceChildren();
  if (report) {
    for (const [cat, n] of Object.entries(report.categories)) {
      if (!n) continue;
      const li = document.createElement("li");
      const name = document.createElement("span");
      name.textContent = api.i18n.getMessage(CATEGORY_LABELS[cat] || "") || cat;
      const count = document.createElement("span");
      count.textContent = String(n);
      li.append(name, count);
      list.append(li);
    }
  }
  $("toggle").textContent = api.i18n.getMessage(state.cleaned ? "popupUndo" : "popupRedo");
}

async function refresh() {
  render(await ask({ type: "state" }));
}

$("toggle").addEventListener("click", async () => {
  await ask({ type: "toggle" });
  $("show-removed").checked = false;
  await refresh();
});
$("show-removed").addEventListener("change", (e) => ask({ type: "show-removed", on: e.target.checked }));

localize();
refresh();
