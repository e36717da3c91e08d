// The Regional Directory's yearly editions and the states' reports in a browser, on
// the coverage fixture built by scripts/browser-test (FARO_FIXTURE_SITE), which holds
// two editions and four reports: axe finds no WCAG 2.2 AA violation on the
// directory's map, the editions' and the reports' pages in light and dark mode; an
// edition printed to PDF is A4, a first page with the contents, then one page per
// state; a status keeps its shape and its name in high contrast and in print.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { assertNoViolations, axe, launch, openPage, serve } from "./harness.mjs";

const SITE = process.env.FARO_FIXTURE_SITE;
const PAGES = [
  "/es/directory/",
  "/en/directory/editions/2027/",
  "/fr/directory/editions/2027/changes/",
  "/es/reports/2000-2001/",
  "/en/reports/states/xa/",
  "/pt/reports/2002-2003/xa/",
  "/fr/plans/2000-2003/indicators/i2/",
];
let server;
let browser;

before(async () => {
  assert.ok(SITE, "FARO_FIXTURE_SITE: the coverage fixture, built (scripts/browser-test does it)");
  server = await serve(SITE);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  assertNoViolations();
});

for (const scheme of ["light", "dark"]) {
  test(`the directory's map and the editions' pages have no axe violation, ${scheme} mode`, async () => {
    const page = await openPage(browser, { colorScheme: scheme });
    const failures = [];
    for (const path of PAGES) {
      const response = await page.goto(`${server.origin}${path}`);
      assert.ok(response.ok(), `${path}: ${response.status()}`);
      const violations = await axe(page);
      if (violations.length) failures.push(`${path}\n  ${violations.join("\n  ")}`);
    }
    await page.context().close();
    assert.equal(failures.length, 0, `\n${failures.join("\n")}`);
  });
}

test("an edition printed to PDF is A4: the contents, then one page per state", async () => {
  const page = await openPage(browser);
  for (const path of ["/es/directory/editions/2026/", "/en/directory/editions/2027/"]) {
    await page.goto(`${server.origin}${path}`);
    const states = await page.$$eval("section.edition-country", (sections) => sections.length);
    const listed = await page.$$eval(".edition-toc li", (items) => items.length);
    assert.equal(listed, states, path);
    await page.emulateMedia({ media: "print" });
    const printed = await page.$eval(".site-header", (header) => getComputedStyle(header).display);
    assert.equal(printed, "none", `${path}: the site's header is not printed`);
    // The page's own @page size (A4) wins over the printer's default.
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
    const pages = pdf.match(/\/Type\s*\/Page\b(?!s)/g) ?? [];
    assert.equal(pages.length, states + 1, `${path}: ${states} states`);
    const sizes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
    assert.ok(sizes.length >= 1, `${path}: no page size`);
    for (const [, width, height] of sizes) {
      // A4 is 210 × 297 mm: 595 × 842 points.
      assert.ok(Math.abs(width - 595.3) < 1 && Math.abs(height - 841.9) < 1, `${path}: ${width} × ${height}`);
    }
    await page.emulateMedia({ media: "screen" });
  }
  await page.context().close();
});

test("a reported status keeps its shape and its name in high contrast and in print", async () => {
  const page = await openPage(browser, { forcedColors: "active" });
  await page.goto(`${server.origin}/es/reports/2000-2001/`);
  for (const media of ["screen", "print"]) {
    await page.emulateMedia({ media, forcedColors: "active" });
    const marks = await page.$$eval(".report-matrix td .status", (cells) =>
      cells.map((cell) => {
        const svg = cell.querySelector("svg").getBoundingClientRect();
        const shape = cell.querySelector("svg > :last-child").tagName;
        return { status: cell.className, shape, label: cell.textContent.trim(), drawn: svg.width > 4 && svg.height > 4 };
      }),
    );
    assert.equal(marks.length, 6, media);
    for (const mark of marks) {
      assert.ok(mark.drawn, `${media}: ${mark.status} is drawn`);
      assert.ok(mark.label.length > 2, `${media}: ${mark.status} is named`);
    }
    // Two statuses are told apart by shape, not only by colour.
    const shapeOf = (status) => marks.find((m) => m.status.includes(status))?.shape;
    assert.notEqual(shapeOf("status-achieved"), shapeOf("status-not-applicable"), media);
  }
  await page.context().close();
});
