// Accessibility in a real browser: axe-core's WCAG 2.2 AA rules over one page of every
// template in every language, in light and dark mode; no sideways scroll at 320 px nor
// at 200% zoom; a visible focus; the language of text in another language; and the
// keyboard alone through the language switcher, the search and the filters.
import { test } from "node:test";
import assert from "node:assert/strict";
import { axe, openPage, servedSite } from "./harness.mjs";
import { PAGES, settle } from "./pages.mjs";

const site = servedSite();

/** Opens `path`, failing unless it exists (the 404 pages aside). */
async function visit(page, path) {
  const response = await page.goto(`${site.server.origin}${path}`);
  assert.ok(response.ok() || path.endsWith("/404.html"), `${path}: ${response.status()}`);
  await settle(page, path);
}

for (const scheme of ["light", "dark"]) {
  test(`axe finds no WCAG 2.2 AA violation on any template in any language, ${scheme} mode`, async () => {
    const page = await openPage(site.browser, { colorScheme: scheme });
    const failures = [];
    for (const [name, path] of PAGES) {
      await visit(page, path);
      // Dark mode changes colours only: the other rules need not run twice.
      const violations = await axe(page, scheme === "dark" ? ["color-contrast", "link-in-text-block"] : null);
      if (violations.length) failures.push(`${name} ${path}\n  ${violations.join("\n  ")}`);
    }
    await page.context().close();
    assert.equal(failures.length, 0, `\n${failures.join("\n")}`);
  });
}

// 320 px is WCAG's reflow width; 640 × 360 is a 1280 × 720 screen at 200% zoom.
for (const viewport of [
  { width: 320, height: 640 },
  { width: 640, height: 360 },
]) {
  test(`no page scrolls sideways at ${viewport.width} × ${viewport.height}`, async () => {
    const page = await openPage(site.browser, { viewport });
    const wide = [];
    for (const [name, path] of PAGES) {
      await visit(page, path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > viewport.width) wide.push(`${name} ${path}: ${width} px`);
    }
    await page.context().close();
    assert.deepEqual(wide, []);
  });
}

test("at 200% zoom the quick exit stays in the header instead of covering the text", async () => {
  const page = await openPage(site.browser, { viewport: { width: 640, height: 360 } });
  await visit(page, "/es/plans/2021-2026/directives/81/");
  assert.equal(await page.$eval(".quick-exit", (a) => getComputedStyle(a).position), "static");
  await page.context().close();
});

