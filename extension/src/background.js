// Background: a service worker in Chromium, background scripts in Firefox. It holds the
// settings, injects the stylesheet with user origin (so it outranks the page's own !important
// rules and paints hidden from the first frame), keeps the toolbar badge, and runs the core for
// pages whose CSP forbids wasm in content scripts. All deciding is the core's (wasm).

import init, * as core from "../../build/declutter_reader/declutter_reader.js";
import { api, isFirefox } from "./lib/api.js";
import { forgetBackup, isSettingsChange, loadSettings, saveSettings } from "./lib/settings.js";
import { cleaningKey } from "./lib/profile.js";

// The reader module holds everything the background needs (settings, stylesheet, CSP check,
// decide); the every-page core stays small.
const ready = init({ module_or_path: api.runtime.getURL("reader/declutter_reader_bg.wasm") });

// CSP headers seen per frame, recorded when the response arrives (before the content script
// asks): "tabId:frameId" -> { url, headers }.
const cspByFrame = new Map();
// Stylesheets injected per frame, to remove them on undo or on a settings change:
// "tabId:frameId" -> css. Kept in storage.session too: the service worker (Chromium) and the
// event page (Firefox) unload when idle, and a stylesheet whose text is forgotten can never be
// removed (a removed hide rule would keep hiding until the page is reloaded).
const cssByFrame = new Map();
const CSS_ITEM = "css:";
const session = api.storage.session;
// One change at a time per frame: each reads the sheet the one before it inserted.
const styleQueue = new Map();

const key = (tabId, frameId) => `${tabId}:${frameId}`;

if (!isFirefox && api.webRequest) {
  api.webRequest.onHeadersReceived.addListener(
    (d) => {
      const headers = (d.responseHeaders || [])
        .filter((h) => /^content-security-policy(-report-only)?$/i.test(h.name))
        .map((h) => h.value || "");
      cspByFrame.set(key(d.tabId, d.frameId), { url: d.url, headers });
    },
    { urls: ["http://*/*", "https://*/*"], types: ["main_frame", "sub_frame"] },
    ["responseHeaders"],
  );
}

function hostOf(url) {
  try {
    return new URL(url).hostname;
  } catch (e) {
    return "";
  }
}

async function profileFor(url) {
  await ready;
  const { settings } = await loadSettings(core);
  return core.profileFor(settings, hostOf(url));
}

/** May this frame compile wasm in its content script? */
function wasmAllowed(tabId, frameId, url) {
  if (isFirefox) return true;
  const seen = cspByFrame.get(key(tabId, frameId));
  // Unknown (the worker restarted between response and content script): decide here instead.
  if (!seen || seen.url.split("#")[0] !== url.split("#")[0]) return false;
  return core.cspAllowsWasm(seen.headers);
}

async function injectedCss(k) {
  if (cssByFrame.has(k) || !session) return cssByFrame.get(k);
  const got = await session.get(CSS_ITEM + k).catch(() => ({}));
  return got[CSS_ITEM + k];
}

function setStyle(tabId, frameId, profile, on, fresh = false) {
  const k = key(tabId, frameId);
  const run = async () => {
    const old = await injectedCss(k);
    const css = on ? core.stylesheet(profile) : null;
    const record = async (value) => {
      if (value !== null) cssByFrame.set(k, value);
      else cssByFrame.delete(k);
      if (session) await (value !== null ? session.set({ [CSS_ITEM + k]: value }) : session.remove(CSS_ITEM + k)).catch(() => {});
    };
    const insert = () => api.scripting.insertCSS({ target: { tabId, frameIds: [frameId] }, css, origin: "USER" });
    const remove = () => api.scripting.removeCSS({ target: { tabId, frameIds: [frameId] }, css: old, origin: "USER" }).catch(() => {});
    // The same sheet is already in this document: nothing to do. Taking it off and putting it
    // back (a keep rule added changes no stylesheet) showed every marked block for a moment in
    // Firefox, where the document-start sheet does not cover the site. A new document (`fresh`:
    // its hello, on or off) gets its sheet, or none, whatever the record says: the record may
    // be its predecessor's.
    if (on && css === old && !fresh) return;
    if (on && old && css !== old) {
      // Another sheet: the new one goes in before the old one comes off. The page keeps the
      // markers of its last clean until it is cleaned again (content.js, applySettings), and
      // with no sheet in between all that clean hid would show for a moment, then hide again
      // under the new sheet (Firefox's insertCSS takes tens of milliseconds).
      await record(css);
      try {
        await insert();
      } finally {
        await remove();
      }
      return;
    }
    // The same text is taken off before it goes in again: Firefox keeps one copy of a sheet, so
    // inserting it a second time and then removing it would leave none.
    if (old) {
      await record(null);
      await remove();
    }
    if (on) {
      await record(css);
      await insert();
    }
  };
  const done = (styleQueue.get(k) || Promise.resolve()).then(run, run);
  const tail = done.catch(() => {});
  styleQueue.set(k, tail);
  tail.then(() => { if (styleQueue.get(k) === tail) styleQueue.delete(k); });
  return done;
}

