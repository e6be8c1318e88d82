// Content script: runs in every http(s) page at document_start, in the extension's isolated
// world. It decides nothing itself: the core (wasm) does.
//
//   document_start   ask the background for this site's profile; it injects the stylesheet
//                    (user origin: hides what markup alone reveals, before first paint) and
//                    says whether wasm may compile here (Chromium applies the page's CSP).
//   DOM ready        core.clean(document): one bulk gather, one decision, markers applied.
//                    Strict-CSP pages in Chromium: gather here, decide in the background
//                    (same core), apply here. No wasm compile, so no CSP violation.
//   later            a MutationObserver batches added subtrees, and boxes a class or style
//                    change turned into fixed overlays, and cleans them in slices that stay
//                    well under a frame (late ads, infinite scroll, modals, scroll locks).
//   messages         toggle / restore / clean / show-removed / report, from the popup,
//                    the keyboard command and the background. Never from the page.
//   settings         a stored change: ask for this frame's profile again and re-clean with it
//                    (off: restore and stay off). The element picker (picker.js) is injected
//                    on demand; "Hide this element" names the last right-clicked element.

import init, * as core from "../../build/declutter/declutter.js";
import * as dom from "../../src/web/dom.js";
import { api, isFirefox, send } from "./lib/api.js";
import { openReader } from "./reader/view.js";
import { selectorFor } from "./lib/selector.js";
import { cleaningKey } from "./lib/profile.js";

const state = {
  profile: null,
  engine: null, // "wasm" | "background"
  wasm: false, // the background allows compiling wasm in this frame
  cleaned: false,
  styled: false, // the background injected the stylesheet for this frame
  report: null,
  observer: null,
  pending: [],
  scheduled: false,
  // Bumped by undo and by a settings change: a clean or a late-additions pass that started
  // before stops at its next step instead of marking the page (or switching it on) after it.
  gen: 0,
  // The last clean's markers while a re-clean is decided in the background (dom.holdMarks).
  held: null,
  // The article the last clean found (the fallback), and whether it is a page of replies.
  article: null,
  replies: false,
  // Elements whose class or style changed since the last pass (see watch), and those already
  // taken as late roots for it.
  changed: new Set(),
  shown: new WeakSet(),
  // How often a box's change left it shown in the flow, with no fixed box in it: a box that
  // moves by style every frame (a tile, a ticker, a parallax layer) is not measured for each.
  inFlow: new WeakMap(),
  deferred: new Set(), // such boxes whose style changed since: looked at when the timer fires
  deferTimer: 0,
  opened: new WeakSet(), // late roots and boxes that came right after the reader's own input
  // Boxes hidden by their own inline style or `hidden` attribute, which the core passes over
  // (an ad slot the page shows once it is filled), those of them shown again (found among the
  // changed boxes in takeShown, taken in takeRevealed in the same pass), and those already
  // judged once shown.
  latent: new WeakSet(),
  reveals: new Set(),
  judged: new WeakSet(),
  hovered: null, // the control the mouse last entered, and when (see byHover)
  hoveredAt: 0,
  // The user's last clicks, taps or keys that could open something (see opens): [time, the box
  // over the page a dismissing control was in (see DISMISS_WORDS, overBox), whether it was a
  // press on a control (not a key)].
  inputs: [],
  // When the changes the next pass looks at began (0: none yet), and the deferred ones.
  changeAt: 0,
  deferredAt: 0,
  lockChanged: false, // the root's or body's class changed since the last pass
  // Their style changed (scroll-linked pages set custom properties there every frame): a pass
  // looks again only when their overflow or position moved (lockSig, as the last pass saw it).
  rootStyled: false,
  rootTimer: 0,
  lockSig: undefined,
  overlayHidden: false, // the background's decisions hid a block that may lock scrolling
};

function domReady() {
  if (document.readyState !== "loading") return Promise.resolve();
  // Continue in a task of our own, not in the parser's (which may go on to lay out the page).
  return new Promise((resolve) => document.addEventListener("DOMContentLoaded", () => setTimeout(resolve, 0), { once: true }));
}

/**
 * Compiles the core. The background checked the response's CSP headers; a policy can also come
 * from a <meta> tag parsed since, so the check and the compile happen in one task: with a meta
 * policy present the page is left to the background engine and nothing is compiled here.
 */
async function loadWasm() {
  const bytes = await (await fetch(api.runtime.getURL("core/declutter_bg.wasm"))).arrayBuffer();
  if (!isFirefox) await headParsed();
  if (!isFirefox && document.querySelector('meta[http-equiv="Content-Security-Policy" i]')) return "background";
  const module = await WebAssembly.compile(bytes);
  await init({ module_or_path: module });
  return "wasm";
}

/** Resolves once the head is parsed (the body began, or the document is parsed): a policy in a
 * meta tag counts only in the head, and is then always seen, whatever the fetch's timing. */
function headParsed() {
  if (document.body || document.readyState !== "loading") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      observer.disconnect();
      resolve();
    };
    const observer = new MutationObserver(() => {
      if (document.body) done();
    });
    observer.observe(document, { childList: true, subtree: true });
    document.addEventListener("DOMContentLoaded", done, { once: true });
  });
}

/** The core here if it loads (else the background decides: the page is still cleaned). */
function loadCore() {
  return loadWasm().catch(() => "background");
}

function merge(total, r) {
  if (!total) return r;
  total.hidden += r.hidden;
  for (const k of Object.keys(r.categories)) total.categories[k] = (total.categories[k] || 0) + r.categories[k];
  total.rules += r.rules;
  total.expanded += r.expanded;
  total.unstuck += r.unstuck;
  total.article = total.article || r.article;
  total.ms += r.ms;
  return total;
}

