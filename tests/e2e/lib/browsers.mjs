// Real browsers with the built extension installed, behind one small interface so that every
// scenario runs unchanged in Chromium (playwright-core, Debian's /usr/bin/chromium) and in
// Firefox (selenium-webdriver + geckodriver, Debian's firefox-esr).
//
//   open(url)              navigate the test tab
//   evaluate(fn, arg)      run fn(arg) in the page's main world, return its (JSON) result
//   waitFor(fn, arg, ms)   poll evaluate until truthy
//   background(fn, arg)    run fn(arg) in the extension's background (globalThis.declutter)
//   extensionPage(path, fn, arg)  open an extension page, run fn(arg) in it
//   screenshot(file)       PNG of the tab
//   reload()               reload the test tab
//   openSecondTab(url)     another tab: { evaluate, waitFor, tabId, reload, close }
//   mouseMove(x, y), click(x, y, {button}), press(key)   trusted input (viewport pixels;
//                          keys as "Escape", "+", "Enter", "Control+z")
//   extensionShot(path, file, {width, height, dark})      PNG of an extension page
//   restart()              quit and start the browser again on the same profile
//   close()
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export async function chromium({ ext = path.join(root, "dist/chrome"), width = 1280, height = 900 } = {}) {
  const { chromium } = await import("playwright-core");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "declutter-chromium-"));
  let ctx, sw, extId, page;
  const consoleErrors = [];
  const pageErrors = [];
  // The same user data dir each time: a restart keeps the profile (storage, the extension id).
  async function launch() {
    ctx = await chromium.launchPersistentContext(dir, {
      executablePath: process.env.CHROMIUM_BIN || "/usr/bin/chromium",
      headless: false,
      ignoreDefaultArgs: ["--disable-extensions"],
      viewport: { width, height },
      args: [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic", "--enable-unsafe-extension-debugging",
        `--disable-extensions-except=${ext}`, `--load-extension=${ext}`,
        // Requests beyond the test server (captured real pages name many) fail at once, through
        // a proxy that is not there, instead of waiting on the network (loopback bypasses it).
        "--proxy-server=http://127.0.0.1:9",
      ],
    });
    [sw] = ctx.serviceWorkers();
    sw ??= await ctx.waitForEvent("serviceworker", { timeout: 20000 });
    extId = new URL(sw.url()).host;
    page = ctx.pages()[0] ?? (await ctx.newPage());
    page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
    page.on("pageerror", (e) => pageErrors.push(String(e)));
  }
  await launch();
  const findTab = (url) => b.background(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id, url);
  const b = {
    name: "chromium",
    version: ctx.browser()?.version() ?? "",
    get page() { return page; },
    consoleErrors,
    pageErrors,
    async open(url) {
      consoleErrors.length = 0;
      pageErrors.length = 0;
      await page.goto(url, { waitUntil: "load" });
    },
    reload: () => page.reload({ waitUntil: "load" }),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    async waitFor(fn, arg, timeout = 10000) {
      await page.waitForFunction(fn, arg, { timeout, polling: 50 });
    },
    async background(fn, arg) {
      // The worker may have been restarted; take the live one.
      const [w] = ctx.serviceWorkers();
      return (w ?? sw).evaluate(fn, arg);
    },
    tabId: () => findTab(page.url()),
    async openSecondTab(url) {
      const p = await ctx.newPage();
      await p.goto(url, { waitUntil: "load" });
      return {
        evaluate: (fn, arg) => p.evaluate(fn, arg),
        waitFor: (fn, arg, timeout = 10000) => p.waitForFunction(fn, arg, { timeout, polling: 50 }).then(() => {}),
        tabId: () => findTab(p.url()),
        reload: () => p.reload({ waitUntil: "load" }),
        close: () => p.close(),
      };
    },
    mouseMove: (x, y) => page.mouse.move(x, y),
    click: (x, y, { button = "left" } = {}) => page.mouse.click(x, y, { button }),
    press: (key) => page.keyboard.press(key),
    async extensionPage(p, fn, arg) {
      const tab = await ctx.newPage();
      try {
        await tab.goto(`chrome-extension://${extId}/${p}`);
        return await tab.evaluate(fn, arg);
      } finally {
        await tab.close();
      }
    },
    /** A PNG of an extension page once `ready` (run in it) is true; `width` wide, as tall as its content. */
    async extensionShot(p, file, { width: w = 800, height: h = 600, dark = false, ready = () => true, arg } = {}) {
      const tab = await ctx.newPage();
      try {
        await tab.setViewportSize({ width: w, height: h });
        await tab.emulateMedia({ colorScheme: dark ? "dark" : "light" });
        await tab.goto(`chrome-extension://${extId}/${p}`);
        await tab.waitForFunction(ready, arg, { timeout: 10000, polling: 50 });
        await tab.screenshot({ path: file, fullPage: true });
      } finally {
        await tab.close();
      }
    },
    async screenshot(file) {
      await page.screenshot({ path: file });
    },
    async restart() {
      await ctx.close();
      await launch();
    },
    // Helpers the reader tests use (same trusted input as click/press).
    clickAt: (x, y) => page.mouse.click(x, y),
    async type(selector, text) {
      await page.click(selector);
      await page.keyboard.type(text);
    },
    async close() {
      await ctx.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return b;
}

const FIREFOX_ID = "declutter@declutter.dev";
const FIREFOX_UUID = "5c1e2b3a-7d4f-4e8a-9b6c-0d1e2f3a4b5c";

export async function firefox({ xpi = path.join(root, "dist/declutter-firefox.xpi"), width = 1280, height = 900 } = {}) {
  process.env.SE_OFFLINE = "true"; // selenium-manager must not try to download anything
  const { Builder, Key, Origin } = await import("selenium-webdriver");
  const ff = await import("selenium-webdriver/firefox.js");
  // Our own profile directory, used in place (-profile), and the extension installed for good
  // (ESR honours xpinstall.signatures.required=false): a restart is a real restart of Firefox on
  // the same profile, with the extension and its storage still there.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "declutter-firefox-"));
  let driver, mainHandle, caps;
  async function launch(install) {
    const options = new ff.Options()
      .setBinary(process.env.FIREFOX_BIN || "/usr/bin/firefox-esr")
      .addArguments("-headless", "-profile", dir, `--width=${width}`, `--height=${height}`)
      .setPreference("extensions.webextensions.uuids", JSON.stringify({ [FIREFOX_ID]: FIREFOX_UUID }))
      .setPreference("xpinstall.signatures.required", false)
      .setPreference("datareporting.policy.dataSubmissionEnabled", false)
      .setPreference("browser.shell.checkDefaultBrowser", false)
      .setPreference("devtools.console.stdout.content", true)
      // As in Chromium: requests beyond the test server fail at once (loopback is never proxied).
      .setPreference("network.proxy.type", 1)
      .setPreference("network.proxy.http", "127.0.0.1")
      .setPreference("network.proxy.http_port", 9)
      .setPreference("network.proxy.ssl", "127.0.0.1")
      .setPreference("network.proxy.ssl_port", 9);
    const service = new ff.ServiceBuilder(process.env.GECKODRIVER || "geckodriver").addArguments("--allow-system-access");
    driver = await new Builder().forBrowser("firefox").setFirefoxOptions(options).setFirefoxService(service).build();
    if (install) await driver.installAddon(xpi, false);
    await driver.manage().window().setRect({ width, height });
    caps = await driver.getCapabilities();
    mainHandle = await driver.getWindowHandle();
  }
  await launch(true);
  // WebDriver runs scripts as function bodies; wrap fn(arg) the same way for both browsers.
  const wrapAsync = (fn) => `const done = arguments[arguments.length - 1];
    Promise.resolve().then(() => (${fn.toString()})(arguments[0])).then(done, (e) => done({ __error: String(e && e.stack || e) }));`;
  async function run(fn, arg) {
    const r = await driver.executeAsyncScript(wrapAsync(fn), arg);
    if (r && r.__error) throw new Error(r.__error);
    return r;
  }
  async function openExtensionTab(p) {
    const before = new Set(await driver.getAllWindowHandles());
    await driver.setContext(ff.Context.CHROME);
    await driver.executeScript(
      `gBrowser.selectedTab = gBrowser.addTab(arguments[0], { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });`,
      `moz-extension://${FIREFOX_UUID}/${p}`,
    );
    await driver.setContext(ff.Context.CONTENT);
    let handle;
    await driver.wait(async () => (handle = (await driver.getAllWindowHandles()).find((h) => !before.has(h))), 5000);
    await driver.switchTo().window(handle);
    await driver.wait(async () => driver.executeScript("return document.readyState === 'complete' && typeof browser !== 'undefined'"), 5000);
  }
  async function inExtensionPage(p, fn, arg) {
    await openExtensionTab(p);
    try {
      return await run(fn, arg);
    } finally {
      await driver.close();
      await driver.switchTo().window(mainHandle);
    }
  }
  async function tabIdOf(url) {
    // tabs.query({url}) patterns cannot carry a port in Firefox: filter by hand.
    return inExtensionPage("popup.html", async (u) => (await browser.tabs.query({})).find((t) => t.url === u)?.id, url);
  }
  /** Runs fn in another window handle, then comes back to the test tab. */
  async function inHandle(handle, fn, arg) {
    await driver.switchTo().window(handle);
    try {
      return await run(fn, arg);
    } finally {
      await driver.switchTo().window(mainHandle);
    }
  }
  const keyOf = (k) => ({ Escape: Key.ESCAPE, Enter: Key.ENTER, Control: Key.CONTROL, Meta: Key.META, Shift: Key.SHIFT, PageDown: Key.PAGE_DOWN })[k] ?? k;
  const b = {
    name: "firefox",
    get version() { return caps.get("browserVersion"); },
    get driver() { return driver; },
    consoleErrors: [],
    pageErrors: [],
    async open(url) {
      await driver.switchTo().window(mainHandle);
      await driver.get(url);
    },
    async reload() {
      await driver.switchTo().window(mainHandle);
      await driver.navigate().refresh();
    },
    evaluate: (fn, arg) => run(fn, arg),
    async waitFor(fn, arg, timeout = 10000) {
      await driver.wait(async () => this.evaluate(fn, arg).catch(() => false), timeout);
    },
    // Firefox: the background is an event page; an extension page reaches its globals, so fn
    // runs there with the background's `declutter` in scope (the extension CSP forbids eval in
    // the background itself).
    async background(fn, arg) {
      const body = `const bg = await browser.runtime.getBackgroundPage(); globalThis.declutter = bg.declutter;
        return (${fn.toString()})(arg);`;
      return inExtensionPage("popup.html", new Function("arg", `return (async () => { ${body} })();`), arg);
    },
    async tabId() {
      await driver.switchTo().window(mainHandle);
      return tabIdOf(await driver.getCurrentUrl());
    },
    async openSecondTab(url) {
      await driver.switchTo().newWindow("tab");
      const handle = await driver.getWindowHandle();
      await driver.get(url);
      await driver.switchTo().window(mainHandle);
      return {
        evaluate: (fn, arg) => inHandle(handle, fn, arg),
        async waitFor(fn, arg, timeout = 10000) {
          await driver.wait(async () => inHandle(handle, fn, arg).catch(() => false), timeout);
        },
        async tabId() {
          await driver.switchTo().window(handle);
          const u = await driver.getCurrentUrl();
          await driver.switchTo().window(mainHandle);
          return tabIdOf(u);
        },
        async reload() {
          await driver.switchTo().window(handle);
          await driver.navigate().refresh();
          await driver.switchTo().window(mainHandle);
        },
        async close() {
          await driver.switchTo().window(handle);
          await driver.close();
          await driver.switchTo().window(mainHandle);
        },
      };
    },
    async mouseMove(x, y) {
      await driver.actions({ async: true }).move({ x: Math.round(x), y: Math.round(y), origin: Origin.VIEWPORT }).perform();
    },
    async click(x, y, { button = "left" } = {}) {
      const a = driver.actions({ async: true }).move({ x: Math.round(x), y: Math.round(y), origin: Origin.VIEWPORT });
      await (button === "right" ? a.contextClick() : a.click()).perform();
    },
    async press(key) {
      const parts = key.length > 1 && key.includes("+") ? key.split("+") : [key];
      const a = driver.actions({ async: true });
      for (const k of parts) a.keyDown(keyOf(k));
      for (const k of parts.reverse()) a.keyUp(keyOf(k));
      await a.perform();
    },
    extensionPage: inExtensionPage,
    async extensionShot(p, file, { ready = () => true, arg } = {}) {
      await openExtensionTab(p);
      try {
        await driver.wait(async () => run(ready, arg).catch(() => false), 10000);
        fs.writeFileSync(file, Buffer.from(await driver.takeScreenshot(), "base64"));
      } finally {
        await driver.close();
        await driver.switchTo().window(mainHandle);
      }
    },
    async screenshot(file) {
      fs.writeFileSync(file, Buffer.from(await driver.takeScreenshot(), "base64"));
    },
    async restart() {
      await driver.quit();
      await launch(false);
    },
    clickAt(x, y) {
      return this.click(x, y);
    },
    async type(selector, text) {
      const { By } = await import("selenium-webdriver");
      const e = await driver.findElement(By.css(selector));
      await e.click();
      await e.sendKeys(text);
    },
    async close() {
      await driver.quit();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return b;
}

export const launchers = { chromium, firefox };
