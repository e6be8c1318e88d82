// The page side of the live-DOM adapter: one bulk walk that turns the DOM into flat records for
// the core, and the few DOM writes that apply its decisions. Rust imports these functions
// (src/web/mod.rs); the extension's CSP fallback calls them directly and has the core decide in
// the background. Nothing here decides anything.
//
// Records (Int32Array, 3 per node, document order): kind (1 element, 3 text), parent index
// (-1 for a top-level node), attribute count. Strings ("\0"-joined, in the same order): an
// element's local name then each attribute's name and value; a text node's data.
// Layout (Float32Array, 6 per measured element): node index, x, y, width, height, flags.

const ELEMENT = 1;
const TEXT = 3;
// Gather stack entry flags: the node is in a shadow root or frame; its siblings are not part of it.
const FOREIGN = 1, ALONE = 2;
// Layout flags, as in src/dom.rs.
const FIXED = 1, STICKY = 2, HIDDEN = 4, CLIPPED = 8;
// Text of these never shows; skipping it keeps the record small.
const SKIP_TEXT = new Set(["script", "style", "template", "noscript"]);
// Never rendered: no layout to read (pages put dozens of scripts at the end of the body).
const UNRENDERED = new Set(["script", "style", "template", "noscript", "link", "meta"]);
const MARK_ATTRS = ["data-declutter", "data-declutter-fix", "data-declutter-keep"];
const STYLE_ID = "declutter-style";
// What Declutter draws itself (the element picker, the reader view) is not part of the page.
const OWN_UI = new Set(["declutter-picker", "declutter-reader"]);
const ATTR_ON = "data-declutter-on";
const ATTR_SHOW = "data-declutter-show";

function clean(s) {
  return s.indexOf("\0") >= 0 ? s.replaceAll("\0", "\uFFFD") : s;
}

const lateRoots = new WeakSet();

/** A late root whose layout the core needs wherever it sits: an element the page turned into
 * a fixed box after the clean (a class or style change), not only by inserting it. */
export function measureAsRoot(el) {
  lateRoots.add(el);
}

/**
 * Walks `root` (a Document, an Element, or an Array of Elements gathered as sibling top-level
 * subtrees: late additions in one pass) in document order.
 * `withLayout`: measure the default set of elements.
 * `spec`: which attributes the core reads, from the core: `{all}` reads every attribute of every
 * element (extraction); otherwise every element gives its id and class, and only elements of
 * `spec.tags` (space-separated names) or matching `spec.selector` give all their attributes.
 * That keeps the walk close to a bare DOM walk: reading attributes one by one is what costs.
 */
export function gather(root, withLayout, spec) {
  const g = startGather(root, spec);
  gatherStep(g, Infinity);
  return finishGather(g, withLayout);
}

/**
 * The same walk, resumable: `startGather`, then `gatherStep(g, deadline)` until it returns
 * true, yielding to the page between steps (huge pages stay responsive), then
 * `finishGather(g, withLayout)`.
 */
export function startGather(root, spec, bare) {
  const all = !spec || spec.all;
  const tops = Array.isArray(root) ? root : root.nodeType === 9 ? [...root.childNodes] : [root];
  // Explicit stack of (node, parent index, flags) triples: pages nest deeper than the JS call
  // stack allows. An entry is a node and, unless it is ALONE, its following siblings: each
  // step visits one node, so a step stops on time even under an element with thousands of
  // children. FOREIGN nodes sit in a shadow root or a frame: they give all their attributes.
  const stack = [];
  for (let i = tops.length - 1; i >= 0; i--) stack.push(tops[i], -1, ALONE);
  return {
    root, tops, all, stack,
    // `bare`: the page carries the last clean's markers while it is read (a re-clean across
    // many tasks): they are left out, so the records are those of the page without them.
    bare: !!bare,
    fullTags: all ? null : tagSet(spec.tags),
    readNames: all ? null : tagSet(spec.names),
    // `nodes[i]` is the element of record i (null for a text node: nothing is decided on one,
    // and a huge page's text-node wrappers are then garbage at once, not kept to the end).
    nodes: [], strings: [], n: 0,
    // The current step's records; each step copies its own out into its piece.
    rec: new Int32Array(3 * 256),
    // Each step's strings, joined, and records: [{strings, records, from, to}] (node indices).
    pieces: [],
    measured: [], // indices the default layout set wants whatever the viewport shows
    relinked: 0, // waiting nodes the page removed or moved between two steps (see resume)
    body: -1,
    // Late additions: those appended to the body are new top-level blocks, measured; so are
    // roots named by `measureAsRoot`, wherever they sit.
    bodyTops: Array.isArray(root) ? new Set(tops.filter((t) => lateRoots.has(t) || (t.parentNode && t.ownerDocument && t.parentNode === t.ownerDocument.body))) : null,
  };
}

