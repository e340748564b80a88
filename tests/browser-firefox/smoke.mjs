// The admin pages in Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core (no browser download).
// AdminFirefoxTests starts the hub and the simulators, seeds the logs this script expects and runs it:
//   HUB_URL=http://127.0.0.1:5080 HUB_API_KEY=<operator key> HUB_FIREFOX=/usr/bin/firefox-esr HUB_SCREENSHOTS=dir node smoke.mjs
// (or the same four as arguments, in that order). Prints one line per step; any unmet expectation ends it with exit code 1.
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

const [hubArg, keyArg, firefoxArg, shotsArg] = process.argv.slice(2);
const hub = (hubArg ?? process.env.HUB_URL ?? '').replace(/\/$/, '');
const apiKey = keyArg ?? process.env.HUB_API_KEY;
const firefox = firefoxArg ?? process.env.HUB_FIREFOX ?? '/usr/bin/firefox-esr';
const shots = shotsArg ?? process.env.HUB_SCREENSHOTS ?? path.resolve('screenshots');
if (!hub || !apiKey) {
  console.error('usage: node smoke.mjs <hub url> <operator api key> [firefox path] [screenshot folder] (or HUB_URL, HUB_API_KEY, HUB_FIREFOX, HUB_SCREENSHOTS)');
  process.exit(2);
}
if (!fs.existsSync(firefox)) {
  console.error(`no Firefox at ${firefox}: scripts/test.sh installs Debian's firefox-esr package`);
  process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });

// What AdminFirefoxTests seeds: twelve logs of this process, one of them the ERROR below with details {store: "Бестужевых"}.
const SEEDED = { process: 'internal_replenishment', count: 12, error: 'МойСклад answered 500 for <order 5>', detail: '"store": "Бестужевых"' };
const WAIT_MS = 15_000;

let step = 'launch';
const pageErrors = [];

