// End-to-end scenarios for settings: the popup, the options page, the element picker, the
// context menu, storage (sync quotas, corrupt data) and restarts. Run by run.mjs in real
// Chromium and real Firefox, after the scenarios of extension.test.mjs.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { visibility } from "./extension.test.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const HOST = "127.0.0.1"; // the test server's site
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- helpers -------------------------------------------------------------------------------

/** A message to the background from an extension page, as the popup and options page send them. */
function message(b, msg) {
  return b.extensionPage("popup.html", (m) => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage(m), msg);
}

const settingsNow = (b) => message(b, { type: "settings-get" });

async function edit(b, req) {
  const r = await message(b, { type: "settings-edit", ...req });
  assert.ok(r && r.ok, `edit ${JSON.stringify(req)}: ${JSON.stringify(r)}`);
  return r;
}

/** Empties both storage areas: every scenario starts from the defaults. */
async function resetStorage(b) {
  await b.background(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    await api.storage.sync.clear();
    await api.storage.local.clear();
    return true;
  });
  await sleep(100); // let the tabs hear about it
}

async function stateOf(b, tabId) {
  return b.background(async (tabId) => {
    const api = globalThis.browser ?? globalThis.chrome;
    return api.tabs.sendMessage(tabId, { type: "state" }, { frameId: 0 }).catch((e) => ({ error: String(e) }));
  }, tabId);
}

async function waitState(b, tabId, ok, what, timeout = 15000) {
  const t0 = Date.now();
  let s;
  while (Date.now() - t0 < timeout) {
    s = await stateOf(b, tabId).catch(() => null);
    if (s && !s.error && ok(s)) return s;
    await sleep(100);
  }
  throw new Error(`${what}: not in time; last state ${JSON.stringify(s)}`);
}

const waitCleaned = (b, tabId) => waitState(b, tabId, (s) => s.cleaned, "page cleaned");

function toPicker(b, tabId, msg) {
  return b.background(async ({ tabId, msg }) => {
    const api = globalThis.browser ?? globalThis.chrome;
    return api.tabs.sendMessage(tabId, msg, { frameId: 0 });
  }, { tabId, msg });
}

/** The centre of the first element matching `sel`, in viewport pixels (scrolled into view). */
function centre(b, sel) {
  return b.evaluate((sel) => {
    const el = document.querySelector(sel);
    el.scrollIntoView({ block: "center" });
    const r = el.getBoundingClientRect();
    return { x: r.left + Math.min(r.width / 2, 40), y: r.top + r.height / 2 };
  }, sel);
}

/** Every data-declutter* attribute and the extension's style element, anywhere in the page. */
function traces() {
  const attrs = [];
  for (const el of document.querySelectorAll("*")) for (const a of el.attributes) if (a.name.startsWith("data-declutter")) attrs.push(`${el.localName}[${a.name}]`);
  return { attrs, style: !!document.getElementById("declutter-style") };
}

const displayOf = (b, sel) => b.evaluate((sel) => getComputedStyle(document.querySelector(sel)).display, sel);

// ---- scenarios -----------------------------------------------------------------------------

