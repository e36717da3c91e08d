#!/usr/bin/env python3
"""Import the OAS Work Plans against Trafficking in Persons into faro content.

Reads only files under ``sources/`` (copies of the seed documents) and writes
Markdown files with TOML front matter under ``content/plans/``.  Nothing else
is written: ``content/plans/`` is deleted and regenerated on every run, so two
runs give byte-identical output.  Exception: the hand-curated ``lineage`` and
``continues`` keys of the 2021-2026 ``.es.md`` files (see
sources/LINEAGE_NOTES.md) are read before the files are deleted and written
back right after ``source_line``.  A report (counts, anomalies found while
parsing, the matching of the earlier indicator table) is printed to stdout.

Usage (from anywhere):

    python3 scripts/import_plans.py            # import + report on stdout
    python3 scripts/import_plans.py --check    # import, then verify counts and
                                               # that every front matter parses

Standard library only (Python >= 3.11 for tomllib in --check and for reading
the curated keys back).

Text rules (see sources/IMPORT_NOTES.md): item text is kept as in the source
except that leading numbering is stripped, runs of spaces/tabs are collapsed,
text is trimmed and broken line wraps inside one item are joined with a space.
Delegation proposals such as ``[CAN: ...]`` stay verbatim.  Footnote markers
``[footnoteRef:N]`` and footnote texts ``[N: ...]`` become Markdown footnotes.
"""

import argparse
import difflib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = os.path.join(ROOT, "sources")
OUT = os.path.join(ROOT, "content", "plans")

SEED_III = "000_8facd6028fc97ae3.txt"
SEED_II_ES = "001_4180d600d7645beb.txt"
SEED_II_EARLY = "002_f7dd74771a0363bf.txt"
SEED_II_PT = "003_9c915135aeb8dab8.txt"

# difflib ratio below which an earlier-indicator row is reported as unmatched
MATCH_THRESHOLD = 0.6

# Decisions taken after reading every row of seed 002 next to its best
# candidate (see sources/IMPORT_NOTES.md).  They override the automatic match.
#   row 25: its text is a verbatim prefix of II directive 47 ("Estimular la
#           actuación conjunta ... derechos humanos de los trabajadores"); the
#           ratio is low only because 47 goes on ("incluso creando mecanismos
#           de denuncia ..."); both indicators are identical.
#   row 7:  "Adoptar iniciativas de concienciación en los Estados Miembros que
#           reciben a las víctimas ... reducir la demanda": no II directive
#           has this content (best candidate 57 is unrelated).
REVIEWED_MATCHES = {25: "47", 7: None}

REPORT = []  # lines printed at the end


def note(msg):
    REPORT.append(msg)


# --------------------------------------------------------------------------
# text helpers
# --------------------------------------------------------------------------

WS_RE = re.compile(r"[ \t]+")


def norm(s):
    """Collapse runs of spaces/tabs into one space and trim."""
    return WS_RE.sub(" ", s).strip()


def join_wrap(a, b):
    """Join a broken line wrap with a single space."""
    a, b = norm(a), norm(b)
    if not a:
        return b
    if not b:
        return a
    return a + " " + b


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
        # "1." / "1)" -> "1\." / "1\)"
        i = len(tok) - 1
        return text[:i] + "\\" + text[i:]
    return "\\" + text


def is_blank(line):
    return line.strip() == ""


ENDS_SENTENCE_RE = re.compile(r"[.:;!?”\"»)]\s*$")


def starts_upper(s):
    s = s.lstrip()
    return bool(s) and (s[0].isupper() or s[0] in "“\"«")


def prose_paragraphs(lines):
    """Split prose lines into paragraphs.

    Blank lines separate paragraphs.  Two consecutive non-blank lines are a
    broken wrap (joined with a space) unless the first ends a sentence and the
    second starts with an upper-case letter, in which case the extraction lost
    the blank line between two paragraphs.
    """
    paras = []
    cur = None
    prev_blank = True
    for line in lines:
        if is_blank(line):
            prev_blank = True
            continue
        if cur is None or prev_blank or (
            ENDS_SENTENCE_RE.search(cur) and starts_upper(line)
        ):
            if cur is not None:
                paras.append(cur)
            cur = norm(line)
        else:
            cur = join_wrap(cur, line)
        prev_blank = False
    if cur is not None:
        paras.append(cur)
    return [p for p in paras if p]


