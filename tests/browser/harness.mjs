// Shared by the browser tests: serve a built site on 127.0.0.1 the way a static host
// does (index.html for folders, per-language 404 pages), and launch headless Chromium.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};

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

/** Serves `root` on a free port of 127.0.0.1; resolves to { origin, close }. */
export async function serve(root = SITE) {
  const server = createServer(async (req, res) => {
    let file = await resolve(root, req.url);
    let status = 200;
    if (!file) {
      status = 404;
      const lang = req.url.split("/")[1];
      file = (await resolve(root, `/${lang}/404.html`)) ?? join(root, "404.html");
    }
    const body = await readFile(file);
    res.writeHead(status, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
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
  return page;
}