// Pages above this many elements are cleaned in slices: the walk yields to the page every few
// milliseconds, the layout is read after the browser's own first layout, and the core decides
// in the background (its time is not the page's).
const BIG_PAGE = 8000;
const SLICE_MS = 5;

/** More than BIG_PAGE elements: the collection walks only up to that index (no full count). */
function isBig() {
  return document.getElementsByTagName("*")[BIG_PAGE] !== undefined;
}

function nextTask() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** After the browser's next frame (its own style and layout), or soon when no frame comes. */
function afterFrame() {
  return new Promise((resolve) => {
    const done = () => setTimeout(resolve, 0);
    const timer = setTimeout(resolve, 250); // hidden tabs get no frames
    requestAnimationFrame(() => {
      clearTimeout(timer);
      done();
    });
  });
}

/**
 * Gathers in slices of SLICE_MS and sends each slice's part of the model to the background as
 * soon as it is made (a huge page's model is megabytes: held whole, or sent as one message, it
 * means long serializations and garbage-collection pauses), then reads the layout facts after
 * a frame. Returns the gathered nodes and layout, and the key the parts are stored under; null
 * when the page was undone or re-cleaned meanwhile (`gen`). `held`: the last clean's markers,
 * on while the page is read (see decideInBackground).
 */
async function gatherSliced(root, held, gen) {
  const key = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  // Held markers stay on while the page is read (across many tasks); the records leave them out.
  const g = dom.startGather(root, state.gatherSpec, !!held);
  // A part is stored while the next step runs (the background keeps them by index; `send`
  // never rejects: a failure answers null).
  const sent = [];
  for (;;) {
    const done = dom.gatherStep(g, performance.now() + SLICE_MS);
    for (const p of g.pieces.splice(0)) sent.push(send({ type: "decide-part", key, index: sent.length, strings: p.strings, records: dom.plain(p.records) }));
    if (done) break;
    if (gen !== state.gen) return null; // undone or re-cleaned meanwhile
    // Each step in a timer task of its own. A chain of them is clamped to about 4 ms a link,
    // idle time in which the browser can collect the walk's garbage. Yielding through messages
    // instead (no clamp) was about 15 % faster end to end, but in 2 of 36 runs on the
    // 100,000-element page a later task of ours took 77 ms (55 of them garbage collection)
    // and 261 ms; with timers, none in 10.
    await nextTask();
  }
  const stored = await Promise.all(sent);
  if (stored.some((r) => !r || !r.ok)) throw new Error("a part of the page's model was not stored");
  await afterFrame();
  if (gen !== state.gen) return null;
  // The layout facts are those of the bare page, read in one task: no frame shows it bare.
  if (held) held.take();
  const fin = dom.finishGather(g, true);
  if (held) held.put();
  return { key, ...fin };
}

/**
 * The CSP fallback (and huge pages): gather here, decide in the background (the same core),
 * apply here. `root`: the document, or an array of late additions (`inside`: they sit in the
 * article). `sliced`: gather in slices and send the model in parts. `gen`: the generation the
 * caller started in; if the page was undone or re-cleaned since, nothing is applied (null).
 * `opened`: late additions right after the reader's own input (a box they opened stays);
 * `asked`: in the seconds after it (a comment thread they asked for stays; see ASKED_MS).
 */
async function decideInBackground(root, fragment, inside, sliced, gen, opened = false, asked = false) {
  const t0 = performance.now();
  // A re-clean of the whole page (settings changed): the last clean's markers stay on (held)
  // until the new ones replace them. The walk leaves them out, and the layout facts are read
  // with them off, in one task: the model is the bare page's, and no frame shows it bare.
  const held = !fragment ? state.held : null;
  state.held = null;
  try {
    return await decideWith(root, fragment, inside, sliced, gen, opened, asked, held, t0);
  } catch (e) {
    // A re-clean that failed leaves the page as an undo would (it is not cleaned now).
    if (held && gen === state.gen) held.take();
    throw e;
  }
}

/** decideInBackground's work; `held` as it took it from the state. */
async function decideWith(root, fragment, inside, sliced, gen, opened, asked, held, t0) {
  let g;
  if (sliced) g = await gatherSliced(root, held, gen);
  else {
    const walk = dom.startGather(root, state.gatherSpec, !!held);
    dom.gatherStep(walk, Infinity);
    if (held) held.take();
    g = dom.finishGather(walk, true);
    if (held) held.put();
  }
  if (!g) return null;
  const msg = {
    type: "decide",
    url: g.url,
    layout: dom.plain(g.layout),
    viewport: dom.plain(g.viewport),
    profile: state.profile,
    measured: false,
    fragment,
    inside,
    opened,
    // Late additions to a page whose article is still there and shown (a single-page app may
    // have swapped it for the next page's, or hidden it), and is not a page of replies; not
    // in the seconds after the reader's input (see ASKED_MS).
    besideArticle: fragment && !asked && !state.replies && !!(state.article && state.article.isConnected && state.article.offsetParent),
  };
  // Late additions: the root and body's layout, for the scroll lock a late overlay leaves.
  const page = pageRoots();
  if (fragment) msg.page = measured(page);
  if (sliced) msg.key = g.key;
  else {
    msg.strings = g.strings;
    msg.records = dom.plain(g.records);
  }
  let res = await send(msg);
  if (gen !== state.gen) return null; // undone or re-cleaned meanwhile (each of which takes the markers over)
  if (res && res.measure) {
    // The core wants a few more layout facts (as clean() gets them in wasm mode), of the bare page.
    if (held) held.take();
    const more = dom.measure(g.nodes, res.measure);
    if (held) held.put();
    msg.layout = msg.layout.concat(dom.plain(more));
    msg.measured = true;
    res = await send(msg);
  }
  if (!res || res.error || !res.ids) throw new Error(res && res.error ? res.error : "no answer from the background");
  if (gen !== state.gen) return null; // undone or re-cleaned meanwhile (each of which takes the markers over)
  if (held) held.take();
  dom.apply(g.nodes, res.ids, res.markers, res.css);
  applyUnlocks(page, res);
  if (!fragment) state.overlayHidden = !!res.overlay;
  else if (res.overlay) state.overlayHidden = true;
  if (!fragment) {
    state.article = res.article >= 0 ? g.nodes[res.article] : null;
    state.replies = !!res.replies; // a page of replies: what comes later is more of them
  }
  res.report.ms = performance.now() - t0;
  return res.report;
}