/** What the background keeps per frame in memory, forgotten as when the worker unloads (tests). */
function forgetFrames() {
  cspByFrame.clear();
  cssByFrame.clear();
}

async function setBadge(tabId, report) {
  const text = report && report.hidden ? String(report.hidden) : "";
  await api.action.setBadgeText({ tabId, text }).catch(() => {});
  await api.action.setBadgeBackgroundColor({ tabId, color: "#146e78" }).catch(() => {});
  let title = report ? api.i18n.getMessage("badgeTitle", [String(report.hidden)]) : api.i18n.getMessage("actionTitle");
  // The core's cheap "is this an article?" check: say when the reader view is worth opening.
  if (report && report.readerable) title += " — " + api.i18n.getMessage("readerAvailable");
  await api.action.setTitle({ tabId, title }).catch(() => {});
}

const reports = new Map(); // tabId -> last report of the top frame
const modelParts = new Map(); // key -> {strings, records, at}: a huge page's model in parts

/**
 * The document-start stylesheet (early.css: the default profile's stylesheet, built from the
 * core) is registered for every site whose profile it fits, so the browser injects it before
 * the page is parsed. Sites that are off, or whose categories or rules differ, get their own
 * stylesheet from `hello` instead.
 */
let earlyCssSync = Promise.resolve();
function syncEarlyCss() {
  // One at a time, each from the settings stored when it starts: a save is several storage
  // writes, and two overlapping syncs could both register (the second fails on the id) or
  // leave the exclusions of a half-written save.
  earlyCssSync = earlyCssSync.then(syncEarlyCssNow).catch(() => {});
  return earlyCssSync;
}

async function syncEarlyCssNow() {
  await ready;
  const { settings } = await loadSettings(core);
  const base = cleaningKey(core.profileFor(core.settingsDefaults(), ""));
  const fitsDefault = cleaningKey(core.profileFor(settings, "")) === base;
  const exclude = [];
  for (const host of Object.keys(settings.sites || {})) {
    if (cleaningKey(core.profileFor(settings, host)) !== base) {
      exclude.push(`*://${host}/*`, `*://www.${host}/*`);
      if (settings.sites[host].subdomains) exclude.push(`*://*.${host}/*`);
    }
  }
  const id = "declutter-early-css";
  const existing = await api.scripting.getRegisteredContentScripts({ ids: [id] }).catch(() => []);
  if (existing.length) await api.scripting.unregisterContentScripts({ ids: [id] }).catch(() => {});
  if (!fitsDefault) return;
  const script = { id, matches: ["http://*/*", "https://*/*"], css: ["early.css"], runAt: "document_start", allFrames: true };
  if (exclude.length) script.excludeMatches = exclude;
  await api.scripting.registerContentScripts([script]).catch(() => {});
}

syncEarlyCss();
api.storage.onChanged.addListener((changes) => {
  if (isSettingsChange(changes)) settingsChanged();
});

