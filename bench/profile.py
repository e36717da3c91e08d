#!/usr/bin/env python3
"""Where a build's time goes (issue 19, item 3): a stage table and a flame graph per
stage of `faro build` on the N-page corpus; writes the `profile-N` section of
bench/RESULTS.md (`profile-N-LABEL` with --label, so that a `before` and an `after`
stand side by side) and the graphs into bench/flame/.

    python3 bench/generate.py 10000 && python3 bench/profile.py 10000

1. `faro build --timings` (release binary) R times (default 3) into fresh folders; the
   median of each stage.
2. One more build under `perf record --call-graph dwarf` (Debian's `linux-perf`,
   installed when missing). Its stacks, folded by `inferno-collapse-perf`, are split by
   stage: a stack belongs to the first stage whose functions it holds, in the order
   write (`faro::write`), search (`faro::search`, tantivy), render (`faro::render`),
   lint (`faro::lint`: its scan of the bodies is timed with `link`, its checks of the
   output with `search`), link (`faro::link`, `Site::build`), parse (`faro::parse`),
   load (`faro::load`);
   the rest (the allocator's and the kernel's work for no stage above, start, exit) is
   "other". Render writes each page as it is made, so writing is counted apart.
3. `inferno-flamegraph` draws bench/flame/N[-LABEL]-<stage>.svg for each stage (inferno
   0.12.8 from crates.io, installed into bench/.tools when missing), and the table
   lists each stage's share of the samples and its five hottest functions.

Outputs go to bench/out/profile-N/; old ones are moved aside (see benchlib.move_aside).
Figures only: nothing here judges them.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import benchlib as bl

INFERNO = "0.12.8"
TOOLS = bl.BENCH / ".tools"
FLAME = bl.BENCH / "flame"
# (stage, pattern a stack's frames must match), in the order a stack is assigned.
STAGES = [
    ("write", re.compile(r"faro::write::")),
    ("search", re.compile(r"faro::search::|tantivy::")),
    ("render", re.compile(r"faro::render::")),
    ("lint", re.compile(r"faro::lint::")),
    ("link", re.compile(r"faro::link::|faro::model::site::Site::build")),
    ("parse", re.compile(r"faro::parse::")),
    ("load", re.compile(r"faro::load::")),
]


def tool(name: str) -> str:
    """inferno's `name`, installed into bench/.tools at the pinned version if missing."""
    path = TOOLS / "bin" / name
    if not path.exists():
        bl.run_checked(["cargo", "install", "inferno", "--locked", "--version", INFERNO, "--root", str(TOOLS)])
    return str(path)


def perf() -> str:
    found = shutil.which("perf")
    if not found:
        sudo = [] if subprocess.run(["id", "-u"], capture_output=True, text=True).stdout.strip() == "0" else ["sudo"]
        bl.run_checked(sudo + ["apt-get", "install", "-y", "-qq", "linux-perf"])
        found = shutil.which("perf") or "perf"
    return found