/** Walks until done (true) or until `performance.now()` passes `deadline` (false). */
export function gatherStep(g, deadline) {
  if (g.waiting) resume(g);
  const { all, fullTags, readNames, stack, nodes, strings, measured, bare } = g;
  let rec = g.rec;
  const from = g.n;
  let n = from;
  let budget = 128;
  while (stack.length) {
    if (--budget === 0) {
      budget = 128;
      if (deadline !== Infinity && now() > deadline) break;
    }
    const flags = stack.pop();
    const p = stack.pop();
    const el = stack.pop();
    if (!(flags & ALONE)) {
      const next = el.nextSibling;
      if (next) stack.push(next, p, flags);
    }
    const foreign = flags & FOREIGN;
    const type = el.nodeType;
    if ((type !== ELEMENT && type !== TEXT) || (type === ELEMENT && OWN_UI.has(el.localName))) continue;
    const r = 3 * (n - from);
    if (r + 3 > rec.length) {
      const bigger = new Int32Array(rec.length * 2);
      bigger.set(rec);
      rec = bigger;
    }
    const idx = n++;
    rec[r + 1] = p;
    if (type === TEXT) {
      nodes.push(null);
      rec[r] = TEXT;
      rec[r + 2] = 0;
      strings.push(clean(el.data));
      continue;
    }
    nodes.push(el);
    rec[r] = ELEMENT;
    const name = el.localName;
    strings.push(name);
    if (name === "iframe" || name === "ins" || name === "html" || name === "header") measured.push(idx);
    else if (name === "body") {
      measured.push(idx);
      if (g.body < 0 && p >= 0 && !foreign) g.body = idx;
    } else if ((p < 0 ? g.bodyTops !== null && g.bodyTops.has(el) : p === g.body) && !UNRENDERED.has(name)) measured.push(idx);
    let count = 0;
    if (all || foreign || fullTags.has(name)) {
      if (el.hasAttributes()) {
        const names = el.getAttributeNames();
        for (let i = 0; i < names.length; i++) {
          if (bare && MARK_ATTRS.includes(names[i])) continue;
          strings.push(names[i], clean(el.getAttribute(names[i])));
          count++;
        }
      }
    } else if (el.hasAttributes()) {
      // All attributes when one of them is one the core reads; else just id and class.
      const names = el.getAttributeNames();
      let full = false;
      for (let i = 0; i < names.length; i++) if (readNames.has(names[i])) { full = true; break; }
      for (let i = 0; i < names.length; i++) {
        const a = names[i];
        if (a === "id" || a === "class" || (full && !(bare && MARK_ATTRS.includes(a)))) {
          strings.push(a, clean(el.getAttribute(a)));
          count++;
        }
      }
    }
    rec[r + 2] = count;
    if (SKIP_TEXT.has(name) && !(all && readsText(el, name))) continue;
    // Pushed in reverse so they pop in order: a same-origin frame's body, then an open shadow
    // root's content (it is what renders), then the light children.
    const first = el.firstChild;
    if (first) stack.push(first, idx, foreign);
    const sr = el.shadowRoot;
    if (sr && sr.firstChild) stack.push(sr.firstChild, idx, FOREIGN);
    if (name === "iframe") {
      let d = null;
      try { d = el.contentDocument; } catch (e) { d = null; }
      if (d && d.body) stack.push(d.body, idx, FOREIGN | ALONE);
    }
  }
  g.rec = rec;
  g.n = n;
  if (stack.length) pause(g);
  if (n > from) g.pieces.push({ strings: strings.join("\0"), records: rec.slice(0, 3 * (n - from)), from, to: n });
  strings.length = 0;
  return stack.length === 0;
}

