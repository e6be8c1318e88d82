// Runs the end-to-end scenarios in real browsers with the built extension installed.
//   node tests/e2e/run.mjs [chromium] [firefox] [--only substring]
// Needs `make build` first (dist/chrome, dist/declutter-firefox.xpi).
import path from "node:path";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { serve } from "./lib/server.mjs";
import { launchers } from "./lib/browsers.mjs";
import { tests as extensionTests } from "./extension.test.mjs";
import { tests as settingsTests } from "./settings.test.mjs";
import { tests as corpusTests, corpusDir } from "./corpus.test.mjs";

const tests = [...extensionTests, ...settingsTests, ...corpusTests];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const args = process.argv.slice(2);
const onlyIdx = args.indexOf("--only");
const only = onlyIdx >= 0 ? args.splice(onlyIdx, 2)[1] : null;
const browsers = args.length ? args : ["chromium", "firefox"];

for (const need of ["dist/chrome/manifest.json", "dist/declutter-firefox.xpi"]) {
  if (!fs.existsSync(path.join(root, need))) {
    console.error(`e2e: ${need} is missing; run make build first`);
    process.exit(2);
  }
}

// The React test page is built from source each run.
await esbuild.build({
  entryPoints: [path.join(root, "tests/e2e/pages/react-app.jsx")],
  outfile: path.join(root, "tests/e2e/pages/build/react-app.js"),
  bundle: true,
  minify: true,
  jsx: "automatic",
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
});

const { server, base } = await serve(0, { mounts: { "/corpus/": corpusDir } });
let failed = 0;
for (const name of browsers) {
  const t0 = Date.now();
  const b = await launchers[name]();
  console.log(`e2e ${name} ${b.version}`);
  // Warm-up: a freshly installed extension registers its webRequest listener asynchronously,
  // so the very first navigation may arrive before the CSP check is in place (the extension
  // then safely uses its background engine). Real browsers start long before the first page.
  await b.open(`${base}/late-ad.html`);
  await new Promise((r) => setTimeout(r, 300));
  try {
    for (const t of tests) {
      if (only && !t.name.includes(only)) continue;
      const s = Date.now();
      try {
        await t.fn(b, base);
        console.log(`  ok   ${t.name} (${Date.now() - s} ms)`);
      } catch (e) {
        failed++;
        console.log(`  FAIL ${t.name}\n       ${String(e && e.stack || e).split("\n").slice(0, 6).join("\n       ")}`);
        const shot = path.join(root, "target", `e2e-fail-${name}-${failed}.png`);
        await b.screenshot(shot).then(() => console.log(`       screenshot: ${shot}`), () => {});
      }
    }
  } finally {
    await b.close();
  }
  console.log(`e2e ${name}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
server.close();
if (failed) {
  console.log(`e2e: ${failed} failed`);
  process.exit(1);
}
console.log("e2e: all passed");