/** The scroll lock a page put on after its overlay went, lifted (the fallback's cleanAdded). */
async function unlockInBackground(gen) {
  const page = pageRoots();
  const res = await send({ type: "unlock", page: measured(page) });
  if (gen === state.gen && res) applyUnlocks(page, res);
}

/** The root and the body: where a page locks its scrolling. */
function pageRoots() {
  return [document.documentElement, document.body].filter(Boolean);
}

/** Their layout records, indexed by position, for the core's unlock rule. */
function measured(page) {
  return dom.plain(dom.measure(page, page.map((_, i) => i)));
}

/** The unlock markers of a background answer (`unlock`, `unlockMarkers`), on `page`. */
function applyUnlocks(page, res) {
  if (res.unlock && res.unlock.length) dom.apply(page, res.unlock, res.unlockMarkers, "");
}

/** Late additions in the fallback: those inside the article keep its protection. */
async function decideAddedInBackground(roots, gen, opened, asked) {
  const a = state.article;
  const inside = roots.filter((r) => a && a.contains(r));
  const outside = roots.filter((r) => !(a && a.contains(r)));
  let total = null;
  for (const [group, isInside] of [[inside, true], [outside, false]]) {
    if (!group.length) continue;
    const r = await decideInBackground(group, true, isInside, false, gen, opened, asked);
    if (!r) return null;
    total = merge(total, r);
  }
  return total;
}

/**
 * Resolves once the page's own stylesheets have loaded (or failed), the page has loaded, or
 * `cap` ms have passed. DOMContentLoaded does not wait for stylesheets, and layout read before
 * they apply is not the page's: a body clipped behind "Continue reading" is not clipped yet.
 */
function stylesReady(big, cap = 1500) {
  if (document.readyState === "complete") return Promise.resolve();
  // On a huge page a search of the whole document costs a frame by itself: there, the head
  // and the top level of the body (where stylesheet links sit).
  const links = big ? [...(document.head ? document.head.children : []), ...(document.body ? document.body.children : [])] : [...document.getElementsByTagName("link")];
  const pending = links.filter((l) => l.localName === "link" && !l.sheet && !l.disabled && /(^|\s)stylesheet(\s|$)/i.test(l.rel));
  if (!pending.length) return Promise.resolve();
  return new Promise((resolve) => {
    let left = pending.length;
    const one = () => {
      if (--left === 0) resolve();
    };
    for (const l of pending) {
      l.addEventListener("load", one, { once: true });
      l.addEventListener("error", one, { once: true });
    }
    window.addEventListener("load", () => resolve(), { once: true });
    setTimeout(resolve, cap);
  });
}

async function cleanPage() {
  const gen = state.gen;
  const big = isBig();
  await stylesReady(big);
  if (gen !== state.gen) return null;
  dom.switchOn(document);
  if (!state.styled) {
    await send({ type: "style", on: true, profile: state.profile });
    if (gen !== state.gen) return null;
    state.styled = true;
  }
  // A frame that loads from here on is cleaned when it does (see frameLoaded).
  document.addEventListener("load", frameLoaded, true);
  let report;
  // Late additions then go the same way (the wasm core holds no context for this page).
  if (big) {
    state.engine = "background";
    // The checks above took a few milliseconds of a huge page: the walk starts in a task of its own.
    await nextTask();
    if (gen !== state.gen) return null;
  }
  if (state.engine === "wasm") {
    report = core.clean(document, state.profile, { style: false });
  } else {
    // Additions while the page is gathered in slices are caught (and cleaned after).
    watch();
    try {
      report = await decideInBackground(document, false, false, big, gen);
    } catch (e) {
      // A clean that failed leaves the page uncleaned, and unwatched (unless a newer clean,
      // which uses the same observer, has taken over).
      if (gen === state.gen) stopWatching();
      throw e;
    }
    if (!report) return null;
  }
  state.cleaned = true;
  state.report = report;
  watch();
  schedule();
  await send({ type: "report", report });
  return report;
}

function restorePage() {
  state.gen++;
  state.held = null;
  stopWatching();
  if (state.engine === "wasm") core.restore(document);
  else dom.restore(document);
  state.cleaned = false;
  state.report = null;
  state.styled = false;
  send({ type: "style", on: false, profile: state.profile });
  send({ type: "report", report: null });
  return { restored: true };
}

// ---- late additions --------------------------------------------------------------------------