def find_matching_bracket(text, start):
    """Index of the ']' matching the '[' at text[start] (nesting aware)."""
    depth = 0
    for i in range(start, len(text)):
        c = text[i]
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return i
    return -1


FOOTDEF_RE = re.compile(r"\[(\d+): ")
FOOTREF_RE = re.compile(r"\[footnoteRef:(\d+)\]")
FOOT_LEAD_RE = re.compile(r"^\s*[.\ufffd]*\.?\s*")


def clean_footnote_text(raw):
    """Footnote body: drop the '.<TAB>' residue of the footnote number,
    join its lines with a space, collapse whitespace."""
    raw = FOOT_LEAD_RE.sub("", raw, count=1)
    parts = [norm(x) for x in raw.split("\n") if not is_blank(x)]
    return " ".join(parts)


def extract_inline_footnotes(text):
    """Pull '[N: ...]' footnote texts (seed 000 style) out of *text*.

    Returns (text_without_definitions, {N: footnote_text})."""
    notes = {}
    out = []
    pos = 0
    while True:
        m = FOOTDEF_RE.search(text, pos)
        if not m:
            out.append(text[pos:])
            break
        end = find_matching_bracket(text, m.start())
        if end < 0:
            raise SystemExit("unterminated footnote [%s: at offset %d" % (m.group(1), m.start()))
        out.append(text[pos:m.start()])
        notes[m.group(1)] = clean_footnote_text(text[m.end():end])
        pos = end + 1
    return "".join(out), notes


def convert_refs(text):
    return FOOTREF_RE.sub(lambda m: "[^%s]" % m.group(1), text)


def body_with_footnotes(paragraphs, notes):
    """Markdown body: paragraphs, then one '[^N]: text' line per footnote."""
    out = [md_escape_start(convert_refs(p)) for p in paragraphs]
    body = "\n\n".join(out)
    used = re.findall(r"\[\^(\w+)\]", body)
    defs = []
    for label in used:
        if label in notes and label not in [d[0] for d in defs]:
            defs.append((label, notes[label]))
    for label in notes:
        if label not in used:
            note("WARNING: footnote %s has no marker in its body" % label)
    if defs:
        body += "\n\n" + "\n\n".join("[^%s]: %s" % (lab, txt) for lab, txt in defs)
    return body


# --------------------------------------------------------------------------
# TOML writing
# --------------------------------------------------------------------------


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        # JSON string escapes are a subset of TOML basic-string escapes
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    raise TypeError(type(v))


def front_matter(fields, tables=None):
    lines = ["+++"]
    for k, v in fields:
        lines.append("%s = %s" % (k, toml_value(v)))
    for name, rows in tables or []:
        for row in rows:
            lines.append("")
            lines.append("[[%s]]" % name)
            for k, v in row:
                lines.append("%s = %s" % (k, toml_value(v)))
    lines.append("+++")
    return "\n".join(lines) + "\n"


WRITTEN = []

# Hand-curated keys kept across runs: relpath -> [(key, value)], filled by
# read_curated() before the old files are deleted.  Written back right after
# ``source_line`` (in this order) by write_md().
CURATED_KEYS = ("lineage", "continues")
CURATED_PLAN = "2021-2026"
CURATED = {}


def read_curated():
    """Read the curated keys of the existing 2021-2026 .es.md files."""
    import tomllib

    for dirpath, _, names in os.walk(os.path.join(OUT, CURATED_PLAN)):
        for name in sorted(names):
            if not name.endswith(".es.md"):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8") as f:
                parts = f.read().split("+++\n")
            if len(parts) < 3:
                continue
            try:
                meta = tomllib.loads(parts[1])
            except tomllib.TOMLDecodeError as e:
                raise SystemExit("cannot read curated keys of %s: %s" % (path, e))
            kept = [(k, meta[k]) for k in CURATED_KEYS if k in meta]
            if kept:
                CURATED[os.path.relpath(path, OUT).replace(os.sep, "/")] = kept


