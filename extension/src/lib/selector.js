// The CSS selector a picked element is saved as (the element picker, "Hide this element on this
// site"): short, stable across page loads, and in the subset the core reads (src/selector.rs:
// type, #id, .class, [attr], [attr="v"], :nth-of-type(n), descendant and ">" combinators).
// Stable means: ids that are not numeric-looking, classes that are not generated hashes or
// state, data attributes; a short :nth-of-type path only when nothing better is unique. The
// core validates whatever is saved.

// Names the core's parser reads without escapes.
const IDENT = /^-?[A-Za-z_][A-Za-z0-9_-]*$/;
// Classes that say what state a block is in, not what it is.
const STATE = /^(?:(?:is|has|js|u)-.*|active|open|opened|closed|selected|current|hover|focus|focused|visible|hidden|invisible|show|shown|hide|collapsed|expanded|loaded|loading|lazyloaded|sticky|stuck|fixed|in|out|fade|animated|clearfix|row|col)$/i;
// Attributes that name a block, best first.
const NAMING_ATTRS = ["data-testid", "data-test-id", "data-test", "data-qa", "data-cy", "data-component", "data-module", "data-block", "data-widget", "data-section", "data-role", "data-type", "data-name", "role", "aria-label", "itemprop"];
// Attributes that never name anything (frameworks' bookkeeping, ours).
const NOISE_ATTR = /^data-(?:declutter|react|v-|reactid|hydration|ssr|gtm|ga|track|analytics|lazy|src|srcset|bg|style|state|index|id$|key$|pos)/i;
// Tags specific enough to stand alone.
const GENERIC_TAGS = new Set(["div", "span", "section", "p", "a", "li", "ul", "img", "figure", "picture", "i", "b", "em", "strong"]);

/** A generated name (CSS modules, styled-components, Emotion, build hashes) or a number. */
export function looksGenerated(name) {
  if (!IDENT.test(name)) return true;
  if (/^(?:css|sc|jsx|emotion|styled|svelte|tw|astro|chakra)-/i.test(name)) return true;
  if ((name.match(/\d/g) || []).length >= 3) return true;
  for (const seg of name.split(/[-_]+/)) {
    if (seg.length >= 5 && /\d/.test(seg) && /[a-z]/i.test(seg)) return true;
    if (seg.length <= 8 && (seg.slice(1).match(/[A-Z]/g) || []).length >= 2) return true;
  }
  return false;
}

function stableId(el) {
  const id = el.getAttribute("id");
  return id && !/^\d/.test(id) && !looksGenerated(id) ? id : null;
}

function stableClasses(el) {
  return [...el.classList].filter((c) => IDENT.test(c) && !STATE.test(c) && !looksGenerated(c) && !c.startsWith("declutter"));
}

function attrValueOk(v) {
  return v.length > 0 && v.length <= 60 && !/["\\\n\r]/.test(v) && (v.match(/\d/g) || []).length < 4;
}

function namingAttrs(el) {
  const out = [];
  for (const name of NAMING_ATTRS) {
    const v = el.getAttribute(name);
    if (v !== null && attrValueOk(v)) out.push(`[${name}="${v}"]`);
  }
  for (const a of el.attributes) {
    if (!a.name.startsWith("data-") || NAMING_ATTRS.includes(a.name) || NOISE_ATTR.test(a.name) || !IDENT.test(a.name)) continue;
    if (attrValueOk(a.value) && /^[A-Za-z][\w -]*$/.test(a.value) && !a.value.split(/[\s]+/).some(looksGenerated)) out.push(`[${a.name}="${a.value}"]`);
  }
  return out;
}

/** Selectors for the element on its own, best first. */
function ownCandidates(el) {
  const tag = el.localName;
  const out = [];
  const id = stableId(el);
  if (id) out.push(`#${id}`);
  for (const a of namingAttrs(el)) out.push(a, tag + a);
  const classes = stableClasses(el);
  for (const c of classes) out.push(`${tag}.${c}`);
  for (let i = 0; i < classes.length; i++) for (let j = i + 1; j < classes.length && j < 4; j++) out.push(`${tag}.${classes[i]}.${classes[j]}`);
  if (!GENERIC_TAGS.has(tag) && IDENT.test(tag)) out.push(tag);
  return out;
}

/** The step for `el` under its parent: a compound unique among its siblings. */
function step(el) {
  const tag = el.localName;
  const siblings = el.parentElement ? [...el.parentElement.children] : [el];
  const only = (sel) => siblings.filter((s) => s.matches(sel)).length === 1;
  for (const c of ownCandidates(el)) if (only(c)) return c;
  const sameTag = siblings.filter((s) => s.localName === tag);
  return sameTag.length === 1 ? tag : `${tag}:nth-of-type(${sameTag.indexOf(el) + 1})`;
}

/**
 * The selector for `el`, or null (the root, the body, or an element outside the light DOM of
 * its document). The result matches `el` and nothing else in the document now.
 */
export function selectorFor(el) {
  if (!el || el.nodeType !== 1) return null;
  const doc = el.ownerDocument;
  if (el === doc.documentElement || el === doc.body || !doc.documentElement.contains(el)) return null;
  const unique = (sel) => uniqueIn(doc, sel, el);
  for (const c of ownCandidates(el)) if (unique(c)) return c;
  // A path from the nearest ancestor that can be named, each step unique among its siblings.
  const own = ownCandidates(el);
  const steps = [step(el)];
  for (let a = el.parentElement, depth = 0; a && depth < 24; a = a.parentElement, depth++) {
    const anchors = a === doc.body ? ["body"] : a === doc.documentElement ? ["html"] : ownCandidates(a).filter((c) => uniqueIn(doc, c, a));
    for (const anchor of anchors) {
      // The shortest first: the anchor and the element's own name anywhere inside it.
      for (const c of own) if (unique(`${anchor} ${c}`)) return `${anchor} ${c}`;
      const path = `${anchor} > ${steps.join(" > ")}`;
      if (unique(path)) return path;
    }
    if (a === doc.body || a === doc.documentElement) break;
    steps.unshift(step(a));
  }
  return null;
}

function uniqueIn(doc, sel, el) {
  try {
    const all = doc.querySelectorAll(sel);
    return all.length === 1 && all[0] === el;
  } catch (e) {
    return false;
  }
}
