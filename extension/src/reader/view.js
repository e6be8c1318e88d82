// The reader view: the extracted (and already sanitized) article shown in the same tab, over
// the page, inside a closed shadow root so that the page's scripts cannot reach it and its
// styles cannot touch it. The page underneath is not modified except for one host element
// and one attribute on the root, both removed on close; scroll position and focus are put back,
// so closing restores the page exactly.

const HOST_ATTR = "data-declutter-reader";
const THEMES = ["auto", "light", "sepia", "dark"];
const FONTS = ["serif", "sans", "mono", "dyslexic"];
const WORDS_PER_MINUTE = 230;

const CSS = `
:host { all: initial !important; position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; display: block !important; }
.view { position: absolute; inset: 0; overflow: auto; background: var(--bg); color: var(--fg); font-size: var(--size); -webkit-font-smoothing: antialiased; }
.view[data-theme="light"] { --bg: #ffffff; --fg: #1b1b1b; --muted: #5f6368; --link: #0b57d0; --rule: #e3e3e3; --bar: rgba(255,255,255,.94); }
.view[data-theme="sepia"] { --bg: #f4ecd8; --fg: #433422; --muted: #7a6650; --link: #8a4b08; --rule: #dccfb2; --bar: rgba(244,236,216,.94); }
.view[data-theme="dark"]  { --bg: #1c1c1e; --fg: #e3e3e3; --muted: #a0a0a6; --link: #8ab4f8; --rule: #3a3a3c; --bar: rgba(28,28,30,.94); }
.view[data-theme="auto"]  { --bg: #ffffff; --fg: #1b1b1b; --muted: #5f6368; --link: #0b57d0; --rule: #e3e3e3; --bar: rgba(255,255,255,.94); }
@media (prefers-color-scheme: dark) {
  .view[data-theme="auto"] { --bg: #1c1c1e; --fg: #e3e3e3; --muted: #a0a0a6; --link: #8ab4f8; --rule: #3a3a3c; --bar: rgba(28,28,30,.94); }
}
.view[data-font="serif"] { --font: "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, "Noto Serif", serif; }
.view[data-font="sans"] { --font: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Helvetica, Arial, sans-serif; }
.view[data-font="mono"] { --font: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; }
.view[data-font="dyslexic"] { --font: "OpenDyslexic", "Atkinson Hyperlegible", Lexend, "Comic Sans MS", Verdana, sans-serif; --tracking: .04em; --spacing: .12em; }
.bar { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; justify-content: center; padding: 8px 12px; background: var(--bar); border-bottom: 1px solid var(--rule); font: 13px/1.2 system-ui, sans-serif; backdrop-filter: blur(6px); }
.bar .group { display: inline-flex; gap: 2px; align-items: center; }
.bar .sep { width: 1px; height: 22px; background: var(--rule); margin: 0 6px; }
button, select { font: inherit; color: var(--fg); background: transparent; border: 1px solid var(--rule); border-radius: 6px; padding: 5px 9px; cursor: pointer; }
button[aria-pressed="true"] { background: var(--fg); color: var(--bg); }
button:focus-visible, select:focus-visible, a:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
.close { margin-left: 10px; }
article { box-sizing: border-box; max-width: var(--width); margin: 0 auto; padding: 32px 22px 96px; font-family: var(--font); line-height: var(--leading); letter-spacing: var(--tracking, normal); word-spacing: var(--spacing, normal); overflow-wrap: break-word; }
header.meta { margin-bottom: 28px; border-bottom: 1px solid var(--rule); padding-bottom: 18px; }
.site { font: 600 13px/1.4 system-ui, sans-serif; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 0 0 10px; }
h1.title { font-size: 1.8em; line-height: 1.2; margin: 0 0 12px; }
h1.title:focus { outline: none; }
.byline { color: var(--muted); font: 14px/1.5 system-ui, sans-serif; margin: 0; }
.lead { display: block; max-width: 100%; height: auto; margin: 0 auto 24px; border-radius: 4px; }
.body h1, .body h2, .body h3, .body h4 { line-height: 1.25; margin: 1.6em 0 .6em; }
.body p, .body ul, .body ol, .body blockquote, .body figure, .body pre, .body table { margin: 0 0 1.1em; }
.body a { color: var(--link); }
.body img, .body video, .body iframe { max-width: 100%; height: auto; }
.body iframe { aspect-ratio: 16 / 9; width: 100%; border: 0; }
.body figure { margin-left: 0; margin-right: 0; }
.body figcaption { color: var(--muted); font: 14px/1.5 system-ui, sans-serif; margin-top: 6px; }
.body blockquote { border-inline-start: 3px solid var(--rule); padding-inline-start: 1em; margin-inline: 0; color: var(--muted); }
.body pre { overflow: auto; padding: 12px 14px; border-radius: 6px; background: color-mix(in srgb, var(--fg) 7%, var(--bg)); font: .85em/1.5 ui-monospace, Menlo, Consolas, monospace; white-space: pre; tab-size: 4; }
.body code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em; }
.body table { border-collapse: collapse; display: block; overflow-x: auto; font-size: .9em; }
.body th, .body td { border: 1px solid var(--rule); padding: 6px 9px; text-align: start; vertical-align: top; }
.body math { font-size: 1.05em; }
.body hr { border: 0; border-top: 1px solid var(--rule); margin: 2em 0; }
.footer { margin-top: 40px; color: var(--muted); font: 13px/1.5 system-ui, sans-serif; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media print {
  :host { position: static !important; }
  .view { position: static; overflow: visible; background: #fff; color: #000; }
  .bar, .footer { display: none; }
  article { max-width: none; padding: 0; }
  .body a { color: #000; text-decoration: underline; }
}
`;

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function minutes(words) {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

/** Reading-time and byline line. */
function metaLine(a, msg) {
  const parts = [];
  if (a.byline) parts.push(a.byline);
  if (a.published) {
    const d = new Date(a.published);
    parts.push(Number.isNaN(d.getTime()) ? a.published : d.toLocaleDateString(a.lang || undefined, { year: "numeric", month: "long", day: "numeric" }));
  }
  parts.push(msg("readerMinutes", [String(minutes(a.wordCount))]) || `${minutes(a.wordCount)} min read`);
  return parts.join(" · ");
}

/**
 * Opens the view. `article` comes from the core (sanitized HTML); `prefs` is the profile's
 * reader typography; `onPrefs(prefs)` persists a change; `msg(key, subs)` localizes.
 * Returns a controller: { close(), prefs(), text(), theme() }.
 */
export function openReader(article, prefs, { onPrefs = () => {}, onClose = () => {}, msg = () => "" } = {}) {
  const doc = document;
  const saved = {
    scrollX: window.scrollX,
    scrollY: window.scrollY,
    focus: doc.activeElement,
    selection: null,
  };
  const host = doc.createElement("declutter-reader");
  const root = host.attachShadow({ mode: "closed" });
  const state = { ...prefs };

  const style = el("style");
  style.textContent = CSS;
  const view = el("div", { class: "view", role: "document" });
  const bar = el("div", { class: "bar", role: "toolbar", "aria-label": msg("readerToolbar") || "Reader view settings" });

  const button = (label, title, onclick, pressed) => {
    const b = el("button", { type: "button", title, "aria-label": title }, label);
    if (pressed !== undefined) b.setAttribute("aria-pressed", String(pressed));
    b.addEventListener("click", onclick);
    return b;
  };
  const themeGroup = el("div", { class: "group", role: "group", "aria-label": msg("readerTheme") || "Theme" });
  const themeButtons = THEMES.map((t) => {
    const label = msg("readerTheme_" + t) || t;
    const b = button(label, label, () => set({ theme: t }), state.theme === t);
    b.dataset.theme = t;
    themeGroup.append(b);
    return b;
  });
  const fontSelect = el("select", { "aria-label": msg("readerFont") || "Font" });
  for (const f of FONTS) {
    const o = el("option", { value: f }, msg("readerFont_" + f) || f);
    if (f === state.font) o.selected = true;
    fontSelect.append(o);
  }
  fontSelect.addEventListener("change", () => set({ font: fontSelect.value }));
  const sizeGroup = el("div", { class: "group", role: "group", "aria-label": msg("readerSize") || "Text size" });
  sizeGroup.append(
    button("A−", msg("readerSmaller") || "Smaller text", () => set({ size: Math.max(12, state.size - 2) })),
    button("A+", msg("readerLarger") || "Larger text", () => set({ size: Math.min(40, state.size + 2) })),
  );
  const widthGroup = el("div", { class: "group", role: "group", "aria-label": msg("readerWidth") || "Line width" });
  widthGroup.append(
    button("⇤⇥", msg("readerNarrower") || "Narrower column", () => set({ width: Math.max(40, state.width - 8) })),
    button("⇠⇢", msg("readerWider") || "Wider column", () => set({ width: Math.min(120, state.width + 8) })),
  );
  const leadingGroup = el("div", { class: "group", role: "group", "aria-label": msg("readerLineHeight") || "Line spacing" });
  leadingGroup.append(
    button("≡−", msg("readerTighter") || "Tighter lines", () => set({ line_height: Math.max(1, Math.round((state.line_height - 0.1) * 10) / 10) })),
    button("≡+", msg("readerLooser") || "Looser lines", () => set({ line_height: Math.min(2.5, Math.round((state.line_height + 0.1) * 10) / 10) })),
  );
  const closeButton = button(msg("readerClose") || "Close", msg("readerCloseTitle") || "Close reader view (Esc)", () => close());
  closeButton.classList.add("close");
  bar.append(themeGroup, el("span", { class: "sep" }), fontSelect, sizeGroup, widthGroup, leadingGroup, closeButton);

  const art = el("article", { lang: article.lang || undefined, dir: article.dir || "auto", "aria-labelledby": "declutter-title" });
  const meta = el("header", { class: "meta" });
  if (article.siteName) meta.append(el("p", { class: "site" }, article.siteName));
  const title = el("h1", { class: "title", id: "declutter-title", tabindex: "-1" }, article.title || "");
  meta.append(title, el("p", { class: "byline" }, metaLine(article, msg)));
  art.append(meta);
  const body = el("div", { class: "body" });
  // The HTML was sanitized by the core's allowlist sanitizer (lol_html) before it got here.
  body.innerHTML = article.html;
  const hasLeadInBody = article.leadImage && [...body.querySelectorAll("img")].some((i) => i.src === article.leadImage);
  if (article.leadImage && !hasLeadInBody && /^https?:/i.test(article.leadImage)) {
    art.append(el("img", { class: "lead", src: article.leadImage, alt: "", loading: "lazy", referrerpolicy: "no-referrer" }));
  }
  art.append(body);
  const footer = el("p", { class: "footer" }, msg("readerFooter") || "Reader view by Declutter — Esc closes it.");
  art.append(footer);
  view.append(bar, art);
  root.append(style, view);

  function apply() {
    view.dataset.theme = THEMES.includes(state.theme) ? state.theme : "auto";
    view.dataset.font = FONTS.includes(state.font) ? state.font : "serif";
    view.style.setProperty("--size", `${state.size}px`);
    view.style.setProperty("--width", `${state.width}ch`);
    view.style.setProperty("--leading", String(state.line_height));
    for (const b of themeButtons) b.setAttribute("aria-pressed", String(b.dataset.theme === state.theme));
    fontSelect.value = state.font;
  }
  function set(change) {
    Object.assign(state, change);
    apply();
    onPrefs({ ...state });
  }
  apply();

  // Esc closes the view wherever focus is (a listener on the window, in capture, so the page's
  // own handlers do not see the key while the view is open).
  const onKey = (e) => {
    if (e.key === "Escape") {
      e.stopImmediatePropagation();
      e.preventDefault();
      close();
    }
  };
  window.addEventListener("keydown", onKey, true);

  doc.documentElement.setAttribute(HOST_ATTR, "");
  doc.documentElement.append(host);
  // Focus the view so screen readers start at the article and keyboard scrolling works.
  view.tabIndex = -1;
  view.focus({ preventScroll: true });
  title.focus({ preventScroll: true });

  let closed = false;
  function close() {
    if (closed) return;
    closed = true;
    window.removeEventListener("keydown", onKey, true);
    host.remove();
    doc.documentElement.removeAttribute(HOST_ATTR);
    window.scrollTo(saved.scrollX, saved.scrollY);
    if (saved.focus && saved.focus.isConnected && typeof saved.focus.focus === "function" && saved.focus !== doc.body) {
      saved.focus.focus({ preventScroll: true });
    } else if (doc.activeElement && doc.activeElement !== doc.body && typeof doc.activeElement.blur === "function") {
      doc.activeElement.blur();
    }
    onClose();
  }

  return {
    close,
    prefs: () => ({ ...state }),
    // For the test harness, through the extension's messaging (the page cannot reach this).
    describe: () => ({
      open: !closed,
      theme: view.dataset.theme,
      font: view.dataset.font,
      dir: art.getAttribute("dir"),
      lang: art.getAttribute("lang"),
      title: title.textContent,
      text: body.innerText,
      html: body.innerHTML,
      fontSize: getComputedStyle(art).fontSize,
      background: getComputedStyle(view).backgroundColor,
      focusInView: root.activeElement !== null && doc.activeElement === host,
      // Where the controls are, so tests can press them with real clicks.
      controls: Object.fromEntries(
        [...themeButtons.map((b) => ["theme-" + b.dataset.theme, b]), ["close", closeButton]].map(([k, b]) => {
          const r = b.getBoundingClientRect();
          return [k, { x: r.left + r.width / 2, y: r.top + r.height / 2 }];
        }),
      ),
    }),
  };
}

export { HOST_ATTR };