/**
 * Between two steps the page runs, and may remove or move a node that waits on the stack (an
 * entry is a node and its following siblings). Where each waiting node sits is noted when a
 * step stops (one entry per open level: cheap), and checked when the next starts.
 */
function pause(g) {
  const { stack } = g;
  const waiting = [];
  for (let k = 0; k < stack.length; k += 3) {
    const el = stack[k];
    if (stack[k + 2] & ALONE) waiting.push(null, null);
    else waiting.push(el.parentNode, el.previousSibling);
  }
  g.waiting = waiting;
}

/**
 * A waiting node that left its parent: the walk goes on with what now follows the last sibling
 * it visited there, so the siblings after the node are still read and none is read twice.
 */
function resume(g) {
  const { stack, waiting } = g;
  g.waiting = null;
  const kept = [];
  for (let k = 0, j = 0; k < stack.length; k += 3, j += 2) {
    let el = stack[k];
    const parent = waiting[j], prev = waiting[j + 1];
    if (parent && el.parentNode !== parent) {
      g.relinked++;
      el = prev === null ? parent.firstChild : prev.parentNode === parent ? prev.nextSibling : afterVisited(g, parent, stack[k + 1]);
      if (!el) continue;
    }
    kept.push(el, stack[k + 1], stack[k + 2]);
  }
  g.stack = kept;
}

/** What follows the last child of `parent` (record `p`) the walk visited that is still there. */
function afterVisited(g, parent, p) {
  const seen = new Set();
  for (let i = p + 1; i < g.n; i++) {
    const x = g.nodes[i];
    if (x && x.parentNode === parent) seen.add(x);
  }
  for (let c = parent.lastChild; c; c = c.previousSibling) if (seen.has(c)) return c.nextSibling;
  return parent.firstChild;
}

/** Of the elements whose text never shows, those extraction reads: a noscript, and a page's
 * JSON-LD (the article's metadata). */
function readsText(el, name) {
  return name === "noscript" || (name === "script" && el.getAttribute("type") === "application/ld+json");
}

/** The gathered records (and, `withLayout`, the default layout facts, measured now). */
export function finishGather(g, withLayout) {
  const { root, tops, nodes } = g;
  return {
    nodes,
    // What is left of the steps' pieces (a sliced gather sends and drops them as it goes).
    strings: g.pieces.map((p) => p.strings).join("\0"),
    records: joinRecords(g.pieces),
    layout: withLayout ? measureDefault(Array.isArray(root) ? null : root, nodes, g.measured) : new Float32Array(0),
    // Only the layout rules read the viewport (and reading it may bring the page's layout up
    // to date).
    viewport: withLayout ? viewportOf(tops.length ? tops[0] : root) : new Float32Array(2),
    // The page's address: the rules that tell its own links from others' read it.
    url: urlOf(tops.length ? tops[0] : root),
  };
}

function joinRecords(pieces) {
  if (pieces.length === 1) return pieces[0].records;
  let len = 0;
  for (const p of pieces) len += p.records.length;
  const out = new Int32Array(len);
  let at = 0;
  for (const p of pieces) {
    out.set(p.records, at);
    at += p.records.length;
  }
  return out;
}

/** A typed array as a plain array (for messages), without `Array.from`'s iterator garbage. */
export function plain(a) {
  const out = new Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i];
  return out;
}

