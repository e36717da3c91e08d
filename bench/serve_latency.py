#!/usr/bin/env python3
"""How long `faro serve` takes to show an edit to one page of each kind, on the N-page
corpus (issue 19, item 9).

    python3 bench/generate.py 10000 && python3 bench/serve_latency.py 10000

Starts `faro serve --root bench/out/faro-N --port P` on 127.0.0.1 and waits for the
first build. Then, for each kind (a directive, a mandate, a good practice, a service, an
authority, a country, an alignment row, a plain page: the first Spanish file of that
kind in the corpus), K times appends a new paragraph with a fresh marker to the file and
polls its page over HTTP until the marker appears. The latency of an edit runs from just
before the file is written to the first response that contains the marker; faro's own
line for the update (`updated 28 files in 45 ms`) says how many files it re-rendered.
Between kinds the file is restored and the full build that follows a pause in editing
is awaited. Every wait is bounded; the files are restored and the server stopped at the
end, also on error. Writes a table per kind into bench/RESULTS.md. Figures only:
nothing here fails on a timing.
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


# The kinds edited, with where their files are under content/ (a glob; `_index` files
# are sections, not entries of the kind).
KINDS = [
    ("directive", "plans/*/directives/*.es.md"),
    ("mandate", "plans/*/mandates/*.es.md"),
    ("practice", "practices/**/*.es.md"),
    ("service", "services/**/*.es.md"),
    ("authority", "directory/**/*.es.md"),
    ("country", "countries/*.es.md"),
    ("alignment row", "alignments/*/*.es.md"),
    ("page", "about.es.md"),
]


def page_of(site: Path, pattern: str) -> Path | None:
    """The first Spanish file matching `pattern` that is not a section's `_index`."""
    found = sorted(p for p in (site / "content").glob(pattern) if not p.name.startswith("_index"))
    return found[0] if found else None


def url_of(site: Path, page: Path) -> str:
    """content/plans/x/directives/1.es.md → /es/plans/x/directives/1/."""
    rel = page.relative_to(site / "content").as_posix()
    match = re.fullmatch(r"(.*?)(?:/?_index)?\.([a-z]{2,3})\.md", rel)
    if not match:
        raise SystemExit(f"{rel} is not a content file name")
    path, lang = match.groups()
    return f"/{lang}/{path}/" if path else f"/{lang}/"


def update_lines(log: Path) -> list[tuple[int, float]]:
    """faro serve's lines for the updates of the pages an edit affects: (files, ms)."""
    text = log.read_text(errors="replace") if log.exists() else ""
    return [(int(n), float(t)) for n, t in re.findall(r"^updated (\d+) files in ([\d.]+) ms", text, re.M)]


def built_count(log: Path) -> int:
    text = log.read_text(errors="replace") if log.exists() else ""
    return len(re.findall(r"^built ", text, re.M))


def edit_until_shown(page: Path, original: str, url: str, marker: str, server, log: Path, timeout: float) -> float | None:
    """Appends a paragraph with `marker` to `page`; the seconds until `url` shows it."""
    t0 = time.perf_counter()
    page.write_text(original.rstrip("\n") + f"\n\nEdición de prueba {marker}.\n", encoding="utf-8")
    deadline = t0 + timeout
    while True:
        status, body = fetch(url)
        if status == 200 and marker in body:
            return time.perf_counter() - t0
        if server.poll() is not None:
            raise SystemExit(f"faro serve stopped during an edit of {page}:\n{bl.tail(log)}")
        if time.perf_counter() > deadline:
            return None
        time.sleep(POLL)