// A modal can be in the page from the start, hidden, and be shown later by a class or style
// change: no element is inserted. Such changes are noted (a few hundred at most between two
// passes: pages that animate by style stay cheap), and after the frame those that now render
// as a visible fixed box go to the core as late roots, with their layout. Not right after the
// user's own click, tap or key: a lightbox, menu or search the reader opened is not clutter.
const CHANGED_MAX = 200;
const BODY_CHILDREN = 60; // looked at when the root's or body's class or style changes
const USER_OPENED_MS = 1500;
// A comment thread the reader asks for ("Show comments", "Join the conversation": a control the
// clean left, so not one it took for comments) is often fetched before it renders, later than
// USER_OPENED_MS: in this long after their press on a control, late content is not judged as
// comments beside the article (cleanAdded's `asked`). Its ads still go. (Not after a key, nor
// after a dismissing control whose box went: see askedAt.)
const ASKED_MS = 10000;
// After this many passes found a box shown in the flow with no fixed box in it, its style
// changes are looked at once every RECHECK_MS (an animation: a tile, a ticker, a parallax
// layer; made fixed later, it is still caught, that much later); its class changes each time.
const IN_FLOW_MAX = 3;
const RECHECK_MS = 1000;
const ROOT_STYLE_MS = 250; // a style change on the root or body alone is looked at after this
// What a modal, a bar or a backdrop is made of (custom elements too): a lazy image or a
// carousel's links that change class by the hundred are not even noted.
const BOXES = new Set(["div", "section", "aside", "dialog", "form", "iframe", "ins", "article", "header", "footer"]);
const isBox = (el) => BOXES.has(el.localName) || el.localName.includes("-");
// Hidden by its own markup or inline style, as the core reads it (analysis.rs, page_hidden).
// (Not every element has a style: MathML's in older Chromium, foreign elements in XHTML.)
const hiddenInline = (el) => el.hidden || el.style?.display === "none" || el.style?.visibility === "hidden";
// Case-sensitive, so half the cost on a huge page: a script writes inline styles in lower case,
// and markup rarely does otherwise (`style="DISPLAY:none"` is not seen).
const LATENT = '[hidden],[style*="display"],[style*="visibility"]';
// What the reader's input can open: controls by their markup, and whatever the page styles as
// clickable (a gallery's thumbnails are often bare elements with a pointer cursor). A press on
// plain text, a touch that starts a scroll and the keys that scroll or move focus open nothing:
// pages that load their pop-ups on the first interaction show them right after such input.
// (A wrapper focusable only by script, tabindex -1, is no control: pages put it on their main
// column as a skip-link target.) Controls inside a web component's shadow root count too.
const CONTROLS = "a[href],button,input,select,textarea,summary,label,video,audio,[role=button],[role=link],[role=menuitem],[role=tab],[role=combobox],[role=switch],[role=checkbox],[aria-haspopup],[aria-controls],[aria-expanded],[contenteditable],[tabindex]:not([tabindex^='-'])";
const MOVES = new Set([" ", "ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "PageUp", "PageDown", "Home", "End", "Tab", "Escape", "Shift", "Control", "Alt", "Meta"]);
const PLAIN_CURSORS = new Set(["", "auto", "default", "text", "vertical-text"]); // a zoom-in image is clickable
/** Whether the input can open something: the control it is on, or the element the page styles
 * as clickable (or true, for a key outside any), else false. */
function opens(e) {
  let first = null, k = 0;
  for (const n of e.composedPath()) {
    if (n.nodeType !== 1) continue;
    if (n === document.body || n === document.documentElement || ++k > 40) break;
    first ??= n;
    if (n.matches(CONTROLS)) return n;
  }
  // Outside a control: a key opens something unless it scrolls, moves focus or is a shortcut.
  if (e.type === "keydown") return !(MOVES.has(e.key) || e.ctrlKey || e.metaKey || e.altKey || /^F\d+$/.test(e.key));
  return first !== null && !PLAIN_CURSORS.has(getComputedStyle(first).cursor) && first;
}
// The control a mouse pointer last entered, and when: a box shown right beside it (a menu's
// drop-down on hover, which no click opened) is the reader's, not a slot the page filled (see
// byHover). Only controls count, and only as the box's sibling or its parent's: the pointer
// rests on the article's text and links (which pass under it as the page scrolls) while lazy
// slots show in the same column. (Its path: a menu in a web component is under its host.)
const HOVER_OPENERS = "a[href],button,summary,[aria-haspopup],[aria-expanded],[role=button],[role=menuitem]";
addEventListener("pointerover", (e) => {
  if (!e.isTrusted || e.pointerType !== "mouse") return;
  let k = 0;
  for (const n of e.composedPath()) {
    if (n.nodeType !== 1 || ++k > 4) break;
    if (n.matches(HOVER_OPENERS)) {
      state.hovered = n;
      state.hoveredAt = performance.now();
      break;
    }
  }
}, { capture: true, passive: true });
// A control that dismisses the box it sits in: a cookie banner's "Accept" or "Reject", a
// pop-up's "Close" or "×", by its label or name (not one that says it opens something). When
// its box has gone, the click opened nothing (see openedAt). "Tell me more" or "Manage
// preferences" in a box that makes way for a form are no such controls: the form is theirs.
// (A short label, with no word that says it shows something: "Okay, show me" opens.)
const DISMISS_WORDS = /(?:^|[^a-z])(?:(?:accept|agree|allow|ok|okay|got it|understood|close|dismiss|reject|decline|deny|refuse|no thanks)(?![a-z-])|akzeptier|zustimm|einverstanden|schlie(?:ß|ss)en|ablehn|accepte|fermer|refuser|acept|cerrar|rechaz|accett|chiudi|rifiut|aceit|fechar|rejeit|akkoord|accepteer|sluiten|weiger|akceptuj|zgadzam|zamknij|odrzu)|^\s*[×✕✖x]\s*$/i;
const OPENER_WORDS = /\b(?:show|open|more|see|view|read|start|try|join)\b/i;
const DISMISS_NAMES = /(?:^|[\s_-])(?:close|dismiss|accept|agree|reject|decline)(?![a-z])/i;
const dismissLabel = (l) => l.split(/\s+/).length <= 8 && DISMISS_WORDS.test(l) && !OPENER_WORDS.test(l);
const OPENER_ATTRS = "[aria-haspopup],[aria-expanded],[aria-controls]";
// Enter or Space on these sends a click, which is the input that counts (see below).
const ACTIVATES = "a[href],button,summary,[role=button],[role=link],input[type=button],input[type=submit]";
/** A control's label: its ARIA label, title, value and short text (not an editor's or a large
 * block's text: it is read on every press). */
function labelOf(el) {
  const text = el.isContentEditable || el.childElementCount > 8 ? "" : el.textContent.trim();
  return [el.getAttribute("aria-label"), el.getAttribute("title"), el.localName === "input" ? el.value : null, text.length <= 60 ? text : null].filter(Boolean).join(" ");
}
const namesOf = (el) => `${el.id} ${el.getAttribute("class") || ""}`;
for (const t of ["pointerdown", "keydown", "click"]) {
  addEventListener(t, (e) => {
    if (!e.isTrusted) return;
    const c = opens(e);
    if (!c) return;
    // A key that activates a control sends its click: that press is the input (a keyboard
    // "Accept" dismisses as a click on it does).
    if (e.type === "keydown" && c !== true && (e.key === "Enter" || e.key === " ") && c.matches(ACTIVATES)) return;
    // A press's control only: keys typed in a field cost nothing.
    const el = c === true || e.type === "keydown" ? null : c;
    const dismisses = !!el && !el.matches(OPENER_ATTRS) && (dismissLabel(labelOf(el)) || DISMISS_NAMES.test(namesOf(el)));
    const now = performance.now();
    state.inputs.push([now, dismisses ? overBox(e) : null, !!el]);
    // Those of the last ASKED_MS (keys held down do not push a press out).
    while (state.inputs.length > 32 || now - state.inputs[0][0] > ASKED_MS) state.inputs.shift();
  }, { capture: true, passive: true });
}

/** Whether input that could open something came in the USER_OPENED_MS before `at` (when the
 * change a pass looks at happened; a deferred look comes later). Not a dismissing control's
 * in a box over the page that has gone since: a cookie banner's "Accept", a pop-up's "Close"
 * opened nothing (the pop-up a page shows once its banner is answered goes). */
function openedAt(at) {
  return inputBefore(at, USER_OPENED_MS, false);
}

/** Whether the reader pressed a control in the ASKED_MS before `at` (see ASKED_MS): not a key
 * (typing in a field asks for nothing), nor a dismissing control whose box has gone. */
function askedAt(at) {
  return inputBefore(at, ASKED_MS, true);
}

/** Input in the `within` ms before `at` (`pressOnly`: a press on a control), not a dismissing
 * control's whose box has gone. */
function inputBefore(at, within, pressOnly) {
  return state.inputs.some(([t, box, press]) => (press || !pressOnly) && t <= at && at - t < within && (!box || shows(box)));
}

/** The outermost fixed or sticky box the input's target sits in (below the body), if any. */
function overBox(e) {
  let box = null, k = 0;
  for (const n of e.composedPath()) {
    if (n.nodeType !== 1) continue;
    if (n === document.body || n === document.documentElement || ++k > 40) break;
    const p = getComputedStyle(n).position;
    if (p === "fixed" || p === "sticky") box = n;
  }
  return box;
}

/** Whether `el` is still in the page and rendered (not faded out either). */
function shows(el) {
  if (!el.isConnected) return false;
  if (!el.checkVisibility) return getComputedStyle(el).display !== "none";
  return el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
}

/** A box that moves by style (see IN_FLOW_MAX), measured less than RECHECK_MS ago: a frame of
 * its animation. (Its inline style is not read: serializing it costs more than the measure.) */
function animated(el, now) {
  const f = state.inFlow.get(el);
  return f !== undefined && f[0] >= IN_FLOW_MAX && now - f[1] < RECHECK_MS;
}

function defer(el, now) {
  if (state.deferred.size < CHANGED_MAX) state.deferred.add(el);
  state.deferredAt ||= now;
  state.deferTimer ||= setTimeout(() => {
    state.deferTimer = 0;
    for (const d of state.deferred) if (state.changed.size < CHANGED_MAX) state.changed.add(d);
    state.deferred.clear();
    noteChange(state.deferredAt);
    state.deferredAt = 0;
    schedule();
  }, RECHECK_MS);
}

function noteChange(at) {
  state.changeAt = state.changeAt ? Math.min(state.changeAt, at) : at;
}

function watch() {
  if (state.observer) return;
  state.observer = new MutationObserver((records) => {
    // Cheap per record: a page that animates by style sends hundreds a frame.
    const root = document.documentElement, body = document.body, now = performance.now();
    for (const r of records) {
      if (r.type === "attributes") {
        const t = r.target;
        if (t === root || t === body) {
          if (r.attributeName === "class") state.lockChanged = true;
          else state.rootStyled = true;
        }
        else if (state.changed.size >= CHANGED_MAX || state.changed.has(t)) continue;
        else if (r.attributeName === "style" && animated(t, now)) defer(t, now);
        else if (isBox(t)) state.changed.add(t);
        continue;
      }
      for (const n of r.addedNodes) if (n.nodeType === 1 && n.localName !== "declutter-reader") state.pending.push(n);
    }
    if (state.pending.length || state.changed.size || state.lockChanged || state.rootStyled) noteChange(now);
    schedule();
  });
  state.observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["class", "style", "hidden"] });
  // In a task of its own: on a huge page the query takes a few milliseconds, and the clean's
  // last slice is already a task of its own size.
  setTimeout(() => state.observer && noteLatent(document), 0);
  schedule(); // frames that loaded while the page was being cleaned
}

