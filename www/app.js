// The playground: the same wasm core as the extension, cleaning sample pages in an iframe.
import init, { clean, restore, showRemoved } from "./pkg/declutter.js";
import initReader, { extract, sanitize } from "./pkg/declutter_reader.js";

const SAMPLES = [
  { file: "samples/seed.html", name: "News article (WordPress theme)" },
];
const $ = (id) => document.getElementById(id);
const frame = $("page");
let cleaned = false;
let readerReady = null;

function showReport(r) {
  $("hidden").textContent = r ? String(r.hidden) : "0";
  $("ms").textContent = r ? r.ms.toFixed(1) : "–";
  const list = $("categories");
  list.replaceChildren();
  if (!r) return;
  for (const [cat, n] of Object.entries(r.categories)) {
    const li = document.createElement("li");
    li.innerHTML = `<span></span><span></span>`;
    li.children[0].textContent = cat;
    li.children[1].textContent = String(n);
    list.append(li);
  }
  if (r.expanded) {
    const li = document.createElement("li");
    li.innerHTML = "<span>expanded</span><span></span>";
    li.children[1].textContent = String(r.expanded);
    list.append(li);
  }
}

function setMode(after) {
  const doc = frame.contentDocument;
  if (!doc) return;
  if (after && !cleaned) {
    const r = clean(doc);
    cleaned = true;
    showReport(r);
    showRemoved(doc, $("show-removed").checked);
  } else if (!after && cleaned) {
    restore(doc);
    cleaned = false;
    showReport(null);
  }
  $("before").setAttribute("aria-pressed", String(!after));
  $("after").setAttribute("aria-pressed", String(after));
  document.documentElement.dataset.state = after ? "cleaned" : "original";
}

function load(file) {
  cleaned = false;
  $("status").textContent = "Loading…";
  frame.src = file;
}

frame.addEventListener("load", () => {
  if (!frame.contentDocument || frame.src === "about:blank") return;
  $("status").textContent = "";
  setMode(true);
});

$("before").addEventListener("click", () => setMode(false));
$("after").addEventListener("click", () => setMode(true));
$("show-removed").addEventListener("change", (e) => {
  if (cleaned) showRemoved(frame.contentDocument, e.target.checked);
});
$("sample").addEventListener("change", (e) => load(e.target.value));

$("reader").addEventListener("click", async () => {
  readerReady ??= initReader();
  await readerReady;
  const a = extract(frame.contentDocument);
  const view = $("reader-article");
  view.replaceChildren();
  const h = document.createElement("h1");
  h.textContent = a.title;
  const by = document.createElement("p");
  by.className = "byline";
  by.textContent = [a.byline, a.siteName, a.published && a.published.slice(0, 10), `${Math.max(1, Math.round(a.wordCount / 230))} min read`].filter(Boolean).join(" · ");
  const body = document.createElement("div");
  body.innerHTML = sanitize(a.html);
  view.append(h, by, body);
  $("reader-view").hidden = false;
  $("reader-close").focus();
});
$("reader-close").addEventListener("click", () => { $("reader-view").hidden = true; });
document.addEventListener("keydown", (e) => { if (e.key === "Escape") $("reader-view").hidden = true; });

for (const s of SAMPLES) {
  const o = document.createElement("option");
  o.value = s.file;
  o.textContent = s.name;
  $("sample").append(o);
}
await init();
load(SAMPLES[0].file);