async function handle(msg, sender) {
  const tabId = sender.tab ? sender.tab.id : undefined;
  const frameId = sender.frameId ?? 0;
  switch (msg.type) {
    case "hello": {
      await ready;
      const profile = await profileFor(msg.url);
      const wasm = wasmAllowed(tabId, frameId, msg.url);
      // A new document: its sheet, or (off) none, whatever the frame's record says: the record
      // may be its predecessor's.
      if (tabId !== undefined) await setStyle(tabId, frameId, profile, profile.mode !== "off", true).catch(() => {});
      return { profile, wasm, gatherSpec: core.gatherSpec(profile) };
    }
    case "style": {
      await ready;
      const profile = msg.profile || (await profileFor(sender.url || ""));
      await setStyle(tabId, frameId, profile, !!msg.on);
      return { ok: true };
    }
    case "decide-part": {
      // A huge page's model, in parts (content.js sendParts); kept until its decide answers.
      // Parts are sent without waiting for each other: each says where it goes.
      const parts = modelParts.get(msg.key) || { strings: [], records: [], at: Date.now() };
      const i = msg.index;
      if (!Number.isInteger(i) || i < 0 || i > 1e6 || typeof msg.strings !== "string" || !Array.isArray(msg.records)) return { error: "decide-part: malformed part" };
      parts.strings[i] = msg.strings;
      parts.records[i] = msg.records;
      modelParts.set(msg.key, parts);
      for (const [k, p] of modelParts) if (Date.now() - p.at > 120000) modelParts.delete(k);
      return { ok: true };
    }
    case "decide": {
      await ready;
      if (msg.key) {
        const parts = modelParts.get(msg.key);
        if (!parts) return { error: "decide: the model's parts are missing" };
        for (let i = 0; i < parts.strings.length; i++) if (typeof parts.strings[i] !== "string") return { error: `decide: part ${i} of the model is missing` };
        msg.strings = parts.strings.join("\0");
        msg.records = parts.records.flat();
      }
      const page = new Float32Array(Array.isArray(msg.page) ? msg.page : []);
      const r = core.decide(msg.strings, new Int32Array(msg.records), new Float32Array(msg.layout), new Float32Array(msg.viewport), msg.profile, !!msg.measured, !!msg.fragment, !!msg.inside, page, !!msg.opened, typeof msg.url === "string" ? msg.url : "", !!msg.besideArticle);
      if (r.measure) return { measure: Array.from(r.measure) };
      if (msg.key) modelParts.delete(msg.key);
      const out = { ids: Array.from(r.ids), markers: r.markers, css: r.css, report: r.report, article: r.article, replies: !!r.replies, overlay: !!r.overlay };
      if (r.unlock) Object.assign(out, { unlock: Array.from(r.unlock), unlockMarkers: r.unlockMarkers });
      return out;
    }
    case "unlock": {
      // A scroll lock put on after an overlay went (content.js processSlice).
      await ready;
      const r = core.unlocks(new Float32Array(Array.isArray(msg.page) ? msg.page : []));
      return { unlock: Array.from(r.unlock), unlockMarkers: r.unlockMarkers };
    }
    case "extract": {
      await ready;
      return core.extractModel(msg.strings, new Int32Array(msg.records), msg.url || "", msg.profile);
    }
    case "reader-prefs": {
      const r = await edit((settings) => core.settingsSetReader(settings, msg.prefs));
      return { ok: r.ok };
    }
    case "report": {
      if (tabId !== undefined && frameId === 0) {
        if (msg.report) reports.set(tabId, msg.report);
        else reports.delete(tabId);
        await setBadge(tabId, msg.report);
      }
      return { ok: true };
    }
    case "error":
      return { ok: true };
    default:
      return handleSettings(msg, sender);
  }
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || typeof msg.type !== "string" || sender.id !== api.runtime.id) return false;
  handle(msg, sender).then(sendResponse, (e) => sendResponse({ error: String((e && e.message) || e) }));
  return true;
});

/** Sends `type` to the top frame of a tab (the active one when `tabId` is null). */
async function toTab(tabId, type) {
  if (tabId == null) {
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    tabId = tab && tab.id;
  }
  if (tabId == null) return null;
  return api.tabs.sendMessage(tabId, { type }, { frameId: 0 });
}

/** Toggles the clean on a tab (the keyboard command; also used by tests). */
const toggle = (tabId) => toTab(tabId, "toggle");

/** Opens or closes the reader view on a tab (the keyboard command; also used by tests). */
const toggleReader = (tabId) => toTab(tabId, "reader-toggle");

api.commands.onCommand.addListener((command, tab) => {
  if (command === "toggle-clean") toggle(tab && tab.id).catch(() => {});
  if (command === "toggle-reader") toggleReader(tab && tab.id).catch(() => {});
});

api.tabs.onRemoved.addListener((tabId) => {
  reports.delete(tabId);
  for (const m of [cspByFrame, cssByFrame]) for (const k of [...m.keys()]) if (k.startsWith(tabId + ":")) m.delete(k);
  if (session) {
    session.get(null).then((all) => {
      const gone = Object.keys(all || {}).filter((k) => k.startsWith(`${CSS_ITEM}${tabId}:`));
      if (gone.length) return session.remove(gone);
    }).catch(() => {});
  }
});

// ---- settings: edits, the popup, the options page, the element picker, the context menu ------
//
// The background is the one writer of settings. Every edit is the core's (settingsSetSite,
// settingsAddRule, ...): it returns the new settings or the problems, and nothing is stored on
// a problem. Edits run one at a time. A stored change reaches every open tab at once: each
// frame asks for its profile again and re-cleans with it (content.js, applySettings).

