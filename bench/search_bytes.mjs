// Bytes per query and time per warm query, faro's static search index against
// Pagefind's, in headless Chromium (issue 5, item 4). Driven by bench/search_bytes.py,
// which builds the sites and writes the tables; run by hand as
//
//     node bench/search_bytes.mjs CONFIG.json OUT.json
//
// CONFIG: {
//   "faro": folder of faro's output (public/, with search/<lang>/ and /<lang>/search/),
//   "pagefind": a copy of that output with Pagefind's /pagefind/ written into it, and a
//               plain page `blank` (an empty <html lang=…> page, not indexed),
//   "blank": "/bench-blank.html", "lang": "es", "reps": 7, "settle_ms": 300,
//   "pause_ms": 1000,
//   "scenarios": [{"id": "cold1", "query": "albergue"},
//                 {"id": "warm1", "first": "albergue", "query": "trata"}, …]
// }
//
// What is counted is what the local server sent (every response body, taken from
// node:http as it leaves, so that requests from Pagefind's web worker count too):
// - faro: every request under /search/ (manifest, term shards, documents)
//   plus its search script /search.<hash>.js; the search page's HTML, style sheet and
//   other scripts are not counted, as Pagefind's host page is not.
// - Pagefind: every request under /pagefind/.
// "code" is JavaScript and WebAssembly (Pagefind's wasm.<lang>.pagefind), "index" all
// the rest. Each body is also gzipped with node:zlib (default level), one by one, as a
// host compressing responses would; Pagefind's index files are gzip already.
//
// A scenario without `first` is a cold query: a fresh browser context (empty cache)
// opens the search with the query. With `first`, that query runs cold first and the
// counted query is the next one in the same page (warm: code, manifest and whatever the
// first query fetched are already loaded). Timing: for warm scenarios, `reps` fresh
// contexts each run `first`, wait `pause_ms`, time `query` (the new query: its shards
// come from the local server), wait again and time `query` once more (repeat:
// everything loaded); and `reps` more contexts time `query` at once, as the first
// query's results appear ("at once"). The pause is the target's measure: a person
// types the next query seconds later, while a query timed at once shares the two
// cores with the rest of the page's loading (the first results' painting, the
// script's compilation cache), which costs it tens of milliseconds on a two-core
// machine; both are reported. faro: from
// submitting the form (Enter) to the results list populated and the count announced,
// and of that the time some request was in flight (resource timing); Pagefind:
// `await pf.search(q)` and `data()` of its first 10 results (its requests leave from a
// web worker, out of the page's resource timing). Typed (faro, issue 19 item 4): each
// query is also typed into the search page a key every `key_ms` (100), `reps` times in
// fresh contexts, and timed from the last keystroke to its results shown: as the first
// query of a page (cold scenarios) or after `first` and a pause (warm). Last, 31 requests in a row for one
// small file give the time of one request alone. Nothing here judges a figure.
import http from "node:http";
import http2 from "node:http2";
import { readFile, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { serve, launch } from "../tests/browser/harness.mjs";

const [configPath, outPath] = process.argv.slice(2);
if (!configPath || !outPath) {
  console.error("usage: node bench/search_bytes.mjs CONFIG.json OUT.json");
  process.exit(2);
}
const config = JSON.parse(await readFile(configPath, "utf8"));
const LANG = config.lang ?? "es";
const REPS = config.reps ?? 7;
const SETTLE = config.settle_ms ?? 300;
const BLANK = config.blank ?? "/bench-blank.html";
const PAUSE = config.pause_ms ?? 1000;
// The time between two keys when a query is typed: a brisk typist's.
const KEY_MS = config.key_ms ?? 100;
const pause = (page) => page.waitForTimeout(PAUSE);

// ---- Every body the servers send, with the phase it was sent in.
const sent = [];
let phase = null;
// HTTP/1.1 and HTTP/2 (compatibility API) responses both end here.
for (const Response of [http.ServerResponse, http2.Http2ServerResponse]) {
  const end = Response.prototype.end;
  Response.prototype.end = function (chunk, ...rest) {
    if (chunk && typeof chunk !== "function") {
      const body = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      sent.push({ port: this.req.socket.localPort, url: this.req.url, status: this.statusCode, body, phase });
    }
    return end.call(this, chunk, ...rest);
  };
}

const TOOLS = {
  faro: {
    counted: (path) => path.startsWith("/search/") || /^\/search\.[0-9a-f]+\.js$/.test(path),
    code: (path) => /\.(m?js|wasm)$/.test(path),
  },
  pagefind: {
    counted: (path) => path.startsWith("/pagefind/"),
    code: (path) => /\.(m?js|wasm)$/.test(path) || /\/wasm\.[^/]+\.pagefind$/.test(path),
  },
};

/** Waits until the servers have sent nothing for SETTLE ms. */
async function settle() {
  let count = -1;
  while (count !== sent.length) {
    count = sent.length;
    await new Promise((ok) => setTimeout(ok, SETTLE));
  }
}

/** What `tool`'s server sent in phase `name`. */
function tally(tool, port, name) {
  const rule = TOOLS[tool];
  const out = { requests: 0, raw: { index: 0, code: 0 }, gzip: { index: 0, code: 0 }, files: [] };
  for (const entry of sent) {
    if (entry.port !== port || entry.phase !== name) continue;
    const path = entry.url.split("?")[0];
    if (!rule.counted(path)) continue;
    const kind = rule.code(path) ? "code" : "index";
    const gz = gzipSync(entry.body).length;
    out.requests += 1;
    out.raw[kind] += entry.body.length;
    out.gzip[kind] += gz;
    out.files.push({ path, status: entry.status, kind, raw: entry.body.length, gzip: gz });
  }
  return out;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), samples: xs });

