// Static server on 127.0.0.1 for the browser tests. Serves www/ (the playground and samples)
// and tests/e2e/pages/. Paths under a CSP prefix get that policy as a response header, the
// rest of the path naming the file: /csp/samples/seed.html is www/samples/seed.html served with
// `script-src 'self'`. Every HTML page gets the probe script first in <head>, which records
// what the page itself could observe (CSP violations, errors, console errors, new globals).
// Under /noscript/ an HTML page comes without its scripts (JSON data kept), meta refreshes and
// the probe: captured real pages, which must not run or navigate away in a test.
import http from "node:http";
import { isUtf8 } from "node:buffer";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const DIRS = [path.join(root, "tests/e2e/pages"), path.join(root, "www")];
// /fixtures/<file> serves the clutter fixture pages (tests/fixtures/clean).
const FIXTURES = path.join(root, "tests/fixtures/clean");
const CSP = {
  "/csp/": "script-src 'self'; object-src 'none'",
  "/cspdefault/": "default-src 'self'",
  "/cspwasm/": "script-src 'self' 'wasm-unsafe-eval'",
};
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".wasm": "application/wasm", ".json": "application/json", ".png": "image/png", ".txt": "text/plain; charset=utf-8", ".xhtml": "application/xhtml+xml" };
const PROBE = `<script src="/__probe.js"></script>`;
const PROBE_JS = fs.readFileSync(path.join(root, "tests/e2e/lib/probe.js"), "utf8");

function resolve(urlPath, mounts) {
  const clean = path.normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, "");
  for (const [prefix, dir] of Object.entries({ "/fixtures/": FIXTURES, ...mounts })) {
    if (clean.startsWith(prefix)) {
      const f = path.join(dir, clean.slice(prefix.length));
      return f.startsWith(dir) && fs.existsSync(f) && fs.statSync(f).isFile() ? f : null;
    }
  }
  for (const d of DIRS) {
    const f = path.join(d, clean);
    if (f.startsWith(d) && fs.existsSync(f) && fs.statSync(f).isFile()) return f;
  }
  return null;
}

/** The page less its scripts (JSON data blocks stay) and meta refreshes. Bytes pass through as
 * latin1, so the page's own encoding is untouched. */
function withoutScripts(html) {
  // Comments are matched first and kept whole: a script tag inside one is no script.
  return html
    .replace(/<!--[\s\S]*?-->|<script\b([^>]*)>[\s\S]*?<\/script\b[^>]*>/gi, (m, attrs) => (attrs === undefined || /type\s*=\s*["']?application\/(ld\+)?json/i.test(attrs) ? m : ""))
    .replace(/<meta\b[^>]*http-equiv\s*=\s*["']?refresh[^>]*>/gi, "");
}

/** `mounts`: extra URL prefixes mapped to directories ({"/bench/": "/abs/dir"}). */
export function serve(port = 0, { mounts = {}, probe = true } = {}) {
  const server = http.createServer((req, res) => {
    let p = new URL(req.url, "http://x").pathname;
    const headers = { "Cache-Control": "no-store" };
    for (const [prefix, policy] of Object.entries(CSP)) {
      if (p.startsWith(prefix)) {
        headers["Content-Security-Policy"] = policy;
        p = p.slice(prefix.length - 1);
      }
    }
    if (p === "/__probe.js") {
      res.writeHead(200, { ...headers, "Content-Type": "text/javascript" });
      return res.end(PROBE_JS);
    }
    // A stylesheet that arrives late (?ms=N): pages whose styles are still loading.
    if (p === "/__slow.css") {
      const ms = Math.min(10000, Number(new URL(req.url, "http://x").searchParams.get("ms")) || 0);
      return setTimeout(() => {
        res.writeHead(200, { ...headers, "Content-Type": "text/css" });
        res.end("/* late */");
      }, ms);
    }
    const noscript = p.startsWith("/noscript/");
    if (noscript) p = p.slice("/noscript".length);
    if (p.endsWith("/")) p += "index.html";
    const file = resolve(p, mounts);
    if (!file) {
      res.writeHead(404, headers);
      return res.end("not found");
    }
    const type = TYPES[path.extname(file)] || "application/octet-stream";
    let body = fs.readFileSync(file);
    let contentType = type;
    if (noscript && type.startsWith("text/html")) {
      // A page that is not UTF-8 names its encoding itself (or gets the browser's default).
      if (!isUtf8(body)) contentType = "text/html";
      body = Buffer.from(withoutScripts(body.toString("latin1")), "latin1");
    } else if (probe && type.startsWith("text/html")) body = Buffer.from(body.toString("utf8").replace(/<head([^>]*)>/i, (m) => m + PROBE));
    res.writeHead(200, { ...headers, "Content-Type": contentType });
    res.end(body);
  });
  return new Promise((ok) => server.listen(port, "127.0.0.1", () => ok({ server, base: `http://127.0.0.1:${server.address().port}` })));
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const { base } = await serve(Number(process.argv[2] || 8765));
  console.log("serving on " + base);
}
