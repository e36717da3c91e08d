#!/usr/bin/env python3
"""Import the Peru PNAT 2017-2021 alignment study (seed 004) into faro content.

Source: ``sources/004_00f5d4a57eac71c3.txt`` -- annex of an alignment study
that puts each directive (1-67) of the II Work Plan (2015-2018) next to its OAS
indicator, the matching categories/objectives of Peru's Plan Nacional contra la
Trata de Personas 2017-2021 (PNAT) and observations on the gap.

Output (the only thing this script writes; it is deleted and regenerated on
every run, so two runs give byte-identical files):

    content/alignments/pe-pnat-2017-2021/_index.es.md
    content/alignments/pe-pnat-2017-2021/<N>.es.md      (N = 1..67)

A report (counts, parsing anomalies, differences between the seed's directive
texts and content/plans/2015-2018/directives/<N>.es.md) is printed on stdout.

Usage (from anywhere; Python >= 3.11, standard library only):

    python3 scripts/import_alignment.py

Parsing rules
-------------
* Rows are tab-separated: N°, directive, OAS indicator, PNAT cell, observations.
* A line whose first cell is a number starts a row; a line whose first cell is
  empty but another cell is not continues the previous row (the table was
  broken over a page).  Lines of dashes (``---\t---``), the ``N°`` column
  header, ``## ...`` and ``<b>...</b>`` section headers and blank lines are
  skipped.
* Text: HTML tags removed, entities decoded, whitespace collapsed.
* PNAT cell: each ``<u>topic</u>`` starts a match; the text up to the next
  ``<u>`` is the PNAT category/objective it maps to.  "No hay" => ``pnat = ""``.
* Observations: ``<p>`` boundaries become paragraph breaks.  When a row is
  continued on another line, the continuation fragment is joined to the
  previous paragraph with a space if that paragraph does not end with
  sentence punctuation (the cell was cut mid-sentence), otherwise it starts a
  new paragraph.

Coverage status rule (also stated in _index.es.md)
---------------------------------------------------
* ``none``    -- the row has no matches, or every match says "No hay";
* ``covered`` -- no match says "No hay" and the observations contain none of
  GAP_PHRASES;
* ``partial`` -- otherwise: some matches say "No hay" and others do not, or
  the observations contain one of GAP_PHRASES (case-insensitive substring
  match on the observation text after whitespace collapsing).
"""

import difflib
import html
import os
import re
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED_REL = "sources/004_00f5d4a57eac71c3.txt"
SEED = os.path.join(ROOT, SEED_REL)
OUT_REL = "content/alignments/pe-pnat-2017-2021"
OUT = os.path.join(ROOT, OUT_REL)
PLAN_DIR = os.path.join(ROOT, "content", "plans", "2015-2018", "directives")
EXPECTED = list(range(1, 68))

# Phrases that signal a gap in the observations (chosen after reading every
# observation of the seed; matched case-insensitively as substrings).
GAP_PHRASES = [
    "no dispone",
    "no especifica",
    "no menciona",
    "no hace referencia",
    "no impulsa",
    "no alienta",
    "no hay otra disposición",
    "no hay ningún",
    "no está reflejada",
    "desatiende",
    "tampoco",
    "la brecha",
    "discordancia",
    "sin embargo",
]

NO_MATCH = "no hay"

INDEX_FRONT = {
    "kind": "alignment",
    "title": "Perú: Plan Nacional contra la Trata de Personas 2017-2021 (PNAT) "
    "frente al II Plan de Trabajo",
    "country": "PE",
    "plan": "2015-2018",
    "national_plan": "Plan Nacional contra la Trata de Personas 2017-2021 (PNAT)",
    "source": SEED_REL,
}

REPORT = []


def note(msg):
    REPORT.append(msg)


# --------------------------------------------------------------------------
# text helpers
# --------------------------------------------------------------------------

TAG_RE = re.compile(r"<[^>]*>")
WS_RE = re.compile(r"\s+")
P_RE = re.compile(r"</?p\b[^>]*>", re.I)
U_RE = re.compile(r"<u\b[^>]*>(.*?)</u\s*>", re.I | re.S)
DASHES_RE = re.compile(r"^-+$")
ENDS_SENTENCE_RE = re.compile(r"[.:;!?”\"»]$")  # not ")": "(f)" ends a cut cell


def clean(s):
    """Remove tags, decode entities, collapse whitespace, trim."""
    s = TAG_RE.sub(" ", s)
    s = html.unescape(s)
    return WS_RE.sub(" ", s).strip()


def paragraphs(raw):
    """Split a cell fragment into paragraphs at <p>/</p> boundaries."""
    out = []
    for piece in P_RE.split(raw):
        t = clean(piece)
        if t:
            out.append(t)
    return out


