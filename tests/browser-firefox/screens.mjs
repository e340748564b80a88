// Every admin page in Debian's Firefox ESR at a laptop and a phone, in Russian and English, over WebDriver BiDi with
// puppeteer-core: saves firefox-<width>x<height>-<lang>-<page>.png and checks each page's layout with layout-check.js
// (the same rules ScreenshotTests checks in Chromium). FirefoxScreenshotTests starts and seeds the hub and runs it:
//   HUB_URL=... HUB_API_KEY=<operator key> HUB_FIREFOX=/usr/bin/firefox-esr HUB_SCREENSHOTS=dir HUB_PAGES='[["logs","/admin/logs"],...]' node screens.mjs
// Prints one line per page; any layout problem or unmet expectation ends it with exit code 1, after every page was visited.
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

const hub = (process.env.HUB_URL ?? '').replace(/\/$/, '');
const apiKey = process.env.HUB_API_KEY;
const firefox = process.env.HUB_FIREFOX ?? '/usr/bin/firefox-esr';
const shots = process.env.HUB_SCREENSHOTS ?? path.resolve('screenshots');
const pages = JSON.parse(process.env.HUB_PAGES ?? '[]');
if (!hub || !apiKey || pages.length === 0) {
  console.error('usage: HUB_URL=... HUB_API_KEY=... HUB_PAGES=\'[["name","/admin/path"],...]\' [HUB_FIREFOX=...] [HUB_SCREENSHOTS=...] node screens.mjs');
  process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });

// Issue 16's laptop and phone, and the two languages (Russian the default, English chosen by the header's link).
const SIZES = [[1366, 768], [390, 844]];
const LANGUAGES = ['ru', 'en'];
const WAIT_MS = 15_000;
const check = fs.readFileSync(new URL('./layout-check.js', import.meta.url), 'utf8');

// A phone as far as Firefox ESR allows over WebDriver BiDi (there is no device emulation in it, as Chromium has): prefs make
// touch events exist (ontouchstart, navigator.maxTouchPoints), the primary pointer coarse and without hover, and the user
// agent Firefox for Android's; the menu is opened by a real tap (input.performActions with pointerType "touch", through
// puppeteer's touchscreen), which the page sees as pointerdown of type touch, touchstart, touchend and then the click.
// Prefs are the browser's, not a context's, so the phone gets a Firefox of its own. What is not done, and why:
// - the device pixel ratio stays 1, as in Chromium's phone context, so the screenshots of both engines compare; Firefox
//   would give 3 (setViewport's deviceScaleFactor, or layout.css.devPixelsPerPx), at nine times the pixels per picture;
// - dom.meta-viewport.enabled (a phone's handling of <meta name=viewport>) closes Firefox ESR 153's BiDi connection as soon
//   as the viewport is set, so the layout viewport is the window's 390 CSS pixels, which is what width=device-width gives;
// - screen.width stays the display's (1366): neither a pref nor BiDi sets the screen's size.
const PHONE_UA = 'Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0';
const PHONE_PREFS = {
  'dom.w3c_touch_events.enabled': 1,
  'dom.w3c_touch_events.legacy_apis.enabled': true,
  'dom.maxtouchpoints.testing.value': 5,
  // 1 = coarse, no hover (ui.*PointerCapabilities are bit sets: 1 coarse, 2 fine, 4 hover).
  'ui.primaryPointerCapabilities': 1,
  'ui.allPointerCapabilities': 1,
  'general.useragent.override': PHONE_UA,
};

const problems = [];
const say = (m) => console.log(`firefox: ${m}`);