def stage_timings(text: str) -> dict[str, float]:
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"^timing: (\w+)\s+([\d.]+) ms", text, re.M)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="corpus size, as given to generate.py")
    parser.add_argument("-r", "--repeat", type=int, default=3, help="timed builds (default 3)")
    parser.add_argument("--faro", type=Path, help="use this faro binary instead of building target/release/faro")
    parser.add_argument("--label", default="", help="a name for this profile in the section title (e.g. before)")
    parser.add_argument("--no-results", action="store_true", help="print, leave bench/RESULTS.md alone")
    args = parser.parse_args()

    site = bl.OUT / f"faro-{args.n}"
    if not (site / "content").is_dir():
        raise SystemExit(f"no corpus of {args.n} pages: run `python3 bench/generate.py {args.n}` first")
    faro = args.faro.resolve() if args.faro else bl.build_faro()
    bl.sync_faro_site(site)
    work = bl.OUT / f"profile-{args.n}"
    bl.move_aside(work)
    work.mkdir(parents=True)
    started = dt.datetime.now(dt.timezone.utc)
    machine = bl.machine()

    runs: list[dict[str, float]] = []
    for i in range(args.repeat):
        done = subprocess.run([str(faro), "--root", str(site), "build", "--timings", "--output", str(work / f"out-{i}")],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"faro build failed:\n{done.stderr[-3000:]}")
        runs.append(stage_timings(done.stderr))
        bl.say(f"build {i + 1}: " + ", ".join(f"{k} {v:.0f} ms" for k, v in runs[-1].items()))

    data = work / "perf.data"
    bl.run_checked([perf(), "record", "-F", "499", "--call-graph", "dwarf,16384", "-o", str(data), "--",
                    str(faro), "--root", str(site), "build", "--output", str(work / "out-perf")])
    script = subprocess.run([perf(), "script", "-i", str(data)], capture_output=True, text=True, errors="replace")
    folded = subprocess.run([tool("inferno-collapse-perf")], input=script.stdout, capture_output=True, text=True,
                            errors="replace").stdout.splitlines()
    by_stage: dict[str, list[str]] = collections.defaultdict(list)
    for line in folded:
        stack = line.rsplit(" ", 1)[0]
        stage = next((name for name, pattern in STAGES if pattern.search(stack)), "other")
        by_stage[stage].append(line)
    total = sum(int(line.rsplit(" ", 1)[1]) for line in folded) or 1

    FLAME.mkdir(parents=True, exist_ok=True)
    rows = []
    for name in [s for s, _ in STAGES] + ["other"]:
        lines = by_stage.get(name, [])
        samples = sum(int(line.rsplit(" ", 1)[1]) for line in lines)
        hot: collections.Counter = collections.Counter()
        for line in lines:
            stack, count = line.rsplit(" ", 1)
            hot[stack.split(";")[-1]] += int(count)
        svg = FLAME / "-".join(filter(None, [str(args.n), args.label, f"{name}.svg"]))
        if lines:
            graph = subprocess.run([tool("inferno-flamegraph"), "--title", f"faro build, {args.n:,} pages: {name}",
                                    "--minwidth", "0.5"], input="\n".join(lines), capture_output=True, text=True)
            svg.write_text(graph.stdout, encoding="utf-8")
        median = bl.median([r[name] for r in runs if name in r]) if any(name in r for r in runs) else None
        top = "; ".join(f"`{re.sub(r'<[^<>]*>', '', f)[:60]}` {c * 100 / total:.1f}%" for f, c in hot.most_common(5))
        rows.append([name, f"{median:.0f}" if median is not None else "–", f"{samples * 100 / total:.1f}",
                     f"[svg](flame/{svg.name})" if lines else "–", top])
    table = bl.markdown_table(["stage", "`--timings` median ms", "% of perf samples", "flame graph",
                               "hottest functions (self time, % of all samples)"], rows, right={1, 2})
    whole = [sum(v for k, v in r.items()) for r in runs]
    print(table)
    if not args.no_results:
        intro = (f"Run on {started:%Y-%m-%d %H:%M} UTC by `python3 bench/profile.py {args.n}`: {args.repeat} builds "
                 f"with `--timings` (stages' medians; the stages sum to {bl.median(whole):.0f} ms), then one under "
                 f"`perf record -F 499 --call-graph dwarf`, {total:,} samples over both cores. Stage timings: "
                 "`parse` includes the lint's scan; `render` includes writing the pages (counted apart in "
                 "the samples as `write`); `write` is the rest of the files and the swap.")
        title = f"Profile at N = {args.n:,}" + (f" ({args.label})" if args.label else "")
        versions = {"faro": f"`{args.faro}` (--faro)" if args.faro else bl.faro_version()}
        body = intro + "\n\n" + "\n".join(bl.machine_table(machine, versions)) + "\n\n" + table + "\n"
        # A labelled profile (before, after) has its own section and flame graphs.
        section = "-".join(filter(None, ["profile", str(args.n), args.label]))
        bl.replace_section(section, title, body)
        bl.say(f"wrote the {section} section of {bl.RESULTS.relative_to(bl.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
