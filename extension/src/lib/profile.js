// What of a site's profile (the core's `profileFor`) changes how a page is cleaned: everything
// but the reader view's typography. A new font size must not re-clean every open tab, nor take
// the document-start stylesheet off every site.

/** A key equal for two profiles exactly when they clean a page alike. */
export function cleaningKey(profile) {
  if (!profile || typeof profile !== "object") return JSON.stringify(profile ?? null);
  const { reader, ...cleaning } = profile;
  return JSON.stringify(cleaning);
}
