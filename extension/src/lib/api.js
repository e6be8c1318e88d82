// One browser API for both browsers: Firefox's promise-based `browser`, else Chrome's `chrome`
// (promise-returning in MV3).
export const api = globalThis.browser ?? globalThis.chrome;

/**
 * Firefox runs content-script wasm regardless of the page's CSP; Chromium does not. Told by the
 * extension's own URL scheme, which every context can read (content scripts have no
 * `runtime.getBrowserInfo`).
 */
export const isFirefox = typeof api?.runtime?.getURL === "function" && api.runtime.getURL("").startsWith("moz-extension:");

/** Sends a message to the extension; resolves to null when nobody answers. */
export function send(msg) {
  try {
    return Promise.resolve(api.runtime.sendMessage(msg)).catch(() => null);
  } catch (e) {
    return Promise.resolve(null);
  }
}
