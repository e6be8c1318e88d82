// The element picker, injected on demand into a tab's top frame (background.js startPicker),
// in the extension's isolated world. "hide": hovering highlights the block under the pointer,
// the wheel (up) or "+" widens to the parent, "-" narrows back, a click (or Enter) hides it on
// this site. "keep": the hidden blocks are outlined; a click keeps one. Ctrl+Z (Cmd+Z) undoes
// the last pick, Esc leaves. A pick is saved as a site rule (the core checks it); the saved
// settings come back to every tab of the site through the usual re-clean, so the page is marked
// and hidden by the core, exactly as on the next visit.
//
// What the picker draws lives in a closed shadow root styled only through the CSSOM: the page
// can neither reach nor restyle it, and no inline <style> runs into the page's CSP. Only the
// user's own (trusted) input counts.
import { api, send } from "./lib/api.js";
import { selectorFor } from "./lib/selector.js";

const t = (key, subs) => api.i18n.getMessage(key, subs) || key;

function css(el, styles) {
  for (const [k, v] of Object.entries(styles)) el.style.setProperty(k, v, "important");
  return el;
}

function createPicker() {
  let s = null; // the session

  const dark = () => globalThis.matchMedia && matchMedia("(prefers-color-scheme: dark)").matches;

  function ui(mode) {
    const host = document.createElement("declutter-picker");
    // Its name is known to the gatherer (src/web/dom.js): the core never decides on it.
    css(host, {
      position: "fixed", inset: "0", width: "auto", height: "auto", margin: "0", padding: "0", border: "0", display: "block",
      "z-index": "2147483647", "pointer-events": "none", opacity: "1", visibility: "visible", transform: "none", filter: "none", contain: "none",
    });
    const root = host.attachShadow({ mode: "closed" });
    const box = css(document.createElement("div"), {
      position: "fixed", display: "none", "box-sizing": "border-box", border: "2px solid #146e78",
      background: mode === "keep" ? "rgba(30, 140, 60, 0.18)" : "rgba(20, 110, 120, 0.18)", "border-radius": "3px", "pointer-events": "none",
    });
    const label = css(document.createElement("div"), {
      position: "fixed", display: "none", "max-width": "60vw", overflow: "hidden", "text-overflow": "ellipsis", "white-space": "nowrap",
      font: "12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace", color: "#fff", background: "#146e78", padding: "2px 6px", "border-radius": "3px", "pointer-events": "none",
    });
    const fg = dark() ? "#eee" : "#1b1b1b";
    const bar = css(document.createElement("div"), {
      position: "fixed", left: "50%", bottom: "16px", transform: "translateX(-50%)", display: "flex", gap: "12px", "align-items": "center",
      "max-width": "90vw", padding: "8px 12px", "border-radius": "8px", font: "13px/1.4 system-ui, sans-serif", color: fg,
      background: dark() ? "#1e1f22" : "#fff", border: "1px solid #146e78", "box-shadow": "0 2px 12px rgba(0,0,0,0.25)", "pointer-events": "auto",
    });
    bar.setAttribute("role", "status");
    bar.setAttribute("aria-live", "polite");
    const hint = css(document.createElement("span"), { color: fg });
    hint.textContent = t(mode === "keep" ? "pickerHintKeep" : "pickerHintHide");
    const status = css(document.createElement("strong"), { color: fg });
    const done = css(document.createElement("button"), {
      font: "inherit", padding: "3px 10px", "border-radius": "6px", border: "1px solid #146e78", background: "#146e78", color: "#fff", cursor: "pointer",
    });
    done.type = "button";
    done.textContent = t("pickerDone");
    done.addEventListener("click", (e) => {
      if (e.isTrusted) stop(true);
    });
    bar.append(hint, status, done);
    root.append(box, label, bar);
    document.documentElement.appendChild(host);
    return { host, box, label, bar, status, done };
  }

  /** The block under a point: the element there, lifted out of inline runs. */
  function blockAt(x, y) {
    let el = document.elementFromPoint(x, y);
    if (!el || el === s.ui.host) return undefined; // over our own bar: keep the current target
    if (s.mode === "keep") return el.closest("[data-declutter]");
    while (el && el !== document.body && el !== document.documentElement && /^(inline|contents)$/.test(getComputedStyle(el).display)) el = el.parentElement;
    return el === document.body || el === document.documentElement ? null : el;
  }

  function target() {
    let el = s.base;
    for (let i = 0; el && i < s.level; i++) {
      const p = el.parentElement;
      if (!p || p === document.body || p === document.documentElement) break;
      el = p;
    }
    return el;
  }

  function draw() {
    const el = s && target();
    const { box, label } = s.ui;
    s.target = el && el.isConnected ? el : null;
    if (!s.target) {
      box.style.setProperty("display", "none", "important");
      label.style.setProperty("display", "none", "important");
      return;
    }
    const r = s.target.getBoundingClientRect();
    css(box, { display: "block", left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
    if (s.labelFor !== s.target) {
      s.labelFor = s.target;
      s.selector = selectorFor(s.target);
      label.textContent = s.selector || s.target.localName;
    }
    css(label, { display: "block", left: `${Math.max(0, r.left)}px`, top: `${r.top >= 22 ? r.top - 22 : Math.max(0, r.top) + 2}px` });
  }

  function say(text) {
    if (s) s.ui.status.textContent = text;
  }

  function widen(by) {
    if (!s.base) return;
    const before = target();
    s.level = Math.max(0, s.level + by);
    // Stop at the widest block (right under the body).
    if (by > 0 && target() === before) s.level -= by;
    draw();
  }

  async function pick() {
    const el = s.target;
    if (!el) return;
    const selector = s.labelFor === el ? s.selector : selectorFor(el);
    if (!selector) return say(t("pickerNoSelector"));
    const kind = s.mode === "keep" ? "keep" : "hide";
    const session = s;
    const r = await send({ type: "rule-add", kind, selector });
    if (session !== s) return;
    if (!r || !r.ok) return say((r && r.problems && r.problems.map((p) => p.message).join("; ")) || (r && r.error) || t("pickerFailed"));
    s.picks.push({ kind, selector, changed: r.changed });
    s.base = null;
    s.level = 0;
    draw();
    say(t(kind === "keep" ? "pickerKept" : "pickerHidden"));
  }

  async function undo() {
    const p = s.picks.pop();
    if (!p) return say(t("pickerNothingToUndo"));
    // Exactly what the pick did: an added rule goes; a pick that took away the same selector
    // from the other list puts it back.
    const other = p.kind === "keep" ? "hide" : "keep";
    if (p.changed === "added") await send({ type: "rule-remove", kind: p.kind, selector: p.selector });
    else if (p.changed === "inverse") await send({ type: "rule-add", kind: other, selector: p.selector });
    say(t("pickerUndone"));
  }

  const swallow = (e) => {
    if (!s || !e.isTrusted || e.composedPath().includes(s.ui.host)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  const on = {
    mousemove(e) {
      if (!e.isTrusted) return;
      const el = blockAt(e.clientX, e.clientY);
      if (el === undefined || el === s.base) return;
      s.base = el;
      s.level = 0;
      draw();
    },
    click(e) {
      if (!s || !e.isTrusted || e.composedPath().includes(s.ui.host)) return;
      swallow(e);
      const el = blockAt(e.clientX, e.clientY);
      if (el && el !== s.base) {
        s.base = el;
        s.level = 0;
        draw();
      }
      pick();
    },
    wheel(e) {
      if (!e.isTrusted || !s.base) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      widen(e.deltaY < 0 ? 1 : -1);
    },
    keydown(e) {
      if (!e.isTrusted) return;
      const key = e.key;
      let handled = true;
      if (key === "Escape") stop(true);
      else if ((e.ctrlKey || e.metaKey) && !e.altKey && key.toLowerCase() === "z") undo();
      else if (e.ctrlKey || e.metaKey || e.altKey) handled = false;
      else if (key === "+" || key === "=" || key === "ArrowUp") widen(1);
      else if (key === "-" || key === "ArrowDown") widen(-1);
      else if (key === "Enter") pick();
      else handled = false;
      if (handled) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    },
    scroll() {
      if (s) requestAnimationFrame(draw);
    },
  };
  const listeners = [
    ["mousemove", on.mousemove, { capture: true, passive: true }],
    ["click", on.click, { capture: true }],
    ["mousedown", swallow, { capture: true }],
    ["mouseup", swallow, { capture: true }],
    ["pointerdown", swallow, { capture: true }],
    ["pointerup", swallow, { capture: true }],
    ["auxclick", swallow, { capture: true }],
    ["wheel", on.wheel, { capture: true, passive: false }],
    ["keydown", on.keydown, { capture: true }],
    ["scroll", on.scroll, { capture: true, passive: true }],
    ["resize", on.scroll, { passive: true }],
  ];

  function start(mode) {
    stop(false);
    s = { mode: mode === "keep" ? "keep" : "hide", base: null, level: 0, target: null, labelFor: null, selector: null, picks: [], ui: null };
    s.ui = ui(s.mode);
    for (const [type, fn, opts] of listeners) window.addEventListener(type, fn, opts);
    // Keyboard users: the bar's button takes focus, so Esc and the keys work at once.
    s.ui.done.focus({ preventScroll: true });
  }

  function stop(notify) {
    if (!s) return;
    const mode = s.mode;
    for (const [type, fn, opts] of listeners) window.removeEventListener(type, fn, opts);
    s.ui.host.remove();
    s = null;
    if (notify) send({ type: "picker-done", mode });
  }

  function state() {
    return s ? { active: true, mode: s.mode, selector: s.target ? (s.labelFor === s.target ? s.selector : selectorFor(s.target)) : null, picks: s.picks.length } : { active: false };
  }

  return { start, stop, state };
}

// Injected once per frame; a second injection finds the first.
const KEY = Symbol.for("declutter.picker");
if (!globalThis[KEY]) {
  const picker = createPicker();
  globalThis[KEY] = picker;
  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (!msg || sender.id !== api.runtime.id) return false;
    switch (msg.type) {
      case "picker-start":
        picker.start(msg.mode);
        sendResponse(picker.state());
        return false;
      case "picker-stop":
        picker.stop(true);
        sendResponse(picker.state());
        return false;
      case "picker-state":
        sendResponse(picker.state());
        return false;
      default:
        return false;
    }
  });
}