export const tests = [
  {
    name: "popup: a site's mode and categories apply to another open tab at once, and on reload",
    async fn(b, base) {
      await resetStorage(b);
      await b.open(`${base}/samples/seed.html?tab=one`);
      const one = await b.tabId();
      await waitCleaned(b, one);
      const other = await b.openSecondTab(`${base}/samples/seed.html?tab=two`);
      try {
        const two = await other.tabId();
        await waitCleaned(b, two);
        assert.deepEqual(await other.evaluate(visibility, ["Advertisement", "Trending Articles"]), { Advertisement: false, "Trending Articles": false });

        // The popup of the first tab: the ads checkbox of this site.
        const popup = await b.extensionPage(`popup.html?tab=${one}`, async () => {
          const until = async (f) => { for (let i = 0; i < 100 && !f(); i++) await new Promise((r) => setTimeout(r, 50)); return f(); };
          await until(() => document.querySelector("#categories input[data-category=ads]"));
          const box = document.querySelector("#categories input[data-category=ads]");
          const before = { checked: box.checked, site: document.getElementById("site").textContent, mode: document.querySelector("input[name=mode]:checked")?.value };
          box.click();
          await until(() => document.querySelector("#categories input[data-category=ads]") !== box);
          return { before, after: document.querySelector("#categories input[data-category=ads]").checked, warning: document.getElementById("warning").textContent };
        });
        assert.deepEqual(popup, { before: { checked: true, site: "127.0.0.1", mode: "clean" }, after: false, warning: "" });
        const stored = await settingsNow(b);
        assert.deepEqual(stored.settings.sites, { [HOST]: { categories: { ads: false } } }, "stored as this site's override");

        // The other tab, without a reload: ads back, the rest still hidden.
        await other.waitFor(() => document.querySelector("ins.adsbygoogle") && getComputedStyle(document.querySelector("ins.adsbygoogle")).display !== "none", null, 5000);
        await other.waitFor(() => !document.querySelector("[data-declutter=ads]"), null, 5000);
        assert.deepEqual(await other.evaluate(visibility, ["Advertisement", "Trending Articles"]), { Advertisement: true, "Trending Articles": false });

        // The first tab, reloaded.
        await b.reload();
        const s = await waitCleaned(b, one);
        assert.equal(s.report.categories.ads, 0);
        assert.ok(s.report.categories.related >= 1);
        assert.deepEqual(await b.evaluate(visibility, ["Advertisement", "Trending Articles"]), { Advertisement: true, "Trending Articles": false });

        // Mode off in the popup: the other tab is restored at once and stays off.
        await b.extensionPage(`popup.html?tab=${one}`, async () => {
          const until = async (f) => { for (let i = 0; i < 100 && !f(); i++) await new Promise((r) => setTimeout(r, 50)); return f(); };
          await until(() => document.querySelector("input[name=mode]:checked"));
          document.querySelector("input[name=mode][value=off]").click();
          await until(() => document.querySelector("input[name=mode]:checked")?.value === "off" && document.getElementById("toggle").textContent);
          return true;
        });
        await waitState(b, two, (s) => !s.cleaned && s.profile.mode === "off", "other tab off");
        assert.deepEqual(await other.evaluate(traces), { attrs: [], style: false });
        assert.deepEqual(await other.evaluate(visibility, ["Trending Articles"]), { "Trending Articles": true });

        // Mode reader: both tabs clean again, and the reader view is asked for in each.
        const asked = await message(b, { type: "reader-requests", tabId: two });
        await edit(b, { op: "site", url: `${base}/`, patch: { mode: "reader" } });
        await waitState(b, two, (s) => s.cleaned && s.profile.mode === "reader", "other tab in reader mode");
        await other.waitFor(() => !!document.querySelector("[data-declutter=related]"), null, 5000);
        const after = await message(b, { type: "reader-requests", tabId: two });
        assert.equal(after.count, asked.count + 1, "reader-open sent to the tab");
      } finally {
        await other.close();
        await resetStorage(b);
      }
    },
  },
  {
    name: "off on a site leaves it untouched: the same DOM as with Declutter off everywhere, no marker, no stylesheet",
    async fn(b, base) {
      await resetStorage(b);
      const url = `${base}/samples/seed.html`;
      try {
        // Declutter off everywhere.
        await edit(b, { op: "defaults", patch: { mode: "off" } });
        await b.open(url);
        const tab = await b.tabId();
        await waitState(b, tab, (s) => s.profile && s.profile.mode === "off", "off everywhere");
        await sleep(300);
        const offEverywhere = await b.evaluate(() => document.documentElement.outerHTML);

        // On everywhere, off for this site.
        await edit(b, { op: "defaults", patch: { mode: null } });
        await edit(b, { op: "site", url, patch: { mode: "off" } });
        await b.open(url);
        await waitState(b, await b.tabId(), (s) => s.profile && s.profile.mode === "off", "off on this site");
        await sleep(300);
        const offHere = await b.evaluate(() => document.documentElement.outerHTML);
        assert.equal(offHere, offEverywhere, "the page as Declutter leaves it when off");
        assert.deepEqual(await b.evaluate(traces), { attrs: [], style: false });
        // Nothing hides anything: not the markers, not the early (user-origin) stylesheet.
        assert.equal(await displayOf(b, "ins.adsbygoogle"), "block");
        assert.deepEqual(await b.evaluate(visibility, ["Advertisement", "Trending Articles", "Connect with us"]), { Advertisement: true, "Trending Articles": true, "Connect with us": true });

        // And the comparison can fail: with the site on, the page differs.
        await edit(b, { op: "site", url, patch: { mode: null } });
        await b.open(url);
        await waitCleaned(b, await b.tabId());
        assert.notEqual(await b.evaluate(() => document.documentElement.outerHTML), offEverywhere);
      } finally {
        await resetStorage(b);
      }
    },
  },
  {
    name: "picker: hover, + and − widen and narrow, click hides, Ctrl+Z undoes, Esc leaves; a hidden fixed overlay gives scrolling back; the rules survive a browser restart",
    async fn(b, base) {
      await resetStorage(b);
      const url = `${base}/picker.html`;
      await b.open(url);
      let tab = await b.tabId();
      await waitCleaned(b, tab);
      assert.equal(await displayOf(b, "[data-testid=promo-card]"), "block", "the core leaves the card alone");
      assert.equal(await displayOf(b, ".gate"), "block", "and the edition chooser");
      assert.equal(await b.evaluate(() => getComputedStyle(document.body).overflowY), "hidden", "the page is scroll-locked");

      await b.background(({ tabId }) => globalThis.declutter.startPicker(tabId, "hide"), { tabId: tab });
      assert.equal(await b.evaluate(() => document.querySelectorAll("declutter-picker").length), 1);
      assert.equal(await b.evaluate(() => document.querySelector("declutter-picker").shadowRoot), null, "closed shadow root");

      // Hover the card's inline kicker: the block is the card.
      const kicker = await centre(b, "[data-testid=promo-card] .kicker");
      await b.mouseMove(kicker.x, kicker.y);
      const picked = async () => (await toPicker(b, tab, { type: "picker-state" })).selector;
      let t0 = Date.now();
      while ((await picked()) !== '[data-testid="promo-card"]' && Date.now() - t0 < 5000) await sleep(50);
      assert.equal(await picked(), '[data-testid="promo-card"]', "a stable data attribute, not the hashed class");
      // What the picker draws is shown, and left alone by the core (late additions are cleaned too).
      await sleep(300);
      assert.deepEqual(
        await b.evaluate(() => { const h = document.querySelector("declutter-picker"); return { display: getComputedStyle(h).display, marks: [...h.attributes].filter((a) => a.name.startsWith("data-declutter")).length }; }),
        { display: "block", marks: 0 },
      );
      await b.press("+");
      assert.equal(await picked(), "article", "widened to the parent");
      await b.press("-");
      assert.equal(await picked(), '[data-testid="promo-card"]', "narrowed back");
      if (b.name === "chromium") await b.screenshot(path.join(root, "docs", "picker.png")); // for the README

      const hiddenByRule = () => b.evaluate(() => {
        const el = document.querySelector("[data-testid=promo-card]");
        return getComputedStyle(el).display === "none" && el.getAttribute("data-declutter") === "rule";
      });
      const siteHide = async () => ((await settingsNow(b)).settings.sites[HOST] || {}).hide || [];
      await b.click(kicker.x, kicker.y);
      await b.waitFor(() => document.querySelector("[data-testid=promo-card]").getAttribute("data-declutter") === "rule", null, 5000);
      assert.ok(await hiddenByRule());
      assert.deepEqual(await siteHide(), ['[data-testid="promo-card"]']);
      assert.equal(await b.evaluate(() => location.pathname), "/picker.html", "the click went to the picker, not the page");

      // Ctrl+Z: the rule goes, the card comes back.
      await b.press("Control+z");
      await b.waitFor(() => getComputedStyle(document.querySelector("[data-testid=promo-card]")).display !== "none", null, 5000);
      assert.deepEqual(await siteHide(), []);
      // Pick it again, then the edition chooser that locks scrolling.
      await b.mouseMove(kicker.x, kicker.y + 1);
      await b.click(kicker.x, kicker.y);
      await b.waitFor(() => document.querySelector("[data-testid=promo-card]").getAttribute("data-declutter") === "rule", null, 5000);
      const gate = await b.evaluate(() => { const r = document.querySelector(".gate strong").getBoundingClientRect(); return { x: r.left + 5, y: r.top + r.height / 2 }; });
      await b.mouseMove(gate.x, gate.y);
      t0 = Date.now();
      while ((await picked()) !== "div.gate" && Date.now() - t0 < 5000) await sleep(50);
      assert.equal(await picked(), "div.gate", "a stable class; not the numeric id or the hashed class");
      await b.click(gate.x, gate.y);
      await b.waitFor(() => getComputedStyle(document.querySelector(".gate")).display === "none", null, 5000);
      await b.waitFor(() => getComputedStyle(document.body).overflowY !== "hidden", null, 5000);
      assert.deepEqual(await siteHide(), ['[data-testid="promo-card"]', "div.gate"]);

      // Esc leaves.
      await b.press("Escape");
      await b.waitFor(() => !document.querySelector("declutter-picker"), null, 5000);
      assert.equal((await toPicker(b, tab, { type: "picker-state" })).active, false);
      await b.evaluate(() => window.scrollTo(0, 600));
      assert.ok((await b.evaluate(() => window.scrollY)) > 100, "the page scrolls");

      // A real restart of the browser on the same profile.
      await b.restart();
      await b.open(url);
      tab = await b.tabId();
      await waitCleaned(b, tab);
      assert.ok(await hiddenByRule(), "the card stays hidden after a restart");
      assert.equal(await displayOf(b, ".gate"), "none");
      assert.notEqual(await b.evaluate(() => getComputedStyle(document.body).overflowY), "hidden");
      await b.evaluate(() => window.scrollTo(0, 600));
      assert.ok((await b.evaluate(() => window.scrollY)) > 100, "the page scrolls after a restart");
      assert.deepEqual(await b.evaluate(visibility, ["Nothing on this page looks like clutter", "Second note: only its position"]), { "Nothing on this page looks like clutter": true, "Second note: only its position": true });
      await resetStorage(b);
    },
  },
  {
    name: "keep picker: a wrongly hidden block, clicked in \"show what was removed\", is kept on this site",
    async fn(b, base) {
      await resetStorage(b);
      try {
        await b.open(`${base}/samples/seed.html`);
        const tab = await b.tabId();
        await waitCleaned(b, tab);
        await b.background(({ tabId }) => globalThis.declutter.startPicker(tabId, "keep"), { tabId: tab });
        await b.waitFor(() => document.documentElement.hasAttribute("data-declutter-show"), null, 5000);
        // The trending block: hidden, and outlined now.
        const at = await b.evaluate(() => {
          const heading = [...document.querySelectorAll("[data-declutter] *")].find((e) => e.textContent.trim() === "Trending Articles");
          const block = heading.closest("[data-declutter]");
          block.scrollIntoView({ block: "center" });
          const r = heading.getBoundingClientRect();
          return { x: r.left + 5, y: r.top + r.height / 2, category: block.getAttribute("data-declutter") };
        });
        assert.equal(at.category, "related");
        await b.mouseMove(at.x, at.y);
        await b.click(at.x, at.y);
        const keep = async () => ((await settingsNow(b)).settings.sites[HOST] || {}).keep || [];
        const t0 = Date.now();
        while (!(await keep()).length && Date.now() - t0 < 5000) await sleep(50);
        assert.equal((await keep()).length, 1, "one keep rule");
        await b.press("Escape");
        await b.waitFor(() => !document.documentElement.hasAttribute("data-declutter-show"), null, 5000);
        assert.deepEqual(await b.evaluate(visibility, ["Trending Articles", "Connect with us"]), { "Trending Articles": true, "Connect with us": false }, "kept, the rest still hidden");
        await b.reload();
        await waitCleaned(b, tab);
        assert.deepEqual(await b.evaluate(visibility, ["Trending Articles", "Connect with us"]), { "Trending Articles": true, "Connect with us": false }, "and on the next load");
      } finally {
        await resetStorage(b);
      }
    },
  },
  {
    name: "context menu: \"Hide this element on this site\" hides what the user right-clicked, not what the page fakes",
    async fn(b, base) {
      await resetStorage(b);
      try {
        await b.open(`${base}/picker.html`);
        const tab = await b.tabId();
        await waitCleaned(b, tab);
        // The entry is there: creating it again is refused as a duplicate.
        const dup = await b.background(async () => {
          const api = globalThis.browser ?? globalThis.chrome;
          return new Promise((resolve) => {
            try {
              api.contextMenus.create({ id: "declutter-hide-element", title: "again", contexts: ["page"] }, () => resolve(api.runtime.lastError ? String(api.runtime.lastError.message) : "created"));
            } catch (e) {
              resolve(String(e.message || e));
            }
          });
        });
        assert.match(dup, /duplicate|already exists/i, "the context menu entry exists");
        const at = await centre(b, "#note-b");
        await b.click(at.x, at.y, { button: "right" });
        await b.press("Escape"); // close the native menu, where there is one
        // The page fakes a right-click on another element afterwards: it must not count.
        await b.evaluate(() => document.getElementById("p1").dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, cancelable: true })));
        const r = await message(b, { type: "context-hide", tabId: tab, frameId: 0 });
        assert.ok(r.ok, JSON.stringify(r));
        await b.waitFor(() => getComputedStyle(document.getElementById("note-b")).display === "none", null, 5000);
        assert.equal(await displayOf(b, "#note-a"), "block", "its sibling stays");
        assert.equal(await displayOf(b, "#p1"), "block", "the faked target stays");
        assert.deepEqual((await settingsNow(b)).settings.sites[HOST].hide, ["#note-b"]);
      } finally {
        await resetStorage(b);
      }
    },
  },
  {
    name: "context menu inside a frame Declutter does not run in (an ad's iframe): the frame element is hidden",
    async fn(b, base) {
      await resetStorage(b);
      try {
        await b.open(`${base}/frame.html`);
        const tab = await b.tabId();
        await waitCleaned(b, tab);
        // The browser names the frame (its id and URL); no content script answers there.
        const r = await message(b, { type: "context-hide", tabId: tab, frameId: 987654, frameUrl: `${base}/frame-inner.html#x` });
        assert.ok(r.ok, JSON.stringify(r));
        await b.waitFor(() => getComputedStyle(document.getElementById("frame")).display === "none", null, 5000);
        assert.deepEqual((await settingsNow(b)).settings.sites[HOST].hide, ["#frame"]);
        const none = await message(b, { type: "context-hide", tabId: tab, frameId: 987654, frameUrl: `${base}/no-such-frame.html` });
        assert.equal(none.ok, false, "no frame element shows that URL: nothing is added");
      } finally {
        await resetStorage(b);
      }
    },
  },
  {
    name: "options: a bad import is rejected with its problems and changes nothing; a good one replaces everything; export round-trips",
    async fn(b, base) {
      await resetStorage(b);
      try {
        await edit(b, { op: "add-rule", host: "example.com", kind: "hide", selector: ".promo" });
        await edit(b, { op: "defaults", patch: { reader: { theme: "sepia" } } });
        const before = (await settingsNow(b)).settings;
        const importFile = (text) => b.extensionPage("options.html", async (text) => {
          const until = async (f) => { for (let i = 0; i < 100 && !f(); i++) await new Promise((r) => setTimeout(r, 50)); return f(); };
          await until(() => document.querySelector("#sites tr"));
          const input = document.getElementById("import");
          const dt = new DataTransfer();
          dt.items.add(new File([text], "settings.json", { type: "application/json" }));
          input.files = dt.files;
          input.dispatchEvent(new Event("change", { bubbles: true }));
          await until(() => !document.getElementById("import-result").hidden);
          await new Promise((r) => setTimeout(r, 200));
          return {
            bad: document.getElementById("import-result").classList.contains("bad"),
            message: document.getElementById("import-message").textContent,
            problems: [...document.querySelectorAll("#import-problems li")].map((li) => li.textContent),
            sites: [...document.querySelectorAll("#sites tr")].map((tr) => tr.dataset.host),
          };
        }, text);

        let r = await importFile(JSON.stringify({ version: 1, sites: { "example.com": { mode: "loud", hide: ["a:hover"] }, "news.example": { categories: { popups: true } } } }));
        assert.equal(r.bad, true);
        assert.match(r.message, /settings\.json was not imported and nothing changed/);
        assert.deepEqual(r.problems.map((p) => p.split(":")[0]), ['sites["example.com"].mode', 'sites["example.com"].hide[0]', 'sites["news.example"].categories.popups']);
        assert.deepEqual(r.sites, ["example.com"], "the page still lists the old sites");
        assert.deepEqual((await settingsNow(b)).settings, before, "settings intact");

        r = await importFile("{ \"version\": 1, ");
        assert.equal(r.bad, true);
        assert.match(r.problems[0], /^not valid JSON/);
        assert.deepEqual((await settingsNow(b)).settings, before, "settings intact");

        // Export, change, import the export: back to where it was.
        const exported = (await message(b, { type: "settings-export" })).text;
        assert.deepEqual(JSON.parse(exported), before);
        await edit(b, { op: "remove-site", host: "example.com" });
        r = await importFile(exported);
        assert.equal(r.bad, false, JSON.stringify(r));
        assert.deepEqual(r.sites, ["example.com"]);
        assert.deepEqual((await settingsNow(b)).settings, before);
      } finally {
        await resetStorage(b);
      }
    },
  },
  {
    name: "options: the defaults, and sites searched, edited (with the core's problems shown) and deleted",
    async fn(b, base) {
      await resetStorage(b);
      try {
        await edit(b, { op: "add-rule", host: "news.example.com", kind: "hide", selector: "#newsletter-signup" });
        await edit(b, { op: "site", host: "forum.example.org", patch: { mode: "off" } });
        const r = await b.extensionPage("options.html", async () => {
          const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
          const until = async (f) => { for (let i = 0; i < 100 && !f(); i++) await sleep(50); return f(); };
          const $ = (id) => document.getElementById(id);
          const rows = () => [...document.querySelectorAll("#sites tr")].map((tr) => tr.dataset.host);
          const set = (el, value) => { el.value = value; el.dispatchEvent(new Event("change", { bubbles: true })); };
          const out = {};
          await until(() => rows().length === 2);
          $("site-search").value = "forum";
          $("site-search").dispatchEvent(new Event("input"));
          out.searched = rows();
          $("site-search").value = "";
          $("site-search").dispatchEvent(new Event("input"));

          // Edit news.example.com in the dialog.
          document.querySelector('#sites tr[data-host="news.example.com"] button.secondary').click();
          await until(() => $("site-dialog").open);
          out.title = $("site-dialog-title").textContent;
          set($("site-mode"), "reader");
          await until(() => $("status").textContent);
          set($("site-cat-ads"), "false");
          await sleep(300);
          $("site-hide-new").value = "a:hover";
          $("site-hide-add").click();
          await until(() => $("site-status").textContent);
          out.badRule = $("site-status").textContent;
          $("site-hide-new").value = ".paywall";
          $("site-hide-add").click();
          await until(() => document.querySelectorAll("#site-hide li").length === 2);
          out.rules = [...document.querySelectorAll("#site-hide code")].map((c) => c.textContent);
          out.statusCleared = $("site-status").textContent === "";
          $("site-dialog").close();

          // Delete forum.example.org.
          document.querySelector('#sites tr[data-host="forum.example.org"] button.danger').click();
          await until(() => rows().length === 1);
          out.after = rows();

          // The defaults: an out-of-range size is refused with the core's words, a good one is kept.
          $("status").textContent = "";
          set($("reader-size"), "41");
          await until(() => $("status").textContent);
          out.badSize = $("status").textContent;
          set($("reader-size"), "24");
          await until(() => $("status").textContent === "Saved.");
          document.querySelector("input[name=default-mode][value=reader]").click();
          await sleep(300);
          return out;
        });
        assert.deepEqual(r.searched, ["forum.example.org"]);
        assert.equal(r.title, "news.example.com");
        assert.match(r.badRule, /^sites\["news\.example\.com"\]\.hide: not a supported selector/);
        assert.deepEqual(r.rules, ["#newsletter-signup", ".paywall"]);
        assert.equal(r.statusCleared, true);
        assert.deepEqual(r.after, ["news.example.com"]);
        assert.equal(r.badSize, "change.reader.size: expected a whole number from 12 to 40, found 41");
        const st = (await settingsNow(b)).settings;
        assert.deepEqual(st.sites, { "news.example.com": { mode: "reader", categories: { ads: false }, hide: ["#newsletter-signup", ".paywall"] } });
        assert.equal(st.defaults.reader.size, 24);
        assert.equal(st.defaults.mode, "reader");
      } finally {
        await resetStorage(b);
      }
    },
  },
  {
    name: "corrupt storage: the page runs on the defaults, the options page says what is wrong, and nothing is dropped",
    async fn(b, base) {
      await resetStorage(b);
      try {
        const corrupt = { settings: { version: 1, defaults: { mode: "clean" } }, [`site:${HOST}`]: { mode: "loud", hide: [".keep-me-in-mind"] } };
        await b.background(async (items) => {
          const api = globalThis.browser ?? globalThis.chrome;
          await api.storage.sync.set(items);
          return true;
        }, corrupt);
        await sleep(200);
        await b.open(`${base}/samples/seed.html`);
        const s = await waitCleaned(b, await b.tabId());
        assert.ok(s.report.categories.ads >= 4, "the defaults run");
        const banner = () => b.extensionPage("options.html", async () => {
          const until = async (f) => { for (let i = 0; i < 100 && !f(); i++) await new Promise((r) => setTimeout(r, 50)); return f(); };
          await until(() => !document.getElementById("corrupt").hidden);
          return {
            shown: !document.getElementById("corrupt").hidden,
            title: document.getElementById("corrupt-title").textContent,
            problems: [...document.querySelectorAll("#corrupt-problems li")].map((li) => li.textContent),
            reset: !document.getElementById("reset").hidden,
          };
        });
        let r = await banner();
        assert.equal(r.shown, true);
        assert.equal(r.title, "Your stored settings could not be read");
        assert.equal(r.problems.length, 1);
        assert.match(r.problems[0], /^sites\["127\.0\.0\.1"\]\.mode: expected one of "off", "clean", "reader", found "loud"$/);
        assert.equal(r.reset, true);
        const stored = await b.background(async () => (globalThis.browser ?? globalThis.chrome).storage.sync.get(null));
        assert.deepEqual(stored, corrupt, "the stored copy is untouched");

        // A change made anyway (the popup, here through the same message) keeps the raw copy aside.
        await edit(b, { op: "site", host: "other.example", patch: { mode: "off" } });
        const kept = await b.background(async () => (await (globalThis.browser ?? globalThis.chrome).storage.local.get("settingsCorrupt")).settingsCorrupt);
        assert.equal(kept.length, 1);
        assert.deepEqual(kept[0].raw, corrupt);
        r = await banner();
        assert.equal(r.title, "An unreadable copy of your settings is kept");
        assert.equal(r.reset, false);
        assert.equal((await settingsNow(b)).settings.sites["other.example"].mode, "off");
      } finally {
        await resetStorage(b);
      }
    },
  },
  {
    name: "storage: a site list larger than sync allows moves to local storage, says so, and comes back to sync when it fits",
    async fn(b, base) {
      await resetStorage(b);
      try {
        // 160 sites of about 700 bytes: over sync's 100 KB.
        const selectors = Array.from({ length: 12 }, (_, i) => `main > section.block-number-${"abcdefghijkl"[i]} > div.some-long-class-name-for-size`);
        const hosts = Array.from({ length: 160 }, (_, i) => `site-${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}.example`);
        const text = JSON.stringify({ version: 1, sites: Object.fromEntries(hosts.map((h) => [h, { hide: selectors }])) });
        const r = await message(b, { type: "settings-import", text });
        assert.ok(r.ok, JSON.stringify(r).slice(0, 300));
        assert.equal(r.area, "local");
        const areas = await b.background(async () => {
          const api = globalThis.browser ?? globalThis.chrome;
          const count = (o) => Object.keys(o).filter((k) => k === "settings" || k.startsWith("site:")).length;
          return { sync: count(await api.storage.sync.get(null)), local: count(await api.storage.local.get(null)), marker: (await api.storage.local.get("settingsArea")).settingsArea };
        });
        assert.deepEqual(areas, { sync: 0, local: 161, marker: "local" });
        const got = await settingsNow(b);
        assert.equal(got.area, "local");
        assert.equal(Object.keys(got.settings.sites).length, 160, "nothing lost");
        const note = await b.extensionPage("options.html", async () => {
          const until = async (f) => { for (let i = 0; i < 100 && !f(); i++) await new Promise((r) => setTimeout(r, 50)); return f(); };
          await until(() => document.querySelectorAll("#sites tr").length);
          return { note: !document.getElementById("local-note").hidden, rows: document.querySelectorAll("#sites tr").length };
        });
        assert.deepEqual(note, { note: true, rows: 160 });
        // A smaller list fits sync again.
        const small = JSON.stringify({ version: 1, sites: Object.fromEntries(hosts.slice(0, 20).map((h) => [h, { hide: selectors }])) });
        assert.equal((await message(b, { type: "settings-import", text: small })).area, "sync");
        const back = await settingsNow(b);
        assert.equal(back.area, "sync");
        assert.equal(Object.keys(back.settings.sites).length, 20);
      } finally {
        await resetStorage(b);
      }
    },
  },
  {
    name: "screenshots: the popup and the options page, light and dark",
    async fn(b, base) {
      await resetStorage(b);
      try {
        await edit(b, { op: "add-rule", host: "news.example.com", kind: "hide", selector: "#newsletter-signup" });
        await edit(b, { op: "site", host: "forum.example.org", patch: { mode: "off" } });
        await edit(b, { op: "site", host: "longreads.example", patch: { mode: "reader", reader: { font: "sans" } } });
        await b.open(`${base}/samples/seed.html`);
        const tab = await b.tabId();
        await waitCleaned(b, tab);
        const dir = b.name === "chromium" ? path.join(root, "docs") : path.join(root, "target", "e2e-shots");
        fs.mkdirSync(dir, { recursive: true });
        const suffix = b.name === "chromium" ? "" : `-${b.name}`;
        const popupReady = () => document.querySelectorAll("#categories li").length > 0 && Number(document.getElementById("hidden-count").textContent) > 0;
        const optionsReady = () => document.querySelectorAll("#sites tr").length === 3;
        for (const dark of [false, true]) {
          const d = dark ? "-dark" : "";
          await b.extensionShot(`popup.html?tab=${tab}`, path.join(dir, `popup${d}${suffix}.png`), { width: 320, height: 200, dark, ready: popupReady });
          await b.extensionShot("options.html", path.join(dir, `options${d}${suffix}.png`), { width: 900, height: 700, dark, ready: optionsReady });
          if (b.name !== "chromium") break; // Firefox: the light pair, to look at
        }
        for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(`${suffix}.png`) && /^(popup|options)/.test(f))) {
          const png = fs.readFileSync(path.join(dir, f));
          assert.equal(png.subarray(1, 4).toString(), "PNG", f);
          assert.ok(png.length > 5000, `${f} is ${png.length} bytes`);
        }
      } finally {
        await resetStorage(b);
      }
    },
  },
];