const tagSets = new Map();
function tagSet(tags) {
  let s = tagSets.get(tags);
  if (!s) tagSets.set(tags, (s = new Set((tags || "").split(" ").filter(Boolean))));
  return s;
}

function urlOf(node) {
  const doc = node && (node.nodeType === 9 ? node : node.ownerDocument);
  return (doc && doc.URL) || "";
}

function viewportOf(root) {
  const win = (root.ownerDocument || root).defaultView;
  return win ? new Float32Array([win.innerWidth, win.innerHeight]) : new Float32Array([0, 0]);
}

function flagsOf(el, cs) {
  let f = 0;
  if (cs.position === "fixed") f |= FIXED;
  else if (cs.position === "sticky") f |= STICKY;
  if (cs.display === "none" || cs.visibility === "hidden") f |= HIDDEN;
  if (cs.overflowY === "hidden" || cs.overflowY === "clip") {
    // The root's and body's overflow applies to the viewport: a lock when the page is taller.
    const doc = el.ownerDocument;
    const page = el === doc.documentElement || el === doc.body;
    const taller = page ? doc.documentElement.scrollHeight > (doc.defaultView ? doc.defaultView.innerHeight : 0) + 24 : el.scrollHeight > el.clientHeight + 24;
    if (taller) f |= CLIPPED;
  }
  return f;
}

function measureInto(out, i, el) {
  const win = el.ownerDocument.defaultView;
  if (!win) return;
  const cs = win.getComputedStyle(el);
  const r = el.getBoundingClientRect();
  out.push(i, r.left, r.top, r.width, r.height, flagsOf(el, cs));
}

/**
 * Layout facts for the elements the core asks about by default: frames and ad inserts (their
 * size), the page's top-level blocks and whatever sits on top at a few points of the viewport
 * (fixed overlays, sticky bars), and the root and body (scroll locks). A few dozen elements,
 * not the whole page: computed style is the expensive read.
 */
export function measureDefault(root, nodes, measured) {
  const doc = root ? root.ownerDocument || root : nodes.length ? nodes[0].ownerDocument : null;
  if (!doc) return new Float32Array(0);
  const want = new Set(measured);
  const win = doc.defaultView;
  if (root && win && doc.elementsFromPoint) {
    // The topmost element at a few points of the viewport, and its ancestors up to the body.
    const hits = new Set();
    const w = win.innerWidth, h = win.innerHeight;
    for (const [x, y] of [[0.5, 0.5], [0.5, 0.15], [0.5, 0.85], [0.15, 0.5], [0.85, 0.5], [0.5, 0.02], [0.5, 0.98]]) {
      const el = doc.elementFromPoint(w * x, h * y);
      for (let e = el; e && e !== doc.body && e !== doc.documentElement; e = e.parentElement) hits.add(e);
    }
    // They sit near the top of the page, mostly: stop once all are found.
    let left = hits.size;
    for (let i = 0; left > 0 && i < nodes.length; i++) {
      if (hits.has(nodes[i])) {
        want.add(i);
        left--;
      }
    }
  }
  const out = [];
  for (const i of want) measureInto(out, i, nodes[i]);
  return new Float32Array(out);
}

/** Layout facts for the elements the core asks about (node indices). */
export function measure(nodes, ids) {
  const out = [];
  for (const i of ids) {
    const el = nodes[i];
    if (el && el.nodeType === ELEMENT) measureInto(out, i, el);
  }
  return new Float32Array(out);
}

// Elements this module marked, and stylesheets it added to shadow roots and frames, so undo
// finds them all.
const marked = new Set();
const addedStyles = new Set();

/**
 * Applies decisions: `ids[k]` gets attribute `pairs[2k]` with token `pairs[2k+1]` (tokens of one
 * attribute accumulate, space-separated). Marked elements inside an open shadow root or a
 * same-origin frame get the stylesheet `css` there too (the page's stylesheet does not reach
 * them).
 */
