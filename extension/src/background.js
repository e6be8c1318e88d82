// Background: a service worker in Chromium, background scripts in Firefox. It holds the
// settings, injects the stylesheet with user origin (so it outranks the page's own !important
// rules and paints hidden from the first frame), keeps the toolbar badge, and runs the core for
// pages whose CSP forbids wasm in content scripts. All deciding is the core's (wasm).

import init, * as core from "../../build/declutter_reader/declutter_reader.js";
import { api, isFirefox } from "./lib/api.js";
import { loadSettings } from "./lib/settings.js";

// The reader module holds everything the background needs (settings, stylesheet, CSP check,
// decide); the every-page core stays small.
const ready = init({ module_or_path: api.runtime.getURL("reader/declutter_reader_bg.wasm") });

// CSP headers seen per frame, recorded when the response arrives (before the content script
// asks): "tabId:frameId" -> { url, headers }.
const cspByFrame = new Map();
// Stylesheets injected per frame, to remove them on undo: "tabId:frameId" -> css.
const cssByFrame = new Map();

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

async function setStyle(tabId, frameId, profile, on) {
  const k = key(tabId, frameId);
  const old = cssByFrame.get(k);
  if (old) {
    cssByFrame.delete(k);
    await api.scripting.removeCSS({ target: { tabId, frameIds: [frameId] }, css: old, origin: "USER" }).catch(() => {});
  }
  if (on) {
    const css = core.stylesheet(profile);
    cssByFrame.set(k, css);
    await api.scripting.insertCSS({ target: { tabId, frameIds: [frameId] }, css, origin: "USER" });
  }
}

async function setBadge(tabId, report) {
  const text = report && report.hidden ? String(report.hidden) : "";
  await api.action.setBadgeText({ tabId, text }).catch(() => {});
  await api.action.setBadgeBackgroundColor({ tabId, color: "#146e78" }).catch(() => {});
  const title = report ? api.i18n.getMessage("badgeTitle", [String(report.hidden)]) : api.i18n.getMessage("actionTitle");
  await api.action.setTitle({ tabId, title }).catch(() => {});
}

const reports = new Map(); // tabId -> last report of the top frame

/**
 * The document-start stylesheet (early.css: the default profile's stylesheet, built from the
 * core) is registered for every site whose profile it fits, so the browser injects it before
 * the page is parsed. Sites that are off, or whose categories or rules differ, get their own
 * stylesheet from `hello` instead.
 */
async function syncEarlyCss() {
  await ready;
  const { settings } = await loadSettings(core);
  const base = JSON.stringify(core.profileFor(core.settingsDefaults(), ""));
  const fitsDefault = JSON.stringify(core.profileFor(settings, "")) === base;
  const exclude = [];
  for (const host of Object.keys(settings.sites || {})) {
    if (JSON.stringify(core.profileFor(settings, host)) !== base) {
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
api.storage.onChanged.addListener(() => syncEarlyCss());

async function handle(msg, sender) {
  const tabId = sender.tab ? sender.tab.id : undefined;
  const frameId = sender.frameId ?? 0;
  switch (msg.type) {
    case "hello": {
      await ready;
      const profile = await profileFor(msg.url);
      const wasm = wasmAllowed(tabId, frameId, msg.url);
      if (profile.mode !== "off" && tabId !== undefined) await setStyle(tabId, frameId, profile, true).catch(() => {});
      return { profile, wasm, gatherSpec: core.gatherSpec(profile) };
    }
    case "style": {
      await ready;
      const profile = msg.profile || (await profileFor(sender.url || ""));
      await setStyle(tabId, frameId, profile, !!msg.on);
      return { ok: true };
    }
    case "decide": {
      await ready;
      const r = core.decide(msg.strings, new Int32Array(msg.records), new Float32Array(msg.layout), new Float32Array(msg.viewport), msg.profile, !!msg.measured, !!msg.fragment, !!msg.inside);
      if (r.measure) return { measure: Array.from(r.measure) };
      return { ids: Array.from(r.ids), markers: r.markers, css: r.css, report: r.report, article: r.article };
    }
    case "extract": {
      await ready;
      return core.extractModel(msg.strings, new Int32Array(msg.records), msg.url || "", msg.profile);
    }
    case "reader-prefs": {
      await ready;
      const { settings } = await loadSettings(core);
      const r = core.settingsSetReader(settings, msg.prefs);
      if (r.ok) await api.storage.sync.set({ settings: r.settings });
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
      return undefined;
  }
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || typeof msg.type !== "string" || sender.id !== api.runtime.id) return false;
  handle(msg, sender).then(sendResponse, (e) => sendResponse({ error: String((e && e.message) || e) }));
  return true;
});

/** Toggles the clean on a tab (the keyboard command; also used by tests). */
async function toggle(tabId) {
  if (tabId == null) {
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    tabId = tab && tab.id;
  }
  if (tabId == null) return null;
  return api.tabs.sendMessage(tabId, { type: "toggle" }, { frameId: 0 });
}

/** Opens or closes the reader view on a tab (the keyboard command; also used by tests). */
async function toggleReader(tabId) {
  if (tabId == null) {
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    tabId = tab && tab.id;
  }
  if (tabId == null) return null;
  return api.tabs.sendMessage(tabId, { type: "reader-toggle" }, { frameId: 0 });
}

api.commands.onCommand.addListener((command, tab) => {
  if (command === "toggle-clean") toggle(tab && tab.id).catch(() => {});
  if (command === "toggle-reader") toggleReader(tab && tab.id).catch(() => {});
});

api.tabs.onRemoved.addListener((tabId) => {
  reports.delete(tabId);
  for (const m of [cspByFrame, cssByFrame]) for (const k of [...m.keys()]) if (k.startsWith(tabId + ":")) m.delete(k);
});

// For the popup and the test harness (extension contexts only; pages cannot reach this).
globalThis.declutter = { toggle, toggleReader, reports, ready, core };
