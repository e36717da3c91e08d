// The multilingual skeleton in a real browser: language switch, translation
// fallback, keyboard access, and no request to any other host.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, servedSite } from "./harness.mjs";

const site = servedSite();

test("the language switcher opens the same page in another language", async () => {
  const page = await openPage(site.browser);
  await page.goto(`${site.server.origin}/es/about/`);
  await page.click('.languages a[lang="en"]');
  await page.waitForURL(`${site.server.origin}/en/about/`);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.match(await page.textContent("h1"), /About the platform/);
});

test("an unofficial translation says so and leads to the official text", async () => {
  const page = await openPage(site.browser);
  await page.goto(`${site.server.origin}/fr/about/`);
  assert.equal(await page.getAttribute("html", "lang"), "fr");
  assert.match(await page.textContent(".notice"), /Traduction non officielle/);
  await page.click('.notice a[lang="es"]');
  await page.waitForURL(`${site.server.origin}/es/about/`);
  assert.equal(await page.locator(".notice").count(), 0);
});

test("the skip link is the first stop of the keyboard and moves focus to the content", async () => {
  const page = await openPage(site.browser);
  await page.goto(`${site.server.origin}/en/`);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main");
});

test("pages request nothing from another host", async () => {
  const page = await openPage(site.browser);
  for (const path of ["/", "/es/", "/pt/plans/2015-2018/directives/20/", "/en/nowhere/"]) {
    await page.goto(`${site.server.origin}${path}`);
  }
  const foreign = page.requests.filter((url) => !url.startsWith(site.server.origin));
  assert.deepEqual(foreign, []);
});

test("a directive's source leads to its line of the document, marked and in view", async () => {
  const page = await openPage(site.browser);
  await page.goto(`${site.server.origin}/es/plans/2021-2026/directives/81/`);
  await page.click("p.source a");
  await page.waitForURL(/\/es\/documents\/tercer-plan-de-trabajo-borrador\/#L269$/);
  const line = page.locator("ol.source-text li#L269");
  assert.match(await line.textContent(), /^81\. Aumentar/);
  // Marked: the target line's background differs from its neighbour's.
  const background = (selector) =>
    page.$eval(selector, (e) => getComputedStyle(e).backgroundColor);
  assert.notEqual(await background("li#L269"), await background("li#L268"));
  // And scrolled to: it stands in the viewport.
  const box = await line.boundingBox();
  const height = await page.evaluate(() => window.innerHeight);
  assert.ok(box && box.y >= 0 && box.y < height, JSON.stringify(box));
});
