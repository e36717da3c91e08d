// Light pages: a directive page, its HTML with every style sheet and script it loads
// (the search index aside), under 30 KB gzipped; every page readable without
// JavaScript; a print style sheet; no motion when the visitor asks for less.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { SITE, openPage, servedSite } from "./harness.mjs";
import { LANGS, PAGES } from "./pages.mjs";

const BUDGET = 30 * 1024;

const site = servedSite();

const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** The gzipped weight of a built page and of the style sheets and scripts it names. */
async function weigh(path) {
  const html = await readFile(join(SITE, path, "index.html"), "utf8");
  const assets = [...html.matchAll(/<(?:link rel="(?:stylesheet|icon)" href|script src)="(\/[^"]+)"/g)].map((m) => m[1]);
  const parts = [[path, gzipped(html)]];
  for (const asset of assets) parts.push([asset, gzipped(await readFile(join(SITE, asset)))]);
  return { total: parts.reduce((sum, [, n]) => sum + n, 0), parts };
}

test("a directive page loads under 30 KB gzipped, HTML, CSS and JavaScript together", async (t) => {
  const page = await openPage(site.browser);
  const path = "/es/plans/2021-2026/directives/81/";
  await page.goto(`${site.server.origin}${path}`);
  await page.waitForLoadState("networkidle");
  const loaded = page.requests.map((url) => new URL(url).pathname);
  await page.context().close();
  assert.ok(!loaded.some((p) => p.startsWith("/search/")), `the search index: ${loaded}`);
  // What the browser loaded is what the page names.
  const { total, parts } = await weigh(path);
  assert.deepEqual(loaded.sort(), parts.map(([p]) => p).sort());
  t.diagnostic(`${path}: ${parts.map(([p, n]) => `${p} ${kb(n)}`).join(", ")}; total ${kb(total)}`);
  assert.ok(total < BUDGET, `${kb(total)}`);
});

test("every directive page of every plan and language is under 30 KB gzipped", async (t) => {
  let heaviest = { total: 0 };
  let count = 0;
  for (const lang of LANGS) {
    for (const plan of await readdir(join(SITE, lang, "plans"))) {
      const dir = join(SITE, lang, "plans", plan, "directives");
      let numbers = [];
      try {
        numbers = await readdir(dir);
      } catch {
        continue;
      }
      for (const number of numbers) {
        const weight = await weigh(`/${lang}/plans/${plan}/directives/${number}/`);
        count++;
        if (weight.total > heaviest.total) heaviest = { ...weight, path: `/${lang}/plans/${plan}/directives/${number}/` };
      }
    }
  }
  assert.ok(count > 400, `${count} directive pages`);
  t.diagnostic(`${count} directive pages; the heaviest, ${heaviest.path}: ${kb(heaviest.total)}`);
  assert.ok(heaviest.total < BUDGET, `${heaviest.path}: ${kb(heaviest.total)}`);
});

test("every template reads without JavaScript", async () => {
  const page = await openPage(site.browser, { javaScriptEnabled: false });
  for (const [name, path] of PAGES) {
    await page.goto(`${site.server.origin}${path}`);
    assert.ok(await page.isVisible("h1"), `${name}: h1`);
    const text = await page.$eval("main", (main) => main.innerText.trim().length);
    assert.ok(text > 40, `${name}: ${text} characters`);
  }
  await page.context().close();
});

test("printing shows the text without the screen's controls", async () => {
  const page = await openPage(site.browser, { colorScheme: "dark" });
  await page.goto(`${site.server.origin}/es/plans/2021-2026/directives/81/`);
  await page.emulateMedia({ media: "print" });
  for (const hidden of [".safety-bar", ".site-nav", ".languages", ".site-search", ".site-footer", ".prev-next"]) {
    assert.equal(await page.isVisible(hidden), false, hidden);
  }
  assert.ok(await page.isVisible("h1"));
  assert.ok(await page.isVisible(".item-text"));
  // Black on white, whatever the screen's colour scheme.
  const colours = await page.$eval(".item-text", (el) => [getComputedStyle(el).color, getComputedStyle(document.body).backgroundColor]);
  assert.deepEqual(colours, ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]);
  await page.context().close();
});

test("nothing moves when the visitor asks for reduced motion", async () => {
  const page = await openPage(site.browser, { reducedMotion: "reduce" });
  for (const path of ["/es/", "/es/plans/2021-2026/", "/es/search/?q=albergue"]) {
    await page.goto(`${site.server.origin}${path}`);
    const moving = await page.evaluate(() =>
      [...document.querySelectorAll("*")]
        .filter((el) => {
          const style = getComputedStyle(el);
          return style.animationName !== "none" || parseFloat(style.transitionDuration) > 0 || style.scrollBehavior === "smooth";
        })
        .map((el) => el.tagName),
    );
    assert.deepEqual(moving, [], path);
    assert.equal(await page.evaluate(() => document.getAnimations().length), 0, path);
  }
  await page.context().close();
});
