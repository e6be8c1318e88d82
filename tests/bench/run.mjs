// `make bench`: speed and size of Declutter against baselines run in the same process, as ratios.
//
//   clean/walk           median over pages of clean() (gathering included) / a bare TreeWalker
//                        reading every node's tag, class and text length — same page, same run
//   extract/readability  median of extract() / Mozilla Readability.js parsing a clone
//   native/dom_smoothie  median of the CLI core's parse+extract / the dom_smoothie crate's, same
//                        HTML string, one process
//   core_wasm_gz, reader_wasm_gz   gzipped sizes of the two wasm modules
//   longest_task_ms      longest main-thread task the extension causes on a 100,000-element
//                        page (the clean, then a burst of injected nodes), from a Chromium trace
//
// Reported beside the clean ratio, not goals: its floors on the Readability pages, in bare walks
// (what a clean must pay before it decides anything: reading every element's class and id
// against the clutter vocabulary, and the layout facts; and the vocabulary matched as
// selectors by the browser, which would cost far more than it saves).
//
// Pages: Readability's 130 test pages, the clutter fixtures and the seed page, and a generated
// page of about 100,000 elements, all served from 127.0.0.1. Chromium (and Firefox, with its
// timer precision reduction turned off for the run) measure in the browser; the native ratio runs
// the separate crate in tests/bench/native. `--quick` measures a handful of pages (CI's smoke run).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { serve } from "../e2e/lib/server.mjs";
import { chromium as launchWithExtension } from "../e2e/lib/browsers.mjs";
import { generate } from "./gen.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const r = (...p) => path.join(root, ...p);
const quick = process.argv.includes("--quick");
const noFirefox = process.argv.includes("--no-firefox");
const corpus = process.env.DECLUTTER_CORPUS || path.resolve(root, "../shared/corpus");
const GOALS = { clean: 1.5, extract: 0.2, native: 1.0, core: 61440, task: 50 };

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : "n/a");
const log = (...a) => console.log(...a);

for (const need of ["dist/pkg/declutter_bg.wasm", "dist/pkg/declutter_reader_bg.wasm", "dist/chrome/manifest.json"]) {
  if (!fs.existsSync(r(need))) {
    console.error(`bench: ${need} is missing; run make build first`);
    process.exit(2);
  }
}

if (!fs.existsSync(path.join(corpus, "readability"))) {
  console.error(`bench: the corpus is not at ${corpus} (set DECLUTTER_CORPUS to the directory holding readability/)`);
  process.exit(2);
}

// ---- pages ------------------------------------------------------------------------------------
fs.mkdirSync(r("target/bench"), { recursive: true });
fs.writeFileSync(r("target/bench/huge.html"), generate());
const readability = fs.readdirSync(path.join(corpus, "readability")).filter((n) => fs.existsSync(path.join(corpus, "readability", n, "source.html"))).sort();
const fixtures = Object.keys(JSON.parse(fs.readFileSync(r("tests/fixtures/clean/manifest.json"), "utf8"))).sort();
const groups = {
  readability: (quick ? readability.slice(0, 4) : readability).map((n) => ({ name: n, url: `/corpus/${n}/source.html`, file: path.join(corpus, "readability", n, "source.html") })),
  fixtures: [{ name: "seed", url: "/samples/seed.html", file: r("www/samples/seed.html") }, ...(quick ? fixtures.slice(0, 2) : fixtures).map((f) => ({ name: f, url: `/fixtures/${f}`, file: r("tests/fixtures/clean", f) }))],
  big: [{ name: "100k elements", url: "/gen/huge.html", file: r("target/bench/huge.html") }],
};
const { server, base } = await serve(0, {
  mounts: {
    "/bench/": r("tests/bench"),
    "/gen/": r("target/bench"),
    "/corpus/": path.join(corpus, "readability"),
    "/node_modules/@mozilla/readability/": r("node_modules/@mozilla/readability"),
  },
  probe: false,
});