/** Of the elements whose class or style changed, those now shown as a fixed box (or whose
 * children now are): late roots, measured wherever they sit. Right after the reader's own
 * input (`opened`) none: they are remembered as the reader's, and so is anything inside them
 * later. `rootChanged`: the root's or body's class or style changed, which a stylesheet rule
 * may turn into a shown modal anywhere: the body's first box children are looked at too. */
function takeShown(opened, rootChanged) {
  const now = performance.now();
  const changed = [...state.changed];
  state.changed.clear();
  if (rootChanged && document.body) {
    for (let c = document.body.firstElementChild, k = 0; c && k < BODY_CHILDREN; c = c.nextElementSibling) {
      if (isBox(c)) {
        changed.push(c);
        k++;
      }
    }
  }
  const out = [];
  // 0: not shown; 1: shown, not fixed; 2: a shown fixed box.
  const shown = (el) => {
    if (!isBox(el) || state.shown.has(el)) return 0;
    const cs = getComputedStyle(el);
    if (cs.display === "none") return 0;
    return cs.position === "fixed" && cs.visibility !== "hidden" ? 2 : 1;
  };
  for (const el of changed) {
    if (el.nodeType !== 1 || !el.isConnected || el === document.body) continue;
    // Hidden, or shown again, by its inline style or `hidden` attribute (see takeRevealed):
    // read here, once a pass, not for every change (a page may animate by style). Inline
    // reads only: the old style, serialized for every change, would cost such pages more.
    if (!state.judged.has(el)) {
      if (hiddenInline(el)) {
        state.latent.add(el);
        continue;
      }
      if (state.latent.has(el) && state.reveals.size < CHANGED_MAX) state.reveals.add(el);
    }
    const own = shown(el); // 0 for what is not a box
    if (own === 0) continue;
    const hits = own === 2 ? [el] : [];
    for (let c = el.firstElementChild, k = 0; !hits.length && c && k < 4; c = c.nextElementSibling, k++) if (shown(c) === 2) hits.push(c);
    // A wrapper shown with a fixed backdrop and a fixed dialog side by side: both.
    for (let c = hits.length && hits[0] !== el ? hits[0].nextElementSibling : null, k = 0; c && k < 3; c = c.nextElementSibling, k++) if (shown(c) === 2) hits.push(c);
    if (!hits.length) state.inFlow.set(el, [(state.inFlow.get(el)?.[0] || 0) + 1, now]);
    for (const hit of hits) {
      if (hit.closest("[data-declutter], declutter-reader, declutter-picker")) continue;
      state.shown.add(hit);
      if (opened) state.opened.add(hit);
      if (opened || theirs(hit)) continue;
      dom.measureAsRoot(hit);
      out.push(hit);
    }
  }
  return out;
}