/** Presses Tab until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(page, selector, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
  }
  assert.fail(`${selector} not reached in ${max} presses of Tab`);
}

test("every stop of the keyboard shows a visible focus indicator", async () => {
  const page = await openPage(site.browser);
  for (const path of ["/es/", "/es/plans/2021-2026/directives/81/", "/es/services/", "/es/search/?q=albergue"]) {
    await visit(page, path);
    const seen = new Set();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      const stop = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
        const label = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className ? "." + el.className : ""} ${(el.textContent || el.name || "").trim().slice(0, 30)}`;
        return { label, outline, shadow: style.boxShadow !== "none" };
      });
      if (!stop || seen.has(stop.label)) break;
      seen.add(stop.label);
      assert.ok(stop.outline || stop.shadow, `${path}: no visible focus on ${stop.label}`);
    }
    assert.ok(seen.size >= 10, `${path}: only ${seen.size} stops`);
  }
  await page.context().close();
});

test("the skip link, then the quick exit, come first; landmarks are all there", async () => {
  const page = await openPage(site.browser);
  for (const [, path] of PAGES.filter(([, path]) => path !== "/")) {
    await visit(page, path);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link", path);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.className), "quick-exit", path);
    for (const landmark of ["header", "nav", "main#main", "footer", "[role=search]"]) {
      assert.equal(await page.locator(landmark).first().count(), 1, `${path}: ${landmark}`);
    }
  }
  await page.context().close();
});

test("text in another language than the page's says which", async () => {
  const page = await openPage(site.browser);
  // A page shown from its Spanish original inside the English interface.
  await visit(page, "/en/services/pe/linea-1818/");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(await page.getAttribute("h1", "lang"), "es");
  assert.equal(await page.getAttribute("article .prose", "lang"), "es");
  // The language switcher names each language in itself.
  for (const [code] of [["es"], ["en"], ["pt"], ["fr"]]) {
    assert.equal(await page.locator(`.languages a[hreflang="${code}"]`).getAttribute("lang"), code);
  }
  // Every lang attribute on the site is one of its languages.
  for (const [, path] of PAGES) {
    await visit(page, path);
    const langs = await page.$$eval("[lang]", (els) => [...new Set(els.map((e) => e.getAttribute("lang")))]);
    assert.ok(langs.every((l) => ["es", "en", "pt", "fr"].includes(l)), `${path}: ${langs.join(" ")}`);
  }
  await page.context().close();
});

test("the language switcher works with the keyboard alone", async () => {
  const page = await openPage(site.browser);
  await visit(page, "/es/about/");
  await tabTo(page, '.languages a[lang="pt"]');
  await page.keyboard.press("Enter");
  await page.waitForURL(`${site.server.origin}/pt/about/`);
  assert.equal(await page.getAttribute("html", "lang"), "pt");
  await page.context().close();
});

test("search, its results and its filters work with the keyboard alone", async () => {
  const page = await openPage(site.browser);
  await visit(page, "/es/");
  await tabTo(page, "#site-search-q");
  await page.keyboard.type("albergue");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/es\/search\/\?q=albergue$/);
  await settle(page, "/es/search/?q=albergue");
  const all = await page.locator("#search-results li").count();
  assert.ok(all > 0);
  // Filters: Tab to the kind filter and choose with the arrow keys.
  await page.focus("#search-q");
  await tabTo(page, "select[name=kind]", 5);
  const before = await page.textContent("#search-status");
  await page.keyboard.press("ArrowDown");
  await page.waitForFunction((text) => document.getElementById("search-status").textContent !== text, before);
  assert.notEqual(await page.inputValue("select[name=kind]"), "");
  assert.match(page.url(), /kind=/);
  // Back to all kinds, then Tab into the results and open the first.
  await page.keyboard.press("Home");
  await page.waitForFunction(() => !/kind=/.test(location.search));
  await tabTo(page, "#search-results a", 10);
  const href = await page.evaluate(() => document.activeElement.getAttribute("href"));
  await page.keyboard.press("Enter");
  await page.waitForURL(`${site.server.origin}${href}`);
  await page.context().close();
});

test("the header box's panel of results passes axe in light and dark mode", async () => {
  for (const scheme of ["light", "dark"]) {
    const page = await openPage(site.browser, { colorScheme: scheme });
    await visit(page, "/fr/about/");
    await page.locator("#site-search-q").pressSequentially("traite", { delay: 20 });
    await page.waitForSelector("#site-search-panel:not([hidden])");
    const violations = await axe(page);
    await page.context().close();
    assert.deepEqual(violations, [], `${scheme}:\n${violations.join("\n")}`);
  }
});

test("the filters of a listing work with the keyboard alone", async () => {
  const page = await openPage(site.browser);
  await visit(page, "/es/services/");
  await tabTo(page, '.facets a[href="/es/services/type/hotline/"]');
  await page.keyboard.press("Enter");
  await page.waitForURL(`${site.server.origin}/es/services/type/hotline/`);
  assert.equal(await page.getAttribute('.facets a[href="/es/services/type/hotline/"]', "aria-current"), "page");
  await tabTo(page, '.result-count a[href="/es/services/"]');
  await page.keyboard.press("Enter");
  await page.waitForURL(`${site.server.origin}/es/services/`);
  await page.context().close();
});
