#!/usr/bin/env python3
"""Bytes downloaded per search query, and time per warm query, for faro's static search
index against Pagefind run over the same HTML (issue 5, item 4), in headless Chromium;
writes one section of bench/RESULTS.md per site.

    python3 bench/search_bytes.py                  # the shipped site and the 10,000-page corpus
    python3 bench/search_bytes.py shipped          # one site; an integer N means bench/out/faro-N

For each site, in one run:

1. faro's output: `shipped` is `faro build --output bench/out/shipped/public` of this
   repository; N builds a copy of the corpus bench/generate.py wrote (content/ and sources/ of
   bench/out/faro-N, with this repository's config.toml, i18n/ and themes/, as run.py
   syncs them) in bench/out/search-bytes/faro-N/, so that runs of run.py or
   serve_latency.py on bench/out/faro-N at the same time are left alone;
2. Pagefind (pinned in bench/package-lock.json) over a copy of that output,
   `pagefind --site <copy>`, plus an empty Spanish page in the copy (after indexing) to
   load Pagefind's API from;
3. bench/search_bytes.mjs serves both with tests/browser/harness.mjs, runs the queries
   below in Chromium and counts what the server sent (see that file);
4. index bytes on disk and files: faro's public/search/, Pagefind's pagefind/.

The machine may be shared: the times are whatever they were; nothing here asserts one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import benchlib as bl

WORK = bl.OUT / "search-bytes"
LANG = "es"
BLANK = "bench-blank.html"
REPS = 7
# A warm query is timed this long after the first query's results appeared: sooner than
# anyone types the next query, late enough that the page has finished loading.
PAUSE_MS = 1000

# (id, label, first query or None for a cold query, counted query). The brief's warm
# pair is "trata" and "cooperación internacional" (two words); "warm3" adds a warm query
# of three words, after the same first query. Every word occurs in the Spanish text of
# both the shipped site and the generated corpus.
SCENARIOS = [
    ("cold1", "cold, 1 word", None, "albergue"),
    ("cold3", "cold, 3 words", None, "asistencia protección víctimas"),
    ("warm1", "warm, 1 word", "albergue", "trata"),
    ("warm2", "warm, 2 words", "asistencia protección víctimas", "cooperación internacional"),
    ("warm3", "warm, 3 words", "asistencia protección víctimas", "mecanismos cooperación internacional"),
]


def playwright_ready() -> None:
    if not (bl.ROOT / "tests" / "browser" / "node_modules" / "playwright-core").is_dir():
        bl.run_checked(["npm", "ci", "--no-audit", "--no-fund", "--prefix", "tests/browser"])


def faro_output(target: str, faro: Path) -> tuple[Path, str]:
    """Builds faro's output for `target`; returns it and a description."""
    if target == "shipped":
        out = bl.OUT / "shipped" / "public"
        bl.run_checked([str(faro), "build", "--output", str(out)])
        return out, "the shipped site (`faro build --output bench/out/shipped/public`)"
    n = int(target)
    corpus = bl.OUT / f"faro-{n}"
    if not (corpus / "content").is_dir():
        bl.run_checked([sys.executable, str(bl.BENCH / "generate.py"), str(n)])
    site = WORK / f"faro-{n}"
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    # The entries cite files under sources/ (faro checks that they exist).
    for folder in ("content", "sources"):
        shutil.copytree(corpus / folder, site / folder)
    # generate.py writes content/search/ as an ordinary page of generated text; the
    # search page is the repository's (template search.html), as on the shipped site.
    for page in (bl.ROOT / "content" / "search").glob("_index.*.md"):
        shutil.copy2(page, site / "content" / "search" / page.name)
    bl.sync_faro_site(site)
    out = site / "public"
    bl.run_checked([str(faro), "--root", str(site), "build", "--output", str(out)])
    manifest = bl.OUT / f"corpus-{n}.json"
    about = json.loads(manifest.read_text()) if manifest.exists() else {}
    seed = about.get("seed", "?")
    digest = about.get("sha256", "?")[:16]
    return out, (f"the {n:,}-page generated corpus (bench/out/faro-{n}, seed {seed}, sha256 `{digest}…`), "
                 f"built from a copy in bench/out/search-bytes/faro-{n}/ with the repository's search page "
                 f"(content/search/) in place of the generated one")


