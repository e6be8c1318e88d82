// Real pages, cleaned by the installed extension in a real browser: Readability's test pages
// (../shared/corpus, or DECLUTTER_CORPUS), served without their scripts. This is what the native
// gate (tests/clean_corpus.rs) cannot see: the document-start stylesheet, and the clean with the
// page's layout (box sizes, fixed and sticky boxes, clipped bodies) and the user stylesheet.
//
// On every page, of the expected article's shingles the page shows without Declutter (its
// innerText after undo), those it still shows cleaned (innerText before undo): at least
// MIN_PAGE_RECALL on each page, MIN_MEAN_RECALL on average. The blocks listed in
// tests/clean-known-differences.json (comments, sign-ups that Readability keeps) are left out,
// as in the native gate. Chromium runs every page, Firefox every FIREFOX_EVERY-th. And the
// reader view opened on each page shows the expected article (shingle F1, as natively).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { waitCleaned, toggleReader } from "./extension.test.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const corpusDir = path.join(process.env.DECLUTTER_CORPUS || path.resolve(root, "../shared/corpus"), "readability");
const MIN_PAGE_RECALL = 0.98;
// A page must show at least this share of its expected article without Declutter to be judged
// (a captured page may stay hidden without its scripts: the body hidden until a script reveals
// it); at most MAX_UNJUDGED pages may fall short, and they are named.
const MIN_SHOWN = 0.5;
const MAX_UNJUDGED = 3;
const MIN_MEAN_RECALL = 0.995;
const FIREFOX_EVERY = 4;
const MIN_MEAN_F1 = 0.99;
// Of the expected articles' pictures and embeds, how many the pages show without Declutter (and
// so must show cleaned): every page in Chromium, every fourth in Firefox.
const MIN_MEDIA_SHOWN = { chromium: 420, firefox: 110 };

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", mdash: "—", ndash: "–", hellip: "…", rsquo: "’", lsquo: "‘", rdquo: "”", ldquo: "“", copy: "©" };
const codePoint = (n) => (n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : "\ufffd");
/** The text of an expected article, a line per block (as the native gate splits it). */
function linesOf(html) {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<\/?(p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|pre|blockquote|figure|figcaption|section|article|header|footer|dd|dt|dl)\b[^>]*>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) => (e[0] === "#" ? codePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e.toLowerCase()] ?? m))
    .split("\n");
}

function shingles(text) {
  const t = text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) || [];
  const m = new Map();
  for (let i = 0; i + 4 <= t.length; i++) {
    const k = t.slice(i, i + 4).join(" ");
    m.set(k, (m.get(k) || 0) + 1);
  }
  return m;
}

/** The names a media element's URL attributes point at (as tests/common/mod.rs reads them):
 * file names, or the last two segments of an address without one (a video embed's). */