/** How long one request for a small file takes on its own: `count` in a row, from the
 * page `host` of `origin`, so that the warm times can be read against it. */
async function roundTrip(origin, host, path, count = 31) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  await page.goto(`${origin}${host}`);
  const samples = await page.evaluate(
    async ([path, count]) => {
      const out = [];
      for (let i = 0; i < count; i++) {
        const t0 = performance.now();
        await (await fetch(`${path}?${i}`)).arrayBuffer();
        out.push(performance.now() - t0);
      }
      return out;
    },
    [path, count],
  );
  await context.close();
  return stats(samples);
}

// ---- faro: its search page.
async function faroCold(context, origin, query) {
  const page = await context.newPage();
  await page.goto(`${origin}/${LANG}/search/?q=${encodeURIComponent(query)}`);
  await page.waitForFunction(() => document.getElementById("search-status").textContent !== "", null, { timeout: 60000 });
  return { page, shown: await faroShown(page) };
}

async function faroShown(page) {
  return page.evaluate(() => {
    const status = document.getElementById("search-status").textContent;
    if (status === document.getElementById("search-form").dataset.error) throw new Error(`faro search failed: ${status}`);
    const links = [...document.querySelectorAll("#search-results li a")].map((a) => a.getAttribute("href"));
    return { status, shown: links.length, top: links.slice(0, 3) };
  });
}

/** Types `query` into the search page and presses Enter; resolves when the results
 * are in the list and the live region has announced them, with the time it took. */
async function faroSubmit(page, query) {
  const { ms, waiting } = await page.evaluate(
    (q) =>
      new Promise((resolve, reject) => {
        const input = document.getElementById("search-q");
        const form = document.getElementById("search-form");
        const status = document.getElementById("search-status");
        let t0 = 0;
        // run() fills the list, then sets the live region's text: one mutation of it.
        const observer = new MutationObserver(() => {
          const t1 = performance.now();
          observer.disconnect();
          // The time some request of this query was in flight: the union of their spans.
          const spans = performance
            .getEntriesByType("resource")
            .filter((e) => e.startTime >= t0 && e.responseEnd <= t1)
            .map((e) => [e.startTime, e.responseEnd])
            .sort((a, b) => a[0] - b[0]);
          let waiting = 0;
          let until = t0;
          for (const [start, end] of spans) {
            if (end > until) waiting += end - Math.max(start, until);
            until = Math.max(until, end);
          }
          resolve({ ms: t1 - t0, waiting });
        });
        observer.observe(status, { childList: true, characterData: true, subtree: true });
        setTimeout(() => reject(new Error("faro: no results after 60 s")), 60000);
        input.value = q;
        t0 = performance.now();
        form.requestSubmit();
      }),
    query,
  );
  return { ms, waiting, ...(await faroShown(page)) };
}