let edits = Promise.resolve();

/** Runs `fn(settings)` (a core edit) on the current settings and stores what it returns. */
function edit(fn) {
  const run = edits.then(async () => {
    await ready;
    const { settings } = await loadSettings(core);
    const r = fn(settings);
    if (!r.ok || r.changed === false || r.changed === "none") return r;
    const { area } = await saveSettings(core, r.settings);
    return { ...r, area };
  });
  edits = run.catch(() => {});
  return run;
}

/** The settings entry for a page: the one that applies to its host (maybe a parent domain's). */
function siteOf(settings, url) {
  const host = hostOf(url);
  return host ? core.settingsSite(settings, host) : null;
}

function siteKeyOf(settings, url) {
  const site = siteOf(settings, url);
  if (!site || !site.key) throw new Error(api.i18n.getMessage("errorNoSite") || "not a web page");
  return site.key;
}

let broadcastTimer = null;
function settingsChanged() {
  syncEarlyCss();
  // A save is a few storage writes: tell the tabs once, after the last.
  clearTimeout(broadcastTimer);
  broadcastTimer = setTimeout(() => broadcastSettings().catch(() => {}), 30);
}

/** Every frame of every web tab re-reads its profile; a top frame now in reader mode asks for the reader. */
async function broadcastSettings() {
  const tabs = await api.tabs.query({});
  await Promise.all(
    tabs.filter((t) => t.id != null && /^https?:/.test(t.url || "")).map((t) => api.tabs.sendMessage(t.id, { type: "settings-changed" }).catch(() => null)),
  );
}

/** The reader view's hook: the tab's content script opens it (implemented with the reader view). */
const readerRequests = new Map(); // tabId -> count, for the popup state and tests
async function openReader(tabId) {
  readerRequests.set(tabId, (readerRequests.get(tabId) || 0) + 1);
  return api.tabs.sendMessage(tabId, { type: "reader-open" }, { frameId: 0 }).catch(() => null);
}

/** Starts the element picker in a tab's top frame: "hide" picks blocks to hide, "keep" outlines hidden blocks to keep. */
async function startPicker(tabId, mode) {
  mode = mode === "keep" ? "keep" : "hide";
  if (mode === "keep") await api.tabs.sendMessage(tabId, { type: "show-removed", on: true }, { frameId: 0 }).catch(() => null);
  await api.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ["picker.js"] });
  return api.tabs.sendMessage(tabId, { type: "picker-start", mode }, { frameId: 0 });
}

/**
 * "Hide this element on this site": the frame that was right-clicked names the element. A frame
 * Declutter does not run in (an ad's iframe) cannot: the top frame names the frame element
 * showing `frameUrl`, and that is hidden.
 */
async function hideContextTarget(tabId, frameId = 0, frameUrl = "") {
  let r = await api.tabs.sendMessage(tabId, { type: "context-selector" }, { frameId }).catch(() => null);
  if ((!r || !r.selector) && frameId !== 0 && frameUrl) r = await api.tabs.sendMessage(tabId, { type: "frame-selector", url: frameUrl }, { frameId: 0 }).catch(() => null);
  if (!r || !r.selector || !r.url) return { ok: false, problems: [{ path: "", message: api.i18n.getMessage("errorNoElement") }] };
  return edit((s) => core.settingsAddRule(s, siteKeyOf(s, r.url), "hide", r.selector));
}

const MENU_HIDE = "declutter-hide-element";
const MENU_READER = "declutter-reader-view";
function setupContextMenu() {
  if (!api.contextMenus) return;
  const done = () => void api.runtime.lastError; // already there (a restarted worker / event page)
  try {
    api.contextMenus.create(
      { id: MENU_HIDE, title: api.i18n.getMessage("menuHideElement"), contexts: ["page", "link", "image", "video", "audio", "selection"], documentUrlPatterns: ["http://*/*", "https://*/*"] },
      done,
    );
  } catch (e) {
    // Firefox throws synchronously on a duplicate id.
  }
  try {
    api.contextMenus.create(
      { id: MENU_READER, title: api.i18n.getMessage("menuReaderView"), contexts: ["page", "selection"], documentUrlPatterns: ["http://*/*", "https://*/*"] },
      done,
    );
  } catch (e) {
    // As above.
  }
}
setupContextMenu();
api.contextMenus?.onClicked.addListener((info, tab) => {
  if (info.menuItemId === MENU_HIDE && tab && tab.id != null) hideContextTarget(tab.id, info.frameId || 0, info.frameUrl || "").catch(() => {});
  if (info.menuItemId === MENU_READER && tab && tab.id != null) toggleReader(tab.id).catch(() => {});
});