/** The boxes in `root` (itself included) hidden by their own inline style or `hidden` attribute:
 * the core passed over them, so once the page shows them they are judged as late roots. */
function noteLatent(root) {
  if (root.nodeType === 1 && isBox(root) && hiddenInline(root)) state.latent.add(root);
  for (const el of root.querySelectorAll(LATENT)) if (isBox(el) && hiddenInline(el)) state.latent.add(el);
}

/** Latent boxes the page has shown since the last pass, now rendered: late roots, each once.
 * Not those the reader's own input showed (a "show more" or a tab they opened stays theirs),
 * nor one shown beside a control the pointer just entered (a menu's drop-down on hover).
 * Also not, by the same rule, a slot the page happens to show right after a click on a control
 * (a consent button): judged once, it is not looked at again. */
function takeRevealed(opened) {
  const out = [];
  for (const el of state.reveals) {
    if (!el.isConnected || state.judged.has(el)) continue;
    // Still not rendered (a class or an ancestor hides it): latent until the next change.
    if (!(el.checkVisibility ? el.checkVisibility() : getComputedStyle(el).display !== "none")) {
      state.latent.add(el);
      continue;
    }
    // A drop-down the pointer opened is looked at again the next time the page shows it.
    if (byHover(el)) continue;
    state.judged.add(el);
    if (opened || theirs(el) || el.closest("[data-declutter], declutter-reader, declutter-picker")) continue;
    out.push(el);
  }
  state.reveals.clear();
  return out;
}

/** Inside a box or late root that came right after the reader's own input. */
function theirs(el) {
  for (let a = el; a; a = a.parentElement) if (state.opened.has(a)) return true;
  return false;
}

/** Shown beside a control the mouse entered just before: the box is the control's sibling or
 * its parent's (`li > a + div.drop-down`, `li > span > a + div`). See HOVER_OPENERS. */
function byHover(el) {
  const h = state.hovered, p = el.parentNode;
  return !!h && !!p && performance.now() - state.hoveredAt < USER_OPENED_MS && (h.parentNode === p || h.parentNode?.parentNode === p);
}

/** A frame that finished loading after the clean: its (same-origin) document is new content. */
function frameLoaded(e) {
  if (e.target && e.target.localName === "iframe") {
    state.pending.push(e.target);
    noteChange(performance.now());
    schedule();
  }
}

function stopWatching() {
  if (state.observer) state.observer.disconnect();
  document.removeEventListener("load", frameLoaded, true);
  state.observer = null;
  state.pending = [];
  state.changed.clear();
  state.reveals.clear();
  // An undo and a new clean decide afresh: what was hidden then is looked at again.
  state.latent = new WeakSet();
  state.judged = new WeakSet();
  state.deferred.clear();
  clearTimeout(state.deferTimer);
  state.deferTimer = 0;
  state.lockChanged = state.rootStyled = false;
  state.lockSig = undefined;
  state.changeAt = state.deferredAt = 0;
  clearTimeout(state.rootTimer);
  state.rootTimer = 0;
}

