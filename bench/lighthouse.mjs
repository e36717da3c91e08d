// Lighthouse's four categories on one page of each kind (issue 19, item 8), driven by
// bench/lighthouse.py, which builds the site and writes the table; run by hand as
//
//     node bench/lighthouse.mjs SITE OUT.json [PATH ...]
//
// SITE is a built site (public/). It is served as production serves it: netlify.toml's
// headers and Brotli or gzip (tests/browser/harness.mjs, `compress`). Each PATH (default:
// the kinds below in Spanish and English) is audited by the pinned npm package
// `lighthouse` in Debian's Chromium (CHROMIUM to use another), with Lighthouse's
// defaults (a phone, simulated throttling), one fresh run per page. OUT gets, per page,
// each category's score and the audits that kept one below 100.
import { writeFile } from "node:fs/promises";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { serve } from "../tests/browser/harness.mjs";

const [site, outPath, ...asked] = process.argv.slice(2);
if (!site || !outPath) {
  console.error("usage: node bench/lighthouse.mjs SITE OUT.json [PATH ...]");
  process.exit(2);
}

// The kinds of page the issue names, as paths below the language.
const KINDS = {
  home: "/",
  directive: "/plans/2021-2026/directives/99/",
  mandate: "/plans/2021-2026/mandates/13/",
  compare: "/plans/compare/",
  alignment: "/alignments/pe-pnat-2017-2021/",
  directory: "/directory/",
  listing: "/services/",
  search: "/search/?q=albergue",
  // Lighthouse declines a page answered with status 404 (ERRORED_DOCUMENT_REQUEST), so
  // the not-found page is audited at its own address, where it is answered with 200.
  "not found": "/404.html",
};
const pages = asked.length
  ? asked.map((path) => ({ kind: path, path }))
  : ["es", "en"].flatMap((lang) => Object.entries(KINDS).map(([kind, path]) => ({ kind, lang, path: `/${lang}${path}` })));

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const server = await serve(site, { compress: true });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const results = [];
try {
  for (const page of pages) {
    const { lhr } = await lighthouse(`${server.origin}${page.path}`, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: CATEGORIES,
    });
    const scores = {};
    const below = {};
    for (const id of CATEGORIES) {
      const category = lhr.categories[id];
      scores[id] = category.score === null ? null : Math.round(category.score * 100);
      // The audits that cost this category points: weighted and not passed.
      below[id] = category.auditRefs
        .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
        .map((ref) => `${ref.id} (${Math.round(lhr.audits[ref.id].score * 100)})`);
    }
    const errors = (lhr.audits["errors-in-console"]?.details?.items ?? []).map((item) => `${item.source}: ${item.description}`);
    results.push({ ...page, error: lhr.runtimeError?.code ?? null, scores, below, errors, lighthouse: lhr.lighthouseVersion, chrome: lhr.environment.hostUserAgent });
    console.error(`${page.path}: ${CATEGORIES.map((id) => `${id} ${scores[id]}`).join(", ")}`);
  }
} finally {
  await chrome.kill();
  await server.close();
}
await writeFile(outPath, JSON.stringify(results, null, 2));
