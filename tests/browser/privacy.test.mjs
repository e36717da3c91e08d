// Privacy: no cookies, no storage, no analytics, no web fonts, nothing from another
// host. A static scan reads every file of the built site; a headless browser then
// crawls it breadth-first from the home pages of every language, under the
// Content-Security-Policy that netlify.toml sends, and fails on any request to another
// origin, any cookie, any storage, any console error. Links to other hosts are fine.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";
import { join, extname } from "node:path";
import { SITE, openPage, servedSite } from "./harness.mjs";
import { LANGS } from "./pages.mjs";

/** How many pages the crawl visits at most (FARO_CRAWL_LIMIT=0: all of them). */
const LIMIT = Number(process.env.FARO_CRAWL_LIMIT ?? 500) || Infinity;
const NETLIFY = await readFile(new URL("../../netlify.toml", import.meta.url), "utf8");
const CSP = NETLIFY.match(/Content-Security-Policy\s*=\s*"([^"]+)"/)[1];

const site = servedSite();

// The site's files, without the editors' form (admin/): an application with its own,
// looser policy (netlify.toml) whose bundle keeps drafts in the browser's storage;
// admin.test.mjs checks that it requests nothing from another host.
async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && path === join(SITE, "admin")) continue;
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

// What, in a page, would make the browser fetch something from another host.
const FOREIGN_IN_HTML = [
  [/<(?:script|img|iframe|frame|audio|video|source|track|embed|input)\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?\/\//i, "a resource from another host"],
  [/<link\b(?=[^>]*\brel\s*=\s*["']?[^"'>]*\b(?:stylesheet|preload|prefetch|preconnect|dns-prefetch|modulepreload|icon|manifest)\b)[^>]*\bhref\s*=\s*["']?(?:https?:)?\/\//i, "a linked resource from another host"],
  [/<object\b[^>]*\bdata\s*=\s*["']?(?:https?:)?\/\//i, "an object from another host"],
  [/\bsrcset\s*=\s*["'][^"']*(?:https?:)?\/\//i, "an image set from another host"],
  [/url\(\s*["']?(?:https?:)?\/\//i, "a CSS url() to another host"],
  [/<meta\b[^>]*http-equiv\s*=\s*["']?set-cookie/i, "a cookie"],
  [/<script\b(?![^>]*\bsrc=)(?![^>]*type=["']?application\/ld\+json)[^>]*>/i, "an inline script"],
  [/\sstyle\s*=\s*["']/i, "an inline style"],
  [/<style\b/i, "a style element"],
  [/\son[a-z]+\s*=\s*["']/i, "an inline event handler"],
];
const FOREIGN_IN_CSS = [
  [/@import/i, "@import"],
  [/@font-face/i, "a web font"],
  [/url\(\s*["']?(?:https?:)?\/\//i, "a url() to another host"],
];
const FOREIGN_IN_JS = [
  [/document\.cookie/, "a cookie"],
  [/\b(?:localStorage|sessionStorage|indexedDB)\b/, "storage"],
  [/sendBeacon|serviceWorker/, "a beacon or service worker"],
  [/(?:fetch|open)\(\s*["'`]https?:/, "a request to another host"],
];

test("no file of the site loads anything from another host, sets a cookie or runs inline code", async () => {
  const problems = [];
  let pages = 0;
  for await (const path of files(SITE)) {
    const checks = { ".html": FOREIGN_IN_HTML, ".css": FOREIGN_IN_CSS, ".js": FOREIGN_IN_JS }[extname(path)];
    if (!checks) continue;
    if (extname(path) === ".html") pages++;
    const text = await readFile(path, "utf8");
    for (const [pattern, what] of checks) {
      const match = text.match(pattern);
      if (match) problems.push(`${path.slice(SITE.length)}: ${what}: ${match[0].slice(0, 80)}`);
    }
  }
  assert.ok(pages > 1000, `only ${pages} pages`);
  assert.deepEqual(problems.slice(0, 20), []);
});

test(`a crawl of ${Number.isFinite(LIMIT) ? LIMIT : "all"} pages from every home page requests nothing from another host and sets no cookie`, async () => {
  const page = await openPage(site.browser);
  const context = page.context();
  // Serve pages with the production Content-Security-Policy, as Netlify does.
  await context.route(`${site.server.origin}/**`, async (route) => {
    if (route.request().resourceType() !== "document") return route.continue();
    const response = await route.fetch();
    const headers = { ...response.headers(), "content-security-policy": CSP };
    return route.fulfill({ response, headers });
  });
  const problems = [];
  let current = "";
  page.on("request", (request) => {
    if (new URL(request.url()).origin !== site.server.origin) problems.push(`${current}: requests ${request.url()}`);
  });
  page.on("response", (response) => {
    if (response.headers()["set-cookie"]) problems.push(`${current}: Set-Cookie from ${response.url()}`);
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`${current}: console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`${current}: ${error.message}`));

  const queue = ["/", ...LANGS.map((l) => `/${l}/`)];
  const seen = new Set(queue);
  let visited = 0;
  while (queue.length && visited < LIMIT) {
    current = queue.shift();
    const response = await page.goto(`${site.server.origin}${current}`);
    visited++;
    if (!response.ok()) problems.push(`${current}: ${response.status()}`);
    const state = await page.evaluate(() => ({
      cookie: document.cookie,
      storage: localStorage.length + sessionStorage.length,
      // An SVG link's `href` is an SVGAnimatedString (the directory's tile map): resolve
      // the attribute instead, so that the crawl follows those links too.
      links: [...document.querySelectorAll("a[href]")].map((a) => new URL(a.getAttribute("href"), document.baseURI).href),
    }));
    if (state.cookie) problems.push(`${current}: document.cookie = ${state.cookie}`);
    if (state.storage) problems.push(`${current}: ${state.storage} items in storage`);
    for (const href of state.links) {
      const url = new URL(href);
      if (url.origin !== site.server.origin) continue; // a link for the visitor to follow
      if (!/\/$/.test(url.pathname)) continue; // data files, feeds, vCards
      const path = url.pathname + url.search;
      if (!seen.has(path)) {
        seen.add(path);
        queue.push(path);
      }
    }
  }
  const cookies = await context.cookies();
  await context.close();
  assert.ok(visited >= Math.min(LIMIT, 300), `visited only ${visited} pages`);
  assert.deepEqual(cookies, []);
  assert.deepEqual(problems.slice(0, 20), []);
});