/** Whether the root's or body's overflow or position changed since the last look. */
function lockMoved() {
  const sig = pageRoots().map((el) => { const cs = getComputedStyle(el); return `${cs.overflowY} ${cs.position}`; }).join(" ");
  const moved = sig !== state.lockSig;
  state.lockSig = sig;
  return moved;
}

let passes = Promise.resolve(); // one pass at a time: a pass decided in the background awaits

function schedule(rootDue) {
  if (state.scheduled) return;
  if (!state.pending.length && !state.changed.size && !state.lockChanged) {
    // Only the root's or body's style changed: a look a few times a second is enough.
    if (!state.rootStyled) return;
    if (!rootDue) {
      state.rootTimer ||= setTimeout(() => {
        state.rootTimer = 0;
        schedule(true);
      }, ROOT_STYLE_MS);
      return;
    }
  }
  state.scheduled = true;
  // Let the page finish its own burst of insertions, and the browser lay it out in its own
  // frame: layout read before that would make this task pay for the page's style and layout.
  afterFrame().then(() => (passes = passes.then(processSlice, processSlice)));
}

/** Outermost connected roots among the pending ones. */
function takeRoots() {
  const seen = new Set(state.pending);
  const roots = [];
  for (const n of seen) { // each once (a box shown again can also be a fixed one)
    if (!n.isConnected || n.hasAttribute("data-declutter")) continue;
    let p = n.parentNode, covered = false;
    for (; p; p = p.parentNode) if (seen.has(p)) { covered = true; break; }
    if (!covered) roots.push(n);
  }
  state.pending = [];
  return roots;
}

async function processSlice() {
  state.scheduled = false;
  if (!state.cleaned) return;
  // Right after the reader's own input, a box over the page is one they opened (see takeShown):
  // input in the moments before the changes began, not before this pass.
  const at = state.changeAt || performance.now();
  const opened = openedAt(at), asked = askedAt(at);
  state.changeAt = 0;
  // A scroll lock the page puts on after the overlay that caused it went is lifted too; not
  // one that comes with what the reader just opened (a menu drawer, a lightbox).
  // A style change on the root or body counts only when it moved their overflow or position.
  const moved = (state.lockChanged || state.rootStyled) && lockMoved();
  const lock = (state.lockChanged || moved) && !opened;
  // A lock that came with what the reader opened is left; the next change looks at it afresh.
  if (moved && opened) state.lockSig = undefined;
  for (const el of takeShown(opened, state.lockChanged || moved)) state.pending.push(el);
  for (const el of takeRevealed(opened)) state.pending.push(el);
  state.lockChanged = state.rootStyled = false;
  const roots = takeRoots();
  for (const r of roots) noteLatent(r);
  if (opened) for (const r of roots) state.opened.add(r);
  if (!roots.length && !lock) return;
  const gen = state.gen;
  let total = null;
  try {
    // One pass for the whole burst (the core gathers the roots together).
    if (state.engine === "wasm") total = core.cleanAdded(roots, opened, lock ? document : undefined, asked);
    else {
      if (roots.length) total = await decideAddedInBackground(roots, gen, opened, asked);
      if (lock && state.overlayHidden && gen === state.gen) await unlockInBackground(gen);
    }
  } catch (e) {
    // A failure on late content must not disturb the page; the next batch starts afresh.
  }
  if (total && total.hidden && gen === state.gen) {
    state.report = merge(state.report, total);
    send({ type: "report", report: state.report });
  }
}

// ---- reader view ------------------------------------------------------------------------------

let reader = null;

/**
 * Opens the reader view: the page is gathered here (one pass, under any CSP), the core extracts
 * and sanitizes the article in the background (the reader module), and the view shows it.
 */
let readerOpening = null;
function openReaderView() {
  // One view, even when the command and reader mode ask at once.
  readerOpening ??= openReaderViewNow().finally(() => {
    readerOpening = null;
  });
  return readerOpening;
}

async function openReaderViewNow() {
  if (reader) return reader.describe();
  const g = dom.gather(document, false, { all: true });
  const article = await send({ type: "extract", strings: g.strings, records: dom.plain(g.records), url: location.href, profile: state.profile });
  if (!article || article.error) throw new Error(article ? article.error : "no answer from the background");
  if (!article.text || article.wordCount < 20) return { open: false, reason: "no-article" };
  const prefs = (state.profile && state.profile.reader) || { theme: "auto", font: "serif", size: 20, width: 70, line_height: 1.6 };
  reader = openReader(article, prefs, {
    msg: (k, subs) => api.i18n.getMessage(k, subs),
    onPrefs: (p) => {
      if (state.profile) state.profile.reader = p;
      send({ type: "reader-prefs", prefs: p });
    },
    onClose: () => {
      reader = null;
    },
  });
  return reader.describe();
}

function closeReaderView() {
  if (reader) reader.close();
  reader = null;
  return { open: false };
}

