// Search in a real browser: the expected directive first, results while typing,
// filters, the keyboard, the live region, the page without JavaScript, nothing from
// another host, and the same ranking and scores as `faro search`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { openPage, servedSite } from "./harness.mjs";

const site = servedSite();

/** Opens the search page of `lang`, with `query` in the address when given. */
async function searchPage(lang, query, options) {
  const page = await openPage(site.browser, options);
  const search = query === undefined ? "" : `?q=${encodeURIComponent(query)}`;
  await page.goto(`${site.server.origin}/${lang}/search/${search}`);
  return page;
}

/** Waits for the live region to announce the results of the query in the box (each
 * keystroke searches: an earlier one's results may show first), and returns them. */
async function results(page) {
  await page.waitForFunction(
    () =>
      document.getElementById("search-status").textContent !== "" &&
      document.getElementById("search-results").dataset.query === document.getElementById("search-q").value,
  );
  return page.$$eval("#search-results li", (items) =>
    items.map((li) => ({ url: li.querySelector("a").getAttribute("href"), score: Number(li.dataset.score) })),
  );
}

test("a directive named or described comes first, in Spanish and Portuguese, typos aside", async () => {
  const expected = [
    ["es", "directriz 99", "/es/plans/2021-2026/directives/99/"],
    ["es", "2021-2026 99", "/es/plans/2021-2026/directives/99/"],
    ["es", "casas refugio", "/es/plans/2021-2026/directives/81/"],
    ["pt", "diretriz 99", "/pt/plans/2021-2026/directives/99/"],
    ["pt", "2021-2026 99", "/pt/plans/2021-2026/directives/99/"],
    ["pt", "abrigos e casas de acolhimento", "/pt/plans/2021-2026/directives/81/"],
    // The directive with both words before the listing and headings that quote one,
    // with a typo too.
    ["es", "albergues víctimas", "/es/plans/2021-2026/directives/81/"],
    ["es", "albregues víctimas", "/es/plans/2021-2026/directives/81/"],
    ["pt", "abrigos de emergência para vítimas", "/pt/plans/2021-2026/directives/81/"],
  ];
  for (const [lang, query, url] of expected) {
    const page = await searchPage(lang, query);
    const shown = await results(page);
    assert.equal(shown[0]?.url, url, `${lang}: ${query}`);
    await page.context().close();
  }
});

test("results appear while typing, accents and endings aside, and the live region counts them", async () => {
  const page = await searchPage("es");
  assert.equal(await page.getAttribute("#search-status", "aria-live"), "polite");
  await page.locator("#search-q").pressSequentially("proteccion victi", { delay: 20 });
  const shown = await results(page);
  assert.ok(shown.length > 0);
  assert.match(await page.textContent("#search-status"), /^\d+ resultados?\.$/);
  // The last word is a prefix: "victi" highlights "víctimas".
  assert.ok((await page.locator("#search-results mark", { hasText: /víctimas/i }).count()) > 0);
  assert.ok((await page.locator("#search-results mark", { hasText: /protección/i }).count()) > 0);
  await page.context().close();
});

