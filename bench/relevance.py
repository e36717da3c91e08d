#!/usr/bin/env python3
"""Search relevance on the shipped site (issue 21): runs every query of
tests/search/relevance.tsv through `faro search --json` and prints hits@1, hits@5 and
the mean reciprocal rank (of the first answer in the top 10) per language and overall.

    python3 bench/relevance.py                 # builds the site first, then asks
    python3 bench/relevance.py --no-build      # asks the index the last build kept
    python3 bench/relevance.py --misses        # also lists the queries not answered first

The binary is --faro, else $CARGO_TARGET_DIR/debug/faro, else target/debug/faro.
tests/search.rs asserts the same figures against thresholds (`relevance_set_*`).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "tests" / "search" / "relevance.tsv"
LIMIT = 10


def queries() -> list[tuple[str, str, list[str]]]:
    rows = []
    for line in SET.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, query, answers, *_ = line.split("\t")
        rows.append((lang, query, [f"/{lang}/{key}/" for key in answers.split()]))
    return rows


def rank(faro: Path, lang: str, query: str, answers: list[str]) -> tuple[int | None, list[str]]:
    out = subprocess.run([str(faro), "--root", str(ROOT), "search", query, "--lang", lang, "--limit", str(LIMIT),
                          "--json"], check=True, capture_output=True, text=True).stdout
    urls = [hit["url"] for hit in json.loads(out)]
    found = next((i + 1 for i, url in enumerate(urls) if url in answers), None)
    return found, urls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--faro", type=Path, help="faro binary")
    parser.add_argument("--no-build", action="store_true", help="do not build the site first")
    parser.add_argument("--misses", action="store_true", help="list the queries whose first result is no answer")
    args = parser.parse_args()
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    faro = args.faro or target / "debug" / "faro"
    if not args.no_build:
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([str(faro), "--root", str(ROOT), "build", "--output", f"{out}/public"], check=True,
                           capture_output=True)

    ranks: dict[str, list[int | None]] = {}
    misses = []
    for lang, query, answers in queries():
        found, urls = rank(faro, lang, query, answers)
        ranks.setdefault(lang, []).append(found)
        if found != 1:
            misses.append(f"{lang}  {query!r}: answer at {found or '-'}; first {urls[:3]}")
    ranks["all"] = [r for lang in list(ranks) for r in ranks[lang]]

    print(f"{'lang':<5} {'queries':>7} {'hits@1':>7} {'hits@5':>7} {'MRR':>6}")
    for lang, found in ranks.items():
        n = len(found)
        at1 = sum(r == 1 for r in found) / n
        at5 = sum(r is not None and r <= 5 for r in found) / n
        mrr = sum(1 / r for r in found if r) / n
        print(f"{lang:<5} {n:>7} {at1:>7.3f} {at5:>7.3f} {mrr:>6.3f}")
    if args.misses:
        print("\n".join(["", *misses]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