def toml_str(s):
    out = ['"']
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("\\u%04X" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


BLOCK_START_RE = re.compile(
    r"^(#{1,6}(?=\s|$)|>|[*+-](?=\s|$)|\d{1,9}[.)](?=\s|$)|=+\s*$|-{3,}|_{3,}|\*{3,}|`{3,}|~{3,}|<|\|)"
)


def md_escape_start(text):
    """Backslash-escape a paragraph start that Markdown would misinterpret."""
    m = BLOCK_START_RE.match(text)
    if not m:
        return text
    tok = m.group(0)
    if tok[0].isdigit():
        i = len(tok) - 1
        return text[:i] + "\\" + text[i:]
    return "\\" + text


# --------------------------------------------------------------------------
# parsing
# --------------------------------------------------------------------------


class Row:
    def __init__(self, number, line):
        self.number = number
        self.line = line
        self.section = None
        self.frags = [[] for _ in range(5)]  # per column: [(line, raw)]
        self.lines = [line]

    def add(self, lineno, cells):
        for j in range(5):
            if j < len(cells) and cells[j].strip():
                self.frags[j].append((lineno, cells[j]))
        if lineno not in self.lines:
            self.lines.append(lineno)

    def joined(self, col):
        return " ".join(raw for _, raw in self.frags[col])

    def directive_text(self):
        return clean(self.joined(1))

    def indicator_text(self):
        return clean(self.joined(2))

    def observations(self):
        paras = []
        for k, (_, raw) in enumerate(self.frags[4]):
            ps = paragraphs(raw)
            if not ps:
                continue
            if k > 0 and paras and not ENDS_SENTENCE_RE.search(paras[-1]):
                paras[-1] = paras[-1] + " " + ps[0]
                ps = ps[1:]
            paras.extend(ps)
        return paras

    def matches(self):
        raw = self.joined(3)
        found = list(U_RE.finditer(raw))
        if not found:
            if clean(raw):
                note(f"row {self.number}: PNAT cell has text but no <u> topic: {clean(raw)!r}")
            return []
        prefix = clean(raw[: found[0].start()])
        if prefix:
            note(f"row {self.number}: PNAT text before the first topic: {prefix!r}")
        out = []
        for k, m in enumerate(found):
            end = found[k + 1].start() if k + 1 < len(found) else len(raw)
            topic = clean(m.group(1))
            after = clean(raw[m.end():end])
            if after.lower().rstrip(".").strip() == NO_MATCH:
                pnat = ""
                no_match = True
            else:
                pnat = after
                no_match = False
                if NO_MATCH in after.lower():
                    note(f"row {self.number}: topic {topic!r}: 'No hay' inside {after!r}")
                if not after:
                    note(f"row {self.number}: topic {topic!r} has no PNAT text and no 'No hay'")
            out.append({"topic": topic, "pnat": pnat, "no_match": no_match})
        return out


def parse(lines):
    rows = []
    section = None
    cur = None
    for i, line in enumerate(lines, 1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        if line.startswith("#"):
            section = clean(line.lstrip("#"))
            cur = None
            continue
        cells = line.split("\t")
        if len(cells) > 5:
            note(f"line {i}: {len(cells)} cells (expected 5)")
        first = cells[0].strip()
        rest = [c for c in cells[1:] if c.strip()]
        if all(DASHES_RE.match(c.strip()) for c in cells if c.strip()):
            continue  # separator line
        if first in ("N°", "Nº", "N.°"):
            continue  # column header
        if re.match(r"(?i)^<b>.*</b>$", first) and not rest:
            section = clean(first)
            cur = None
            continue
        if re.fullmatch(r"\d+", first):
            cur = Row(int(first), i)
            cur.section = section
            cur.add(i, cells)
            rows.append(cur)
            continue
        if not first and rest:
            if cur is None:
                note(f"line {i}: continuation line with no open row: {line[:80]!r}")
                continue
            cur.add(i, cells)
            continue
        note(f"line {i}: unrecognised line: {line[:80]!r}")
    return rows


def gap_phrases_in(paras):
    text = WS_RE.sub(" ", " ".join(paras)).lower()
    return [p for p in GAP_PHRASES if p.lower() in text]


def coverage(matches, paras):
    """Return (status, reason)."""
    if not matches:
        return "none", "no matches"
    nohay = [m["no_match"] for m in matches]
    if all(nohay):
        return "none", "every match says No hay"
    if any(nohay):
        return "partial", "some matches say No hay"
    found = gap_phrases_in(paras)
    if found:
        return "partial", "observations: " + ", ".join(found)
    return "covered", "no No hay, no gap phrase"


# --------------------------------------------------------------------------
# comparison with the II Plan content
# --------------------------------------------------------------------------


def plan_body(n):
    path = os.path.join(PLAN_DIR, f"{n}.es.md")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        text = f.read()
    parts = text.split("+++", 2)
    body = parts[2] if len(parts) == 3 else text
    return body


def norm_compare(s):
    s = re.sub(r"\[\^[^\]]+\]", " ", s)  # markdown footnote refs
    s = re.sub(r"(?m)^\s*[-*+]\s+", " ", s)  # list markers
    s = re.sub(r"\\(.)", r"\1", s)  # markdown escapes
    return clean(s)


def word_diff(a, b):
    wa, wb = a.split(" "), b.split(" ")
    sm = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        before = " ".join(wa[max(0, i1 - 3):i1])
        after = " ".join(wa[i2:i2 + 3])
        out.append(
            f"{op}: seed {' '.join(wa[i1:i2])!r} -> plan {' '.join(wb[j1:j2])!r}"
            f"  (context: ...{before} [] {after}...)"
        )
    return out


# --------------------------------------------------------------------------
# output
# --------------------------------------------------------------------------


def index_body():
    phrases = ", ".join(f"«{p}»" for p in GAP_PHRASES)
    return (
        "Esta tabla reproduce el anexo de un estudio de alineación que compara "
        "cada una de las directrices 1 a 67 del II Plan de Trabajo para Combatir "
        "la Trata de Personas en el Hemisferio Occidental (2015-2018) con los "
        "objetivos y categorías del Plan Nacional contra la Trata de Personas "
        "2017-2021 (PNAT) del Perú.\n\n"
        "Para cada directriz, el estudio señala los temas pertinentes, la "
        "categoría u objetivo del PNAT con que se corresponde cada tema (o «No "
        "hay» cuando no existe correspondencia) y observaciones sobre la "
        "brecha, que se reproducen literalmente.\n\n"
        "El estado de cobertura de cada fila se deriva mecánicamente de ese "
        "texto y no forma parte del estudio: es «none» (sin correspondencia) "
        "cuando la fila no tiene temas o todos sus temas dicen «No hay»; "
        "«covered» (cubierta) cuando ningún tema dice «No hay» y las "
        "observaciones no señalan una brecha; y «partial» (parcial) en los "
        "demás casos, es decir, cuando unos temas dicen «No hay» y otros no, o "
        "cuando las observaciones señalan una brecha.\n\n"
        "Se considera que las observaciones señalan una brecha cuando "
        "contienen, sin distinguir mayúsculas de minúsculas, alguna de estas "
        f"expresiones: {phrases}.\n"
    )


def front(pairs):
    lines = ["+++"]
    for k, v in pairs:
        if isinstance(v, int):
            lines.append(f"{k} = {v}")
        else:
            lines.append(f"{k} = {toml_str(v)}")
    return lines


def row_file(row, matches, status, paras):
    lines = front(
        [
            ("kind", "alignment-row"),
            ("directive", f"2015-2018/{row.number}"),
            ("status", status),
            ("source_line", row.line),
        ]
    )
    for m in matches:
        lines.append("")
        lines.append("[[matches]]")
        lines.append(f"topic = {toml_str(m['topic'])}")
        lines.append(f"pnat = {toml_str(m['pnat'])}")
    lines.append("+++")
    text = "\n".join(lines) + "\n"
    if paras:
        text += "\n" + "\n\n".join(md_escape_start(p) for p in paras) + "\n"
    return text


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    with open(SEED, encoding="utf-8") as f:
        lines = f.read().split("\n")
    rows = parse(lines)

    # numbering checks
    seen = {}
    for r in rows:
        if r.number in seen:
            note(f"row {r.number}: duplicated (lines {seen[r.number].line} and {r.line}); the first is kept")
        else:
            seen[r.number] = r
    missing = [n for n in EXPECTED if n not in seen]
    extra = sorted(n for n in seen if n not in EXPECTED)
    if missing:
        note(f"missing rows: {missing}")
    if extra:
        note(f"unexpected row numbers: {extra}")
    order = [r.number for r in rows]
    if order != sorted(order):
        note(f"rows out of order: {order}")
    for r in rows:
        if len(r.lines) > 1:
            note(f"row {r.number}: split over lines {r.lines}")

    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)

    index = "\n".join(front(list(INDEX_FRONT.items())) + ["+++", ""]) + "\n" + index_body()
    write(os.path.join(OUT, "_index.es.md"), index)

    counts = {"covered": 0, "partial": 0, "none": 0}
    table = []
    diffs = []
    for n in sorted(seen):
        r = seen[n]
        ms = r.matches()
        paras = r.observations()
        status, reason = coverage(ms, paras)
        counts[status] += 1
        if not ms:
            note(f"row {n}: no PNAT cell content -> status none, no [[matches]]")
        if not paras:
            note(f"row {n}: no observations")
        table.append((n, status, reason))
        write(os.path.join(OUT, f"{n}.es.md"), row_file(r, ms, status, paras))

        body = plan_body(n)
        if body is None:
            diffs.append(f"row {n}: content/plans/2015-2018/directives/{n}.es.md not found")
            continue
        a, b = norm_compare(r.directive_text()), norm_compare(body)
        if a != b:
            diffs.append(f"row {n} (line {r.line}): directive text differs from the II Plan content:")
            diffs.extend("    " + d for d in word_diff(a, b))

    print(f"rows: {len(seen)}  " + "  ".join(f"{k}: {v}" for k, v in counts.items()))
    print("\nstatus per row:")
    for n, status, reason in table:
        print(f"  {n:>2} {status:<8} {reason}")
    print("\nanomalies:")
    for m in REPORT:
        print("  " + m)
    print("\ndirective text vs content/plans/2015-2018/directives:")
    if diffs:
        for d in diffs:
            print("  " + d)
    else:
        print("  all identical after normalization")
    return 0


if __name__ == "__main__":
    sys.exit(main())