test("a kind filter narrows the results", async () => {
  const page = await searchPage("es", "trata de personas");
  await results(page);
  const all = Number((await page.textContent("#search-status")).match(/\d+/)[0]);
  await page.selectOption("select[name=kind]", "directive");
  await page.waitForFunction((before) => {
    const count = Number((document.getElementById("search-status").textContent.match(/\d+/) || [0])[0]);
    return count > 0 && count !== before;
  }, all);
  const directives = Number((await page.textContent("#search-status")).match(/\d+/)[0]);
  assert.ok(directives > 0 && directives < all, `${directives} of ${all}`);
  const hrefs = await page.$$eval("#search-results li a", (links) => links.map((a) => a.getAttribute("href")));
  assert.ok(hrefs.every((href) => /\/directives\//.test(href)), hrefs.join(" "));
  assert.match(page.url(), /kind=directive/);
  await page.context().close();
});

test("the keyboard moves from the box to the results and back", async () => {
  const page = await searchPage("es", "albergue");
  await results(page);
  await page.focus("#search-q");
  await page.keyboard.press("ArrowDown");
  const first = await page.evaluate(() => document.activeElement.getAttribute("href"));
  assert.equal(first, await page.getAttribute("#search-results li a", "href"));
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search-q");
  await page.context().close();
});

test("the header box leads to the search page with the query", async () => {
  const page = await openPage(site.browser);
  await page.goto(`${site.server.origin}/pt/about/`);
  await page.fill("#site-search-q", "diretriz 99");
  await page.press("#site-search-q", "Enter");
  await page.waitForURL(/\/pt\/search\/\?q=diretriz\+99$/);
  assert.equal(await page.inputValue("#search-q"), "diretriz 99");
  assert.equal((await results(page))[0].url, "/pt/plans/2021-2026/directives/99/");
  await page.context().close();
});

test("the header box shows the search page's first results while typing, and leads to all of them", async () => {
  const page = await openPage(site.browser);
  await page.goto(`${site.server.origin}/es/plans/2021-2026/directives/81/`);
  const index = () => page.requests.filter((url) => new URL(url).pathname.startsWith("/search/"));
  assert.deepEqual(index(), [], "nothing of the index before typing");
  assert.equal(await page.getAttribute("#site-search-status", "aria-live"), "polite");
  // The last word is a prefix while typing: "albergu" stands for "albergue(s)".
  await page.locator("#site-search-q").pressSequentially("albergu", { delay: 20 });
  await page.waitForFunction(
    () => document.getElementById("site-search-results").dataset.query === "albergu" && !document.getElementById("site-search-panel").hidden,
  );
  const shown = await page.$$eval("#site-search-results li a", (links) => links.map((a) => a.getAttribute("href")));
  const status = await page.textContent("#site-search-status");
  assert.match(status, /^\d+ resultados?\.$/);
  assert.ok(shown.length > 0 && shown.length <= 5, shown.join(" "));
  assert.ok(index().length > 0);

  // The same first results, and the same count, as the search page typed the same way.
  const full = await searchPage("es");
  await full.locator("#search-q").pressSequentially("albergu", { delay: 20 });
  const listed = await results(full);
  assert.deepEqual(shown, listed.slice(0, shown.length).map((r) => r.url));
  assert.equal(await full.textContent("#search-status"), status);
  await full.context().close();

  // The keyboard: down into the results, Escape back to the box with the panel closed.
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), shown[0]);
  await page.keyboard.press("Escape");
  assert.equal(await page.evaluate(() => document.activeElement.id), "site-search-q");
  assert.ok(await page.locator("#site-search-panel").isHidden());

  // Typing again reopens it; its last link goes to every result on the search page.
  await page.keyboard.type("e");
  await page.waitForSelector("#site-search-panel:not([hidden])");
  await page.waitForFunction(() => document.querySelector(".site-search-all").getAttribute("href").endsWith("albergue"));
  await page.click(".site-search-all");
  await page.waitForURL(/\/es\/search\/\?q=albergue$/);
  assert.ok((await results(page)).length > 0);
  await page.context().close();
});

test("on a slow connection a query typed over is cancelled, and the last one's results are whole", async () => {
  // Every term shard answers 300 ms late, as on a slow mobile connection: each
  // keystroke overtakes the query of the one before while its files are in flight.
  const slow = await searchPage("es");
  await slow.route(/\/search\/es\/t\d+\.json$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The page may have cancelled the request meanwhile.
    await route.continue().catch(() => {});
  });
  const cancelled = [];
  slow.on("requestfailed", (request) => cancelled.push(`${new URL(request.url()).pathname} ${request.failure()?.errorText}`));
  const errors = [];
  slow.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  slow.on("pageerror", (error) => errors.push(error.message));
  await slow.locator("#search-q").pressSequentially("proteccion victi", { delay: 40 });
  const shown = await results(slow);

  const quick = await searchPage("es");
  await quick.locator("#search-q").pressSequentially("proteccion victi", { delay: 20 });
  assert.deepEqual(shown, await results(quick), "the same results as without the delay");
  assert.equal(await slow.textContent("#search-status"), await quick.textContent("#search-status"));
  assert.ok(
    cancelled.some((line) => /\/t\d+\.json net::ERR_ABORTED$/.test(line)),
    `term shards of queries typed over are cancelled: ${cancelled.join(", ") || "none"}`,
  );
  assert.deepEqual(errors, [], "a cancelled query is no error");
  await slow.context().close();
  await quick.context().close();
});

test("the header box says when nothing matches, and the keyboard stays in the box", async () => {
  const page = await openPage(site.browser);
  await page.goto(`${site.server.origin}/en/about/`);
  await page.locator("#site-search-q").pressSequentially("qxzqxz", { delay: 20 });
  await page.waitForSelector("#site-search-panel:not([hidden])");
  assert.equal(await page.textContent("#site-search-status"), "No results.");
  assert.equal(await page.textContent(".site-search-count"), "No results.");
  assert.equal(await page.locator("#site-search-results li").count(), 0);
  assert.ok(await page.locator(".site-search-all").isHidden());
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.id), "site-search-q");
  await page.context().close();
});

