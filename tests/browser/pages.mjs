// Shared by the accessibility, safety and weight tests: one page of every template,
// in every language, as paths of the shipped site.

export const LANGS = ["es", "en", "pt", "fr"];

/** One page of every template, as a path below the language. */
export const TEMPLATES = {
  home: "/",
  section: "/plans/",
  page: "/about/",
  safety: "/safety/",
  plan: "/plans/2021-2026/",
  "plan-section": "/plans/2021-2026/sections/assistance/",
  "plan-section (mandates)": "/plans/2021-2026/sections/mandates/",
  "item (directive)": "/plans/2021-2026/directives/99/",
  "item (mandate)": "/plans/2021-2026/mandates/13/",
  "item (objective)": "/plans/2015-2018/objectives/i/",
  comparison: "/plans/compare/",
  alignment: "/alignments/pe-pnat-2017-2021/",
  "alignment-row": "/alignments/pe-pnat-2017-2021/12/",
  "countries index": "/countries/",
  country: "/countries/pe/",
  authority: "/directory/pe/cmnp-tp-tim/",
  service: "/services/pe/linea-1818/",
  directory: "/directory/",
  "listing (services)": "/services/",
  "listing (practices)": "/practices/",
  "listing (facet)": "/services/type/hotline/",
  "listing (documents)": "/documents/",
  "listing (reports)": "/reports/",
  "biennial report": "/reports/2015-2016/",
  indicators: "/plans/2015-2018/indicators/",
  indicator: "/plans/2015-2018/indicators/i12/",
  document: "/documents/segundo-plan-de-trabajo/",
  search: "/search/?q=albergue",
  "not found": "/404.html",
};

/** Every page to check, as [name, path, lang]: the root chooser, then each template in each language. */
export const PAGES = [["root chooser", "/", "es"]];
for (const lang of LANGS) {
  for (const [name, path] of Object.entries(TEMPLATES)) PAGES.push([`${name} (${lang})`, `/${lang}${path}`, lang]);
}

/** Waits for what a page shows after loading: the search page's results. */
export async function settle(page, path) {
  if (path.includes("/search/?")) {
    await page.waitForFunction(() => document.getElementById("search-status")?.textContent !== "");
  }
}