def write_md(relpath, fields, body, tables=None):
    path = os.path.join(OUT, relpath)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    kept = CURATED.pop(relpath, None)
    if kept:
        keys = [k for k, _ in fields]
        at = keys.index("source_line") + 1 if "source_line" in keys else len(fields)
        fields = fields[:at] + kept + fields[at:]
    text = front_matter(fields, tables)
    if body:
        text += "\n" + body.rstrip("\n") + "\n"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    WRITTEN.append(relpath)


# --------------------------------------------------------------------------
# plan body parser (shared by the three plan documents)
# --------------------------------------------------------------------------

SECTION_RE = re.compile(r"^\s*(I|II|III|IV|V|VI|VII|VIII|IX|X)\.\s+(\S.*?)\s*$")
ARABIC_RE = re.compile(r"^\s*(\d+(?:bis)?)\.(?:\s+|$)(.*)$")
ALT_RE = re.compile(r"^\s*\[(\d+ALT)\.\s*(.*)$")
ROMAN_RE = re.compile(r"^\s*([ivx]+)\.\s+(.*)$")
PAREN_RE = re.compile(r"^\s*(\d+)\)(?:\s+|$)(.*)$")


def is_heading_text(t):
    letters = [c for c in t if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


class Item:
    def __init__(self, kind, number, line, section):
        self.kind = kind
        self.number = number
        self.line = line
        self.section = section
        self.text = ""  # first paragraph
        self.sub = []  # list items: [marker, text]
        self.sub_style = None  # "roman" or "paren"
        self.after = []  # paragraphs after the list
        self.footnotes = {}

    def add_line(self, raw, after_blank):
        line = norm(raw)
        if self.after:
            if after_blank:
                self.after.append(line)
            else:
                self.after[-1] = join_wrap(self.after[-1], line)
        elif self.sub:
            last = self.sub[-1]
            if not last[1]:
                last[1] = line
            elif after_blank or (ENDS_SENTENCE_RE.search(last[1]) and starts_upper(line)):
                # text after the list: a closing paragraph
                self.after.append(line)
            else:
                last[1] = join_wrap(last[1], line)
        else:
            if self.text and after_blank:
                note("WARNING: %s %s line %d: paragraph after blank line joined to item text"
                     % (self.kind, self.number, self.line))
            self.text = join_wrap(self.text, line)

    def body(self):
        paras = [self.text] if self.text else []
        body = "\n\n".join(md_escape_start(convert_refs(p)) for p in paras)
        if self.sub:
            if self.sub_style == "paren":
                lst = "\n".join("%s) %s" % (m, convert_refs(t)) for m, t in self.sub)
            else:
                lst = "\n".join("- %s. %s" % (m, convert_refs(t)) for m, t in self.sub)
            body = (body + "\n\n" if body else "") + lst
        for p in self.after:
            body += "\n\n" + md_escape_start(convert_refs(p))
        if self.footnotes:
            body += "\n\n" + "\n\n".join(
                "[^%s]: %s" % (k, v) for k, v in self.footnotes.items())
        return body


class Section:
    def __init__(self, key, numeral, title, line, order):
        self.key = key
        self.numeral = numeral
        self.title = title
        self.line = line
        self.order = order
        self.intro = []  # raw lines before the first item
        self.items = []


def parse_plan(lines, start, end, section_keys, objectives_start=None,
               objectives_title=None, mandate_section="mandates"):
    """Parse lines[start:end] (0-based) into sections and items.

    section_keys maps the document's roman numeral to the section key.  For
    the II Plan the objectives have no heading: objectives_start is the 0-based
    index of the sentence that introduces them (used as the section title).
    """
    sections = []
    cur_sec = None
    cur_item = None
    after_blank = False
    order = 0

    def new_section(key, numeral, title, lineno):
        nonlocal cur_sec, cur_item
        cur_sec = Section(key, numeral, title, lineno, len(sections) + 1)
        sections.append(cur_sec)
        cur_item = None

    for idx in range(start, end):
        raw = lines[idx]
        lineno = idx + 1
        if is_blank(raw):
            after_blank = True
            continue
        if objectives_start is not None and idx == objectives_start:
            new_section("objectives", "", objectives_title, lineno)
            after_blank = False
            continue
        m = SECTION_RE.match(raw)
        if m and is_heading_text(m.group(2)):
            numeral = m.group(1)
            if numeral not in section_keys:
                raise SystemExit("unknown section numeral %s at line %d" % (numeral, lineno))
            new_section(section_keys[numeral], numeral, norm(m.group(2)), lineno)
            after_blank = False
            continue
        if cur_sec is None:
            raise SystemExit("text before first section at line %d: %r" % (lineno, raw[:60]))
        key = cur_sec.key
        if key in ("objectives", "principles"):
            m = ROMAN_RE.match(raw)
            if m:
                cur_item = Item(key[:-1], m.group(1), lineno, key)
                cur_item.add_line(m.group(2), False)
                cur_sec.items.append(cur_item)
            elif cur_item is None:
                cur_sec.intro.append(raw)
            else:
                cur_item.add_line(raw, after_blank)
        else:
            kind = "mandate" if key == mandate_section else "directive"
            m = ARABIC_RE.match(raw)
            malt = ALT_RE.match(raw) if kind == "mandate" else None
            mrom = ROMAN_RE.match(raw)
            mpar = PAREN_RE.match(raw)
            if malt:
                cur_item = Item(kind, malt.group(1), lineno, key)
                # "[4ALT. CAN: ...]" -> number "4ALT", text "[CAN: ...]"
                cur_item.add_line("[" + malt.group(2), False)
                cur_sec.items.append(cur_item)
                note("NOTE: mandate %s line %d: number taken from inside the bracket "
                     "'[4ALT. CAN: ...]'; body keeps '[CAN: ...]'" % (malt.group(1), lineno))
            elif m:
                cur_item = Item(kind, m.group(1), lineno, key)
                if m.group(2).strip():
                    cur_item.add_line(m.group(2), False)
                cur_sec.items.append(cur_item)
            elif mrom and cur_item is not None:
                cur_item.sub_style = "roman"
                cur_item.sub.append([mrom.group(1), norm(mrom.group(2))])
            elif mpar and cur_item is not None:
                cur_item.sub_style = "paren"
                cur_item.sub.append([mpar.group(1), norm(mpar.group(2))])
            elif cur_item is None:
                cur_sec.intro.append(raw)
            else:
                cur_item.add_line(raw, after_blank)
        after_blank = False
    return sections


# --------------------------------------------------------------------------
# indicator tables (annex of seeds 001/003 and the earlier table 002)
# --------------------------------------------------------------------------

ROW_RE = re.compile(r"^\s*(\d+)\.\s*(?:\((\d+)\))?\s*(.*)$")
DIRNUM_RE = re.compile(r"^\s*\((\d+)\)\s*(.*)$")
PART_RE = re.compile(r"^\s*[a-z]\)\s")


def parse_indicator_table(lines, start, end):
    """Rows of an indicator table in lines[start:end].

    A row starts with 'N.' (optionally '(M)', the directive it measures).  The
    directive text follows (lines without a leading TAB); the indicator text
    starts at the first line beginning with a TAB and may have parts
    'a) ...', 'b) ...' (kept on separate lines).  All-caps lines are headings.
    """
    rows = []
    cur = None
    state = None
    for idx in range(start, end):
        raw = lines[idx]
        if is_blank(raw):
            continue
        text = norm(raw)
        if is_heading_text(text) and not ROW_RE.match(raw):
            cur, state = None, None
            continue
        m = ROW_RE.match(raw)
        if m and (state != "indicator" or raw.startswith("\t") or raw.startswith(" \t")):
            cur = {"row": int(m.group(1)), "directive": m.group(2), "line": idx + 1,
                   "dtext": norm(m.group(3)), "parts": []}
            rows.append(cur)
            state = "directive"
            continue
        if cur is None:
            continue  # table title lines before the first row (e.g. "2015-2018")
        if state == "directive" and not raw.startswith("\t"):
            if cur["directive"] is None and not cur["dtext"]:
                md = DIRNUM_RE.match(raw)
                if md:
                    cur["directive"] = md.group(1)
                    cur["dtext"] = norm(md.group(2))
                    continue
            cur["dtext"] = join_wrap(cur["dtext"], raw)
            continue
        state = "indicator"
        if not cur["parts"] or PART_RE.match(raw):
            cur["parts"].append(text)
        else:
            cur["parts"][-1] = join_wrap(cur["parts"][-1], text)
    for r in rows:
        r["text"] = "\n".join(r["parts"])
    return rows


# --------------------------------------------------------------------------
# documents
# --------------------------------------------------------------------------


def read_lines(name):
    with open(os.path.join(SOURCES, name), encoding="utf-8") as f:
        return f.read().split("\n")


def index_of(lines, pred, start=0):
    for i in range(start, len(lines)):
        if pred(lines[i]):
            return i
    raise SystemExit("marker not found")


KEYS_III = {"I": "objectives", "II": "principles", "III": "general", "IV": "prevention",
            "V": "combat", "VI": "assistance", "VII": "information", "VIII": "cooperation",
            "IX": "mandates"}
KEYS_II = {"I": "principles", "II": "general", "III": "prevention", "IV": "combat",
           "V": "assistance", "VI": "mandates"}


def import_iii():
    src = SEED_III
    lines = read_lines(src)
    first_sec = index_of(lines, lambda l: l.startswith("I. OBJETIVOS"))
    # preamble: footnotes '[N: ...]' may span lines -> extract on the joined text
    pre_text, notes = extract_inline_footnotes("\n".join(lines[:first_sec]))
    paras = prose_paragraphs(pre_text.split("\n"))
    body = body_with_footnotes(paras, notes)
    title_m = re.search(r"el (Tercer Plan de Trabajo para Respuestas Integrales a la Trata de "
                        r"Personas en el Hemisferio Occidental \(2021-2026\))", pre_text)
    # document code glued to the end of the last mandate
    code_idx = None
    for i, l in enumerate(lines):
        if l.rstrip().endswith("CP43847S04"):
            code_idx = i
    lines = list(lines)
    lines[code_idx] = lines[code_idx].rstrip()[: -len("CP43847S04")]
    note("NOTE: III plan line %d: document code 'CP43847S04' glued to the end of mandate 19 "
         "was removed from the mandate text" % (code_idx + 1))
    write_md("2021-2026/_index.es.md", [
        ("kind", "plan"),
        ("title", title_m.group(1)),
        ("short_title", "III Plan de Trabajo (2021-2026)"),
        ("period", [2021, 2026]),
        ("source", "sources/" + src),
        ("status", "draft"),
    ], body)
    sections = parse_plan(lines, first_sec, len(lines), KEYS_III)
    emit_plan("2021-2026", "es", src, sections)
    return sections


def import_ii(lang):
    src = SEED_II_ES if lang == "es" else SEED_II_PT
    lines = read_lines(src)
    if lang == "es":
        obj = index_of(lines, lambda l: l.startswith("Los objetivos del Plan de Trabajo"))
        annex = index_of(lines, lambda l: l.strip() == "ANEXO AL")
        title = norm(re.search(r"implementación del (II Plan de Trabajo para Combatir la Trata de "
                               r"Personas en el Hemisferio Occidental 2015-2018)",
                               "\n".join(lines)).group(1))
        short = "II Plan de Trabajo (2015-2018)"
        # cover lines: "II PLAN DE TRABAJO", "PARA COMBATIR ...", "2015-2018"
        intro_start = index_of(lines, lambda l: l.strip().startswith("(Acordado"))
    else:
        obj = index_of(lines, lambda l: l.startswith("Os objetivos do Plano de Trabalho"))
        annex = index_of(lines, lambda l: l.strip() == "ANEXO AO")
        title = norm(re.search(r"implementação do (Segundo Plano de Trabalho para Combater o "
                               r"Tráfico de Pessoas no Hemisfério Ocidental 2015-2018)",
                               "\n".join(lines)).group(1))
        short = "II Plano de Trabalho (2015-2018)"
        intro_start = 0
    footstart = index_of(lines, lambda l: l.lstrip().startswith("\ufffd."), annex)

    # end-of-document footnotes ("\ufffd.<TAB>text"); their markers were lost in
    # extraction, leaving a line "/" or "/." right after the annotated text.
    foot_texts = []
    cur = None
    for raw in lines[footstart:]:
        if raw.lstrip().startswith("\ufffd."):
            cur = [raw]
            foot_texts.append(cur)
        elif cur is not None:
            cur.append(raw)
    foot_texts = [clean_footnote_text("\n".join(x)) for x in foot_texts]
    slash_lines = [i for i in range(footstart) if lines[i].strip() in ("/", "/.")]
    if len(slash_lines) != len(foot_texts):
        raise SystemExit("footnote residue mismatch in %s" % src)
    lines = list(lines)
    foot_by_line = {}
    for n, (i, txt) in enumerate(zip(slash_lines, foot_texts), start=1):
        label = str(n)
        # put the reconstructed marker at the end of the annotated line
        lines[i - 1] = lines[i - 1].rstrip() + "[^%s]" % label
        foot_by_line[i] = (label, txt)
        note("NOTE: %s: footnote %s (text at end of document) has no marker in the source; "
             "marker [^%s] reconstructed at the end of line %d (before the '%s' residue on line %d)"
             % (src, label, label, i, lines[i].strip(), i + 1))

    # introduction
    intro_lines = lines[intro_start:obj]
    paras = prose_paragraphs(intro_lines)
    intro_notes = {lab: txt for i, (lab, txt) in foot_by_line.items() if intro_start <= i < obj}
    body = body_with_footnotes(paras, intro_notes)
    write_md("2015-2018/_index.%s.md" % lang, [
        ("kind", "plan"),
        ("title", title),
        ("short_title", short),
        ("period", [2015, 2018]),
        ("extended_to", 2020),
        ("source", "sources/" + src),
        ("status", "adopted"),
    ], body)

    sections = parse_plan(lines, obj, annex, KEYS_II, objectives_start=obj,
                          objectives_title=norm(lines[obj]))
    # footnotes inside items (PT directive 55)
    for sec in sections:
        for it in sec.items:
            for i, (lab, txt) in foot_by_line.items():
                if "[^%s]" % lab in it.body():
                    it.footnotes[lab] = txt
    used = set()
    for sec in sections:
        for it in sec.items:
            used.update(it.footnotes)
    for i, (lab, txt) in foot_by_line.items():
        if i >= annex:
            note("NOTE: %s: footnote %s (marker residue at line %d, inside the annex's restatement "
                 "of a directive) is not imported: only indicator texts are taken from the annex"
                 % (src, lab, i + 1))

    rows = parse_indicator_table(lines, annex, footstart)
    # the annex restates directives: strip reconstructed markers from that text
    for r in rows:
        r["dtext"] = re.sub(r"\[\^\d+\]", "", r["dtext"])
    return sections, rows, src


# earlier indicator rows matched to II Plan directives: filled by match_earlier()
EARLIER = {}


def match_earlier(es_sections, es_rows):
    lines = read_lines(SEED_II_EARLY)
    rows = parse_indicator_table(lines, 0, len(lines))
    directives = {}
    for sec in es_sections:
        for it in sec.items:
            if it.kind == "directive":
                directives[it.number] = it.text
    annex_text = {}
    for r in es_rows:
        annex_text.setdefault(r["directive"], r["dtext"])
    results = []
    for r in rows:
        best = None
        for num, text in directives.items():
            cands = [text] + ([annex_text[num]] if num in annex_text else [])
            ratio = max(difflib.SequenceMatcher(None, r["dtext"], c, autojunk=False).ratio()
                        for c in cands)
            if best is None or ratio > best[1]:
                best = (num, ratio)
        results.append((r, best))
    taken = {}
    final = []
    for r, (num, ratio) in results:
        auto = num if ratio >= MATCH_THRESHOLD else None
        chosen = REVIEWED_MATCHES.get(r["row"], auto)
        final.append((r, num, ratio, auto, chosen))
        if chosen is not None:
            num = chosen
            if num in taken:
                note("WARNING: earlier rows %d and %d both match directive %s"
                     % (taken[num], r["row"], num))
            taken[num] = r["row"]
            EARLIER.setdefault(num, []).append(r)
    return final


def emit_plan(plan, lang, src, sections, indicators=None):
    ind_by_dir = {}
    for r in indicators or []:
        ind_by_dir.setdefault(r["directive"], []).append(r)
    counters = {}
    for sec in sections:
        intro = prose_paragraphs(sec.intro)
        write_md("%s/sections/%s.%s.md" % (plan, sec.key, lang), [
            ("kind", "section"),
            ("key", sec.key),
            ("numeral", sec.numeral),
            ("title", sec.title),
            ("order", sec.order),
        ], "\n\n".join(md_escape_start(p) for p in intro))
        for it in sec.items:
            counters[it.kind] = counters.get(it.kind, 0) + 1
            folder = {"objective": "objectives", "principle": "principles",
                      "directive": "directives", "mandate": "mandates"}[it.kind]
            fields = [
                ("kind", it.kind),
                ("plan", plan),
                ("number", it.number),
                ("section", sec.key),
                ("order", counters[it.kind]),
                ("source", "sources/" + src),
                ("source_line", it.line),
            ]
            tables = []
            if it.kind == "directive" and indicators is not None:
                rows = ind_by_dir.get(it.number, [])
                if rows:
                    tables.append(("indicators", [[("row", r["row"]), ("text", r["text"])]
                                                  for r in rows]))
                if lang == "es" and it.number in EARLIER:
                    tables.append(("earlier_indicators",
                                   [[("row", r["row"]), ("text", r["text"])]
                                    for r in EARLIER[it.number]]))
            path = "%s/%s/%s.%s.md" % (plan, folder, it.number, lang)
            if os.path.exists(os.path.join(OUT, path)):
                note("WARNING: duplicate %s number %s in %s" % (it.kind, it.number, src))
            write_md(path, fields, it.body(), tables)


# --------------------------------------------------------------------------
# checks
# --------------------------------------------------------------------------


def numbers(plan, folder, lang):
    d = os.path.join(OUT, plan, folder)
    suffix = ".%s.md" % lang
    return sorted((f[: -len(suffix)] for f in os.listdir(d) if f.endswith(suffix)),
                  key=lambda n: (int(re.match(r"\d+", n).group(0)) if n[0].isdigit() else 0, n))


def roman(n):
    vals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    s = ""
    for v, r in vals:
        while n >= v:
            s += r
            n -= v
    return s


def check():
    import tomllib

    ok = True

    def expect(label, got, want):
        nonlocal ok
        if sorted(got) != sorted(want):
            ok = False
            print("CHECK FAILED %s: missing %s extra %s" % (
                label, sorted(set(want) - set(got)), sorted(set(got) - set(want))))
        else:
            print("check ok: %s (%d)" % (label, len(got)))

    iii_dirs = [str(i) for i in range(1, 119)] + ["21bis", "49bis"]
    expect("III directives", numbers("2021-2026", "directives", "es"), iii_dirs)
    expect("III mandates", numbers("2021-2026", "mandates", "es"),
           [str(i) for i in range(1, 20)] + ["4ALT"])
    expect("III objectives", numbers("2021-2026", "objectives", "es"),
           [roman(i) for i in range(1, 12)])
    expect("III principles", numbers("2021-2026", "principles", "es"),
           [roman(i) for i in range(1, 15)])
    for lang in ("es", "pt"):
        expect("II %s directives" % lang, numbers("2015-2018", "directives", lang),
               [str(i) for i in range(1, 68)])
        expect("II %s mandates" % lang, numbers("2015-2018", "mandates", lang),
               [str(i) for i in range(1, 18)])
        expect("II %s principles" % lang, numbers("2015-2018", "principles", lang),
               [roman(i) for i in range(1, 9)])
        expect("II %s objectives" % lang, numbers("2015-2018", "objectives", lang),
               [roman(i) for i in range(1, 8)])
    for folder in ("directives", "mandates", "objectives", "principles", "sections"):
        a = numbers("2015-2018", folder, "es") if folder != "sections" else sorted(
            f[:-6] for f in os.listdir(os.path.join(OUT, "2015-2018", folder)) if f.endswith(".es.md"))
        b = numbers("2015-2018", folder, "pt") if folder != "sections" else sorted(
            f[:-6] for f in os.listdir(os.path.join(OUT, "2015-2018", folder)) if f.endswith(".pt.md"))
        expect("II es/pt same %s" % folder, a, b)
    n = 0
    for dirpath, _, files in os.walk(OUT):
        for f in sorted(files):
            p = os.path.join(dirpath, f)
            with open(p, encoding="utf-8") as fh:
                text = fh.read()
            parts = text.split("+++\n")
            if not text.startswith("+++\n") or len(parts) < 3:
                ok = False
                print("CHECK FAILED no front matter:", p)
                continue
            try:
                tomllib.loads(parts[1])
                n += 1
            except Exception as e:  # noqa: BLE001
                ok = False
                print("CHECK FAILED toml %s: %s" % (p, e))
    print("check: %d front matters parsed with tomllib" % n)
    return ok


# --------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="verify counts and front matter after import")
    args = ap.parse_args()

    # Remove only the files this import writes (the seeds' own languages): the
    # plans' unofficial translations and content/plans/_index.*.md live beside them.
    owned = {"2021-2026": ("es",), "2015-2018": ("es", "pt")}
    read_curated()
    for plan, langs in owned.items():
        for dirpath, _, names in os.walk(os.path.join(OUT, plan)):
            for name in names:
                if name.rsplit(".", 2)[-2:-1] and name.rsplit(".", 2)[-2] in langs:
                    os.remove(os.path.join(dirpath, name))
    os.makedirs(OUT, exist_ok=True)

    import_iii()
    es_sections, es_rows, es_src = import_ii("es")
    pt_sections, pt_rows, pt_src = import_ii("pt")
    # earlier indicator table (002) is matched against the ES directives
    results = match_earlier(es_sections, es_rows)
    emit_plan("2015-2018", "es", es_src, es_sections, indicators=es_rows)
    emit_plan("2015-2018", "pt", pt_src, pt_sections, indicators=pt_rows)
    for relpath, kept in sorted(CURATED.items()):
        note("WARNING: %s is no longer written; its curated keys were dropped: %s"
             % (relpath, ", ".join("%s = %s" % (k, toml_value(v)) for k, v in kept)))

    # ---------------- report
    print("faro plan import: %d files written under content/plans/" % len(WRITTEN))
    counts = {}
    for w in WRITTEN:
        parts = w.split("/")
        kind = parts[1] if len(parts) > 2 else "_index"
        lang = w.rsplit(".", 2)[-2]
        counts[(parts[0], kind, lang)] = counts.get((parts[0], kind, lang), 0) + 1
    for k in sorted(counts):
        print("  %-10s %-11s %s  %4d" % (k[0], k[1], k[2], counts[k]))
    for label, rows in (("es", es_rows), ("pt", pt_rows)):
        nums = [r["row"] for r in rows]
        dups = sorted({n for n in nums if nums.count(n) > 1})
        print("  II annex (%s): %d rows, row numbers %d-%d%s, directives %s-%s"
              % (label, len(rows), min(nums), max(nums),
                 (", duplicated row numbers %s" % dups) if dups else "",
                 rows[0]["directive"], rows[-1]["directive"]))
    print()
    print("earlier indicator table (%s) -> II Plan directives (difflib ratio):" % SEED_II_EARLY)
    for r, best, ratio, auto, chosen in results:
        if chosen is None:
            flag = "UNMATCHED (best candidate %s, ratio %.3f)" % (best, ratio)
        else:
            flag = "directive %-3s ratio %.3f%s" % (chosen, ratio, "" if chosen == auto else
                                                   "  (reviewed: accepted below threshold)")
        print("  row %2d (line %3d) -> %s" % (r["row"], r["line"], flag))
    print()
    for msg in REPORT:
        print(msg)
    if args.check:
        print()
        if not check():
            sys.exit(1)


if __name__ == "__main__":
    main()