function isExtensionPage(sender) {
  return typeof sender.url === "string" && sender.url.startsWith(api.runtime.getURL(""));
}

/**
 * Settings messages. Content scripts may only read their own frame's profile and add or take
 * back rules for their own frame's site (the picker); the rest is for extension pages (popup,
 * options). Never the page: it cannot reach runtime messaging at all.
 */
async function handleSettings(msg, sender) {
  const tabId = sender.tab ? sender.tab.id : undefined;
  await ready;
  switch (msg.type) {
    case "profile": {
      const profile = await profileFor(sender.url || "");
      // What to gather follows the rules: a new keep or hide rule may name any attribute.
      return { profile, gatherSpec: core.gatherSpec(profile) };
    }
    case "rule-add":
      return edit((s) => core.settingsAddRule(s, siteKeyOf(s, sender.url || ""), String(msg.kind), String(msg.selector)));
    case "rule-remove":
      return edit((s) => core.settingsRemoveRule(s, siteKeyOf(s, sender.url || ""), String(msg.kind), String(msg.selector)));
    case "picker-done":
      if (msg.mode === "keep" && tabId !== undefined) await api.tabs.sendMessage(tabId, { type: "show-removed", on: false }, { frameId: 0 }).catch(() => null);
      return { ok: true };
    case "reader-mode":
      if (tabId !== undefined && (sender.frameId ?? 0) === 0) await openReader(tabId);
      return { ok: true };
  }
  if (!isExtensionPage(sender)) return undefined;
  switch (msg.type) {
    case "settings-get": {
      const { settings, problems, raw, area, backup } = await loadSettings(core);
      const site = msg.url ? siteOf(settings, msg.url) : null;
      return { settings, problems, raw, area, backup, site, defaults: core.settingsDefaults() };
    }
    case "settings-edit":
      return edit((s) => {
        switch (msg.op) {
          case "site": // a page's site (popup) or a site entry (options)
            return core.settingsSetSite(s, msg.url ? siteKeyOf(s, msg.url) : String(msg.host), msg.patch);
          case "defaults":
            return core.settingsSetDefaults(s, msg.patch);
          case "add-rule":
            return core.settingsAddRule(s, String(msg.host), String(msg.kind), String(msg.selector));
          case "remove-rule":
            return core.settingsRemoveRule(s, String(msg.host), String(msg.kind), String(msg.selector));
          case "remove-site":
            return core.settingsRemoveSite(s, String(msg.host));
          default:
            throw new Error(`unknown edit ${msg.op}`);
        }
      });
    case "settings-import": {
      // Validated whole by the core; on a problem nothing changes.
      const r = core.settingsImport(String(msg.text));
      if (!r.ok) return r;
      return edit(() => r);
    }
    case "host-key": // how the core names a site entry for a host the user typed
      return { key: core.settingsSite(core.settingsDefaults(), String(msg.host)).key };
    case "settings-export": {
      const { settings } = await loadSettings(core);
      return { text: core.settingsExport(settings) };
    }
    case "settings-reset":
      // The defaults, stored explicitly; a corrupt copy is kept aside by the save.
      return edit(() => ({ ok: true, settings: core.settingsDefaults() }));
    case "settings-forget-backup":
      await forgetBackup();
      return { ok: true };
    case "picker-start":
      return startPicker(Number(msg.tabId), msg.mode);
    case "context-hide":
      return hideContextTarget(Number(msg.tabId), Number(msg.frameId) || 0, String(msg.frameUrl || ""));
    case "reader-requests":
      return { count: readerRequests.get(Number(msg.tabId)) || 0 };
    default:
      return undefined;
  }
}

// For the popup and the test harness (extension contexts only; pages cannot reach this).
/** Stores `settings` after `ms`, from here (tests: a change that lands while a page loads). */
function storeSettingsLater(settings, ms) {
  const copy = JSON.parse(JSON.stringify(settings));
  setTimeout(() => api.storage.sync.set({ settings: copy }).catch(() => {}), ms);
}

globalThis.declutter = { forgetFrames, storeSettingsLater, toggle, toggleReader, reports, ready, core, startPicker, hideContextTarget, openReader, readerRequests };
