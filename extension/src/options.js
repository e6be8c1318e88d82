// Options page: the defaults (mode, categories, reader typography), the sites with settings of
// their own (search, edit, delete), import and export, and what went wrong with stored settings.
// Every change is a core edit run by the background (settings-edit); this page shows what comes
// back and the problems the core names. It interprets nothing.
import { api } from "./lib/api.js";
import { categoryLabel, localize, msg, problemText } from "./lib/ui.js";

const $ = (id) => document.getElementById(id);
let data = null; // the background's settings-get: { settings, problems, raw, area, backup, defaults }
let editing = null; // the site open in the dialog

function bg(m) {
  return Promise.resolve(api.runtime.sendMessage(m)).catch((e) => ({ error: String((e && e.message) || e) }));
}

function status(text) {
  $("status").textContent = text;
}

function problemsOf(r) {
  if (r && r.problems) return r.problems.map(problemText).join("\n");
  return (r && r.error) || msg("errorSave");
}

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "dataset") Object.assign(e.dataset, v);
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k in e) e[k] = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

/** Runs an edit in the background; shows "saved" or the problems (in `report`). */
async function edit(req, report = status) {
  const r = await bg({ type: "settings-edit", ...req });
  if (!r || !r.ok) {
    report(problemsOf(r));
    await load();
    return false;
  }
  report("");
  status(msg(r.area === "local" ? "optionsSavedLocal" : "optionsSaved"));
  await load();
  return true;
}

async function load() {
  data = await bg({ type: "settings-get" });
  if (!data || data.error) {
    status(problemsOf(data));
    return;
  }
  render();
}

function download(text, name) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// ---- render ----------------------------------------------------------------------------------

function renderBanner() {
  const broken = data.problems.length > 0;
  const kept = data.backup && data.backup.length ? data.backup[data.backup.length - 1] : null;
  $("corrupt").hidden = !broken && !kept;
  if (!broken && !kept) return;
  $("corrupt-title").textContent = msg(broken ? "optionsCorruptTitle" : "optionsBackupTitle");
  $("corrupt-text").textContent = msg(broken ? "optionsCorruptText" : "optionsBackupText");
  $("corrupt-problems").replaceChildren(...(broken ? data.problems : kept.problems).map((p) => el("li", {}, problemText(p))));
  $("reset").hidden = !broken;
  $("forget-backup").hidden = broken;
}

function renderDefaults() {
  const d = data.settings.defaults;
  for (const r of document.querySelectorAll("input[name=default-mode]")) r.checked = r.value === d.mode;
  const box = $("default-categories");
  box.replaceChildren(
    ...Object.entries(d.categories).map(([cat, on]) =>
      el("label", {}, el("input", { type: "checkbox", checked: on, dataset: { category: cat }, onchange: (e) => edit({ op: "defaults", patch: { categories: { [cat]: e.target.checked } } }) }), categoryLabel(cat)),
    ),
  );
  for (const input of document.querySelectorAll("[data-field]")) {
    if (document.activeElement !== input) input.value = String(d.reader[input.dataset.field]);
  }
}

function modeLabel(mode) {
  return mode ? msg({ off: "modeOff", clean: "modeClean", reader: "modeReader" }[mode]) : msg("optionDefault");
}

function renderSites() {
  const q = $("site-search").value.trim().toLowerCase();
  const sites = Object.entries(data.settings.sites);
  const shown = sites.filter(([host]) => !q || host.includes(q));
  $("no-sites").hidden = sites.length > 0;
  $("site-table").hidden = sites.length === 0;
  $("sites").replaceChildren(
    ...shown.map(([host, site]) =>
      el(
        "tr",
        { dataset: { host } },
        el("td", { className: "host" }, host + (site.subdomains ? " (+)" : "")),
        el("td", {}, modeLabel(site.mode)),
        el("td", {}, msg("optionsRulesCount", [String((site.hide || []).length), String((site.keep || []).length)])),
        el(
          "td",
          { className: "actions" },
          el("button", { type: "button", className: "secondary", textContent: msg("optionsEdit"), "aria-label": msg("optionsEditSite", [host]), onclick: () => openSite(host) }),
          " ",
          el("button", { type: "button", className: "danger", textContent: msg("optionsDelete"), "aria-label": msg("optionsDeleteSite", [host]), onclick: () => edit({ op: "remove-site", host }) }),
        ),
      ),
    ),
  );
}

function render() {
  renderBanner();
  $("local-note").hidden = data.area !== "local";
  renderDefaults();
  renderSites();
  if (editing) renderSite();
}

// ---- the site dialog --------------------------------------------------------------------------

function siteEdit(patch) {
  return edit({ op: "site", host: editing, patch }, (t) => ($("site-status").textContent = t));
}

function select(id, value, options, onchange) {
  return el("select", { id, onchange }, ...options.map(([v, label]) => el("option", { value: v, selected: v === value }, label)));
}