export function apply(nodes, ids, markers, css) {
  const pairs = markers.split("\n");
  const main = globalThis.document;
  for (let k = 0; k < ids.length; k++) {
    const el = nodes[ids[k]];
    if (!el || el.nodeType !== ELEMENT) continue;
    const name = pairs[2 * k], token = pairs[2 * k + 1];
    const old = el.getAttribute(name);
    if (old === null) el.setAttribute(name, token);
    else if (!old.split(" ").includes(token)) el.setAttribute(name, old ? old + " " + token : token);
    marked.add(el);
    if (css) {
      const root = el.getRootNode();
      if (root !== main && (root.nodeType === 11 || root.nodeType === 9)) {
        styleIn(root, css);
        // A frame marked while the hidden blocks are shown: its own root shows them too.
        if (root.nodeType === 9 && showing() && root.documentElement) root.documentElement.setAttribute(ATTR_SHOW, "");
      }
    }
  }
}

/** Whether the page shows what was removed (see showRemoved). */
function showing() {
  const main = globalThis.document;
  return !!(main && main.documentElement && main.documentElement.hasAttribute(ATTR_SHOW));
}

function styleIn(root, css) {
  for (const s of addedStyles) if (s.parentNode && s.getRootNode() === root) return;
  const doc = root.ownerDocument || root;
  const style = doc.createElement("style");
  style.setAttribute("data-declutter-style", "");
  if (showing()) {
    hidingCss.set(style, css); // added while the hidden blocks are shown (see showRemoved)
    style.textContent = showingCss(css);
  } else style.textContent = css;
  if (root.nodeType === 9) (root.head || root.documentElement).appendChild(style);
  else root.appendChild(style);
  addedStyles.add(style);
}

/** Declutter is on for this page: the stylesheet's early rules apply. */
export function switchOn(root) {
  const doc = root.ownerDocument || root;
  if (doc.documentElement && !doc.documentElement.hasAttribute(ATTR_ON)) doc.documentElement.setAttribute(ATTR_ON, "");
}

/** Adds the stylesheet (once per document) and switches its early rules on. */
export function ensureStyle(root, css) {
  const doc = root.ownerDocument || root;
  switchOn(doc);
  let style = doc.getElementById(STYLE_ID);
  if (!style) {
    style = doc.createElement("style");
    style.id = STYLE_ID;
    (doc.head || doc.documentElement).appendChild(style);
  }
  if (style.textContent !== css) style.textContent = css;
}

/** The elements that carry a marker: those this module marked (in shadow roots and frames
 * too) and any other the document holds (marked by another copy of this module). */
function markedNow(doc) {
  const els = new Set(marked);
  for (const el of doc.querySelectorAll("[data-declutter],[data-declutter-fix],[data-declutter-keep]")) els.add(el);
  return els;
}

/** Undoes everything `apply` and `ensureStyle` did; returns how many elements it unmarked. */
export function restore(root) {
  const doc = root.ownerDocument || root;
  let count = 0;
  const unmark = (el) => {
    let had = false;
    try {
      for (const a of MARK_ATTRS) if (el.hasAttribute(a)) { el.removeAttribute(a); had = true; }
    } catch (e) {
      // A dead object (Firefox: its frame was removed): nothing left to undo there.
    }
    if (had) count++;
  };
  for (const d of markedDocs(doc)) if (d !== doc) d.documentElement.removeAttribute(ATTR_SHOW);
  for (const el of markedNow(doc)) unmark(el);
  marked.clear();
  for (const s of addedStyles) {
    try {
      s.remove();
    } catch (e) {
      // dead, as above
    }
  }
  addedStyles.clear();
  hidingCss.clear();
  if (doc.documentElement) {
    doc.documentElement.removeAttribute(ATTR_SHOW);
    doc.documentElement.removeAttribute(ATTR_ON);
  }
  const style = doc.getElementById(STYLE_ID);
  if (style) style.remove();
  return count;
}