// The clutter vocabulary for the floors: every word list of class and id tokens the core
// matches (src/clutter/patterns.rs), less the article's own words.
const vocab = [...fs.readFileSync(r("src/clutter/patterns.rs"), "utf8").matchAll(/pub const (\w+)_TOKENS: Words = words!\[([^\]]*)\]/g)]
  .filter((m) => m[1] !== "CONTENT")
  .flatMap((m) => [...m[2].matchAll(/"([^"]+)"/g)].map((x) => x[1]));
const uniqueVocab = [...new Set(vocab)].sort();
if (uniqueVocab.length < 100) {
  console.error(`bench: read only ${uniqueVocab.length} clutter tokens from src/clutter/patterns.rs`);
  process.exit(2);
}
const snippet = fs.readdirSync(r("www/pkg/snippets"))[0];

// ---- browsers ---------------------------------------------------------------------------------
/** `evaluate(url)` on every page of `only` (default: every group), by group. */
async function runPages(evaluate, only = Object.keys(groups)) {
  const out = {};
  for (const group of only) {
    const pages = groups[group];
    out[group] = [];
    for (const p of pages) {
      try {
        const m = await evaluate(base + p.url);
        out[group].push({ name: p.name, ...m });
      } catch (e) {
        out[group].push({ name: p.name, error: String(e).slice(0, 200) });
      }
    }
  }
  return out;
}

async function chromiumRun() {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_BIN || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/bench/bench.html`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === "1");
  const res = await runPages((url) => page.evaluate((u) => window.benchPage(u), url));
  // The floors, on the Readability pages.
  const floors = (await runPages((url) => page.evaluate(([u, s, v]) => window.benchFloor(u, s, v), [url, snippet, uniqueVocab]), ["readability"])).readability;
  const version = browser.version();
  await browser.close();
  return { version, res, floors };
}

async function firefoxRun() {
  process.env.SE_OFFLINE = "true";
  const { Builder } = await import("selenium-webdriver");
  const ff = await import("selenium-webdriver/firefox.js");
  const options = new ff.Options()
    .setBinary(process.env.FIREFOX_BIN || "/usr/bin/firefox-esr")
    .addArguments("-headless", "--width=1280", "--height=900")
    // Firefox coarsens performance.now() for privacy; a benchmark needs the real clock.
    .setPreference("privacy.reduceTimerPrecision", false)
    .setPreference("privacy.resistFingerprinting", false);
  const service = new ff.ServiceBuilder(process.env.GECKODRIVER || "geckodriver");
  const driver = await new Builder().forBrowser("firefox").setFirefoxOptions(options).setFirefoxService(service).build();
  await driver.manage().setTimeouts({ script: 600000 });
  try {
    await driver.get(`${base}/bench/bench.html`);
    await driver.wait(async () => driver.executeScript("return document.documentElement.dataset.ready === '1'"), 20000);
    const res = await runPages((url) =>
      driver.executeAsyncScript("const done = arguments[arguments.length - 1]; window.benchPage(arguments[0]).then(done, (e) => done({ error: String(e) }));", url),
    );
    const floors = (
      await runPages(
        (url) => driver.executeAsyncScript("const done = arguments[arguments.length - 1]; window.benchFloor(arguments[0], arguments[1], arguments[2]).then(done, (e) => done({ error: String(e) }));", url, snippet, uniqueVocab),
        ["readability"],
      )
    ).readability;
    const version = (await driver.getCapabilities()).get("browserVersion");
    return { version, res, floors };
  } finally {
    await driver.quit();
  }
}

// ---- native -----------------------------------------------------------------------------------
function nativeRun() {
  const env = { ...process.env, CARGO_TARGET_DIR: r("target/bench-native") };
  execFileSync("cargo", ["build", "--quiet", "--release", "--manifest-path", r("tests/bench/native/Cargo.toml")], { stdio: "inherit", env });
  const files = [...groups.readability, ...groups.fixtures].map((p) => p.file);
  const out = execFileSync(r("target/bench-native/release/declutter-bench-native"), files, { encoding: "utf8", maxBuffer: 1 << 26 });
  const byFile = new Map(out.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)).map((j) => [j.page, j]));
  const res = {};
  for (const g of ["readability", "fixtures"]) {
    res[g] = groups[g].map((p) => ({ name: p.name, ...(byFile.get(p.file) || { error: "no result" }) }));
  }
  return res;
}

// ---- longest task -----------------------------------------------------------------------------
// The extension's share of a main-thread task comes from the trace's CPU profile: a sample is
// ours when its stack holds a chrome-extension:// frame (content script work runs as
// microtasks and message callbacks, whose timeline events carry no URL). A task is charged the
// time of our samples, which includes the style and layout our code forces (those run under
// its stack), plus, when most of the task's script samples are ours, the task's garbage
// collection. Not charged: the browser's own parsing and rendering of the page that share a
// task with one of our callbacks (a requestAnimationFrame callback runs inside the frame it
// waits for; a DOMContentLoaded listener inside the parser's task).
// `whole` is the earlier, cruder rule, reported alongside: a task whose script samples are
// mostly ours counts whole, whatever else ran in it.
/** The main thread's profile samples in a trace: `samples` [time, duration, ours] for script,
 * `gc` [time, duration] for garbage collection (times in µs), and `names` of the threads. */
function mainSamples(events) {
  const names = new Map();
  for (const e of events) if (e.ph === "M" && e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, e.args.name);
  const profiles = new Map();
  for (const e of events) {
    if (e.name === "Profile") profiles.set(`${e.pid}:${e.id}`, { thread: names.get(`${e.pid}:${e.tid}`), t: e.args.data.startTime, nodes: new Map(), samples: [] });
  }
  for (const e of events) {
    if (e.name !== "ProfileChunk") continue;
    const p = profiles.get(`${e.pid}:${e.id}`);
    if (!p) continue;
    const cp = e.args.data.cpuProfile || {};
    for (const n of cp.nodes || []) p.nodes.set(n.id, n);
    const deltas = e.args.data.timeDeltas || [];
    (cp.samples || []).forEach((s, i) => {
      p.t += deltas[i] || 0;
      p.samples.push([p.t, s]);
    });
  }
  // [time, duration, ours] per script sample of the main thread; [time, duration] per GC sample.
  const gc = [];
  const samples = [];
  for (const p of profiles.values()) {
    if (p.thread !== "CrRendererMain") continue;
    const memo = new Map();
    const isOurs = (id) => {
      if (memo.has(id)) return memo.get(id);
      memo.set(id, false);
      const n = p.nodes.get(id);
      const v = !!n && ((n.callFrame?.url || "").startsWith("chrome-extension://") || (n.parent ? isOurs(n.parent) : false));
      memo.set(id, v);
      return v;
    };
    const script = (id) => {
      const f = p.nodes.get(id)?.callFrame?.functionName || "";
      return !["(idle)", "(program)", "(garbage collector)", "(root)"].includes(f);
    };
    p.samples.forEach(([t, s], i) => {
      const next = i + 1 < p.samples.length ? p.samples[i + 1][0] : t;
      const dur = Math.max(0, Math.min(next - t, 2000));
      if (script(s)) samples.push([t, dur, isOurs(s)]);
      else if (p.nodes.get(s)?.callFrame?.functionName === "(garbage collector)") gc.push([t, dur]);
    });
  }
  samples.sort((a, b) => a[0] - b[0]);
  gc.sort((a, b) => a[0] - b[0]);
  return { names, samples, gc };
}

function longestOurTask(events) {
  const { names, samples, gc } = mainSamples(events);
  const main = events.filter((e) => e.ph === "X" && names.get(`${e.pid}:${e.tid}`) === "CrRendererMain").sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = [];
  let end = -1;
  for (const e of main) {
    if (e.ts >= end) {
      tasks.push(e);
      end = e.ts + e.dur;
    }
  }
  const first = (xs, t) => {
    let lo = 0, hi = xs.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (xs[m][0] < t) lo = m + 1;
      else hi = m;
    }
    return lo;
  };
  const mine = [], whole = [];
  for (const t of tasks) {
    let ours = 0, theirs = 0, oursUs = 0, gcUs = 0;
    for (let i = first(samples, t.ts); i < samples.length && samples[i][0] <= t.ts + t.dur; i++) {
      if (samples[i][2]) {
        ours++;
        oursUs += samples[i][1];
      } else theirs++;
    }
    for (let i = first(gc, t.ts); i < gc.length && gc[i][0] <= t.ts + t.dur; i++) gcUs += gc[i][1];
    if (!ours) continue;
    mine.push((oursUs + (ours > theirs ? gcUs : 0)) / 1000);
    whole.push(ours > theirs ? t.dur / 1000 : oursUs / 1000);
  }
  mine.sort((a, b) => b - a);
  whole.sort((a, b) => b - a);
  return { ms: mine.length ? mine[0] : NaN, whole: whole.length ? whole[0] : NaN, samples: samples.filter((x) => x[2]).length, gcSamples: gc.length, tasks: mine.length, top: mine.slice(0, 5) };
}

async function longestTask() {
  const b = await launchWithExtension();
  try {
    await b.open(`${base}/bench/bench.html`); // warm-up navigation (see tests/e2e/run.mjs)
    await new Promise((res) => setTimeout(res, 500));
    const browser = b.page.context().browser();
    await browser.startTracing(b.page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel", "disabled-by-default-v8.cpu_profiler"] });
    await b.open(`${base}/gen/huge.html`);
    await b.page.waitForFunction(() => document.documentElement.dataset.burst === "done", null, { timeout: 60000 });
    await new Promise((res) => setTimeout(res, 3000));
    const trace = JSON.parse((await browser.stopTracing()).toString("utf8"));
    const found = longestOurTask(trace.traceEvents || trace);
    const report = await b.background(async () => [...globalThis.declutter.reports.values()].pop() || null);
    return { ...found, report };
  } finally {
    await b.close();
  }
}

// ---- an animated page ---------------------------------------------------------------------
// A page that moves 400 boxes by their inline style every frame, sets a custom property on
// the root each frame (as scroll-linked pages do) and switches a carousel's slide by class five
// times a second makes the late-additions observer see hundreds of changes a frame. Reported, not a goal: the extension's main-thread time over 4 s of it, and
// that time against the page's own script time in the same trace.
async function animatedPage() {
  const b = await launchWithExtension();
  try {
    await b.open(`${base}/bench/bench.html`); // warm-up navigation (see tests/e2e/run.mjs)
    await b.open(`${base}/bench/animate.html?n=400&root`);
    await new Promise((res) => setTimeout(res, 1500));
    const browser = b.page.context().browser();
    await browser.startTracing(b.page, { categories: ["devtools.timeline", "toplevel", "disabled-by-default-v8.cpu_profiler"] });
    await new Promise((res) => setTimeout(res, 4000));
    const trace = JSON.parse((await browser.stopTracing()).toString("utf8"));
    const { samples } = mainSamples(trace.traceEvents || trace);
    let ours = 0, page = 0;
    for (const [, dur, mine] of samples) {
      if (mine) ours += dur;
      else page += dur;
    }
    return { ours: ours / 1000, page: page / 1000 };
  } finally {
    await b.close();
  }
}

// ---- report -----------------------------------------------------------------------------------
function table(title, res) {
  log(`\n${title}`);
  log("group            pages  walk ms  clean ms  clean/walk  extract ms  readability ms  extract/readability");
  const ratios = { clean: [], extract: [] };
  for (const [g, rows] of Object.entries(res)) {
    const ok = rows.filter((x) => !x.error);
    const cw = ok.map((x) => x.clean / x.walk);
    const er = ok.map((x) => x.extract / x.readability);
    ratios.clean.push(...cw);
    ratios.extract.push(...er);
    log(`${g.padEnd(16)} ${String(ok.length).padStart(5)}  ${fmt(median(ok.map((x) => x.walk)), 3).padStart(7)}  ${fmt(median(ok.map((x) => x.clean)), 3).padStart(8)}  ${fmt(median(cw)).padStart(10)}  ${fmt(median(ok.map((x) => x.extract)), 3).padStart(10)}  ${fmt(median(ok.map((x) => x.readability)), 3).padStart(14)}  ${fmt(median(er), 3).padStart(19)}`);
    for (const x of rows.filter((x) => x.error)) log(`  ${g}/${x.name}: ${x.error}`);
  }
  return { clean: median(ratios.clean), extract: median(ratios.extract) };
}

/** The floors against the bare walk and against clean, per page, then the median. */
function floorTable(floors, res) {
  const clean = new Map(res.readability.filter((x) => !x.error).map((x) => [x.name, x.clean / x.walk]));
  const ok = floors.filter((x) => !x.error);
  const m = (k) => median(ok.map((x) => x[k] / x.walk));
  const both = median(ok.map((x) => (x.vocab + x.layout) / x.walk));
  const cleanNow = median(ok.map((x) => clean.get(x.name)).filter((v) => v !== undefined));
  log(`floors on the Readability pages (${ok.length}): median walks of the same page (reported, not goals)`);
  const row = (label, v) => log(`  ${label.padEnd(78)} ${fmt(v).padStart(6)}`);
  row(`the clutter vocabulary (${uniqueVocab.length} tokens), every element's class and id, one JS regexp`, m("vocab"));
  row("the same vocabulary as class and id selectors, by querySelectorAll", m("selectors"));
  row(`the layout facts a clean reads (7 hit tests; style and box of ${fmt(median(ok.map((x) => x.measured)), 0)} elements)`, m("layout"));
  row("a clean that reads the vocabulary and the layout facts, and decides nothing", both);
  row(`clean, for comparison (goal ${GOALS.clean})`, cleanNow);
  for (const x of floors.filter((x) => x.error)) log(`  floors/${x.name}: ${x.error}`);
}

const gz = (f) => zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length;
const sizes = { core: gz(r("dist/pkg/declutter_bg.wasm")), reader: gz(r("dist/pkg/declutter_reader_bg.wasm")) };

const chrome = await chromiumRun();
const cr = table(`Chromium ${chrome.version}`, chrome.res);
floorTable(chrome.floors, chrome.res);
let fx = null;
if (!noFirefox) {
  try {
    const f = await firefoxRun();
    fx = table(`Firefox ${f.version} (privacy.reduceTimerPrecision off)`, f.res);
    fx.errors = [...Object.values(f.res).flat(), ...f.floors].filter((x) => x.error).map((x) => `firefox ${x.name}`);
    floorTable(f.floors, f.res);
  } catch (e) {
    log(`\nFirefox: not measured (${String(e).slice(0, 200)})`);
    fx = { failed: true };
  }
}
const native = nativeRun();
log("\nnative (one process, same HTML string)");
log("group            pages  declutter ms  dom_smoothie ms  ratio");
const nativeRatios = [];
for (const [g, rows] of Object.entries(native)) {
  const ok = rows.filter((x) => !x.error && x.dom_smoothie_ok !== false);
  const rr = ok.map((x) => x.declutter_ms / x.dom_smoothie_ms);
  nativeRatios.push(...rr);
  log(`${g.padEnd(16)} ${String(ok.length).padStart(5)}  ${fmt(median(ok.map((x) => x.declutter_ms)), 3).padStart(12)}  ${fmt(median(ok.map((x) => x.dom_smoothie_ms)), 3).padStart(15)}  ${fmt(median(rr)).padStart(5)}`);
}
const nr = median(nativeRatios);
const task = await longestTask();
const anim = await animatedPage();
server.close();
log(`\nsizes: core wasm ${sizes.core} bytes gzipped, reader wasm ${sizes.reader} bytes gzipped`);
log(`longest task the extension causes on the 100k-element page: ${fmt(task.ms, 1)} ms (its ${task.tasks} tasks, longest first: ${task.top.map((x) => fmt(x, 1)).join(", ")} ms; ${task.samples} profile samples in its script, ${task.gcSamples} garbage-collection samples on the page's main thread)`);
log(`  by the whole-task rule (any task whose script samples are mostly ours, parsing and rendering in it included): ${fmt(task.whole, 1)} ms`);
log(`  the page's clean: ${JSON.stringify(task.report)}`);
log(`a page animating 400 boxes and the root by style: the extension's main-thread time ${fmt(anim.ours, 1)} ms in 4 s, ${fmt(anim.ours / anim.page)} of the page's own script time (${fmt(anim.page, 1)} ms)`);
log(`goals: clean/walk <= ${GOALS.clean}, extract/readability <= ${GOALS.extract}, native/dom_smoothie <= ${GOALS.native}, core_wasm_gz <= ${GOALS.core}, longest_task_ms <= ${GOALS.task}`);
if (fx && !fx.failed) log(`firefox: clean/walk ${fmt(fx.clean)} extract/readability ${fmt(fx.extract, 3)}`);
const met = cr.clean <= GOALS.clean && cr.extract <= GOALS.extract && nr <= GOALS.native && sizes.core <= GOALS.core && task.ms <= GOALS.task;
log(`all goals met: ${met ? "yes" : "no"}`);
// A measurement that failed fails the run (the line above still prints what was measured), so
// CI's smoke run cannot pass on pages that all errored.
const failed = [
  ...Object.values(chrome.res).flat().filter((x) => x.error).map((x) => `chromium ${x.name}`),
  ...chrome.floors.filter((x) => x.error).map((x) => `chromium floors ${x.name}`),
  ...Object.values(native).flat().filter((x) => x.error).map((x) => `native ${x.name}`),
  ...(fx && fx.failed ? ["firefox"] : fx ? fx.errors : []),
  ...(Number.isFinite(task.ms) ? [] : ["longest task"]),
];
if (failed.length) {
  log(`bench: ${failed.length} measurements failed: ${failed.slice(0, 10).join(", ")}${failed.length > 10 ? ", …" : ""}`);
  process.exitCode = 1;
}
console.log(`bench: clean/walk ${fmt(cr.clean)} extract/readability ${fmt(cr.extract, 3)} native/dom_smoothie ${fmt(nr)} core_wasm_gz ${sizes.core} reader_wasm_gz ${sizes.reader} longest_task_ms ${fmt(task.ms, 1)}`);
