// Assembles what scripts/build.sh compiled: bundles the extension's scripts, writes one
// extension folder per browser from the single source in extension/, zips them, and lays out
// the ES-module package (dist/pkg) and the playground's copy of it (www/pkg).
import * as esbuild from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const r = (...p) => path.join(root, ...p);

function copyDir(from, to, filter = () => true) {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, e.name), b = path.join(to, e.name);
    if (e.isDirectory()) copyDir(a, b, filter);
    else if (filter(a)) fs.copyFileSync(a, b);
  }
}

// wasm-bindgen copies src/web/dom.js into build/<module>/snippets/<hash>/; resolve that copy to
// the source so the content script (which also imports dom.js for the CSP fallback) bundles
// one module, not two.
const snippetToSource = {
  name: "snippet-to-source",
  setup(b) {
    b.onResolve({ filter: /snippets\/.*\/src\/web\/dom\.js$/ }, () => ({ path: r("src/web/dom.js") }));
  },
};

const entries = ["content", "background", "popup", "options", "picker"];
await esbuild.build({
  entryPoints: Object.fromEntries(entries.map((e) => [e, r("extension/src", e + ".js")])),
  outdir: r("build/ext"),
  bundle: true,
  format: "iife",
  target: ["chrome120", "firefox128"],
  charset: "utf8",
  legalComments: "none",
  plugins: [snippetToSource],
  logLevel: "warning",
  // wasm-bindgen's default path uses import.meta.url; we always pass the wasm URL explicitly.
  logOverride: { "empty-import-meta": "silent", "duplicate-object-key": "silent" },
});

// The document-start stylesheet: the core's stylesheet for the default profile. Its early rules
// answer to their own root attribute, which the content script drops once the background has
// injected the stylesheet of the page's actual profile: a tab whose settings change later is
// not held by a registered sheet that cannot be taken back.
const reader = await import(r("build/declutter_reader/declutter_reader.js"));
reader.initSync({ module: fs.readFileSync(r("build/declutter_reader/declutter_reader_bg.wasm")) });
const earlyCss = reader.stylesheet({}).replaceAll(":root[data-declutter-on]", ":root[data-declutter-early]");
if (!earlyCss.includes("[data-declutter-early]")) throw new Error("bundle: early.css has no early guard");

const source = JSON.parse(fs.readFileSync(r("extension/manifest.json"), "utf8"));
for (const browser of ["chrome", "firefox"]) {
  const out = r("dist", browser);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const m = structuredClone(source);
  if (browser === "chrome") {
    // Chromium runs the worker; the rest is Firefox's.
    delete m.background.scripts;
    delete m.browser_specific_settings;
    // A per-session URL for the wasm, so pages cannot probe for the extension by fetching it.
    for (const w of m.web_accessible_resources) w.use_dynamic_url = true;
  } else {
    // Firefox runs background scripts (it ignores, with a warning, a service worker).
    delete m.background.service_worker;
  }
  fs.writeFileSync(path.join(out, "manifest.json"), JSON.stringify(m, null, 2) + "\n");
  for (const e of entries) fs.copyFileSync(r("build/ext", e + ".js"), path.join(out, e + ".js"));
  for (const f of ["popup.html", "popup.css", "options.html", "options.css"]) fs.copyFileSync(r("extension/src", f), path.join(out, f));
  fs.writeFileSync(path.join(out, "early.css"), earlyCss);
  copyDir(r("extension/icons"), path.join(out, "icons"));
  copyDir(r("extension/_locales"), path.join(out, "_locales"));
  fs.mkdirSync(path.join(out, "core"));
  fs.copyFileSync(r("build/declutter/declutter_bg.wasm"), path.join(out, "core/declutter_bg.wasm"));
  fs.mkdirSync(path.join(out, "reader"));
  fs.copyFileSync(r("build/declutter_reader/declutter_reader_bg.wasm"), path.join(out, "reader/declutter_reader_bg.wasm"));
  const archive = r("dist", browser === "chrome" ? "declutter-chrome.zip" : "declutter-firefox.xpi");
  fs.rmSync(archive, { force: true });
  execFileSync("zip", ["-qr", "-X", archive, "."], { cwd: out });
}

// The package for web pages: both modules as ES modules with their .d.ts.
const pkg = r("dist/pkg");
fs.rmSync(pkg, { recursive: true, force: true });
copyDir(r("build/declutter"), pkg, (f) => !f.endsWith(".gitignore"));
copyDir(r("build/declutter_reader"), pkg, (f) => !f.endsWith(".gitignore"));
const cargo = fs.readFileSync(r("Cargo.toml"), "utf8");
const version = /^version = "([^"]+)"/m.exec(cargo)[1];
fs.writeFileSync(
  path.join(pkg, "package.json"),
  JSON.stringify(
    {
      name: "declutter-core",
      version,
      description: "Declutter's core in wasm: hide page clutter in place, extract the article.",
      type: "module",
      main: "declutter.js",
      types: "declutter.d.ts",
      exports: { ".": "./declutter.js", "./reader": "./declutter_reader.js" },
      files: fs.readdirSync(pkg),
      license: "MIT",
    },
    null,
    2,
  ) + "\n",
);

// The playground serves its own copy.
fs.rmSync(r("www/pkg"), { recursive: true, force: true });
copyDir(pkg, r("www/pkg"));