/** Polls a predicate in the page until it holds; survives the navigations a click may start. */
async function until(page, what, predicate, args = [], timeout = WAIT_MS) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      if (await page.evaluate(predicate, ...args)) return;
    } catch (e) {
      last = e; // the page was navigating; ask again
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeout / 1000} s waiting for ${what} (at ${page.url()})${last ? `; last error: ${last.message}` : ''}`);
    await new Promise(r => setTimeout(r, 100));
  }
}

const urlMatches = (page, re, timeout) => until(page, `the URL to match ${re}`, (src) => new RegExp(src).test(location.href), [re.source], timeout);
const exists = (page, selector, timeout) => until(page, `${selector} to be present`, (s) => !!document.querySelector(s), [selector], timeout);
const gone = (page, selector) => until(page, `${selector} to be gone`, (s) => !document.querySelector(s), [selector]);
const count = (page, selector, n, text = '') => until(page, `exactly ${n} ${selector}${text ? ` containing "${text}"` : ''}`,
  (s, n, t) => [...document.querySelectorAll(s)].filter(e => e.textContent.includes(t)).length === n, [selector, n, text]);
const contains = (page, selector, text, timeout) => until(page, `${selector} to contain "${text}"`,
  (s, t) => document.querySelector(s)?.textContent.includes(t) ?? false, [selector, text], timeout);

async function shot(page, name) {
  await page.screenshot({ path: path.join(shots, `firefox-${name}.png`), fullPage: true });
}

// By the link's address, not its text: the pages are in Russian by default and in English on request.
async function nav(page, name, urlPath) {
  await page.locator(`header nav a[href="/admin/${urlPath}"]`).click();
  await urlMatches(page, new RegExp(`/admin/${urlPath}`));
}

function say(message) {
  console.log(`firefox: ${message}`);
}

const started = Date.now();
// Puppeteer makes a fresh profile in the temp folder for each launch, passes it with --profile and deletes it on close;
// as root nothing more is needed in headless mode (no display, no sandbox flags, no MOZ_HEADLESS).
let browser;
let page;
let failed = false;
try {
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefox,
    headless: true,
    protocolTimeout: 60_000,
    // No update checks, telemetry or first-run pages in a test run.
    extraPrefsFirefox: { 'app.update.enabled': false, 'browser.shell.checkDefaultBrowser': false, 'datareporting.policy.dataSubmissionEnabled': false },
  });
  say(`launched ${await browser.version()} (${firefox}) in ${Date.now() - started} ms`);
  page = await browser.newPage();
  page.setDefaultTimeout(WAIT_MS);
  page.on('pageerror', e => pageErrors.push(`${page.url()}: ${e.message ?? e}`));
  await page.setViewport({ width: 1440, height: 900 });

  step = 'sign-in';
  await page.goto(`${hub}/admin/logs`);
  await urlMatches(page, /\/admin\/sign-in/);
  await shot(page, 'sign-in');
  await page.locator('input[name=api_key]').fill(apiKey);
  await page.locator("form[action='/admin/sign-in'] button[type=submit]").click();
  await urlMatches(page, /\/admin\/logs$/);
  await contains(page, 'header .who', 'operator');
  say('signed in through the form and landed on /admin/logs');

  step = 'logs';
  await count(page, 'tr.log', SEEDED.count, SEEDED.process);
  await until(page, 'htmx to be loaded', () => typeof window.htmx === 'object');
  await shot(page, 'logs');
  say(`Logs shows the ${SEEDED.count} seeded rows`);

  step = 'filter';
  // Levels are checkboxes (several at once); the Logs page's redesign of issue 16.
  await page.locator('input[name=level][value=ERROR]').click();
  await page.locator('form.filters button[type=submit]').click();
  await urlMatches(page, /[?&]level=ERROR/);
  await count(page, 'tr.log', 1);
  await contains(page, 'tr.log', SEEDED.error);
  say('level=ERROR through the form: one row, Cyrillic intact');

  step = 'record';
  // A line opens in place under itself (Logs page, issue 16), its preview loaded by htmx.
  await page.locator('tr.log button.disclose').click();
  await exists(page, 'tr.preview:not([hidden]) .expanded');
  await contains(page, 'tr.preview .expanded', SEEDED.detail);
  await shot(page, 'log-record');
  await page.locator('tr.log button.disclose').click();
  await gone(page, 'tr.preview:not([hidden])');
  say('a line opened in place through htmx with its details JSON, and closed');

  step = 'stats';
  await nav(page, 'Stats', 'stats');
  await exists(page, 'section.system svg.chart');
  await until(page, 'three charts for moysklad', () => document.querySelectorAll('section.system[data-system=moysklad] svg.chart').length === 3);
  await shot(page, 'stats');
  say('Stats draws the charts per system');

  step = 'dry run';
  await nav(page, 'Runs', 'runs');
  await until(page, 'the dry run box to be checked', () => document.querySelector('#trigger input[name=dry_run]')?.checked === true);
  await page.locator('#trigger button[type=submit]').click();
  await urlMatches(page, /\/admin\/runs\/[0-9a-f-]{36}$/);
  // The run's page polls itself through htmx while the run is active.
  await contains(page, '#run', 'Спланирован', 60_000);
  await shot(page, 'run');
  await page.locator('a::-p-text(Все запуски)').click();
  await count(page, 'tr.run', 1, 'Спланирован');
  await shot(page, 'runs');
  say('a dry run from the Runs page reached Planned on its own page');

  step = 'schedules';
  await nav(page, 'Schedules', 'schedules');
  await contains(page, 'tr.schedule[data-name=replenishment]', 'Europe/Moscow');
  await page.locator('#pause-replenishment').click();
  await contains(page, '#done', 'приостановлено');
  await contains(page, 'tr.schedule[data-name=replenishment]', 'приостановлено');
  await shot(page, 'schedules');
  await page.locator('#resume-replenishment').click();
  await contains(page, '#done', 'возобновлено');
  await contains(page, 'tr.schedule[data-name=replenishment]', 'действует');
  say('the replenishment schedule paused and resumed');

  step = 'outbox';
  await nav(page, 'Outbox', 'outbox');
  await contains(page, '#empty', 'Недоставленных заказов');
  await shot(page, 'outbox');
  say('Outbox has no parked orders');

  step = 'health';
  await nav(page, 'Health', 'health');
  await contains(page, '#overall', 'в норме');
  await shot(page, 'health');
  say('Health is Healthy');

  step = 'sign-out';
  await page.locator("header form[action='/admin/sign-out'] button").click();
  await urlMatches(page, /\/admin\/sign-in/);
  await page.goto(`${hub}/admin/logs`);
  await urlMatches(page, /\/admin\/sign-in/);
  say('signed out: the pages ask for a key again');

  step = 'script errors';
  if (pageErrors.length) throw new Error(`the pages threw ${pageErrors.length} script error(s):\n  ${pageErrors.join('\n  ')}`);
  say(`all steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (e) {
  failed = true;
  console.error(`firefox: FAILED at step "${step}": ${e.message}`);
  if (page) {
    try {
      await shot(page, 'failure');
      const text = await page.evaluate(() => document.body?.innerText ?? '');
      console.error(`firefox: page ${page.url()} (screenshot firefox-failure.png) shows:\n${text.slice(0, 2000)}`);
    } catch (inner) {
      console.error(`firefox: could not capture the failing page: ${inner.message}`);
    }
  }
  if (pageErrors.length) console.error(`firefox: script errors in the pages:\n  ${pageErrors.join('\n  ')}`);
} finally {
  // A browser that does not close in time must not hold the test up; the profile is the temp folder's to clean then.
  if (browser) await Promise.race([browser.close(), new Promise(r => setTimeout(r, 10_000).unref())]).catch(() => {});
}
process.exit(failed ? 1 : 0);