def wait_for_full_build(log: Path, before: int, timeout: float) -> None:
    """Waits until faro serve has run the full build that follows a pause in editing."""
    deadline = time.perf_counter() + timeout
    while built_count(log) <= before and time.perf_counter() < deadline:
        time.sleep(0.1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="corpus size, as given to generate.py")
    parser.add_argument("-k", "--edits", type=int, default=7, help="edits to time per kind (default 7)")
    parser.add_argument("--kind", action="append", choices=[k for k, _ in KINDS],
                        help="edit only this kind (repeatable; default: every kind)")
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
    kinds = [(kind, page_of(site, pattern)) for kind, pattern in KINDS if not args.kind or kind in args.kind]
    kinds = [(kind, page) for kind, page in kinds if page is not None]
    port = args.port or free_port()
    origin = f"http://127.0.0.1:{port}"

    faro = args.faro.resolve() if args.faro else bl.build_faro()
    bl.sync_faro_site(site)
    originals = {page: page.read_text(encoding="utf-8") for _, page in kinds}
    log = bl.LOGS / str(args.n) / "serve.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    started_at = dt.datetime.now(dt.timezone.utc)
    machine = bl.machine()
    measured: list[tuple[str, Path, list[float], list[tuple[int, float]]]] = []
    with open(log, "wb") as out:
        server = subprocess.Popen([str(faro), "serve", "--root", str(site), "--port", str(port)],
                                  stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            started = time.perf_counter()
            deadline = started + args.start_timeout
            first_url = origin + url_of(site, kinds[0][1])
            while fetch(first_url)[0] != 200:
                if server.poll() is not None:
                    raise SystemExit(f"faro serve stopped before serving the page:\n{bl.tail(log)}")
                if time.perf_counter() > deadline:
                    raise SystemExit(f"faro serve did not serve {first_url} within {args.start_timeout:.0f} s")
                time.sleep(0.05)
            first = time.perf_counter() - started
            bl.say(f"first build served after {first:.2f} s")
            time.sleep(args.settle)

            for kind, page in kinds:
                url = origin + url_of(site, page)
                bl.say(f"{kind}: editing {page.relative_to(site)} → {url}")
                latencies: list[float] = []
                updates_before = len(update_lines(log))
                for i in range(1, args.edits + 1):
                    marker = f"faro-bench-edit-{args.n}-{kind.replace(' ', '-')}-{i}"
                    latency = edit_until_shown(page, originals[page], url, marker, server, log, args.edit_timeout)
                    if latency is None:
                        bl.say(f"  edit {i}: not shown within {args.edit_timeout:.0f} s")
                    else:
                        latencies.append(latency)
                        bl.say(f"  edit {i}: {latency * 1000:8.1f} ms")
                    time.sleep(args.settle)
                updates = update_lines(log)[updates_before:]
                measured.append((kind, page, latencies, updates))
                # Restore the file and let the full build that follows the pause run, so
                # that the next kind's edits do not share the machine with it.
                builds = built_count(log)
                page.write_text(originals[page], encoding="utf-8")
                wait_for_full_build(log, builds, args.edit_timeout)
        finally:
            for page, text in originals.items():
                page.write_text(text, encoding="utf-8")
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)

    ms = lambda s: f"{s * 1000:.0f}"
    rows = []
    for kind, page, latencies, updates in measured:
        files = [f for f, _ in updates]
        rows.append([
            kind, f"`{page.relative_to(site / 'content').as_posix()}`", f"{len(latencies)} of {args.edits}",
            ms(bl.median(latencies)) if latencies else "–",
            f"{ms(min(latencies))} / {ms(max(latencies))}" if latencies else "–",
            f"{bl.median([float(f) for f in files]):.0f}" if files else "–",
            f"{bl.median([t for _, t in updates]):.0f}" if updates else "–",
        ])
    table = bl.markdown_table(
        ["kind edited", "file", "edits shown", "median ms", "fastest / slowest ms", "files re-rendered (median)",
         "update faro printed, median ms"], rows, right={3, 4, 5, 6})
    print()
    print(table)
    print(f"\nfirst build served after {first:.2f} s")
    if not args.no_results:
        lines = [
            f"Run on {started_at:%Y-%m-%d %H:%M} UTC by `python3 bench/serve_latency.py {args.n}`: "
            f"{args.edits} edits of one file per kind, each a new paragraph at the end of its body, "
            f"{args.settle:g} s apart; latency from writing the file to the first HTTP response "
            f"with the new text (polled every {POLL * 1000:g} ms). First build served after {first:.2f} s.",
            "",
        ] + bl.machine_table(machine, {"faro": bl.faro_version()}) + ["", table]
        bl.replace_section(f"serve-{args.n}", f"faro serve: edit to page at N = {args.n:,}", "\n".join(lines))
        bl.say(f"\nwrote the serve N = {args.n} section of {bl.RESULTS.relative_to(bl.ROOT)}")
    return 0 if all(latencies for _, _, latencies, _ in measured) else 1


if __name__ == "__main__":
    sys.exit(main())