async function until(page, what, predicate, args = []) {
  const deadline = Date.now() + WAIT_MS;
  let last;
  for (;;) {
    try {
      if (await page.evaluate(predicate, ...args)) return;
    } catch (e) {
      last = e; // the page was navigating; ask again
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (at ${page.url()})${last ? `; last error: ${last.message}` : ''}`);
    await new Promise(r => setTimeout(r, 100));
  }
}

const language = (page, lang) => until(page, `the page in ${lang}`, (l) => document.documentElement.lang === l, [lang]);

async function layout(page, phase, where) {
  const result = await page.evaluate(`(${check})(${JSON.stringify(phase)})`);
  for (const p of result.problems) problems.push(`${where}: ${p}`);
  return result.scrolling;
}

/** Whether the page sees a phone: touch events, a coarse pointer without hover, a mobile user agent. */
async function isPhone(page, where) {
  const seen = await page.evaluate(() => ({ touch: 'ontouchstart' in window, points: navigator.maxTouchPoints, coarse: matchMedia('(pointer: coarse)').matches,
    hover: matchMedia('(hover: hover)').matches, mobile: /Android.*Mobile/.test(navigator.userAgent) }));
  if (!seen.touch || seen.points < 1 || !seen.coarse || seen.hover || !seen.mobile) problems.push(`${where}: the page does not see a phone: ${JSON.stringify(seen)}`);
}

/**
 * A finger's tap on the element's middle. Unless it navigates, checks that the page saw a touch (pointerdown of type touch
 * and touchstart), not a mouse.
 */
async function tap(page, selector, where, navigates = false) {
  const element = await page.waitForSelector(selector, { visible: true });
  const box = await element.boundingBox();
  if (!navigates) await page.evaluate(() => {
    window.hubTouch = [];
    for (const type of ['pointerdown', 'touchstart']) addEventListener(type, e => window.hubTouch.push(`${type}:${e.pointerType ?? 'touch'}`), { once: true, capture: true });
  });
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
  if (navigates) return;
  const seen = await page.evaluate(() => window.hubTouch);
  if (!seen.includes('pointerdown:touch') || !seen.includes('touchstart:touch')) problems.push(`${where}: the tap on ${selector} reached the page as ${JSON.stringify(seen)}, not as a touch`);
}

/** The picture and the layout; at a phone also the menu opened by its button. */
async function visit(page, prefix, name, phone) {
  // What htmx loads once the page shows (the badges, a run's timeline) settles before the picture is taken.
  await page.waitForNetworkIdle({ idleTime: 300, timeout: WAIT_MS }).catch(() => {});
  await page.screenshot({ path: path.join(shots, `${prefix}-${name}.png`), fullPage: true });
  const scrolling = await layout(page, phone ? 'phone' : 'laptop', `${prefix}-${name}`);
  if (phone) {
    await tap(page, 'header .menu-button', `${prefix}-${name}`);
    await until(page, 'the menu to open', () => getComputedStyle(document.querySelector('header nav')).display !== 'none');
    await layout(page, 'phone-open', `${prefix}-${name} (menu open)`);
    if (name === 'sign-in' || name === 'runs') await page.screenshot({ path: path.join(shots, `${prefix}-${name}-menu.png`), fullPage: true });
  }
  if (phone && name === 'run' && scrolling === 0) problems.push(`${prefix}-${name}: the orders table does not scroll sideways in its box`);
  say(`${prefix}-${name}`);
}

const started = Date.now();
let browser;
let failed = false;
try {
  for (const [width, height] of SIZES) {
    const phone = width < 600;
    const launching = Date.now();
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefox,
      headless: true,
      protocolTimeout: 60_000,
      extraPrefsFirefox: { 'app.update.enabled': false, 'browser.shell.checkDefaultBrowser': false, 'datareporting.policy.dataSubmissionEnabled': false,
        ...(phone ? PHONE_PREFS : {}) },
    });
    say(`launched ${await browser.version()}${phone ? ' as a phone' : ''} in ${Date.now() - launching} ms`);
    for (const lang of LANGUAGES) {
      const prefix = `firefox-${width}x${height}-${lang}`;
      // A context of its own per size and language: its own cookies, so its own language and session.
      const context = await browser.createBrowserContext();
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(WAIT_MS);
        await page.setViewport({ width, height });
        await page.goto(`${hub}/admin/sign-in`);
        if (phone) await isPhone(page, `${prefix}-sign-in`);
        // The language link in the header, as a user switches (at a phone it is in the menu, and both are tapped).
        if (lang === 'en' && phone) await tap(page, 'header .menu-button', `${prefix}-sign-in`);
        if (lang === 'en') await Promise.all([page.waitForNavigation(),
          phone ? tap(page, 'header a.lang[lang=en]', `${prefix}-sign-in`, true) : page.locator('header a.lang[lang=en]').click()]);
        await language(page, lang);
        await visit(page, prefix, 'sign-in', phone);

        await page.goto(`${hub}/admin/sign-in`);
        await page.locator('input[name=api_key]').fill(apiKey);
        await Promise.all([page.waitForNavigation(), page.locator("form[action='/admin/sign-in'] button[type=submit]").click()]);
        await until(page, 'Sign out', (t) => document.querySelector("header form[action='/admin/sign-out'] button")?.textContent === t, [lang === 'ru' ? 'Выйти' : 'Sign out']);
        for (const [name, urlPath] of pages) {
          await page.goto(`${hub}${urlPath}`);
          await language(page, lang);
          await visit(page, prefix, name, phone);
        }
      } finally {
        await context.close();
      }
    }
    await Promise.race([browser.close(), new Promise(r => setTimeout(r, 10_000).unref())]).catch(() => {});
    browser = undefined;
  }
} catch (e) {
  failed = true;
  console.error(`firefox: FAILED: ${e.stack ?? e.message}`);
} finally {
  if (browser) await Promise.race([browser.close(), new Promise(r => setTimeout(r, 10_000).unref())]).catch(() => {});
}
if (problems.length) console.error(`firefox: ${problems.length} layout problem(s):\n  ${problems.join('\n  ')}`);
say(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed || problems.length ? 1 : 0);