/**
 * The markers on the page now, to take off and put back. A re-clean decided elsewhere (the
 * extension's background, a message round trip away) keeps showing what the last clean
 * showed, not every block it hid, until its own markers replace them: it reads the page with
 * them on (`startGather(…, bare)` leaves them out of the records) and takes them off only
 * while it reads layout. Call before `restore`. The stylesheets `apply` added to shadow roots
 * and frames come back with the markers (the page's own stylesheet does not reach there), and
 * go with them.
 */
export function holdMarks(root) {
  const held = [];
  for (const el of markedNow(root.ownerDocument || root)) {
    for (const a of MARK_ATTRS) {
      const v = el.getAttribute(a);
      if (v !== null) held.push(el, a, v);
    }
  }
  const styles = [];
  for (const s of addedStyles) if (s.parentNode) styles.push(s, s.parentNode, s.nextSibling);
  return {
    put() {
      for (let i = 0; i < held.length; i += 3) {
        held[i].setAttribute(held[i + 1], held[i + 2]);
        marked.add(held[i]); // an undo meanwhile finds them
      }
      for (let i = 0; i < styles.length; i += 3) {
        const [s, parent, next] = [styles[i], styles[i + 1], styles[i + 2]];
        if (s.parentNode || !parent.isConnected) continue;
        parent.insertBefore(s, next && next.parentNode === parent ? next : null);
        addedStyles.add(s);
      }
    },
    // As `restore` left them: the new clean's `apply` adds its own stylesheets (its rules may
    // differ).
    take() {
      for (let i = 0; i < held.length; i += 3) held[i].removeAttribute(held[i + 1]);
      for (let i = 0; i < styles.length; i += 3) {
        styles[i].remove();
        addedStyles.delete(styles[i]);
      }
    },
  };
}

/** "Show what was removed": outline hidden blocks instead of hiding them. */
export function showRemoved(root, on) {
  const doc = root.ownerDocument || root;
  // The page's switch, and the same in the same-origin frames it marked (the sheet the
  // extension gives a frame reads the frame's own root).
  for (const d of markedDocs(doc)) {
    if (on) d.documentElement.setAttribute(ATTR_SHOW, "");
    else d.documentElement.removeAttribute(ATTR_SHOW);
  }
  // The stylesheets of shadow roots cannot see a root's switch: while it is on, they (and those
  // of frames) outline instead of hiding; their fixes (expanded bodies, unstuck bars) stay.
  for (const s of addedStyles) {
    if (on && !hidingCss.has(s)) {
      hidingCss.set(s, s.textContent);
      s.textContent = showingCss(s.textContent);
    } else if (!on && hidingCss.has(s)) {
      s.textContent = hidingCss.get(s);
      hidingCss.delete(s);
    }
  }
}

/** `doc` and the documents of frames this module marked or styled. In Firefox the objects of
 * a frame that was removed or navigated are dead (any access throws): they are let go. */
function markedDocs(doc) {
  const docs = new Set([doc]);
  const add = (set, x) => {
    try {
      docs.add(x.ownerDocument);
    } catch (e) {
      set.delete(x);
    }
  };
  for (const s of [...addedStyles]) add(addedStyles, s);
  for (const el of [...marked]) add(marked, el);
  return [...docs].filter((d) => {
    try {
      return !!(d && d.documentElement);
    } catch (e) {
      return false;
    }
  });
}

const hidingCss = new Map(); // a shadow root's or frame's stylesheet while it outlines
const SHOW_CSS = "[data-declutter] { outline: 2px dashed #d0342c !important; outline-offset: -2px !important; background-color: rgba(208, 52, 44, 0.08) !important; }\n";
const HIDE_END = "display: none !important;\n}\n";
/** A shadow root's or frame's stylesheet (style.rs, scoped) while the hidden blocks are shown:
 * its first rule, the one that hides, becomes the outline; the rest stays. */
function showingCss(css) {
  const i = css.indexOf(HIDE_END);
  return SHOW_CSS + (i >= 0 ? css.slice(i + HIDE_END.length) : "");
}

export function now() {
  return globalThis.performance ? globalThis.performance.now() : Date.now();
}
