#!/usr/bin/env python3
"""How long `faro serve` takes to show an edit to one page, on the N-page corpus.

    python3 bench/generate.py 10000 && python3 bench/serve_latency.py 10000

Starts `faro serve --root bench/out/faro-N --port P` on 127.0.0.1, waits for the first
build, then K times appends a new paragraph with a fresh marker to one content file and
polls that page over HTTP until the marker appears. The latency of an edit runs from
just before the file is written to the first response that contains the marker. Every
wait is bounded; the file is restored and the server stopped at the end, also on error.
Reports the median, the fastest and the slowest edit, and the update times the server
printed, and writes them into bench/RESULTS.md. Figures only: nothing here fails on a
timing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import benchlib as bl

POLL = 0.002  # seconds between two requests for the edited page


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError, socket.timeout):
        return 0, ""


def default_page(site: Path) -> Path:
    """Directive 1 of the newest plan, in Spanish: a page every corpus has."""
    plans = sorted((site / "content" / "plans").glob("*/directives/1.es.md"))
    if not plans:
        raise SystemExit(f"{site} has no plans/<id>/directives/1.es.md: regenerate the corpus")
    return plans[-1]


def url_of(site: Path, page: Path) -> str:
    """content/plans/x/directives/1.es.md → /es/plans/x/directives/1/."""
    rel = page.relative_to(site / "content").as_posix()
    match = re.fullmatch(r"(.*?)(?:/?_index)?\.([a-z]{2,3})\.md", rel)
    if not match:
        raise SystemExit(f"{rel} is not a content file name")
    path, lang = match.groups()
    return f"/{lang}/{path}/" if path else f"/{lang}/"


def rebuild_seconds(log: Path) -> tuple[list[float], list[float]]:
    """The durations faro serve printed: whole builds (`built … in 0.42 s → …`, the
    first one and the full build it runs once edits stop) and updates of the pages an
    edit affects (`updated 28 files in 45 ms`)."""
    text = log.read_text(errors="replace") if log.exists() else ""
    builds = [float(s) for s in re.findall(r"^built .* in ([\d.]+) s", text, re.M)]
    updates = [float(s) / 1000 for s in re.findall(r"^updated \d+ files in ([\d.]+) ms", text, re.M)]
    return builds, updates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="corpus size, as given to generate.py")
    parser.add_argument("-k", "--edits", type=int, default=7, help="edits to time (default 7)")
    parser.add_argument("--page", type=Path, help="content file to edit (default: directive 1 of the newest plan, es)")
    parser.add_argument("--port", type=int, help="port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--start-timeout", type=float, default=1800.0, help="seconds to wait for the first build")
    parser.add_argument("--edit-timeout", type=float, default=120.0, help="seconds to wait for one edit to show")
    parser.add_argument("--settle", type=float, default=1.0, help="seconds to wait between edits (default 1)")
    parser.add_argument("--faro", type=Path, help="use this faro binary instead of building target/release/faro")
    parser.add_argument("--no-results", action="store_true", help="print, leave bench/RESULTS.md alone")
    args = parser.parse_args()

    site = bl.OUT / f"faro-{args.n}"
    if not (site / "content").is_dir():
        raise SystemExit(f"no corpus of {args.n} pages: run `python3 bench/generate.py {args.n}` first")
    page = (args.page if args.page and args.page.is_absolute() else site / args.page) if args.page else default_page(site)
    port = args.port or free_port()
    url = f"http://127.0.0.1:{port}{url_of(site, page)}"

    faro = args.faro.resolve() if args.faro else bl.build_faro()
    bl.sync_faro_site(site)
    original = page.read_text(encoding="utf-8")
    log = bl.LOGS / str(args.n) / "serve.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    started_at = dt.datetime.now(dt.timezone.utc)
    machine = bl.machine()
    latencies: list[float] = []
    bl.say(f"faro serve on port {port}; editing {page.relative_to(site)} → {url}")
    with open(log, "wb") as out:
        server = subprocess.Popen([str(faro), "serve", "--root", str(site), "--port", str(port)],
                                  stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            started = time.perf_counter()
            deadline = started + args.start_timeout
            while fetch(url)[0] != 200:
                if server.poll() is not None:
                    raise SystemExit(f"faro serve stopped before serving the page:\n{bl.tail(log)}")
                if time.perf_counter() > deadline:
                    raise SystemExit(f"faro serve did not serve {url} within {args.start_timeout:.0f} s")
                time.sleep(0.05)
            first = time.perf_counter() - started
            bl.say(f"first build served after {first:.2f} s")
            time.sleep(args.settle)

            for i in range(1, args.edits + 1):
                marker = f"faro-bench-edit-{args.n}-{i}"
                t0 = time.perf_counter()
                page.write_text(original.rstrip("\n") + f"\n\nEdición de prueba {marker}.\n", encoding="utf-8")
                deadline = t0 + args.edit_timeout
                while True:
                    status, body = fetch(url)
                    if status == 200 and marker in body:
                        latency = time.perf_counter() - t0
                        break
                    if server.poll() is not None:
                        raise SystemExit(f"faro serve stopped during edit {i}:\n{bl.tail(log)}")
                    if time.perf_counter() > deadline:
                        latency = None
                        break
                    time.sleep(POLL)
                if latency is None:
                    bl.say(f"  edit {i}: not shown within {args.edit_timeout:.0f} s")
                else:
                    latencies.append(latency)
                    bl.say(f"  edit {i}: {latency * 1000:8.1f} ms")
                time.sleep(args.settle)
        finally:
            page.write_text(original, encoding="utf-8")
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)

    builds, updates = rebuild_seconds(log)
    rebuilds = builds[1:]
    ms = lambda s: f"{s * 1000:.0f}"
    rows = [
        ["edits shown", f"{len(latencies)} of {args.edits}"],
        ["median latency ms", ms(bl.median(latencies)) if latencies else "–"],
        ["fastest / slowest ms", f"{ms(min(latencies))} / {ms(max(latencies))}" if latencies else "–"],
        ["first build served after s", f"{first:.2f}"],
        ["update of the affected pages faro printed, median ms", ms(bl.median(updates)) if updates else "–"],
        ["updates faro ran", str(len(updates))],
        ["full rebuilds faro ran after the first build", str(len(rebuilds))],
    ]
    table = bl.markdown_table(["faro serve", "value"], rows, right={1})
    print()
    print(table)
    if not args.no_results:
        lines = [
            f"Run on {started_at:%Y-%m-%d %H:%M} UTC by `python3 bench/serve_latency.py {args.n}`: "
            f"{args.edits} edits of `{page.relative_to(site).as_posix()}`, each a new paragraph at the end, "
            f"{args.settle:g} s apart; latency from writing the file to the first HTTP response "
            f"with the new text (polled every {POLL * 1000:g} ms).",
            "",
        ] + bl.machine_table(machine, {"faro": bl.faro_version()}) + ["", table]
        bl.replace_section(f"serve-{args.n}", f"faro serve: edit to page at N = {args.n:,}", "\n".join(lines))
        bl.say(f"\nwrote the serve N = {args.n} section of {bl.RESULTS.relative_to(bl.ROOT)}")
    return 0 if latencies else 1


if __name__ == "__main__":
    sys.exit(main())
