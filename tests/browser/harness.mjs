// Shared by the browser tests: serve a built site on 127.0.0.1 the way a static host
// does (index.html for folders, per-language 404 pages, and the headers netlify.toml
// gives each path, its Content-Security-Policy above all), launch headless Chromium,
// and fail a test file whose pages report any violation of that policy.
import { createServer } from "node:http";
import { createSecureServer } from "node:http2";
import { readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { extname, join, normalize } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { parse } from "smol-toml";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};

/** The types a host compresses: text, not images already packed. */
const COMPRESSIBLE = /^(text\/|application\/(json|xml)|image\/svg)/;

/** netlify.toml's `[[headers]]` rules: `for` as a regular expression (Netlify's `*`
 * matches any run of characters), and the headers. */
const RULES = parse(await readFile(new URL("../../netlify.toml", import.meta.url), "utf8")).headers.map(
  (rule) => ({
    path: new RegExp(`^${rule.for.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`),
    values: rule.values,
  }),
);

/** The headers Netlify sends for `path`: every matching rule, a later one's value for
 * a header replacing an earlier one's (as faro serve does too). */
export function headersFor(path) {
  const headers = {};
  for (const rule of RULES.filter((r) => r.path.test(path))) Object.assign(headers, rule.values);
  return headers;
}

/** Every Content-Security-Policy violation a page opened by `openPage` reported. */
const violations = [];

/** Fails if a page opened so far reported a Content-Security-Policy violation. */
export function assertNoViolations() {
  assert.deepEqual(violations, [], "pages broke the Content-Security-Policy they were served with");
}

/** The built site to test, from FARO_SITE (scripts/browser-test sets it). */
export const SITE = process.env.FARO_SITE;

async function resolve(root, urlPath) {
  const clean = normalize(decodeURIComponent(urlPath.split("?")[0])).replace(/^(\.\.[/\\])+/, "");
  let file = join(root, clean);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, "index.html");
    await stat(file);
    return file;
  } catch {
    return null;
  }
}

/** Serves `root` on a free port of 127.0.0.1; resolves to { origin, close }. With
 * `tls` ({ key, cert }, PEM), serves HTTPS with HTTP/2, as production hosts do (the
 * benchmarks use it; a browser context then needs `ignoreHTTPSErrors`). With
 * `netlify: false`, sends none of netlify.toml's headers: a site that is not ours
 * (Pagefind's, in the benchmark) is not served under our Content-Security-Policy.
 * With `compress`, text goes out in Brotli or gzip when the browser accepts it, as
 * Netlify sends it (Lighthouse's performance audits judge what production sends). */
export async function serve(root = SITE, { tls, netlify = true, compress = false } = {}) {
  // Each answer is read once and then served from memory, as a CDN's edge does: a
  // built site does not change while it is served, and the benchmarks time the
  // browser's work, not this server's file system calls.
  const answers = new Map();
  async function answer(url) {
    let file = await resolve(root, url);
    let status = 200;
    if (!file) {
      status = 404;
      const lang = url.split("/")[1];
      file = (await resolve(root, `/${lang}/404.html`)) ?? join(root, "404.html");
    }
    return { status, type: TYPES[extname(file)] ?? "application/octet-stream", body: await readFile(file) };
  }
  const handler = async (req, res) => {
    const key = req.url.split("?")[0];
    if (!answers.has(key)) answers.set(key, answer(key));
    const { status, type, body } = await answers.get(key);
    const headers = { ...(netlify ? headersFor(key) : {}), "content-type": type };
    const accepted = String(req.headers["accept-encoding"] ?? "");
    const encoding = !compress || !COMPRESSIBLE.test(type) ? null : /\bbr\b/.test(accepted) ? "br" : /\bgzip\b/.test(accepted) ? "gzip" : null;
    if (encoding) {
      const packed = `${encoding} ${key}`;
      if (!answers.has(packed)) answers.set(packed, encoding === "br" ? brotliCompressSync(body) : gzipSync(body));
      Object.assign(headers, { "content-encoding": encoding, vary: "Accept-Encoding" });
      res.writeHead(status, headers);
      res.end(answers.get(packed));
      return;
    }
    res.writeHead(status, headers);
    res.end(body);
  };
  const server = tls ? createSecureServer({ ...tls, allowHTTP1: true }, handler) : createServer(handler);
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `${tls ? "https" : "http"}://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((ok) => server.close(ok)) };
}

/** Launches Debian's Chromium headless. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
}

/** Opens a page that records every request it makes. */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.requests = [];
  page.on("request", (request) => page.requests.push(request.url()));
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  return page;
}

/** For a test file: serves the built site and launches Chromium before its first test,
 * closes both after its last. Returns { server, browser }, filled once `before` ran. */
export function servedSite() {
  const site = {};
  before(async () => {
    site.server = await serve();
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
    assertNoViolations();
  });
  return site;
}

const AXE = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Runs axe-core's WCAG 2.2 AA rules on the page loaded (by tag, or only `rules`); resolves to its violations, summarised. */
export async function axe(page, rules) {
  // Evaluated by the test's own connection to the browser, which the site's
  // Content-Security-Policy (sent by the test server, as in production) does not
  // govern: a script tag would be the inline script it forbids.
  await page.evaluate(AXE);
  const results = await page.evaluate(
    ([tags, rules]) =>
      window.axe.run(document, {
        runOnly: rules ? { type: "rule", values: rules } : { type: "tag", values: tags },
        resultTypes: ["violations"],
      }),
    [TAGS, rules],
  );
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ` +
      v.nodes
        .slice(0, 5)
        .map((n) => `${n.target.join(" ")}: ${n.failureSummary?.split("\n").slice(1).join(" ").trim()}`)
        .join("\n    "),
  );
}