// ---- messages from the extension --------------------------------------------------------------

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || typeof msg.type !== "string" || sender.id !== api.runtime.id) return false;
  const reply = (p) => {
    Promise.resolve(p).then(sendResponse, (e) => sendResponse({ error: String(e && e.message || e) }));
    return true;
  };
  switch (msg.type) {
    case "toggle":
      return reply(state.cleaned ? restorePage() : ready.then(cleanPage));
    case "clean":
      if (msg.profile) state.profile = msg.profile;
      return reply(ready.then(() => {
        if (state.cleaned) restorePage();
        return cleanPage();
      }));
    case "restore":
      return reply(state.cleaned ? restorePage() : { restored: false });
    case "show-removed":
      if (state.engine === "wasm") core.showRemoved(document, !!msg.on);
      else dom.showRemoved(document, !!msg.on);
      return reply({ on: !!msg.on });
    case "state":
      return reply({ cleaned: state.cleaned, report: state.report, engine: state.engine, profile: state.profile, reader: reader ? reader.describe() : null, watching: !!state.observer });
    case "reader-toggle":
      return reply(reader ? closeReaderView() : ready.then(openReaderView));
    case "reader-open":
      return reply(ready.then(openReaderView));
    case "reader-close":
      return reply(closeReaderView());
    case "settings-changed":
      return reply((applying = applying.then(applySettings, applySettings)));
    case "context-selector":
      return reply(contextSelector());
    case "frame-selector":
      return reply(frameSelector(String(msg.url || "")));
    default:
      return false;
  }
});

// ---- settings changes; the element "Hide this element on this site" means -----------------------

let applying = Promise.resolve(); // one change at a time

/** The stored settings changed: re-clean with this frame's new profile, if it is new. */
async function applySettings() {
  await ready.catch(() => {});
  const res = await send({ type: "profile", url: location.href });
  if (!res || !res.profile) return { changed: false };
  if (cleaningKey(res.profile) === cleaningKey(state.profile)) {
    // Only the reader's typography changed: the next reader view uses it; the page stays as it is.
    state.profile = res.profile;
    return { changed: false };
  }
  const was = state.profile && state.profile.mode;
  state.gen++; // a clean under the old profile stops here
  state.profile = res.profile;
  state.gatherSpec = res.gatherSpec;
  if (res.profile.mode === "off") {
    if (state.cleaned) restorePage();
    else {
      // A first clean under way stops here (the generation moved), and the observer of late
      // additions it connected goes with it. (A re-clean runs inside an earlier change, which
      // this one waits for: the page is cleaned by then, and restored above.)
      stopWatching();
      if (state.styled) {
        document.documentElement.removeAttribute("data-declutter-on");
        state.styled = false;
        send({ type: "style", on: false, profile: state.profile });
      }
    }
    return { changed: true, mode: "off" };
  }
  state.engine ??= state.wasm ? await loadCore() : "background";
  const showing = document.documentElement.hasAttribute("data-declutter-show");
  // The new stylesheet first, then restore and clean in one go: no frame shows the page bare.
  await send({ type: "style", on: true, profile: state.profile });
  state.styled = true;
  if (state.cleaned) {
    stopWatching();
    if (state.engine === "wasm") core.restore(document);
    else {
      // The background decides, a round trip away (many, on a huge page read in slices): the
      // page keeps the last clean's markers until its new ones come (see decideInBackground).
      state.held = dom.holdMarks(document);
      dom.restore(document);
      state.held.put();
    }
    state.cleaned = false;
  }
  await cleanPage();
  if (showing) dom.showRemoved(document, true);
  if (res.profile.mode === "reader" && was !== "reader" && window === window.top) send({ type: "reader-mode" });
  return { changed: true, mode: res.profile.mode };
}

let contextTarget = null;
document.addEventListener(
  "contextmenu",
  (e) => {
    // Only the user's own right-click: a page cannot choose what gets hidden.
    if (e.isTrusted && e.target && e.target.nodeType === 1) contextTarget = e.target;
  },
  true,
);

/**
 * The frame element showing `url` (the browser's own record of the frame the user right-clicked:
 * this script runs in top frames only, so a frame cannot name its own element).
 */
function frameSelector(url) {
  const bare = (u) => u.split("#")[0];
  if (!url) return { selector: null, url: location.href };
  for (const f of document.querySelectorAll("iframe, frame")) {
    if (f.src && bare(f.src) === bare(url)) return { selector: selectorFor(f), url: location.href };
  }
  return { selector: null, url: location.href };
}

function contextSelector() {
  const el = contextTarget;
  return { selector: el && el.isConnected ? selectorFor(el) : null, url: location.href };
}

// ---- start ------------------------------------------------------------------------------------

// Before the first paint: the stylesheet registered for document start (early.css) hides what
// markup alone reveals, but only while these attributes are on the root. early.css answers to
// its own, dropped once `hello` has put the stylesheet of this page's profile in place.
const EARLY = "data-declutter-early";
// Documents that are not pages (an image, plain text, JSON, an SVG drawing, an XML feed) are
// left alone: nothing to clean, and their root is not ours to mark.
const PAGE = /^(text\/html|application\/xhtml\+xml)$/.test(document.contentType || "text/html");
if (PAGE) {
  dom.switchOn(document);
  document.documentElement.setAttribute(EARLY, "");
}

const ready = (async () => {
  if (!PAGE) return;
  const hello = await send({ type: "hello", url: location.href });
  document.documentElement.removeAttribute(EARLY);
  state.wasm = !!(hello && hello.wasm);
  if (!hello || !hello.profile || hello.profile.mode === "off") {
    document.documentElement.removeAttribute("data-declutter-on");
    if (hello && hello.profile) state.profile = hello.profile;
    return;
  }
  state.profile = hello.profile;
  state.gatherSpec = hello.gatherSpec;
  state.styled = hello.profile.mode !== "off";
  const loading = hello.wasm ? loadCore() : Promise.resolve("background");
  const [engine] = await Promise.all([loading, domReady()]);
  state.engine = engine;
})();

ready
  .then(() => {
    if (state.profile && state.profile.mode !== "off" && state.engine) {
      return cleanPage().then((r) => {
        if (state.profile.mode === "reader" && window === window.top) send({ type: "reader-mode" });
        return r;
      });
    }
    return null;
  })
  .catch(() => {
    // Never surface errors in the page's console: the page must not see the extension.
    send({ type: "error", where: "content" });
  });
