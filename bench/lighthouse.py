#!/usr/bin/env python3
"""Lighthouse's four categories (performance, accessibility, best practices, SEO) on one
page of each kind of the shipped site, in Spanish and English (issue 19, item 8);
writes the `lighthouse` section of bench/RESULTS.md.

    python3 bench/lighthouse.py                 # build the shipped site, audit, write
    python3 bench/lighthouse.py --no-results    # print the table only

1. `faro build --output bench/out/lighthouse/public` of this repository;
2. bench/lighthouse.mjs serves it as production does (netlify.toml's headers, Brotli)
   and runs the npm package `lighthouse` (pinned in bench/package-lock.json) in Debian's
   Chromium over each page, with Lighthouse's defaults (a phone, simulated throttling).

A score is whatever Lighthouse gave on this machine in this run; nothing here judges it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import benchlib as bl

WORK = bl.OUT / "lighthouse"
CATEGORIES = [("performance", "performance"), ("accessibility", "accessibility"),
              ("best-practices", "best practices"), ("seo", "SEO")]


def table(results: list[dict]) -> str:
    rows = []
    for page in results:
        scores = [str(page["scores"][c]) if page["scores"][c] is not None else "–" for c, _ in CATEGORIES]
        below = "; ".join(f"{label}: {', '.join(page['below'][c])}" for c, label in CATEGORIES if page["below"][c])
        notes = "; ".join(filter(None, [page.get("error") or "", below, "; ".join(page["errors"])]))
        rows.append([page.get("kind", ""), f"`{page['path']}`", *scores, notes])
    header = ["kind", "page", *[label for _, label in CATEGORIES], "what cost points"]
    return bl.markdown_table(header, rows, right={2, 3, 4, 5})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--faro", type=Path, help="faro binary (default target/release/faro, built when missing)")
    parser.add_argument("--no-results", action="store_true", help="print the table, leave bench/RESULTS.md alone")
    args = parser.parse_args()

    faro = args.faro.resolve() if args.faro else bl.FARO
    if not faro.exists():
        faro = bl.build_faro()
    bl.npm_tools("lighthouse")
    if not (bl.ROOT / "tests" / "browser" / "node_modules" / "playwright-core").is_dir():
        bl.run_checked(["npm", "ci", "--no-audit", "--no-fund", "--prefix", "tests/browser"])
    started = dt.datetime.now(dt.timezone.utc)
    site = WORK / "public"
    shutil.rmtree(site, ignore_errors=True)
    bl.run_checked([str(faro), "build", "--output", str(site)])
    out = WORK / "result.json"
    bl.run_checked(["node", str(bl.BENCH / "lighthouse.mjs"), str(site), str(out)])
    results = json.loads(out.read_text())
    body = table(results)
    print(body)
    if not args.no_results:
        chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
        versions = {"faro": bl.faro_version(), "Lighthouse": results[0]["lighthouse"] if results else "?",
                    "Chromium": chromium or "unknown"}
        intro = (f"Run on {started:%Y-%m-%d %H:%M} UTC by `python3 bench/lighthouse.py`: Lighthouse's defaults "
                 "(a phone, simulated throttling), one run per page, over a local server that sends netlify.toml's "
                 "headers and Brotli as production does. The not-found page is audited at its own address "
                 "(`/es/404.html`): Lighthouse declines to audit an answer with status 404.")
        bl.replace_section("lighthouse", "Lighthouse, shipped site",
                           intro + "\n\n" + "\n".join(bl.machine_table(bl.machine(), versions)) + "\n\n" + body + "\n")
        bl.say(f"wrote the lighthouse section of {bl.RESULTS.relative_to(bl.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
