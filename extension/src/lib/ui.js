// What the extension pages (popup, options) share: translated labels. Every visible string comes
// from _locales through i18n; the HTML carries the English text only as a fallback.
import { api } from "./api.js";

const msg = (key, subs) => api.i18n.getMessage(key, subs);

/** Fills [data-i18n] (text), [data-i18n-title], [data-i18n-aria-label], [data-i18n-placeholder]. */
export function localize(root) {
  for (const el of root.querySelectorAll("[data-i18n]")) {
    const m = msg(el.dataset.i18n);
    if (m) el.textContent = m;
  }
  for (const [attr, key] of [["title", "i18nTitle"], ["aria-label", "i18nAriaLabel"], ["placeholder", "i18nPlaceholder"]]) {
    for (const el of root.querySelectorAll(`[data-${attr === "aria-label" ? "i18n-aria-label" : "i18n-" + attr}]`)) {
      const m = msg(el.dataset[key]);
      if (m) el.setAttribute(attr, m);
    }
  }
  const lang = msg("@@ui_locale");
  if (lang) root.documentElement.lang = lang.replace("_", "-");
}

const CATEGORY_KEYS = {
  ads: "categoryAds", sponsored: "categorySponsored", related: "categoryRelated", comments: "categoryComments",
  social: "categorySocial", newsletter: "categoryNewsletter", overlays: "categoryOverlays", cookies: "categoryCookies",
};

/** A category's name for people (the core names categories; unknown ones show as named). */
export function categoryLabel(cat) {
  return (CATEGORY_KEYS[cat] && msg(CATEGORY_KEYS[cat])) || cat;
}

/** One problem the core found: "path: message". */
export function problemText(p) {
  return p.path ? `${p.path}: ${p.message}` : p.message;
}

export { msg };