/** Types `query` into the search page's box as a person does, a key every `KEY_MS`, after
 * emptying it; resolves to the time from the last keystroke (its `input` event, caught
 * before the page's own handler) to the results of the whole query shown and announced:
 * the first change of the live region after that keystroke, since a query that a
 * newer keystroke overtook shows nothing. */
async function faroTyped(page, query) {
  await page.fill("#search-q", "");
  const shown = page.evaluate(
    (q) =>
      new Promise((resolve, reject) => {
        const input = document.getElementById("search-q");
        const status = document.getElementById("search-status");
        let t0 = null;
        const onInput = () => {
          if (input.value !== q) return;
          t0 = performance.now();
          document.removeEventListener("input", onInput, true);
        };
        document.addEventListener("input", onInput, true);
        const observer = new MutationObserver(() => {
          if (t0 === null) return;
          observer.disconnect();
          resolve(performance.now() - t0);
        });
        observer.observe(status, { childList: true, characterData: true, subtree: true });
        setTimeout(() => reject(new Error("faro: no results 60 s after typing")), 60000);
      }),
    query,
  );
  await page.type("#search-q", query, { delay: KEY_MS });
  return { ms: await shown, ...(await faroShown(page)) };
}

/** A fresh search page with no query, its filters ready (the manifest loaded), as a
 * person finds it before typing the first query. */
async function faroBlank(context, origin) {
  const page = await context.newPage();
  await page.goto(`${origin}/${LANG}/search/`);
  await page.waitForSelector(".search-filters:not([hidden])", { timeout: 60000 });
  return page;
}

// ---- Pagefind: its API from a plain page of the same origin.
async function pagefindCold(context, origin, query) {
  const page = await context.newPage();
  await page.goto(`${origin}${BLANK}`);
  const shown = await page.evaluate(async (q) => {
    const pf = await import("/pagefind/pagefind.js");
    await pf.init();
    window.__pf = pf;
    const r = await pf.search(q);
    const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
    return { status: `${r.results.length} results`, shown: data.length, top: data.slice(0, 3).map((d) => d.url) };
  }, query);
  return { page, shown };
}

async function pagefindQuery(page, query) {
  return page.evaluate(async (q) => {
    const t0 = performance.now();
    const r = await window.__pf.search(q);
    const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
    const ms = performance.now() - t0;
    return { ms, status: `${r.results.length} results`, shown: data.length, top: data.slice(0, 3).map((d) => d.url) };
  }, query);
}

const RUN = {
  faro: { cold: faroCold, next: faroSubmit },
  pagefind: { cold: pagefindCold, next: pagefindQuery },
};

// ---- The run.
// HTTPS with HTTP/2 unless the config says `"http1": true`: a static host such as
// Netlify serves HTTP/2, where a page's parallel requests share one connection
// instead of queueing for HTTP/1.1's six.
const tls = config.tls && { key: await readFile(config.tls.key), cert: await readFile(config.tls.cert) };
// Pagefind's site runs WebAssembly, which faro's policy (script-src 'self') forbids:
// it is served without faro's headers, as its own host would serve it.
const servers = {
  faro: await serve(config.faro, { tls }),
  pagefind: await serve(config.pagefind, { tls, netlify: false }),
};
const contextOptions = { ignoreHTTPSErrors: Boolean(tls) };
const ports = Object.fromEntries(Object.entries(servers).map(([tool, s]) => [tool, Number(new URL(s.origin).port)]));
const browser = await launch();
const result = { lang: LANG, reps: REPS, pauseMs: PAUSE, chromium: browser.version(), protocol: tls ? "HTTP/2 over TLS" : "HTTP/1.1", scenarios: [] };