function renderSite() {
  const host = editing;
  const site = data.settings.sites[host] || {};
  const d = data.settings.defaults;
  $("site-dialog-title").textContent = host;
  $("site-mode").value = site.mode || "";
  $("site-subdomains").checked = !!site.subdomains;
  const cats = $("site-categories");
  cats.replaceChildren();
  for (const cat of Object.keys(d.categories)) {
    const id = `site-cat-${cat}`;
    const value = cat in (site.categories || {}) ? String(site.categories[cat]) : "";
    const deflt = msg("optionDefaultIs", [msg(d.categories[cat] ? "optionHide" : "optionShow")]);
    cats.append(
      el("label", { htmlFor: id }, categoryLabel(cat)),
      select(id, value, [["", deflt], ["true", msg("optionHide")], ["false", msg("optionShow")]], (e) => siteEdit({ categories: { [cat]: e.target.value === "" ? null : e.target.value === "true" } })),
    );
  }
  const r = site.reader || {};
  const reader = $("site-reader");
  reader.replaceChildren();
  const choice = (field, values, labelKey) => {
    const id = `site-reader-${field}`;
    reader.append(
      el("label", { htmlFor: id }, msg(labelKey)),
      select(id, r[field] || "", [["", msg("optionDefaultIs", [String(d.reader[field])])], ...values.map(([v, k]) => [v, msg(k)])], (e) => siteEdit({ reader: { [field]: e.target.value || null } })),
    );
  };
  choice("theme", [["auto", "themeAuto"], ["light", "themeLight"], ["sepia", "themeSepia"], ["dark", "themeDark"]], "readerTheme");
  choice("font", [["serif", "fontSerif"], ["sans", "fontSans"], ["mono", "fontMono"], ["dyslexic", "fontDyslexic"]], "readerFont");
  for (const [field, labelKey, step] of [["size", "readerSize", 1], ["width", "readerWidth", 1], ["line_height", "readerLineHeight", 0.1]]) {
    const id = `site-reader-${field}`;
    reader.append(
      el("label", { htmlFor: id }, msg(labelKey)),
      el("input", {
        id, type: "number", step, value: r[field] ?? "", placeholder: String(d.reader[field]),
        onchange: (e) => siteEdit({ reader: { [field]: e.target.value === "" ? null : Number(e.target.value) } }),
      }),
    );
  }
  for (const kind of ["hide", "keep"]) {
    $(`site-${kind}`).replaceChildren(
      ...(site[kind] || []).map((selector) =>
        el("li", {}, el("code", {}, selector), el("button", { type: "button", className: "link", textContent: msg("optionsRemove"), "aria-label": msg("optionsRemoveRule", [selector]), onclick: () => edit({ op: "remove-rule", host, kind, selector }) })),
      ),
    );
  }
}

function openSite(host) {
  editing = host;
  $("site-status").textContent = "";
  renderSite();
  if (!$("site-dialog").open) $("site-dialog").showModal();
}

$("site-dialog").addEventListener("close", () => {
  editing = null;
});
$("site-mode").addEventListener("change", (e) => siteEdit({ mode: e.target.value || null }));
$("site-subdomains").addEventListener("change", (e) => siteEdit({ subdomains: e.target.checked }));
for (const kind of ["hide", "keep"]) {
  const add = async () => {
    const input = $(`site-${kind}-new`);
    if (!input.value.trim()) return;
    if (await edit({ op: "add-rule", host: editing, kind, selector: input.value }, (t) => ($("site-status").textContent = t))) input.value = "";
  };
  $(`site-${kind}-add`).addEventListener("click", add);
  $(`site-${kind}-new`).addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      add();
    }
  });
}

// ---- the rest of the page ---------------------------------------------------------------------

for (const r of document.querySelectorAll("input[name=default-mode]")) {
  r.addEventListener("change", () => r.checked && edit({ op: "defaults", patch: { mode: r.value } }));
}
for (const input of document.querySelectorAll("[data-field]")) {
  input.addEventListener("change", () => {
    const v = input.type === "number" ? (input.value === "" ? null : Number(input.value)) : input.value;
    edit({ op: "defaults", patch: { reader: { [input.dataset.field]: v } } });
  });
}
$("site-search").addEventListener("input", () => data && renderSites());
$("add-site").addEventListener("submit", async (e) => {
  e.preventDefault();
  const host = $("new-site").value.trim();
  if (!host) return;
  // The core names the entry (lower case, no "www.", no scheme, port or path); it is stored
  // with the first change made in the dialog.
  const r = await bg({ type: "host-key", host });
  if (!r || !r.key) return status(msg("optionsBadHost", [host]));
  $("new-site").value = "";
  openSite(r.key);
});

$("export").addEventListener("click", async () => {
  const r = await bg({ type: "settings-export" });
  if (r && typeof r.text === "string") download(r.text, "declutter-settings.json");
  else status(problemsOf(r));
});

$("import").addEventListener("change", async (e) => {
  const file = e.target.files && e.target.files[0];
  if (!file) return;
  const text = await file.text();
  e.target.value = "";
  const r = await bg({ type: "settings-import", text });
  const box = $("import-result");
  box.hidden = false;
  box.classList.toggle("bad", !r || !r.ok);
  if (r && r.ok) {
    $("import-message").textContent = msg("optionsImported", [file.name]);
    $("import-problems").replaceChildren();
  } else {
    $("import-message").textContent = msg("optionsImportRejected", [file.name]);
    $("import-problems").replaceChildren(...(r && r.problems ? r.problems : [{ path: "", message: problemsOf(r) }]).map((p) => el("li", {}, problemText(p))));
  }
  await load();
});

$("download-raw").addEventListener("click", () => {
  const copy = { stored: data.raw ?? null, problems: data.problems, earlier: data.backup || [] };
  download(JSON.stringify(copy, null, 2) + "\n", "declutter-settings-unreadable.json");
});
$("reset").addEventListener("click", async () => {
  const r = await bg({ type: "settings-reset" });
  status(r && r.ok ? msg("optionsResetDone") : problemsOf(r));
  await load();
});
$("forget-backup").addEventListener("click", async () => {
  await bg({ type: "settings-forget-backup" });
  await load();
});

// Changes made elsewhere (the popup, the picker, another device) show here at once.
let reloadTimer = null;
api.storage.onChanged.addListener(() => {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(load, 50);
});

localize(document);
load();
