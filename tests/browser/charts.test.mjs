// Pictures made at build time: inline SVG, shown without JavaScript, named by a visible
// caption, and carrying the same numbers as the text beside them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, servedSite } from "./harness.mjs";
import { LANGS } from "./pages.mjs";

const site = servedSite();

/** The chart of the page: its accessible name and description, from the DOM. */
async function chart(page) {
  return page.$eval("figure.chart svg", (svg) => {
    const text = (ids) => (ids || "").split(" ").map((id) => document.getElementById(id)?.textContent.trim()).join(" ");
    const caption = document.getElementById(svg.getAttribute("aria-labelledby"));
    return {
      role: svg.getAttribute("role"),
      name: text(svg.getAttribute("aria-labelledby")),
      description: text(svg.getAttribute("aria-describedby")),
      captionVisible: !!caption && caption.offsetHeight > 0 && caption.closest("figure") === svg.closest("figure"),
      scripts: svg.querySelectorAll("script, foreignObject").length,
      height: svg.getBoundingClientRect().height,
    };
  });
}

function checkChart(c, where) {
  assert.equal(c.role, "img", where);
  assert.ok(c.name.length > 10, `${where}: name`);
  assert.ok(c.captionVisible, `${where}: visible caption`);
  assert.ok(c.description.length > 5, `${where}: description`);
  assert.equal(c.scripts, 0, where);
  assert.ok(c.height > 50, `${where}: drawn`);
}

test("the alignment page draws every directive in its coverage group, as its table says", async () => {
  const page = await openPage(site.browser, { javaScriptEnabled: false });
  for (const lang of LANGS) {
    await page.goto(`${site.server.origin}/${lang}/alignments/pe-pnat-2017-2021/`);
    checkChart(await chart(page), lang);
    // Boxes per status, and the numbers in them, against the matrix table.
    const drawn = await page.$$eval("figure.chart svg g", (groups) =>
      Object.fromEntries(groups.map((g) => [g.getAttribute("class"), [...g.querySelectorAll(".cell-number")].map((t) => t.textContent).sort()])),
    );
    const table = await page.$$eval("table.matrix tbody tr", (rows) => {
      const by = {};
      for (const row of rows) {
        const status = row.querySelector(".coverage").className.match(/coverage-(\w+)/)[1];
        const number = row.querySelector("th a").textContent.trim().split(" ").pop();
        (by[`cell-${status}`] ??= []).push(number);
      }
      for (const list of Object.values(by)) list.sort();
      return by;
    });
    assert.deepEqual(drawn, table, lang);
    // The summary counts and the description say the same.
    const counts = await page.$$eval(".coverage-counts strong", (s) => s.map((e) => e.textContent));
    const described = (await chart(page)).description.match(/\d+/g);
    assert.deepEqual(described, counts, lang);
  }
  await page.context().close();
});

test("the plan page draws proposals per delegation, as its list says", async () => {
  const page = await openPage(site.browser, { javaScriptEnabled: false });
  for (const lang of LANGS) {
    await page.goto(`${site.server.origin}/${lang}/plans/2021-2026/`);
    checkChart(await chart(page), lang);
    const bars = await page.$$eval("figure.chart .chart-value", (v) => v.map((e) => e.textContent));
    const listed = await page.$$eval(".delegation summary", (s) => s.map((e) => e.textContent.match(/(\d+)\s+\S+$/)[1]));
    assert.deepEqual(bars, listed, lang);
    // Bar lengths follow the numbers.
    const widths = await page.$$eval("figure.chart rect.bar", (r) => r.map((e) => Number(e.getAttribute("width"))));
    for (let i = 1; i < widths.length; i++) {
      assert.ok(Math.abs(widths[i] / widths[0] - bars[i] / bars[0]) < 0.01, `${lang}: bar ${i}`);
    }
  }
  await page.context().close();
});

test("the countries page draws authorities, services and practices per country, as its table says", async () => {
  const page = await openPage(site.browser, { javaScriptEnabled: false });
  for (const lang of LANGS) {
    await page.goto(`${site.server.origin}/${lang}/countries/`);
    checkChart(await chart(page), lang);
    const rows = await page.$$eval("table.data-table tbody tr", (trs) =>
      trs.map((tr) => [tr.querySelector("th").textContent.trim(), ...[...tr.querySelectorAll("td")].map((td) => td.textContent)]),
    );
    assert.equal(rows.length, 35, `${lang}: every member state`);
    const drawn = await page.$$eval("figure.chart svg .chart-heading", (headings) =>
      headings.map((h) => {
        const values = [];
        for (let next = h.nextElementSibling; next && !next.classList.contains("chart-heading"); next = next.nextElementSibling) {
          if (next.classList.contains("chart-value")) values.push(next.textContent);
        }
        return [h.textContent, ...values];
      }),
    );
    const withEntries = rows.filter((r) => r.slice(1).some((n) => n !== "0"));
    assert.ok(withEntries.length > 0, lang);
    assert.deepEqual(drawn, withEntries, lang);
    // Services and practices differ from authorities by pattern, not colour alone.
    const fills = await page.$$eval("figure.chart rect.bar", (r) => r.map((e) => getComputedStyle(e).fill));
    assert.ok(fills.some((f) => f.includes("pattern-hatch")), `${lang}: ${fills}`);
  }
  await page.context().close();
});
