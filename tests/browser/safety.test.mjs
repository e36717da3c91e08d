// The quick exit and the safety page in a real browser: the button on every page, in
// the page's language, second in the tab order; it and Escape pressed three times
// replace the page with the neutral site of config.toml so that Back does not return;
// without JavaScript it is a plain link that sends no referrer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { openPage, servedSite } from "./harness.mjs";
import { LANGS, PAGES } from "./pages.mjs";

const CONFIG = await readFile(new URL("../../config.toml", import.meta.url), "utf8");
const EXIT = CONFIG.match(/^quick_exit_url\s*=\s*"([^"]+)"/m)[1];
const LABELS = { es: "Salir rápido", en: "Quick exit", pt: "Saída rápida", fr: "Sortie rapide" };

const site = servedSite();

/** A page on which the neutral site is a local stub: the tests reach no other host. */
async function exitPage(options) {
  const page = await openPage(site.browser, options);
  page.exits = [];
  await page.context().route(`${new URL(EXIT).origin}/**`, (route) => {
    page.exits.push({ url: route.request().url(), referer: route.request().headers().referer });
    return route.fulfill({ contentType: "text/html", body: "<!doctype html><title>Weather</title><p>Weather" });
  });
  return page;
}

test("config.toml names a neutral site on another host", () => {
  assert.match(EXIT, /^https:\/\//);
  assert.ok(!EXIT.startsWith("http://127.0.0.1"));
});

test("every page has the quick exit, in its language, and a link to the safety page", async () => {
  const page = await openPage(site.browser, { javaScriptEnabled: false });
  for (const [name, path, lang] of PAGES) {
    await page.goto(`${site.server.origin}${path}`);
    const exit = page.locator("a.quick-exit");
    assert.equal(await exit.count(), 1, name);
    assert.ok(await exit.isVisible(), name);
    assert.equal((await exit.textContent()).trim(), LABELS[lang], name);
    assert.equal(await exit.getAttribute("href"), EXIT, name);
    assert.match(await exit.getAttribute("rel"), /\bnoreferrer\b/, name);
    assert.ok((await page.locator(`a[href="/${lang}/safety/"]`).count()) >= 1, `${name}: safety link`);
    const script = await page.$$eval("script[src]", (scripts) => scripts.map((s) => [s.getAttribute("src"), s.defer]));
    assert.ok(script.some(([src, defer]) => /^\/quick-exit\.[0-9a-f]+\.js$/.test(src) && defer), `${name}: ${script}`);
  }
  await page.context().close();
});

test("the language chooser at / names its quick exit in the browser's language when the site has it", async () => {
  const cases = [
    ["en-US", "en"],
    ["pt-BR", "pt"],
    ["fr-CA", "fr"],
    ["de-DE", "es"], // no German: the default language stays
  ];
  for (const [locale, lang] of cases) {
    const page = await exitPage({ locale });
    await page.goto(`${site.server.origin}/`);
    const exit = page.locator("a.quick-exit");
    await page.waitForFunction((label) => document.querySelector("a.quick-exit").textContent === label, LABELS[lang]);
    assert.equal(await exit.getAttribute("lang"), lang === "es" ? null : lang, locale);
    assert.equal(await page.getAttribute("a.safety-link", "href"), `/${lang}/safety/`, locale);
    await exit.click();
    await page.waitForURL(EXIT);
    assert.equal(page.exits.length, 1, locale);
    await page.context().close();
  }
});

test("the button hides the page, then replaces it: Back does not return", async () => {
  const page = await exitPage();
  // The page reports the moment its body is hidden: before the neutral site has loaded.
  const cleared = [];
  await page.exposeBinding("reportCleared", (source, state) => cleared.push(state));
  await page.addInitScript(() => {
    addEventListener("DOMContentLoaded", () => {
      new MutationObserver(() => window.reportCleared([document.body.hidden, document.title])).observe(document.body, {
        attributes: true,
        attributeFilter: ["hidden"],
      });
    });
  });
  await page.goto(`${site.server.origin}/es/`);
  await page.goto(`${site.server.origin}/es/safety/`);
  await page.click("a.quick-exit");
  await page.waitForURL(EXIT);
  assert.deepEqual(cleared, [[true, ""]]);
  assert.equal(page.exits.length, 1);
  await page.goBack();
  assert.equal(page.url(), `${site.server.origin}/es/`);
  await page.context().close();
});

test("Escape pressed three times within 1.5 s leaves the same way, in every language", async () => {
  for (const lang of LANGS) {
    const page = await exitPage();
    await page.goto(`${site.server.origin}/${lang}/`);
    await page.goto(`${site.server.origin}/${lang}/plans/2021-2026/directives/81/`);
    for (let i = 0; i < 3; i++) await page.keyboard.press("Escape");
    await page.waitForURL(EXIT);
    assert.equal(page.exits.length, 1);
    await page.goBack();
    assert.equal(page.url(), `${site.server.origin}/${lang}/`, lang);
    await page.context().close();
  }
});

test("Escape pressed three times while typing in the search box leaves too", async () => {
  const page = await exitPage();
  await page.goto(`${site.server.origin}/pt/search/`);
  await page.fill("#search-q", "abrigo");
  for (let i = 0; i < 3; i++) await page.press("#search-q", "Escape");
  await page.waitForURL(EXIT);
  await page.context().close();
});

test("Escape pressed slowly, or only twice, stays", async () => {
  const page = await exitPage();
  await page.goto(`${site.server.origin}/en/about/`);
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await page.waitForTimeout(1600);
  await page.keyboard.press("Escape");
  await page.waitForTimeout(300);
  assert.equal(page.url(), `${site.server.origin}/en/about/`);
  assert.deepEqual(page.exits, []);
  assert.equal(await page.evaluate(() => document.body.hidden), false);
  await page.context().close();
});

test("without JavaScript the button is a link to the neutral site that sends no referrer", async () => {
  const page = await exitPage({ javaScriptEnabled: false });
  await page.goto(`${site.server.origin}/fr/services/pe/linea-1818/`);
  await page.click("a.quick-exit");
  await page.waitForURL(EXIT);
  assert.equal(page.exits.length, 1);
  assert.equal(page.exits[0].referer, undefined);
  await page.context().close();
});

test("the safety page exists in every language; Spanish is the original", async () => {
  const page = await openPage(site.browser);
  for (const lang of LANGS) {
    await page.goto(`${site.server.origin}/${lang}/safety/`);
    assert.equal(await page.getAttribute("html", "lang"), lang);
    assert.equal(await page.getAttribute("article .prose", "lang"), null, lang);
    const text = await page.textContent("article .prose");
    assert.ok(text.includes(LABELS[lang]), `${lang}: names the button`);
    assert.match(text, /Esc/, `${lang}: names the key`);
    // No telephone numbers or addresses: the page invents no contacts.
    assert.equal(await page.locator('article a[href^="tel:"], article a[href^="mailto:"]').count(), 0, lang);
    assert.equal(await page.locator(".notice").count(), lang === "es" ? 0 : 1, lang);
  }
  await page.context().close();
});
