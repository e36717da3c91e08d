#!/usr/bin/env python3
"""Writes a synthetic corpus of N pages for the faro benchmark (issue 8).

    python3 bench/generate.py 10000     # → bench/out/faro-10000/, hugo-10000/, zola-10000/

N counts content files, that is pages in one language: the corpus has N // 4 entries,
each written in all four languages (es, en, pt, fr), so that faro and Hugo render the
same pages. Every kind faro knows is present, in the shapes of the real files in
content/: Work Plans with their sections, objectives, principles, directives and
mandates (with indicators and lineage), comparisons, the 35 OAS countries, national-plan
alignments with their rows, national authorities, services and good practices, plus the
top-level pages. A good practice's body runs 300-1,500 words (issue 19: the length of
the Work Plans' annexes and national reports); other entries are shorter, as in content/.

Text is drawn from a word-bigram model per language, trained on the seeds: the Spanish
and Portuguese documents in sources/*.txt, and for English and French (which have no
seed) the reviewed translations of those seeds under content/plans/. Word frequencies
therefore follow the seeds'.

The output depends only on N, --seed, --verified-on and those training texts: every
entry draws from its own random generator, seeded by the seed and the entry's path.
bench/out/corpus-N.json records the counts per kind and a digest of every file written.

The faro site is config.toml, i18n/ and themes/ copied from the repository root, plus the
generated content/. The Hugo site is the same content with Hugo front matter (title,
weight, the taxonomies `kinds` and `by-country`, everything else under [params]), a
hugo.toml with the four languages, and the layouts of bench/hugo-theme/. The Zola site is
the same content with Zola front matter (title, description, weight, the same two
taxonomies on pages, everything else under [extra]; the default language's files carry
no language code, as Zola requires), a config.toml with the four languages and the Hugo
theme's strings as translations, and bench/zola-templates/, which mirror the Hugo
layouts. Zola puts the default language at the site's root where faro and Hugo use /es/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import benchlib as bl

ROOT, BENCH, OUT = bl.ROOT, bl.BENCH, bl.OUT

LANGS = ["es", "en", "pt", "fr"]
DEFAULT_SEED = 8

# The 35 OAS member states: ISO codes, names (es, en, pt, fr), OAS status, calling code
# and the languages services work in.
COUNTRIES = [
    ("AG", "ATG", "Antigua y Barbuda", "Antigua and Barbuda", "Antígua e Barbuda", "Antigua-et-Barbuda", "member", "1268", ["en"]),
    ("AR", "ARG", "Argentina", "Argentina", "Argentina", "Argentine", "member", "54", ["es"]),
    ("BB", "BRB", "Barbados", "Barbados", "Barbados", "Barbade", "member", "1246", ["en"]),
    ("BO", "BOL", "Bolivia", "Bolivia", "Bolívia", "Bolivie", "member", "591", ["es", "qu", "ay", "gn"]),
    ("BR", "BRA", "Brasil", "Brazil", "Brasil", "Brésil", "member", "55", ["pt"]),
    ("BS", "BHS", "Bahamas", "Bahamas", "Bahamas", "Bahamas", "member", "1242", ["en"]),
    ("BZ", "BLZ", "Belice", "Belize", "Belize", "Belize", "member", "501", ["en", "es"]),
    ("CA", "CAN", "Canadá", "Canada", "Canadá", "Canada", "member", "1", ["en", "fr"]),
    ("CL", "CHL", "Chile", "Chile", "Chile", "Chili", "member", "56", ["es"]),
    ("CO", "COL", "Colombia", "Colombia", "Colômbia", "Colombie", "member", "57", ["es"]),
    ("CR", "CRI", "Costa Rica", "Costa Rica", "Costa Rica", "Costa Rica", "member", "506", ["es"]),
    ("CU", "CUB", "Cuba", "Cuba", "Cuba", "Cuba", "not-participating", "53", ["es"]),
    ("DM", "DMA", "Dominica", "Dominica", "Dominica", "Dominique", "member", "1767", ["en"]),
    ("DO", "DOM", "República Dominicana", "Dominican Republic", "República Dominicana", "République dominicaine", "member", "1809", ["es"]),
    ("EC", "ECU", "Ecuador", "Ecuador", "Equador", "Équateur", "member", "593", ["es", "qu"]),
    ("GD", "GRD", "Granada", "Grenada", "Granada", "Grenade", "member", "1473", ["en"]),
    ("GT", "GTM", "Guatemala", "Guatemala", "Guatemala", "Guatemala", "member", "502", ["es", "quc"]),
    ("GY", "GUY", "Guyana", "Guyana", "Guiana", "Guyana", "member", "592", ["en"]),
    ("HN", "HND", "Honduras", "Honduras", "Honduras", "Honduras", "member", "504", ["es"]),
    ("HT", "HTI", "Haití", "Haiti", "Haiti", "Haïti", "member", "509", ["fr", "ht"]),
    ("JM", "JAM", "Jamaica", "Jamaica", "Jamaica", "Jamaïque", "member", "1876", ["en"]),
    ("KN", "KNA", "Saint Kitts y Nevis", "Saint Kitts and Nevis", "São Cristóvão e Névis", "Saint-Christophe-et-Niévès", "member", "1869", ["en"]),
    ("LC", "LCA", "Santa Lucía", "Saint Lucia", "Santa Lúcia", "Sainte-Lucie", "member", "1758", ["en"]),
    ("MX", "MEX", "México", "Mexico", "México", "Mexique", "member", "52", ["es", "nah"]),
    ("NI", "NIC", "Nicaragua", "Nicaragua", "Nicarágua", "Nicaragua", "withdrawn", "505", ["es"]),
    ("PA", "PAN", "Panamá", "Panama", "Panamá", "Panama", "member", "507", ["es"]),
    ("PE", "PER", "Perú", "Peru", "Peru", "Pérou", "member", "51", ["es", "qu", "ay"]),
    ("PY", "PRY", "Paraguay", "Paraguay", "Paraguai", "Paraguay", "member", "595", ["es", "gn"]),
    ("SR", "SUR", "Suriname", "Suriname", "Suriname", "Suriname", "member", "597", ["nl", "en"]),
    ("SV", "SLV", "El Salvador", "El Salvador", "El Salvador", "El Salvador", "member", "503", ["es"]),
    ("TT", "TTO", "Trinidad y Tobago", "Trinidad and Tobago", "Trinidad e Tobago", "Trinité-et-Tobago", "member", "1868", ["en"]),
    ("US", "USA", "Estados Unidos", "United States", "Estados Unidos", "États-Unis", "member", "1", ["en", "es"]),
    ("UY", "URY", "Uruguay", "Uruguay", "Uruguai", "Uruguay", "member", "598", ["es"]),
    ("VC", "VCT", "San Vicente y las Granadinas", "Saint Vincent and the Grenadines", "São Vicente e Granadinas", "Saint-Vincent-et-les-Grenadines", "member", "1784", ["en"]),
    ("VE", "VEN", "Venezuela", "Venezuela", "Venezuela", "Venezuela", "member", "58", ["es"]),
]

# A plan's sections: key, numeral, and the kind of item each holds.
SECTIONS = [
    ("objectives", "I", "objective"),
    ("principles", "II", "principle"),
    ("general", "III", "directive"),
    ("prevention", "IV", "directive"),
    ("combat", "V", "directive"),
    ("assistance", "VI", "directive"),
    ("information", "VII", "directive"),
    ("cooperation", "VIII", "directive"),
    ("mandates", "IX", "mandate"),
]
AREAS = ["general", "prevention", "combat", "assistance", "information", "cooperation"]
# Items of a full plan, as in the III Plan: 11 objectives, 14 principles, 118
# directives, 19 mandates.
FULL_PLAN = {"objective": 11, "principle": 14, "directive": 118, "mandate": 19}
SERVICE_TYPES = ["hotline", "shelter", "legal-aid", "health", "psychosocial", "consular",
                 "reintegration", "identity-documents", "repatriation", "other"]
POPULATIONS = ["all", "children", "women", "men", "lgbtqi", "migrants", "indigenous", "disabilities"]
ROLES = ["national-authority", "coordinating-body", "contact-point"]

# At most this many Work Plans (2021-2026 back to 1991-1996): a larger corpus grows in
# alignments, authorities, services and practices, as the platform will.
MAX_PLANS = 6
# Shares of the entries left after the top-level pages and the countries.
SHARES = {"plans": 0.28, "alignments": 0.14, "authorities": 0.10, "services": 0.22, "practices": 0.26}

# Fixed words for the top-level pages, per language.
TOP = {
    "_index": ({"es": "Plataforma de Conocimiento sobre Trata de Personas", "en": "Knowledge Platform on Trafficking in Persons",
                "pt": "Plataforma de Conhecimento sobre Tráfico de Pessoas", "fr": "Plateforme de connaissances sur la traite des personnes"}, 0),
    "plans/_index": ({"es": "Planes de Trabajo", "en": "Work Plans", "pt": "Planos de Trabalho", "fr": "Plans de travail"}, 10),
    "alignments/_index": ({"es": "Alineación de planes nacionales", "en": "Alignment of national plans",
                           "pt": "Alinhamento dos planos nacionais", "fr": "Alignement des plans nationaux"}, 15),
    "directory/_index": ({"es": "Directorio de autoridades nacionales", "en": "Directory of national authorities",
                          "pt": "Diretório de autoridades nacionais", "fr": "Répertoire des autorités nationales"}, 20),
    "services/_index": ({"es": "Servicios para víctimas y sobrevivientes", "en": "Services for victims and survivors",
                         "pt": "Serviços para vítimas e sobreviventes", "fr": "Services aux victimes et survivants"}, 30),
    "practices/_index": ({"es": "Buenas prácticas", "en": "Good practices", "pt": "Boas práticas", "fr": "Bonnes pratiques"}, 40),
    "countries/_index": ({"es": "Países", "en": "Countries", "pt": "Países", "fr": "Pays"}, 50),
    "search/_index": ({"es": "Buscar", "en": "Search", "pt": "Pesquisar", "fr": "Rechercher"}, 60),
    "about": ({"es": "Acerca de la plataforma", "en": "About the platform", "pt": "Sobre a plataforma", "fr": "À propos de la plateforme"}, 90),
}

# The section pages that list a kind of the catalog (`lists` in their front matter).
LISTS = {"directory/_index": "authority", "services/_index": "service", "practices/_index": "practice"}

WORDS = {
    "objective": {"es": "objetivo", "en": "objective", "pt": "objetivo", "fr": "objectif"},
    "principle": {"es": "principio", "en": "principle", "pt": "princípio", "fr": "principe"},
    "directive": {"es": "directriz", "en": "directive", "pt": "diretriz", "fr": "directive"},
    "mandate": {"es": "mandato", "en": "mandate", "pt": "mandato", "fr": "mandat"},
    "plan": {"es": "Plan de Trabajo", "en": "Work Plan", "pt": "Plano de Trabalho", "fr": "Plan de travail"},
    "compare": {"es": "Comparación", "en": "Comparison", "pt": "Comparação", "fr": "Comparaison"},
    "national_plan": {"es": "Plan Nacional contra la Trata de Personas", "en": "National Plan against Trafficking in Persons",
                      "pt": "Plano Nacional de Enfrentamento ao Tráfico de Pessoas", "fr": "Plan national de lutte contre la traite des personnes"},
    "results": {"es": "Resultados", "en": "Results", "pt": "Resultados", "fr": "Résultats"},
    "context": {"es": "Contexto", "en": "Background", "pt": "Contexto", "fr": "Contexte"},
    "functions": {"es": "Funciones", "en": "Functions", "pt": "Funções", "fr": "Fonctions"},
}


# ---------------------------------------------------------------------------------
# Text: a word-bigram model per language, trained on the seeds.


def training_texts() -> dict[str, list[str]]:
    """The seeds by language: sources/*.txt (es, pt), and for en and fr the reviewed
    translations of the Work Plans in content/plans/."""
    by_lang: dict[str, list[str]] = {lang: [] for lang in LANGS}
    for path in sorted((ROOT / "sources").glob("*.txt")):
        lang = "pt" if path.name.startswith("003_") else "es"
        by_lang[lang].append(path.read_text(encoding="utf-8"))
    for lang in ("en", "fr", "pt"):
        for path in sorted((ROOT / "content" / "plans").rglob(f"*.{lang}.md")):
            text = path.read_text(encoding="utf-8")
            by_lang[lang].append(text.split("+++", 2)[-1])
    return by_lang


WORD = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.;:!?]+(?:\s|$)|\n\s*\n")


def is_word(token: str) -> bool:
    """Drops list markers (`c)`), roman numerals and country codes (`CAN`, `IV`)."""
    if len(token) == 1:
        return token in "aeouyà"
    return not (token.isupper() and len(token) <= 4)


# Writes, for each region code given as JSON, up to 20 numbers that exist in its
# numbering plan: its fixed-line and mobile example numbers with other last two digits.
PHONES_SCRIPT = """
import json, sys
import phonenumbers as p
out = {}
for region in json.loads(sys.argv[1]):
    found = []
    for kind in (p.PhoneNumberType.FIXED_LINE, p.PhoneNumberType.MOBILE):
        example = p.example_number_for_type(region, kind)
        if example is None:
            continue
        for last in range(100):
            n = p.parse("+%d%s%02d" % (example.country_code, str(example.national_number)[:-2], last))
            if p.is_valid_number_for_region(n, region) and len(found) < 20:
                found.append(p.format_number(n, p.PhoneNumberFormat.E164))
    out[region] = found
print(json.dumps(out))
"""


def phone_numbers(regions: list[str]) -> dict[str, list[str]]:
    """Numbers that can exist in each country, from Python's phonenumbers (pinned in
    bench/requirements.txt, the same libphonenumber release faro checks against):
    faro check rejects a number its country's plan cannot have."""
    found = subprocess.run([str(bl.venv_python()), "-c", PHONES_SCRIPT, json.dumps(regions)],
                           capture_output=True, text=True, check=True)
    phones = json.loads(found.stdout)
    missing = [r for r in regions if not phones.get(r)]
    if missing:
        raise SystemExit(f"phonenumbers has no valid example number for {missing}")
    return phones


class TextModel:
    """Sentences from word bigrams, with the seeds' word frequencies."""

    def __init__(self, texts: list[str]):
        starts: list[str] = []
        following: dict[str, list[str]] = defaultdict(list)
        forms: dict[str, Counter] = defaultdict(Counter)
        sentences = []
        for text in texts:
            # Markup, footnote markers, delegations' `[CAN: …` and addresses are no words.
            text = re.sub(r"<[^>]+>|\[footnoteRef:\d+\]|\[\^\d+\]|\[[A-Z, ]{2,}:|https?://\S+|www\.\S+", " ", text)
            for sentence in SENTENCE_END.split(text):
                words = [w for w in WORD.findall(sentence) if is_word(w)]
                if len(words) >= 3:
                    sentences.append(words)
                    for w in words[1:]:
                        forms[w.lower()][w] += 1
        # A word keeps its capital only where the seeds write it so mid-sentence.
        surface = {low: c.most_common(1)[0][0] for low, c in forms.items()}
        for words in sentences:
            words = [surface.get(w.lower(), w.lower()) for w in words]
            starts.append(words[0])
            for a, b in zip(words, words[1:]):
                following[a].append(b)
        self.starts = starts
        self.following = dict(following)
        self.unigram = [w for words in sentences for w in words[1:]]
        self.unigram = [surface.get(w.lower(), w.lower()) for w in self.unigram]

    def words(self, rng: random.Random, n: int, start: str | None = None) -> list[str]:
        word = start or rng.choice(self.starts)
        out = [word]
        while len(out) < n:
            nxt = self.following.get(word)
            word = rng.choice(nxt) if nxt and rng.random() > 0.04 else rng.choice(self.unigram)
            out.append(word)
        return out

    def sentence(self, rng: random.Random, lo: int = 8, hi: int = 28) -> str:
        words = self.words(rng, rng.randint(lo, hi))
        for i in range(4, len(words) - 3, 7):
            if rng.random() < 0.35:
                words[i] += ","
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, rng: random.Random, lo: int = 2, hi: int = 5) -> str:
        return " ".join(self.sentence(rng) for _ in range(rng.randint(lo, hi)))

    def phrase(self, rng: random.Random, lo: int = 3, hi: int = 8) -> str:
        text = " ".join(self.words(rng, rng.randint(lo, hi))).rstrip(",")
        return text[0].upper() + text[1:]


# ---------------------------------------------------------------------------------
# TOML, written by hand so that both sites get exactly the shapes faro's files have.


class TomlDate(str):
    """A TOML local date, written without quotes."""


def toml_value(value) -> str:
    if isinstance(value, TomlDate):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a valid TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML for {value!r}")


def toml_lines(fields: dict) -> list[str]:
    """Plain keys first, then lists of tables as [[name]] blocks, as in content/."""
    lines = [f"{k} = {toml_value(v)}" for k, v in fields.items() if not is_table_list(v)]
    for k, v in fields.items():
        if is_table_list(v):
            for row in v:
                lines += ["", f"[[{k}]]"] + [f"{rk} = {toml_value(rv)}" for rk, rv in row.items()]
    return lines


def is_table_list(value) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], dict)


# ---------------------------------------------------------------------------------
# The corpus: a skeleton first (plans and their numbers, so that references resolve),
# then every entry generated and written one at a time.


@dataclass
class Plan:
    id: str
    period: tuple[int, int]
    items: dict[str, list[str]]  # kind → numbers, in document order
    sections_of: dict[str, str] = field(default_factory=dict)  # number → section key (directives)

    def ref(self, rng: random.Random) -> str:
        """A reference to one of its directives, or sometimes a mandate."""
        if self.items["mandate"] and rng.random() < 0.1:
            return f"{self.id}/m{rng.choice([m for m in self.items['mandate'] if m.isdigit()] or ['1'])}"
        return f"{self.id}/{rng.choice(self.items['directive'])}"


ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
         "xv", "xvi", "xvii", "xviii", "xix", "xx"]


def plan_numbers(kind: str, count: int) -> list[str]:
    if kind in ("objective", "principle"):
        return ROMAN[:count]
    numbers: list[str] = []
    for n in range(1, count + 1):
        numbers.append(str(n))
        if kind == "directive" and n % 40 == 21 and len(numbers) < count:
            numbers.append(f"{n}bis")  # as the III Plan's 21bis and 49bis
        if kind == "mandate" and n == 4 and len(numbers) < count:
            numbers.append("4ALT")  # as the III Plan's 4ALT
    return numbers[:count]


def plan_skeleton(budget: int) -> list[Plan]:
    """Plans newest first, at least two (so that there is a comparison), each at most as
    large as the III Plan, sharing the budget evenly."""
    full = 1 + len(SECTIONS) + sum(FULL_PLAN.values()) + 1  # _index, sections, items, comparison
    count = min(MAX_PLANS, max(2, -(-budget // full)))
    plans = []
    start = 2021
    for _ in range(count):
        size = min(full, max(budget // count, len(SECTIONS) + 8))
        items_total = size - 2 - len(SECTIONS)
        counts = {k: max(1, round(items_total * v / sum(FULL_PLAN.values()))) for k, v in FULL_PLAN.items()}
        counts["directive"] = max(4, items_total - counts["objective"] - counts["principle"] - counts["mandate"])
        counts["objective"] = min(counts["objective"], len(ROMAN))
        counts["principle"] = min(counts["principle"], len(ROMAN))
        end = start + 5
        plan = Plan(f"{start}-{end}", (start, end), {k: plan_numbers(k, n) for k, n in counts.items()})
        directives = plan.items["directive"]
        for i, number in enumerate(directives):  # the six areas in order, as in the plans
            plan.sections_of[number] = AREAS[i * len(AREAS) // len(directives)]
        plans.append(plan)
        start -= 6
    return plans


def slugify(text: str, words: int = 5) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(parts[:words]) or "entrada"


@dataclass
class Entry:
    """One piece of content in the four languages."""

    path: str  # under content/, without `.<lang>.md`
    kind: str
    front: dict[str, dict]  # faro front matter per language
    body: dict[str, str]
    title: dict[str, str]  # for Hugo: what faro shows as the title
    countries: list[str] = field(default_factory=list)


class Corpus:
    def __init__(self, n: int, seed: int, verified_on: dt.date):
        self.n = n
        self.seed = seed
        self.verified_on = verified_on
        texts = training_texts()
        self.models = {lang: TextModel(texts[lang]) for lang in LANGS}
        self.phones = phone_numbers([c[0] for c in COUNTRIES])
        self.counts: Counter = Counter()

    def rng(self, key: str) -> random.Random:
        return random.Random(f"{self.seed}:{key}")

    # -- bodies ---------------------------------------------------------------------

    def link(self, rng: random.Random, lang: str, plans: list[Plan]) -> str:
        plan = rng.choice(plans)
        number = rng.choice(plan.items["directive"])
        return f"[{WORDS['directive'][lang]} {number}](/{lang}/plans/{plan.id}/directives/{number}/)"

    def long_body(self, rng: random.Random, lang: str, plans: list[Plan], sections: int) -> str:
        model = self.models[lang]
        out = [model.paragraph(rng, 2, 4)]
        for _ in range(sections):
            out.append(f"## {model.phrase(rng, 2, 6)}")
            out.append(model.paragraph(rng, 2, 6))
            roll = rng.random()
            if roll < 0.35:
                out.append("\n".join(f"- {model.sentence(rng, 5, 14)}" for _ in range(rng.randint(2, 5))))
            elif roll < 0.45:
                head = [model.phrase(rng, 1, 3) for _ in range(3)]
                rows = [[model.phrase(rng, 1, 4) for _ in range(3)] for _ in range(rng.randint(2, 5))]
                out.append("\n".join(["| " + " | ".join(head) + " |", "| --- | --- | --- |"]
                                     + ["| " + " | ".join(r) + " |" for r in rows]))
            if rng.random() < 0.5:
                out.append(f"{model.sentence(rng, 6, 14)[:-1]} ({self.link(rng, lang, plans)}).")
        return "\n\n".join(out) + "\n"

    # -- entries --------------------------------------------------------------------

    def top_pages(self, plans: list[Plan]):
        for key, (titles, weight) in TOP.items():
            rng = self.rng(key)
            front, body = {}, {}
            for lang in LANGS:
                model = self.models[lang]
                front[lang] = {"title": titles[lang], "description": model.sentence(rng, 6, 14), "weight": weight}
                if key == "search/_index":
                    # The shipped search page's template, so the corpus has a working search.
                    front[lang]["template"] = "search.html"
                if key in LISTS:
                    # The shipped listing pages say which kind they list.
                    front[lang]["lists"] = LISTS[key]
                if lang != "es":
                    front[lang]["translation"] = "unofficial"
                sections = 3 if key in ("_index", "about") else 0
                body[lang] = self.long_body(rng, lang, plans, sections) if sections else model.paragraph(rng, 1, 3) + "\n"
            yield Entry(key, "page", front, body, {l: titles[l] for l in LANGS})

    def countries(self):
        for iso2, iso3, es, en, pt, fr, status, _, _ in COUNTRIES:
            names = {"es": es, "en": en, "pt": pt, "fr": fr}
            rng = self.rng(f"countries/{iso2}")
            front, body = {}, {}
            for lang in LANGS:
                front[lang] = {"kind": "country", "iso2": iso2, "iso3": iso3, "name": names}
                if status != "member":
                    front[lang]["status"] = status
                body[lang] = self.models[lang].paragraph(rng, 2, 5) + "\n"
            yield Entry(f"countries/{iso2.lower()}", "country", front, body, names, [iso2])

    def plan_entries(self, plans: list[Plan]):
        for index, plan in enumerate(plans):
            older = plans[index + 1] if index + 1 < len(plans) else None
            base = f"plans/{plan.id}"
            rng = self.rng(base)
            front, body, titles = {}, {}, {}
            source = f"sources/{index:03d}_plan.txt"
            for lang in LANGS:
                model = self.models[lang]
                short = f"{WORDS['plan'][lang]} ({plan.id})"
                titles[lang] = f"{short}: {model.phrase(rng, 5, 10)}"
                front[lang] = {"kind": "plan"}
                if lang != "es":
                    front[lang]["translation"] = "unofficial"
                front[lang].update({"title": titles[lang], "short_title": short, "period": list(plan.period)})
                if index == 1:
                    front[lang]["extended_to"] = plan.period[1] + 2
                front[lang].update({"source": source, "status": "draft" if index == 0 else "adopted"})
                body[lang] = "\n\n".join(model.paragraph(rng, 3, 6) for _ in range(rng.randint(3, 6))) + "\n"
            yield Entry(f"{base}/_index", "plan", front, body, titles)

            for order, (key, numeral, _) in enumerate(SECTIONS, start=1):
                rng = self.rng(f"{base}/sections/{key}")
                front, body, titles = {}, {}, {}
                for lang in LANGS:
                    titles[lang] = self.models[lang].phrase(rng, 3, 7).upper()
                    front[lang] = {"kind": "section"}
                    if lang != "es":
                        front[lang]["translation"] = "unofficial"
                    front[lang].update({"key": key, "numeral": numeral, "title": titles[lang], "order": order})
                    body[lang] = self.models[lang].sentence(rng) + "\n" if key == "principles" else ""
                yield Entry(f"{base}/sections/{key}", "section", front, body, titles)

            line = 30
            for kind in ("objective", "principle", "directive", "mandate"):
                folder = kind + "s"
                for order, number in enumerate(plan.items[kind], start=1):
                    key = f"{base}/{folder}/{number}"
                    rng = self.rng(key)
                    section = {"objective": "objectives", "principle": "principles", "mandate": "mandates"}.get(kind) or plan.sections_of[number]
                    extra: dict = {}
                    has_indicators = kind == "directive" and rng.random() < 0.3
                    if kind == "directive" and older is not None:
                        roll = rng.random()
                        if roll < 0.4:
                            extra["lineage"] = "new"
                        else:
                            extra["lineage"] = "same" if roll < 0.7 else "revised"
                            extra["continues"] = [f"{older.id}/{rng.choice(older.items['directive'])}"]
                    front, body, titles = {}, {}, {}
                    line += rng.randint(1, 4)
                    for lang in LANGS:
                        model = self.models[lang]
                        titles[lang] = f"{WORDS[kind][lang]} {number}"
                        f = {"kind": kind}
                        if lang != "es":
                            f["translation"] = "unofficial"
                        f.update({"plan": plan.id, "number": number, "section": section, "order": order,
                                  "source": source, "source_line": line})
                        f.update(extra)
                        if has_indicators:
                            f["indicators"] = [{"row": order, "text": model.sentence(rng, 6, 16)}]
                        front[lang] = f
                        text = model.paragraph(rng, 1, 3)
                        if rng.random() < 0.1:
                            text += "\n\n" + "\n".join(f"- {ROMAN[i]}. {model.sentence(rng, 5, 12)}" for i in range(rng.randint(2, 6)))
                        body[lang] = text + "\n"
                    yield Entry(key, kind, front, body, titles)

            if older is not None:
                key = f"plans/compare-{older.id}-{plan.id}"
                rng = self.rng(key)
                front, body, titles = {}, {}, {}
                for lang in LANGS:
                    titles[lang] = f"{WORDS['compare'][lang]} {older.id} / {plan.id}"
                    front[lang] = {"kind": "comparison"}
                    if lang != "es":
                        front[lang]["translation"] = "unofficial"
                    front[lang].update({"title": titles[lang], "description": self.models[lang].sentence(rng, 6, 14),
                                        "from": older.id, "to": plan.id, "weight": 100 + index})
                    body[lang] = self.models[lang].paragraph(rng, 2, 4) + "\n"
                yield Entry(key, "comparison", front, body, titles)

    def alignments(self, plans: list[Plan], budget: int):
        index = 0
        while budget > 1:
            country = COUNTRIES[index % len(COUNTRIES)]
            iso2 = country[0]
            plan = plans[index % len(plans)]
            base = f"alignments/{iso2.lower()}-pnat-{index + 1}"
            rng = self.rng(base)
            directives = plan.items["directive"]
            rows = min(len(directives), 67, budget - 1)
            front, body, titles = {}, {}, {}
            for lang in LANGS:
                national = f"{WORDS['national_plan'][lang]} {plan.period[0] - 3}-{plan.period[0] + 1}"
                titles[lang] = f"{country[2 + LANGS.index(lang)]}: {national} / {plan.id}"
                front[lang] = {"kind": "alignment"}
                if lang != "es":
                    front[lang]["translation"] = "unofficial"
                front[lang].update({"title": titles[lang], "country": iso2, "plan": plan.id,
                                    "national_plan": national, "source": f"sources/alignment_{index:03d}.txt"})
                body[lang] = "\n\n".join(self.models[lang].paragraph(rng, 2, 5) for _ in range(3)) + "\n"
            yield Entry(f"{base}/_index", "alignment", front, body, titles, [iso2])
            for i, number in enumerate(directives[:rows]):
                key = f"{base}/{number}"
                rng = self.rng(key)
                status = rng.choice(["covered", "covered", "partial", "none"])
                front, body, titles = {}, {}, {}
                for lang in LANGS:
                    model = self.models[lang]
                    titles[lang] = f"{WORDS['directive'][lang]} {number}"
                    matches = [{"topic": model.phrase(rng, 1, 4),
                                "pnat": "" if status == "none" else f"{model.phrase(rng, 1, 3)} {rng.randint(1, 9)}"}
                               for _ in range(rng.randint(1, 3))]
                    front[lang] = {"kind": "alignment-row"}
                    if lang != "es":
                        front[lang]["translation"] = "unofficial"
                    front[lang].update({"directive": f"{plan.id}/{number}", "status": status,
                                        "source_line": 20 + 3 * i, "matches": matches})
                    body[lang] = model.paragraph(rng, 1, 4) + "\n"
                yield Entry(key, "alignment-row", front, body, titles, [iso2])
            budget -= rows + 1
            index += 1

    def contacts(self, rng: random.Random, country, slug: str) -> dict:
        iso2 = country[0]
        domain = f"{slug.split('-')[0][:10] or 'oficina'}.gob.{iso2.lower()}"
        out = {"phones": [rng.choice(self.phones[iso2])] + ([str(rng.randint(100, 99999))] if rng.random() < 0.4 else []),
               "emails": [f"contacto@{domain}"], "website": f"https://www.{domain}/"}
        return out

    def verified(self, rng: random.Random) -> TomlDate:
        return TomlDate((self.verified_on - dt.timedelta(days=rng.randint(0, 300))).isoformat())

    def catalog(self, plans: list[Plan], kind: str, budget: int):
        for i in range(budget):
            country = COUNTRIES[i % len(COUNTRIES)]
            iso2, country_langs = country[0], country[8]
            rng = self.rng(f"{kind}/{i}")
            es_title = self.models["es"].phrase(rng, 3, 8)
            slug = f"{slugify(es_title)}-{i + 1}"
            path = {"authority": f"directory/{iso2.lower()}/{slug}", "service": f"services/{iso2.lower()}/{slug}",
                    "practice": f"practices/{slug}"}[kind]
            shared: dict = {}
            if kind in ("authority", "service"):
                shared = self.contacts(rng, country, slug)
                shared["last_verified"] = self.verified(rng)
            if kind == "authority":
                shared["role"] = ROLES[0] if i < len(COUNTRIES) else rng.choice(ROLES)
            if kind == "service":
                shared["types"] = sorted(rng.sample(SERVICE_TYPES, rng.randint(1, 3)), key=SERVICE_TYPES.index)
                shared["populations"] = sorted(rng.sample(POPULATIONS, rng.randint(1, 3)), key=POPULATIONS.index)
                shared["cost"] = "free" if rng.random() < 0.9 else "paid"
            if kind == "practice":
                shared["year"] = rng.randint(2010, 2026)
                shared["area"] = rng.choice(AREAS)
                shared["implements"] = sorted({p.ref(rng) for p in rng.sample(plans, min(len(plans), 2))})
                shared["target_groups"] = sorted(rng.sample(POPULATIONS, rng.randint(1, 3)), key=POPULATIONS.index)
            front, body, titles = {}, {}, {}
            for lang in LANGS:
                model = self.models[lang]
                # The entry's number keeps names unique: faro reports the same institution,
                # service or practice entered twice in one country as a duplicate.
                title = (es_title if lang == "es" else model.phrase(rng, 3, 8)) + f" {i}"
                titles[lang] = title
                if kind == "authority":
                    f = {"kind": "authority", "institution": title, "role": shared["role"], "country": iso2,
                         "legal_basis": model.phrase(rng, 3, 7) + f" {rng.randint(1000, 30999)}",
                         "address": f"{model.phrase(rng, 2, 4)} {rng.randint(1, 2999)}",
                         "phones": shared["phones"], "emails": shared["emails"], "website": shared["website"],
                         "languages": country_langs, "source": f"https://www.oas.org/dsp/directory/{iso2.lower()}",
                         "last_verified": shared["last_verified"]}
                    text = model.paragraph(rng, 2, 4) + f"\n\n## {WORDS['functions'][lang]}\n\n" + "\n".join(
                        f"- {model.sentence(rng, 5, 14)}" for _ in range(rng.randint(3, 6)))
                elif kind == "service":
                    f = {"kind": "service", "name": title, "types": shared["types"], "country": iso2,
                         "coverage": [] if rng.random() < 0.5 else [model.phrase(rng, 1, 2) for _ in range(rng.randint(1, 3))],
                         "populations": shared["populations"], "languages": country_langs,
                         "provider": model.phrase(rng, 3, 6), "cost": shared["cost"],
                         "hours": "24/7" if "hotline" in shared["types"] else "08:00-17:00",
                         "address": f"{model.phrase(rng, 2, 4)} {rng.randint(1, 2999)}",
                         "phones": shared["phones"], "emails": shared["emails"], "website": shared["website"],
                         "source": f"https://www.oas.org/dsp/services/{iso2.lower()}",
                         "last_verified": shared["last_verified"]}
                    text = "\n\n".join(model.paragraph(rng, 2, 5) for _ in range(rng.randint(1, 3)))
                else:
                    f = {"kind": "practice"}
                    if lang != "es":
                        f["translation"] = "unofficial"
                    f.update({"title": title, "country": iso2, "year": shared["year"], "area": shared["area"],
                              "implements": shared["implements"], "target_groups": shared["target_groups"],
                              "languages": country_langs, "summary": model.sentence(rng, 10, 24),
                              "results": model.sentence(rng, 10, 24),
                              "source": f"https://www.oas.org/dsp/practices/{slug}"})
                    # A good practice runs 300-1,500 words, as the Work Plans' annexes
                    # and national reports do (issue 19): sections until the length drawn.
                    target = rng.randint(300, 1500)
                    text = self.long_body(rng, lang, plans, 1).rstrip("\n")
                    while len(text.split()) < target - 60:
                        text += "\n\n" + self.long_body(rng, lang, plans, 1).split("\n\n", 1)[1].rstrip("\n")
                    text += f"\n\n## {WORDS['results'][lang]}\n\n" + model.paragraph(rng, 2, 4)
                front[lang] = f
                body[lang] = text + "\n"
            yield Entry(path, kind, front, body, titles, [iso2])

    def entries(self):
        total = self.n // len(LANGS)
        fixed = len(TOP) + len(COUNTRIES)
        rest = max(total - fixed, 0)
        budgets = {k: int(rest * share) for k, share in SHARES.items()}
        budgets["practices"] += rest - sum(budgets.values())
        plans = plan_skeleton(budgets["plans"])
        plan_total = sum(1 + len(SECTIONS) + sum(len(v) for v in p.items.values()) for p in plans) + len(plans) - 1
        # What plans leave of their share goes to the other kinds by their shares; the
        # rounding, and what plans take above their share, to practices.
        surplus = budgets["plans"] - plan_total
        others = [k for k in SHARES if k != "plans"]
        for k in others:
            budgets[k] += int(surplus * SHARES[k] / sum(SHARES[o] for o in others)) if surplus > 0 else 0
        budgets["plans"] = plan_total
        budgets["practices"] += rest - sum(budgets.values())
        yield from self.top_pages(plans)
        yield from self.countries()
        yield from self.plan_entries(plans)
        yield from self.alignments(plans, budgets["alignments"])
        yield from self.catalog(plans, "authority", budgets["authorities"])
        yield from self.catalog(plans, "service", budgets["services"])
        yield from self.catalog(plans, "practice", max(budgets["practices"], 1))


# ---------------------------------------------------------------------------------
# Writers.


def faro_file(entry: Entry, lang: str) -> str:
    lines = toml_lines(entry.front[lang])
    return "+++\n" + "\n".join(lines) + "\n+++\n" + entry.body[lang]


HUGO_TOP_LEVEL = {"title", "description", "weight"}


def own_fields(entry: Entry, lang: str) -> dict:
    """faro's own front matter keys, for Hugo's [params] and Zola's [extra]: everything
    but the title, description and weight, with `kind` as `faro_kind` (both generators
    give `kind` a meaning of their own)."""
    fields = {("faro_kind" if k == "kind" else k): v for k, v in entry.front[lang].items() if k not in HUGO_TOP_LEVEL}
    fields.setdefault("faro_kind", entry.kind)
    return fields


def hugo_file(entry: Entry, lang: str) -> str:
    """The same page with Hugo front matter: faro's own keys go under [params]."""
    front = entry.front[lang]
    top = {"title": entry.title[lang]}
    for key in ("description", "weight"):
        if key in front:
            top[key] = front[key]
    order = front.get("order")
    if "weight" not in top and isinstance(order, int):
        top["weight"] = order
    top["kinds"] = [entry.kind]
    if entry.countries:
        top["by-country"] = entry.countries
    params = own_fields(entry, lang)
    lines = [f"{k} = {toml_value(v)}" for k, v in top.items()]
    lines += ["", "[params]"] + [f"{k} = {toml_value(v)}" for k, v in params.items()]
    return "+++\n" + "\n".join(lines) + "\n+++\n" + entry.body[lang]


def hugo_config(title: dict[str, str]) -> str:
    names = {"es": "Español", "en": "English", "pt": "Português", "fr": "Français"}
    lines = [
        "# Generated by bench/generate.py: the Hugo twin of the faro corpus.",
        'baseURL = "http://127.0.0.1:1111/"',
        'defaultContentLanguage = "es"',
        "defaultContentLanguageInSubdir = true",
        'theme = "faro-bench"',
        "disableKinds = [\"rss\"]",
        "enableRobotsTXT = false",
        "",
        "[taxonomies]",
        'kind = "kinds"',
        'country = "by-country"',
        "",
        "[markup.goldmark.renderer]",
        "unsafe = false",
    ]
    for weight, lang in enumerate(LANGS, start=1):
        lines += ["", f"[languages.{lang}]", f'label = "{names[lang]}"', f'locale = "{lang}"',
                  f"title = {toml_value(title[lang])}", f"weight = {weight}"]
    return "\n".join(lines) + "\n"


def zola_file(entry: Entry, lang: str) -> str:
    """The same page with Zola front matter. Zola refuses unknown top-level keys, so
    faro's own keys go under [extra]; a section (`_index`) takes no taxonomies and
    lists its pages by title, so that pages have neighbours as in Hugo's twin."""
    front = entry.front[lang]
    section = entry.path.endswith("_index")
    top = {"title": entry.title[lang]}
    if "description" in front:
        top["description"] = front["description"]
    weight = front.get("weight", front.get("order"))
    if isinstance(weight, int) and weight >= 0:
        top["weight"] = weight
    if section:
        top["sort_by"] = "title"
    lines = [f"{k} = {toml_value(v)}" for k, v in top.items()]
    if not section:
        lines += ["", "[taxonomies]", f"kinds = {toml_value([entry.kind])}"]
        if entry.countries:
            lines.append(f"by-country = {toml_value(entry.countries)}")
    lines += ["", "[extra]"] + [f"{k} = {toml_value(v)}" for k, v in own_fields(entry, lang).items()]
    return "+++\n" + "\n".join(lines) + "\n+++\n" + entry.body[lang]


def zola_path(path: str, lang: str) -> Path:
    """Zola names the default language's files without a language code."""
    return Path(f"{path}.md" if lang == LANGS[0] else f"{path}.{lang}.md")


def zola_config(title: dict[str, str]) -> str:
    """config.toml of the Zola twin: the four languages, the two taxonomies in each,
    and the Hugo theme's interface strings as Zola translations."""
    taxonomies = 'taxonomies = [{ name = "kinds" }, { name = "by-country" }]'

    def strings(lang: str) -> list[str]:
        text = (BENCH / "hugo-theme" / "i18n" / f"{lang}.toml").read_text(encoding="utf-8")
        return [line for line in text.splitlines() if line and not line.startswith("#")]

    default = LANGS[0]
    lines = [
        "# Generated by bench/generate.py: the Zola twin of the faro corpus.",
        'base_url = "http://127.0.0.1:1111"',
        f'default_language = "{default}"',
        f"title = {toml_value(title[default])}",
        "compile_sass = false",
        "build_search_index = false",
        "generate_feed = false",
        taxonomies,
        "",
        "[extra]",
        'language_names = { es = "Español", en = "English", pt = "Português", fr = "Français" }',
        "",
        "[slugify]",
        'paths = "safe"',
        "",
        "[markdown]",
        "highlight_code = false",
        "",
        "[translations]",
        *strings(default),
    ]
    for lang in LANGS[1:]:
        lines += ["", f"[languages.{lang}]", f"title = {toml_value(title[lang])}", taxonomies,
                  "", f"[languages.{lang}.translations]", *strings(lang)]
    return "\n".join(lines) + "\n"


def reset(path: Path) -> None:
    bl.move_aside(path)
    path.mkdir(parents=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="number of pages (content files), e.g. 1000, 10000, 100000")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--verified-on", type=dt.date.fromisoformat, default=dt.date(2026, 11, 1),
                        help="authorities and services were last verified in the 300 days before this date "
                             "(default 2026-11-01; faro warns about entries verified more than a year before it builds)")
    parser.add_argument("--out", type=Path, default=OUT, help="where faro-N/, hugo-N/ and zola-N/ go (default bench/out, which run.py reads)")
    args = parser.parse_args()
    if args.n < 4 * (len(TOP) + len(COUNTRIES) + 30):
        parser.error(f"N must be at least {4 * (len(TOP) + len(COUNTRIES) + 30)}")

    faro_dir, hugo_dir, zola_dir = (args.out / f"{tool}-{args.n}" for tool in ("faro", "hugo", "zola"))
    for site in (faro_dir, hugo_dir, zola_dir):
        reset(site)
    shutil.copy2(ROOT / "config.toml", faro_dir / "config.toml")
    shutil.copytree(ROOT / "i18n", faro_dir / "i18n")
    shutil.copytree(ROOT / "themes", faro_dir / "themes")
    shutil.copytree(BENCH / "hugo-theme", hugo_dir / "themes" / "faro-bench")
    (hugo_dir / "static").mkdir()
    shutil.copy2(ROOT / "themes" / "default" / "static" / "style.css", hugo_dir / "static" / "style.css")
    (hugo_dir / "hugo.toml").write_text(hugo_config(TOP["_index"][0]), encoding="utf-8")
    shutil.copytree(BENCH / "zola-templates", zola_dir / "templates")
    (zola_dir / "static").mkdir()
    shutil.copy2(ROOT / "themes" / "default" / "static" / "style.css", zola_dir / "static" / "style.css")
    (zola_dir / "config.toml").write_text(zola_config(TOP["_index"][0]), encoding="utf-8")

    corpus = Corpus(args.n, args.seed, args.verified_on)
    digest = hashlib.sha256()
    kinds: Counter = Counter()
    files = 0
    made_dirs: set[Path] = set()
    cited: set[str] = set()
    for entry in corpus.entries():
        kinds[entry.kind] += len(LANGS)
        for lang in LANGS:
            source = entry.front[lang].get("source", "")
            if source.startswith("sources/"):
                cited.add(source)
            rel = Path(f"{entry.path}.{lang}.md")
            faro_text = faro_file(entry, lang)
            hugo_text = hugo_file(entry, lang)
            zola_text = zola_file(entry, lang)
            for target, text in ((faro_dir / "content" / rel, faro_text), (hugo_dir / "content" / rel, hugo_text),
                                 (zola_dir / "content" / zola_path(entry.path, lang), zola_text)):
                if target.parent not in made_dirs:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    made_dirs.add(target.parent)
                target.write_text(text, encoding="utf-8")
            digest.update(str(rel).encode() + b"\0" + faro_text.encode() + b"\0" + hugo_text.encode()
                          + b"\0" + zola_text.encode())
            files += 1
    # A folder without _index is no section: Hugo lists its pages in the nearest
    # section above, Zola leaves them out of every listing. A section that Zola neither
    # renders nor keeps (transparent) gives Zola Hugo's reading.
    zola_content = zola_dir / "content"
    for folder in sorted(d for d in made_dirs if d.is_relative_to(zola_content)):
        if folder != zola_content and not (folder / "_index.md").exists():
            for lang in LANGS:
                front = f'+++\ntitle = "{folder.name}"\nsort_by = "title"\nrender = false\ntransparent = true\n+++\n'
                (folder / zola_path("_index", lang)).write_text(
                    front, encoding="utf-8")
    # faro checks that a `source` under sources/ names a file: write the ones cited.
    (faro_dir / "sources").mkdir()
    for source in sorted(cited):
        (faro_dir / source).write_text(
            "Synthetic source document of the faro benchmark corpus (bench/generate.py), "
            "cited by the generated plans and alignments.\n", encoding="utf-8")
    manifest = {
        "n": args.n, "seed": args.seed, "verified_on": args.verified_on.isoformat(),
        "files": files, "entries": files // len(LANGS), "languages": LANGS,
        "pages_by_kind": dict(sorted(kinds.items())), "sha256": digest.hexdigest(),
    }
    (args.out / f"corpus-{args.n}.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {files} pages ({files // len(LANGS)} entries × {len(LANGS)} languages) "
          f"into {faro_dir.relative_to(ROOT) if faro_dir.is_relative_to(ROOT) else faro_dir}, "
          f"{', '.join(str(d.relative_to(ROOT) if d.is_relative_to(ROOT) else d) for d in (hugo_dir, zola_dir))}")
    print("pages by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    print(f"sha256 {manifest['sha256']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