function mediaNames(attrs) {
  const out = [];
  for (const [name, value] of attrs) {
    if (!(name === "src" || name === "poster" || name.endsWith("src") || name.endsWith("srcset") || name === "data-original")) continue;
    if (value.trimStart().startsWith("data:")) continue;
    for (const part of value.split(name.endsWith("srcset") ? /[,\s]+/ : /\s+/)) {
      const segs = part.split(/[?#]/)[0].replace(/\/+$/, "").split("/");
      const file = (segs.pop() || "").toLowerCase();
      const dir = (segs.pop() || "").toLowerCase();
      const n = file.includes(".") ? file : dir && !dir.includes(".") && file.length >= 6 ? `${dir}/${file}` : "";
      if (n.length > 4 && !out.includes(n)) out.push(n);
    }
  }
  return out;
}

const MEDIA = "img, video, iframe, audio, embed, object, source, picture";

/** The first file name of each image and embed in an expected article. */
function expectedMedia(html) {
  const names = [];
  for (const m of html.matchAll(/<(img|video|iframe|audio|embed|object)\b([^>]*)>/gi)) {
    const attrs = [...m[2].matchAll(/([\w:-]+)\s*=\s*"([^"]*)"/g)].map((a) => [a[1].toLowerCase(), a[2].replace(/&amp;/g, "&")]);
    const first = mediaNames(attrs)[0];
    if (first) names.push(first);
  }
  return names;
}

/** Of these names, those of a media element the page shows (its attributes read in the page,
 * named here by mediaNames). */
async function shownMedia(b, names) {
  const shown = await b.evaluate((selector) => {
    const visible = (e) => (e.checkVisibility ? e.checkVisibility({ visibilityProperty: true }) : e.getClientRects().length > 0);
    const out = [];
    for (const e of document.querySelectorAll(selector)) {
      const el = e.localName === "source" ? e.parentElement : e;
      if (el && visible(el)) out.push([...e.attributes].map((x) => [x.name, x.value]));
    }
    return out;
  }, MEDIA);
  const found = new Set(shown.flatMap((attrs) => mediaNames(attrs)));
  return names.filter((n, i) => found.has(n) && names.indexOf(n) === i);
}

function pages() {
  if (!fs.existsSync(corpusDir)) return [];
  const known = JSON.parse(fs.readFileSync(path.join(root, "tests/clean-known-differences.json"), "utf8")).readability;
  return fs.readdirSync(corpusDir).filter((n) => fs.existsSync(path.join(corpusDir, n, "expected.html"))).sort().map((name) => ({ name, exclude: known[name]?.exclude || [], media: known[name]?.media || [] }));
}

/** The pages a browser runs: every one in Chromium, every FIREFOX_EVERY-th in Firefox. */
function pagesFor(b) {
  const all = pages();
  assert.ok(all.length >= 100, `the corpus is not at ${corpusDir}`);
  return b.name === "firefox" ? all.filter((_, i) => i % FIREFOX_EVERY === 0) : all;
}

export const tests = [
  {
    name: "real pages: the live clean keeps every page's article visible (Readability's test pages, without their scripts)",
    async fn(b, base) {
      const list = pagesFor(b);
      const recalls = [];
      const low = [];
      const unjudged = [];
      const hiddenMedia = [];
      let tiny = 0, mediaShown = 0;
      for (const { name, exclude, media: skipMedia } of list) {
        await b.open(`${base}/noscript/corpus/${name}/source.html`);
        await waitCleaned(b);
        // No box for the body (a page hidden whole until its script runs): innerText would read
        // every text, hidden or not.
        const text = () => b.evaluate(() => (document.body && document.body.getClientRects().length ? document.body.innerText : ""));
        const after = shingles(await text());
        const expHtml = fs.readFileSync(path.join(corpusDir, name, "expected.html"), "utf8");
        const media = expectedMedia(expHtml).filter((m) => !skipMedia.includes(m));
        const mediaAfter = media.length ? await shownMedia(b, media) : [];
        const tabId = await b.tabId();
        const undo = await b.background(async (tabId) => (globalThis.browser ?? globalThis.chrome).tabs.sendMessage(tabId, { type: "restore" }, { frameId: 0 }), tabId);
        assert.equal(undo && undo.restored, true, `${name}: undo answered ${JSON.stringify(undo)}`);
        assert.equal(await b.evaluate(() => document.querySelector("[data-declutter], [data-declutter-fix]") === null && !document.documentElement.hasAttribute("data-declutter-on")), true, `${name}: markers left after undo`);
        const before = shingles(await text());
        const mediaBefore = media.length ? await shownMedia(b, media) : [];
        mediaShown += mediaBefore.length;
        for (const n of mediaBefore) if (!mediaAfter.includes(n)) hiddenMedia.push(`${name}: ${n}`);
        const all = linesOf(expHtml);
        const unused = exclude.filter((x) => !all.some((l) => l.includes(x)));
        assert.deepEqual(unused, [], `${name}: known-difference snippets not found in expected.html`);
        const expected = shingles(all.filter((l) => !exclude.some((x) => l.includes(x))).join("\n"));
        let shown = 0, kept = 0, total = 0;
        const lost = [];
        for (const [k, n] of expected) {
          total += n;
          const v = Math.min(n, before.get(k) || 0);
          shown += v;
          const still = Math.min(v, after.get(k) || 0);
          kept += still;
          if (still < v) lost.push(k);
        }
        if (total === 0) {
          tiny++; // an expected article of a few words: no shingle to judge
          continue;
        }
        if (shown < MIN_SHOWN * total) {
          unjudged.push(`${name} (${shown} of ${total} shown)`);
          continue;
        }
        const recall = kept / shown;
        recalls.push(recall);
        if (recall < MIN_PAGE_RECALL) low.push(`${name} ${recall.toFixed(3)} (lost e.g. "${lost.slice(0, 3).join('", "')}")`);
      }
      const mean = recalls.reduce((a, x) => a + x, 0) / recalls.length;
      console.log(`       ${b.name}: ${recalls.length} pages judged (${tiny} with an article of under four words), article recall mean ${mean.toFixed(4)}, min ${Math.min(...recalls).toFixed(3)}; not judged (the article hidden without the page's scripts): ${unjudged.join(", ") || "none"}`);
      console.log(`       ${b.name}: of the expected articles' images and embeds, ${mediaShown} shown without Declutter; hidden by the clean: ${hiddenMedia.join(", ") || "none"}`);
      assert.deepEqual(low, [], "pages whose article lost text");
      // The check must keep finding them (pages without their scripts show fewer than natively).
      assert.ok(mediaShown >= MIN_MEDIA_SHOWN[b.name], `only ${mediaShown} expected pictures and embeds found shown (at least ${MIN_MEDIA_SHOWN[b.name]})`);
      assert.deepEqual(hiddenMedia, [], "article images or embeds hidden by the clean");
      assert.ok(unjudged.length <= MAX_UNJUDGED, `pages not judged: ${unjudged.join(", ")}`);
      assert.ok(mean >= MIN_MEAN_RECALL, `mean recall ${mean.toFixed(4)}`);
    },
  },
  {
    name: "real pages: the reader view's article matches Readability's expected one (Readability's test pages, without their scripts)",
    // The article as the view shows it, gathered from the live page, against the expected text:
    // shingle F1 (as tests/reader_corpus.rs scores the native extraction). A page whose expected
    // article has under 20 words gets no view (the reader's own rule) and must say so.
    async fn(b, base) {
      const list = pagesFor(b);
      const f1s = [];
      const rows = [];
      for (const { name } of list) {
        await b.open(`${base}/noscript/corpus/${name}/source.html`);
        await waitCleaned(b);
        const opened = await toggleReader(b);
        const expText = linesOf(fs.readFileSync(path.join(corpusDir, name, "expected.html"), "utf8")).join("\n");
        if ((expText.match(/[\p{L}\p{N}_]+/gu) || []).length < 20) {
          assert.equal(opened && opened.reason, "no-article", `${name}: a view for a page of a few words`);
          continue;
        }
        assert.ok(opened && opened.open, `${name}: no reader view (${JSON.stringify(opened).slice(0, 200)})`);
        // Its HTML, read as the expected article is (browsers differ in the innerText of MathML).
        const ours = shingles(linesOf(opened.html).join("\n"));
        const exp = shingles(expText);
        let both = 0, n1 = 0, n2 = 0;
        for (const [k, n] of ours) { n1 += n; both += Math.min(n, exp.get(k) || 0); }
        for (const n of exp.values()) n2 += n;
        const p = n1 ? both / n1 : 0, r = n2 ? both / n2 : 0;
        const f1 = p + r ? (2 * p * r) / (p + r) : 0;
        f1s.push(f1);
        rows.push([f1, name, p, r]);
      }
      rows.sort((a, b) => a[0] - b[0]);
      const mean = f1s.reduce((a, x) => a + x, 0) / f1s.length;
      const lowest = rows.slice(0, 8).map(([f, n, p, r]) => `${n} ${f.toFixed(3)} (P ${p.toFixed(2)} R ${r.toFixed(2)})`).join(", ");
      console.log(`       ${b.name}: ${f1s.length} pages with a view, F1 mean ${mean.toFixed(4)}; lowest: ${lowest}`);
      // As the native gate pins them (tests/reader_corpus.rs): its two known pages under 0.9.
      assert.ok(rows.filter(([f]) => f < 0.9).length <= 2, `pages under F1 0.9: ${lowest}`);
      assert.ok(rows[0][0] >= 0.85, `lowest F1: ${lowest}`);
      // The mean over every page (Firefox's sample holds three of the lowest pages: its mean
      // says more about the sample than about the browser).
      if (b.name !== "firefox") assert.ok(mean >= MIN_MEAN_F1, `F1 mean ${mean.toFixed(4)} < ${MIN_MEAN_F1}`);
    },
  },
];