try {
  for (const scenario of config.scenarios) {
    const row = { ...scenario, bytes: {}, shown: {}, timing: {} };
    for (const tool of ["faro", "pagefind"]) {
      const origin = servers[tool].origin;
      // Bytes: one pass (the same files every time).
      const context = await browser.newContext(contextOptions);
      phase = `${scenario.id}:${tool}:first`;
      const cold = await RUN[tool].cold(context, origin, scenario.first ?? scenario.query);
      await settle();
      let shown = cold.shown;
      if (scenario.first !== undefined) {
        phase = `${scenario.id}:${tool}:next`;
        shown = await RUN[tool].next(cold.page, scenario.query);
        await settle();
      }
      const counted = scenario.first !== undefined ? "next" : "first";
      row.bytes[tool] = tally(tool, ports[tool], `${scenario.id}:${tool}:${counted}`);
      row.shown[tool] = shown;
      phase = null;
      await context.close();

      // Time: warm scenarios only, fresh context per repetition.
      if (scenario.first !== undefined) {
        const warm = [];
        const waiting = [];
        const repeat = [];
        const atOnce = [];
        for (let rep = 0; rep < REPS; rep++) {
          let ctx = await browser.newContext(contextOptions);
          let { page } = await RUN[tool].cold(ctx, origin, scenario.first);
          await pause(page);
          const next = await RUN[tool].next(page, scenario.query);
          warm.push(next.ms);
          if (next.waiting !== undefined) waiting.push(next.waiting);
          await pause(page);
          repeat.push((await RUN[tool].next(page, scenario.query)).ms);
          await ctx.close();

          ctx = await browser.newContext(contextOptions);
          ({ page } = await RUN[tool].cold(ctx, origin, scenario.first));
          atOnce.push((await RUN[tool].next(page, scenario.query)).ms);
          await ctx.close();
        }
        row.timing[tool] = { warm: stats(warm), atOnce: stats(atOnce), repeat: stats(repeat) };
        // Pagefind fetches in its web worker, out of the page's resource timing.
        if (waiting.length) row.timing[tool].waiting = stats(waiting);
      }
      // Typed: faro's search page, from the last keystroke to the results shown; the first
      // query of a fresh page (cold scenarios), or the next query after `first` (warm).
      if (tool === "faro") {
        // The first repetition also counts the bytes: everything sent while the query was
        // typed (each keystroke's query fetches what it lacks), and for the first query of
        // a page, the page's search files too.
        const typed = [];
        const counting = `${scenario.id}:faro:typed`;
        for (let rep = 0; rep < REPS; rep++) {
          const ctx = await browser.newContext(contextOptions);
          if (rep === 0 && scenario.first === undefined) phase = counting;
          const page =
            scenario.first === undefined ? await faroBlank(ctx, origin) : (await faroCold(ctx, origin, scenario.first)).page;
          await pause(page);
          if (rep === 0) phase = counting;
          typed.push((await faroTyped(page, scenario.query)).ms);
          if (rep === 0) {
            await settle();
            phase = null;
          }
          await ctx.close();
        }
        row.typed = stats(typed);
        row.typedBytes = tally("faro", ports.faro, counting);
      }
      const t = row.timing[tool];
      console.log(
        `${scenario.id.padEnd(6)} ${tool.padEnd(8)} ${JSON.stringify(scenario.query)}: ` +
          `${row.bytes[tool].requests} requests, index ${row.bytes[tool].raw.index} B (gzip ${row.bytes[tool].gzip.index}), ` +
          `code ${row.bytes[tool].raw.code} B (gzip ${row.bytes[tool].gzip.code}); ${shown.status}` +
          (t ? `; warm ${t.warm.median.toFixed(1)} ms, repeat ${t.repeat.median.toFixed(1)} ms` : "") +
          (tool === "faro" ? `; typed ${row.typed.median.toFixed(1)} ms from the last key` : ""),
      );
    }
    result.scenarios.push(row);
  }
  // One small file, alone: faro's first term shard, Pagefind's entry file.
  result.roundTrip = {
    faro: await roundTrip(servers.faro.origin, `/${LANG}/`, `/search/${LANG}/t0.json`),
    pagefind: await roundTrip(servers.pagefind.origin, BLANK, "/pagefind/pagefind-entry.json"),
  };
  console.log(
    `one small request alone: faro ${result.roundTrip.faro.median.toFixed(1)} ms, ` +
      `pagefind ${result.roundTrip.pagefind.median.toFixed(1)} ms (medians)`,
  );
} finally {
  await browser.close();
  await servers.faro.close();
  await servers.pagefind.close();
}
await writeFile(outPath, JSON.stringify(result, null, 2) + "\n");
