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
//   close()
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../..");

export async function chromium({ ext = path.join(root, "dist/chrome"), width = 1280, height = 900 } = {}) {
  const { chromium } = await import("playwright-core");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "declutter-chromium-"));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_BIN || "/usr/bin/chromium",
    headless: false,
    ignoreDefaultArgs: ["--disable-extensions"],
    viewport: { width, height },
    args: [
      "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-quic", "--enable-unsafe-extension-debugging",
      `--disable-extensions-except=${ext}`, `--load-extension=${ext}`,
    ],
  });
  let [sw] = ctx.serviceWorkers();
  sw ??= await ctx.waitForEvent("serviceworker", { timeout: 20000 });
  const extId = new URL(sw.url()).host;
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const consoleErrors = [];
  const pageErrors = [];
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  return {
    name: "chromium",
    version: ctx.browser()?.version() ?? "",
    page,
    consoleErrors,
    pageErrors,
    async open(url) {
      consoleErrors.length = 0;
      pageErrors.length = 0;
      await page.goto(url, { waitUntil: "load" });
    },
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    async waitFor(fn, arg, timeout = 10000) {
      await page.waitForFunction(fn, arg, { timeout, polling: 50 });
    },
    async background(fn, arg) {
      // The worker may have been restarted; take the live one.
      const [w] = ctx.serviceWorkers();
      return (w ?? sw).evaluate(fn, arg);
    },
    async tabId() {
      return this.background(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id, page.url());
    },
    async extensionPage(p, fn, arg) {
      const tab = await ctx.newPage();
      try {
        await tab.goto(`chrome-extension://${extId}/${p}`);
        return await tab.evaluate(fn, arg);
      } finally {
        await tab.close();
      }
    },
    async screenshot(file) {
      await page.screenshot({ path: file });
    },
    // Real input events (they reach closed shadow roots, unlike page scripts).
    async clickAt(x, y) {
      await page.mouse.click(x, y);
    },
    async press(key) {
      await page.keyboard.press(key);
    },
    async type(selector, text) {
      await page.click(selector);
      await page.keyboard.type(text);
    },
    async close() {
      await ctx.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const FIREFOX_ID = "declutter@declutter.dev";
const FIREFOX_UUID = "5c1e2b3a-7d4f-4e8a-9b6c-0d1e2f3a4b5c";

export async function firefox({ xpi = path.join(root, "dist/declutter-firefox.xpi"), width = 1280, height = 900 } = {}) {
  process.env.SE_OFFLINE = "true"; // selenium-manager must not try to download anything
  const { Builder } = await import("selenium-webdriver");
  const ff = await import("selenium-webdriver/firefox.js");
  const options = new ff.Options()
    .setBinary(process.env.FIREFOX_BIN || "/usr/bin/firefox-esr")
    .addArguments("-headless", `--width=${width}`, `--height=${height}`)
    .setPreference("extensions.webextensions.uuids", JSON.stringify({ [FIREFOX_ID]: FIREFOX_UUID }))
    .setPreference("datareporting.policy.dataSubmissionEnabled", false)
    .setPreference("browser.shell.checkDefaultBrowser", false)
    .setPreference("devtools.console.stdout.content", true);
  const service = new ff.ServiceBuilder(process.env.GECKODRIVER || "geckodriver").addArguments("--allow-system-access");
  const driver = await new Builder().forBrowser("firefox").setFirefoxOptions(options).setFirefoxService(service).build();
  await driver.installAddon(xpi, true);
  await driver.manage().window().setRect({ width, height });
  const caps = await driver.getCapabilities();
  const mainHandle = await driver.getWindowHandle();
  // WebDriver runs scripts as function bodies; wrap fn(arg) the same way for both browsers.
  const wrap = (fn) => `return (${fn.toString()})(arguments[0]);`;
  const wrapAsync = (fn) => `const done = arguments[arguments.length - 1];
    Promise.resolve().then(() => (${fn.toString()})(arguments[0])).then(done, (e) => done({ __error: String(e && e.stack || e) }));`;
  async function inExtensionPage(p, fn, arg) {
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
    try {
      const r = await driver.executeAsyncScript(wrapAsync(fn), arg);
      if (r && r.__error) throw new Error(r.__error);
      return r;
    } finally {
      await driver.close();
      await driver.switchTo().window(mainHandle);
    }
  }
  return {
    name: "firefox",
    version: caps.get("browserVersion"),
    driver,
    consoleErrors: [],
    pageErrors: [],
    async open(url) {
      await driver.switchTo().window(mainHandle);
      await driver.get(url);
    },
    async evaluate(fn, arg) {
      const r = await driver.executeAsyncScript(wrapAsync(fn), arg);
      if (r && r.__error) throw new Error(r.__error);
      return r;
    },
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
      const url = await driver.getCurrentUrl();
      // tabs.query({url}) patterns cannot carry a port in Firefox: filter by hand.
      return inExtensionPage("popup.html", async (u) => (await browser.tabs.query({})).find((t) => t.url === u)?.id, url);
    },
    extensionPage: inExtensionPage,
    async screenshot(file) {
      fs.writeFileSync(file, Buffer.from(await driver.takeScreenshot(), "base64"));
    },
    async clickAt(x, y) {
      await driver.actions({ async: true }).move({ x: Math.round(x), y: Math.round(y), origin: "viewport" }).click().perform();
    },
    async press(key) {
      const { Key } = await import("selenium-webdriver");
      const k = { Escape: Key.ESCAPE, Tab: Key.TAB, Enter: Key.ENTER }[key] ?? key;
      await driver.actions({ async: true }).sendKeys(k).perform();
    },
    async type(selector, text) {
      const { By } = await import("selenium-webdriver");
      const e = await driver.findElement(By.css(selector));
      await e.click();
      await e.sendKeys(text);
    },
    async close() {
      await driver.quit();
    },
  };
}

export const launchers = { chromium, firefox };