test("on the search page the header box is a plain form", async () => {
  const page = await searchPage("es");
  await page.locator("#site-search-q").pressSequentially("albergue", { delay: 20 });
  await page.waitForTimeout(400);
  assert.equal(await page.locator("#site-search-panel").isHidden(), true);
  await page.press("#site-search-q", "Enter");
  await page.waitForURL(/\/es\/search\/\?q=albergue$/);
  assert.ok((await results(page)).length > 0);
  await page.context().close();
});

test("without JavaScript the page has the form and points to the listings", async () => {
  const page = await searchPage("es", "trata", { javaScriptEnabled: false });
  assert.ok(await page.isVisible("#search-form input[name=q]"));
  assert.ok(await page.isVisible("#search-noscript"));
  for (const listing of ["/es/plans/", "/es/directory/", "/es/services/", "/es/practices/"]) {
    assert.equal(await page.locator(`main a[href="${listing}"]`).count(), 1, listing);
  }
  assert.equal(await page.locator("#search-results li").count(), 0);
  await page.context().close();
});

test("searching requests nothing from another host", async () => {
  const page = await searchPage("fr", "directive 99");
  await results(page);
  await page.locator("#search-q").fill("");
  await page.locator("#search-q").pressSequentially("victimes", { delay: 20 });
  await results(page);
  const foreign = page.requests.filter((url) => !url.startsWith(site.server.origin));
  assert.deepEqual(foreign, []);
  await page.context().close();
});

test("a query asks for one term shard per word, then only the documents it shows", async () => {
  const index = (page) => page.requests.filter((url) => url.includes("/search/es/")).map((url) => new URL(url).pathname.split("/").pop());
  const page = await searchPage("es", "asistencia protección víctimas");
  await results(page);
  let seen = 0;
  for (const [query, words] of [[null, 3], ["mecanismos cooperación internacional", 3], ["trata", 1]]) {
    if (query) {
      // Submitted at once, before the while-typing search starts; the status is
      // emptied so that `results` waits for this query's announcement.
      await page.locator("#search-q").fill(query);
      await page.evaluate(() => (document.getElementById("search-status").textContent = ""));
      await page.locator("#search-q").press("Enter");
      await results(page);
    }
    const asked = index(page).slice(seen);
    seen += asked.length;
    const terms = asked.filter((name) => /^t\d+\.json$/.test(name));
    const documents = asked.filter((name) => /^d\d+\.json$/.test(name));
    assert.ok(terms.length <= words, `${query}: ${terms.length} term shards for ${words} words: ${asked}`);
    assert.ok(documents.length >= 1 && documents.length <= 10, `${query}: the documents of the 10 results shown: ${asked}`);
    // Two rounds: no term shard is asked for once documents are.
    const firstDocument = asked.findIndex((name) => name.startsWith("d"));
    assert.ok(firstDocument < 0 || asked.slice(firstDocument).every((name) => name.startsWith("d")), `${query}: ${asked}`);
    assert.deepEqual(
      asked.filter((name) => !terms.includes(name) && !documents.includes(name) && name !== "index.json"),
      [],
      `${query}: only term shards and documents`,
    );
  }
  await page.context().close();
});

test("the browser ranks as `faro search` does, score for score", async () => {
  const queries = [
    ["es", "trata de personas"],
    ["es", "asistencia protección víctimas"],
    ["es", "albergues"],
    ["pt", "tráfico de pessoas"],
    ["pt", "diretriz 99"],
    ["en", "shelters for victims"],
    // Typos, and words the corpus has only in another form (search.js's fallbacks).
    ["es", "albregues víctimas"],
    ["en", "journalsts training"],
    ["fr", "indemnisaton victimes"],
    ["es", "indemnizar a las víctimas"],
  ];
  for (const [lang, query] of queries) {
    const cli = JSON.parse(
      execFileSync(process.env.FARO_BIN ?? "target/debug/faro", ["search", query, "--lang", lang, "--limit", "10", "--json"], {
        encoding: "utf8",
      }),
    );
    const page = await searchPage(lang, query);
    const shown = await results(page);
    assert.deepEqual(
      shown.map((r) => r.url),
      cli.map((r) => r.url),
      `${lang}: ${query}`,
    );
    shown.forEach((r, i) => assert.ok(Math.abs(r.score - cli[i].score) < 1e-4, `${lang} ${query} ${r.url}: ${r.score} vs ${cli[i].score}`));
    await page.context().close();
  }
});