def certificate() -> dict:
    """A self-signed certificate for 127.0.0.1 (openssl), made once: the local server
    speaks HTTPS so that Chromium uses HTTP/2, as it does with the production host."""
    tls = WORK / "tls"
    key, cert = tls / "key.pem", tls / "cert.pem"
    if not (key.exists() and cert.exists()):
        tls.mkdir(parents=True, exist_ok=True)
        bl.run_checked(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "3650",
                        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
    return {"key": str(key), "cert": str(cert)}


def pagefind_copy(output: Path, name: str, pagefind: Path) -> Path:
    copy = WORK / name / "pagefind-site"
    shutil.rmtree(copy, ignore_errors=True)
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(output, copy)
    log = bl.LOGS / "search-bytes" / f"{name}-pagefind.log"
    sample = bl.measure([pagefind, "--site", copy], bl.ROOT, log)
    if not sample.ok:
        raise SystemExit(f"Pagefind failed (log {log}):\n{sample.failure()}")
    bl.say(f"  Pagefind indexed the copy in {sample.wall:.1f} s")
    (copy / BLANK).write_text(
        f'<!doctype html>\n<html lang="{LANG}"><head><meta charset="utf-8"><title>blank</title></head><body></body></html>\n',
        encoding="utf-8")
    return copy


def files_bytes(paths) -> tuple[int, int]:
    total = count = 0
    for p in paths:
        if p.is_file():
            total += p.stat().st_size
            count += 1
    return total, count


def disk(faro_out: Path, pf_site: Path) -> dict:
    search, pf = faro_out / "search", pf_site / "pagefind"
    pf_all = [p for p in pf.rglob("*") if p.is_file()]
    code = re.compile(r"\.(js|css|wasm)$|^wasm\..*\.pagefind$")
    pf_data = [p for p in pf_all if not code.search(p.name)]
    pf_lang = [p for p in pf_data if p.name.startswith(f"{LANG}_") or p.name.startswith(f"pagefind.{LANG}_")]
    entry = json.loads((pf / "pagefind-entry.json").read_text())
    faro_manifest = json.loads((search / LANG / "index.json").read_text())
    return {
        "faro": {"all": bl.tree_bytes(search), "data": bl.tree_bytes(search), "lang": bl.tree_bytes(search / LANG),
                 "docs": faro_manifest.get("docs")},
        "pagefind": {"all": files_bytes(pf_all), "data": files_bytes(pf_data), "lang": files_bytes(pf_lang),
                     "docs": entry["languages"].get(LANG, {}).get("page_count")},
    }


def kib(n: int) -> str:
    return f"{n / 1024:.1f}"


def pair(a: int, b: int) -> str:
    return f"{kib(a)} / {kib(b)}"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "–"


def ms(x: float) -> str:
    return f"{x:.1f}" if x < 10 else f"{x:.0f}"


def spread(t: dict) -> str:
    return f"{ms(t['median'])} ({ms(t['min'])}–{ms(t['max'])})"


def count_of(shown: dict) -> str:
    match = re.search(r"\d[\d.,\u00a0\u202f ]*", shown.get("status", ""))
    return re.sub(r"\D", "", match.group(0)) if match else "?"


def render(result: dict, sizes: dict) -> tuple[str, list[str]]:
    rows, facts = [], []
    fewer = {"raw": 0, "gzip": 0}
    for s in result["scenarios"]:
        f, p = s["bytes"]["faro"], s["bytes"]["pagefind"]
        label = next(l for i, l, _, _ in SCENARIOS if i == s["id"])
        query = f"{label}: «{s['query']}»" + (f" after «{s['first']}»" if s.get("first") else "")
        totals = {k: (f[k]["index"] + f[k]["code"], p[k]["index"] + p[k]["code"]) for k in ("raw", "gzip")}
        for k in fewer:
            fewer[k] += totals[k][0] < totals[k][1]
        rows.append([
            query,
            pair(f["raw"]["index"], f["gzip"]["index"]), pair(f["raw"]["code"], f["gzip"]["code"]),
            f"{f['requests']}", count_of(s["shown"]["faro"]),
            pair(p["raw"]["index"], p["gzip"]["index"]), pair(p["raw"]["code"], p["gzip"]["code"]),
            f"{p['requests']}", count_of(s["shown"]["pagefind"]),
            f"{ratio(*totals['raw'])} / {ratio(*totals['gzip'])}",
            f"{ratio(f['raw']['index'], p['raw']['index'])} / {ratio(f['gzip']['index'], p['gzip']['index'])}",
        ])
    header = ["query", "faro index KiB raw / gzip", "faro code KiB raw / gzip", "faro requests", "faro results",
              "Pagefind index KiB raw / gzip", "Pagefind code KiB raw / gzip", "Pagefind requests",
              "Pagefind results", "faro/Pagefind all bytes raw / gzip", "faro/Pagefind index bytes raw / gzip"]
    bytes_table = bl.markdown_table(header, rows, right=set(range(1, 11)))

    rows2 = []
    warm_medians = {"faro": [], "pagefind": []}
    at_once = []
    for s in result["scenarios"]:
        if not s["timing"]:
            continue
        label = next(l for i, l, _, _ in SCENARIOS if i == s["id"])
        for kind, what in (("warm", f"{label} «{s['query']}», ms"),
                           ("atOnce", "the same, timed as the first results appear, ms"),
                           ("repeat", "the same again (all loaded), ms")):
            if kind not in s["timing"]["faro"]:
                continue
            f, p = s["timing"]["faro"][kind], s["timing"]["pagefind"][kind]
            if kind == "warm":
                warm_medians["faro"].append(f["median"])
                warm_medians["pagefind"].append(p["median"])
            if kind == "atOnce":
                at_once.append(f["median"])
            rows2.append([what, spread(f), spread(p), ratio(f["median"], p["median"])])
            if kind == "warm" and "waiting" in s["timing"]["faro"]:
                rows2.append(["of which some request in flight, ms", spread(s["timing"]["faro"]["waiting"]),
                              "– (in its worker)", "–"])
    for s in result["scenarios"]:
        if "typed" in s:
            label = next(l for i, l, _, _ in SCENARIOS if i == s["id"])
            what = ("first query of the page" if not s.get("first") else f"next query after «{s['first']}»")
            rows2.append([f"typed, {label} «{s['query']}», {what}: last key to results shown, ms",
                          spread(s["typed"]), "–", "–"])
            if "typedBytes" in s:
                # Against the bytes Pagefind downloaded for the same query submitted once.
                f, p = s["typedBytes"], s["bytes"]["pagefind"]
                raw, gz = (f["raw"]["index"] + f["raw"]["code"], f["gzip"]["index"] + f["gzip"]["code"])
                praw, pgz = (p["raw"]["index"] + p["raw"]["code"], p["gzip"]["index"] + p["gzip"]["code"])
                rows2.append([f"the same typed: KiB downloaded while typing, raw / gzip ({f['requests']} requests), "
                              "against Pagefind's for the query once", pair(raw, gz), pair(praw, pgz),
                              f"{ratio(raw, praw)} / {ratio(gz, pgz)}"])
    if "roundTrip" in result:
        f, p = result["roundTrip"]["faro"], result["roundTrip"]["pagefind"]
        rows2.append([f"one small file requested alone, ms ({len(f['samples'])} in a row)", spread(f), spread(p),
                      ratio(f["median"], p["median"])])
    fd, pd = sizes["faro"], sizes["pagefind"]
    for what, key in (("index on disk, all languages: KiB (files)", "all"),
                      ("the same without code (JS, CSS, WebAssembly): KiB (files)", "data"),
                      (f"the Spanish index only: KiB (files)", "lang")):
        rows2.append([what, f"{kib(fd[key][0])} ({fd[key][1]:,})", f"{kib(pd[key][0])} ({pd[key][1]:,})",
                      ratio(fd[key][0], pd[key][0])])
    rows2.append(["Spanish pages indexed", f"{fd['docs']:,}", f"{pd['docs']:,}", ratio(fd["docs"], pd["docs"])])
    time_table = bl.markdown_table(["measure", "faro", "Pagefind", "faro/Pagefind"], rows2, right={1, 2, 3})

    n = len(result["scenarios"])
    facts.append(f"faro downloaded fewer bytes than Pagefind in {fewer['raw']} of {n} queries uncompressed and "
                 f"{fewer['gzip']} of {n} gzipped.")
    if warm_medians["faro"]:
        facts.append(f"Warm queries: median {', '.join(ms(x) for x in warm_medians['faro'])} ms for faro "
                     f"(target under 50 ms) and {', '.join(ms(x) for x in warm_medians['pagefind'])} ms for Pagefind, "
                     f"in the order of the table above; measured, not asserted."
                     + (f" Timed as the first results appear: {', '.join(ms(x) for x in at_once)} ms for faro."
                        if at_once else ""))
    return bytes_table + "\n\n" + time_table, facts


def describe(what: str, result: dict, machine, versions: dict, started: dt.datetime) -> str:
    command = shlex.join(["python3", "bench/search_bytes.py", *sys.argv[1:]])
    lines = [
        f"Run on {started:%Y-%m-%d %H:%M} UTC by `{command}`: {what}, "
        f"and Pagefind run over a copy of the same output. Chromium {result['chromium']} (headless) against "
        f"127.0.0.1 over {result.get('protocol', 'HTTP/1.1')} (tests/browser/harness.mjs, no compression, no cache "
        f"headers; HTTP/2 is what Netlify serves, `--http1` measures HTTP/1.1). Bytes are the response bodies "
        f"the server sent for the query: faro, everything under /search/ plus /search.<hash>.js; Pagefind, everything "
        f"under /pagefind/; gzip is each body through node:zlib at its default level. Cold: a fresh browser "
        f"context opens the query; warm: the next query in the same page, {result.get('pauseMs', 0):,} ms after "
        f"the first one's results appeared (a person types the next query later than that; \"timed as the first "
        f"results appear\" starts it at once, while the page is still finishing its loading). Times: median "
        f"(min–max) of {result['reps']} fresh contexts, from submitting the form to the results list filled (faro) "
        f"or `search()` plus `data()` of the first 10 results (Pagefind). The browser, the server and the page "
        f"share the machine's cores, so times move with its load (the load averages are below) and nothing "
        f"asserts them.",
        "",
    ]
    lines += bl.machine_table(machine, versions)
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", default=["shipped", "10000"],
                        help="`shipped` and/or corpus sizes N (bench/out/faro-N); default: shipped 10000")
    parser.add_argument("--faro", type=Path, help="faro binary (default target/release/faro, built when missing)")
    parser.add_argument("--reps", type=int, default=REPS, help=f"timed repetitions per warm query (default {REPS})")
    parser.add_argument("--pause", type=int, default=PAUSE_MS,
                        help=f"ms between the first query's results and the timed warm query (default {PAUSE_MS})")
    parser.add_argument("--no-results", action="store_true", help="print the tables, leave bench/RESULTS.md alone")
    parser.add_argument("--http1", action="store_true",
                        help="serve plain HTTP/1.1 instead of HTTPS with HTTP/2 (the production host's protocol)")
    args = parser.parse_args()
    for target in args.targets:
        if target != "shipped" and not target.isdigit():
            parser.error(f"{target!r}: expected `shipped` or a corpus size")

    faro = args.faro.resolve() if args.faro else bl.FARO
    if not faro.exists():
        faro = bl.build_faro()
    # A copy, so that a `cargo build --release` elsewhere during the run changes nothing.
    WORK.mkdir(parents=True, exist_ok=True)
    shutil.copy2(faro, WORK / "faro")
    faro = WORK / "faro"
    pagefind = bl.pagefind_binary()
    playwright_ready()
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
    versions = {"faro": bl.faro_version(), "Pagefind": bl.version_of([pagefind, "--version"]),
                "Chromium": chromium or "unknown"}

    for target in args.targets:
        name = "shipped" if target == "shipped" else f"faro-{target}"
        bl.say(f"== {name}")
        started = dt.datetime.now(dt.timezone.utc)
        machine = bl.machine()
        output, what = faro_output(target, faro)
        pf_site = pagefind_copy(output, name, pagefind)
        config = {
            "faro": str(output), "pagefind": str(pf_site), "blank": f"/{BLANK}", "lang": LANG, "reps": args.reps,
            "pause_ms": args.pause,
            **({} if args.http1 else {"tls": certificate()}),
            "scenarios": [dict(id=i, query=q, **({"first": first} if first else {})) for i, _, first, q in SCENARIOS],
        }
        (WORK / name).mkdir(parents=True, exist_ok=True)
        config_path, result_path = WORK / name / "config.json", WORK / name / "result.json"
        config_path.write_text(json.dumps(config, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        bl.run_checked(["node", str(bl.BENCH / "search_bytes.mjs"), str(config_path), str(result_path)])
        result = json.loads(result_path.read_text())
        sizes = disk(output, pf_site)
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        machine.append(("load average at end (1, 5, 15 min)", load))
        result["disk"] = sizes
        result_path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

        tables, facts = render(result, sizes)
        print()
        print(tables)
        print()
        print("\n".join(facts))
        if not args.no_results:
            title = ("Search: bytes per query against Pagefind, shipped site" if target == "shipped"
                     else f"Search: bytes per query against Pagefind at N = {int(target):,}")
            body = (describe(what, result, machine, versions, started) + "\n\n" + tables + "\n\n"
                    + " ".join(facts) + "\n")
            section = "search-shipped" if target == "shipped" else f"search-{target}"
            bl.replace_section(section, title, body)
            bl.say(f"wrote the {section} section of {bl.RESULTS.relative_to(bl.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
