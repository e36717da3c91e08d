#!/usr/bin/env python3
"""Lineage candidates: III Plan (2021-2026) directives vs II Plan (2015-2018).

A tool for reviewers; it reads content/plans/ and prints to stdout, it never
writes anything.  For every III directive it prints the 3 most similar II
directives with their scores, and whether the text is the same as the best
one once whitespace, punctuation, case and bracketed delegation proposals are
ignored.

Usage (from anywhere):

    python3 scripts/lineage_candidates.py              # top 3 for every III directive
    python3 scripts/lineage_candidates.py -n 5         # top 5
    python3 scripts/lineage_candidates.py --text       # also print the texts side by side
    python3 scripts/lineage_candidates.py 12 21bis     # only these III directives
    python3 scripts/lineage_candidates.py --tsv        # one tab-separated line per candidate
    python3 scripts/lineage_candidates.py 83 --against 53,67 --text   # chosen II directives

Normalisation before comparing: footnote markers ``[^N]`` and footnote texts
``[^N]: ...`` are dropped, list markers ``- i.`` are dropped, text is
lower-cased and whitespace is collapsed; accents are kept.  Delegation
proposals (``[CAN: ...]``, ``[COL: ...]``, ``[Aprobado ...]``, a bracket left
unclosed runs to the end of the text) are handled in two ways, because a
proposal may hold the replacement wording, the original wording or both:

* ``without``: every bracketed span is removed;
* ``with``:    the brackets and their ``XXX:`` label are removed, the words kept.

Each III variant is compared with each II variant and the best pair counts.
Scores (0-1, difflib.SequenceMatcher ratio):

* ``words``: ratio on the word sequences (punctuation stripped) - the ranking key;
* ``chars``: ratio on the character strings (shown for the candidates only);
* ``cover``: share of the III words that are found, in order, in the II text;
* ``run``:   longest run of consecutive words shared with the II text (a split
             or merged directive keeps a long run even when its ratio is low).

Standard library only.
"""

import argparse
import difflib
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLANS = os.path.join(ROOT, "content", "plans")
III = "2021-2026"
II = "2015-2018"

FOOTDEF_RE = re.compile(r"^\[\^\w+\]:.*$", re.M)
FOOTREF_RE = re.compile(r"\[\^\w+\]")
LISTMARK_RE = re.compile(r"^\s*(?:- )?(?:[ivx]+\.|\d+\))\s+", re.M)
# label at the start of a proposal: "CAN:", "CAN, CRI:", "CA " (malformed), "Aprobado"
LABEL_RE = re.compile(r"^\s*(?:[A-Z]{2,4}(?:\s*,\s*[A-Z]{2,4})*\s*:|CA(?=\s)|CAN(?=[a-z]))\s*")
LEAD_LABEL_RE = re.compile(r"^\s*[A-Z]{2,4}(?:\s*,\s*[A-Z]{2,4})*\s*:\s*(?=\[)")
WORD_RE = re.compile(r"\w+")
WS_RE = re.compile(r"\s+")


def read_body(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    parts = text.split("+++\n", 2)
    if len(parts) < 3:
        raise SystemExit("no front matter in %s" % path)
    return parts[2]


def strip_common(body):
    body = FOOTDEF_RE.sub("", body)
    body = FOOTREF_RE.sub("", body)
    body = LISTMARK_RE.sub("", body)
    # "CAN: [Tomar ...]" (III 49bis): the label sits before the bracket
    body = LEAD_LABEL_RE.sub("", body)
    return body


def proposals(text, keep):
    """Remove bracketed proposals (keep=False) or only their brackets/labels."""
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c != "[":
            if c != "]":  # stray closing bracket
                out.append(c)
            i += 1
            continue
        depth = 0
        j = i
        while j < len(text):
            if text[j] == "[":
                depth += 1
            elif text[j] == "]":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        inner = text[i + 1:j]  # j == len(text) when the bracket is never closed
        if keep:
            inner = LABEL_RE.sub("", inner, count=1)
            out.append(" " + proposals(inner, True) + " ")
        else:
            out.append(" ")
        i = j + 1
    return "".join(out)


def norm_chars(text):
    return WS_RE.sub(" ", text.lower()).strip()


def words(text):
    return WORD_RE.findall(text.lower())


class Text:
    def __init__(self, number, body):
        self.number = number
        self.body = body.strip()
        base = strip_common(body)
        self.variants = {}
        for name, keep in (("without", False), ("with", True)):
            t = proposals(base, keep)
            self.variants[name] = (norm_chars(t), words(t))
        self.has_proposals = "[" in base


def load(plan):
    d = os.path.join(PLANS, plan, "directives")
    out = []
    for f in os.listdir(d):
        if f.endswith(".es.md"):
            num = f[: -len(".es.md")]
            out.append(Text(num, read_body(os.path.join(d, f))))

    def key(t):
        m = re.match(r"(\d+)(.*)", t.number)
        return (int(m.group(1)), m.group(2))

    return sorted(out, key=key)


def word_ratio(a, b):
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def compare(x, y):
    """Best scores over the variant pairs of III text x and II text y."""
    best = None
    for xv, (xc, xw) in x.variants.items():
        for yv, (yc, yw) in y.variants.items():
            sm = difflib.SequenceMatcher(None, xw, yw, autojunk=False)
            r = sm.ratio()
            if best is None or r > best["words"]:
                blocks = sm.get_matching_blocks()
                cover = sum(b.size for b in blocks) / max(len(xw), 1)
                best = {"words": r, "cover": cover, "pair": (xv, yv), "xc": xc, "yc": yc,
                        "run": max(b.size for b in blocks)}
    best["chars"] = difflib.SequenceMatcher(None, best["xc"], best["yc"], autojunk=False).ratio()
    return best


def same(x, y):
    """Identical ignoring whitespace, punctuation, case and proposals (any variant pair)."""
    for xv in x.variants.values():
        for yv in y.variants.values():
            if xv[1] == yv[1]:
                return True
    return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("numbers", nargs="*", help="III directive numbers (default: all)")
    ap.add_argument("-n", type=int, default=3, help="candidates per directive (default 3)")
    ap.add_argument("--text", action="store_true", help="print the texts too")
    ap.add_argument("--tsv", action="store_true", help="tab-separated output")
    ap.add_argument("--against", metavar="N,M", help="compare only with these II directives")
    args = ap.parse_args()

    iii = load(III)
    ii = load(II)
    if args.against:
        wanted_ii = set(args.against.split(","))
        unknown = wanted_ii - {t.number for t in ii}
        if unknown:
            raise SystemExit("unknown II directive(s): %s" % ", ".join(sorted(unknown)))
        ii = [t for t in ii if t.number in wanted_ii]
    if args.numbers:
        wanted = set(args.numbers)
        unknown = wanted - {t.number for t in iii}
        if unknown:
            raise SystemExit("unknown III directive(s): %s" % ", ".join(sorted(unknown)))
        iii = [t for t in iii if t.number in wanted]

    if args.tsv:
        print("iii\trank\tii\twords\tchars\tcover\trun\tsame\tvariants")
    top1 = {}
    for x in iii:
        scored = []
        for y in ii:
            # cheap upper bound first
            if not args.against and difflib.SequenceMatcher(
                    None, x.variants["with"][1], y.variants["with"][1]).real_quick_ratio() < 0.05:
                continue
            scored.append((compare(x, y), y))
        scored.sort(key=lambda s: -s[0]["words"])
        cands = scored[: args.n]
        if cands:
            top1.setdefault(cands[0][1].number, []).append(x.number)
        if args.tsv:
            for rank, (s, y) in enumerate(cands, 1):
                print("%s\t%d\t%s\t%.3f\t%.3f\t%.3f\t%d\t%s\t%s/%s" % (
                    x.number, rank, y.number, s["words"], s["chars"], s["cover"], s["run"],
                    "same" if same(x, y) else "", s["pair"][0], s["pair"][1]))
            continue
        flag = " [has proposals]" if x.has_proposals else ""
        print("III %s%s" % (x.number, flag))
        if args.text:
            print("    III: %s" % x.body.replace("\n", "\n         "))
        for rank, (s, y) in enumerate(cands, 1):
            print("  %d. II %-3s words %.3f  chars %.3f  cover %.3f  run %2d%s  (III %s / II %s proposals)" % (
                rank, y.number, s["words"], s["chars"], s["cover"], s["run"],
                "  SAME" if same(x, y) else "", s["pair"][0], s["pair"][1]))
            if args.text:
                print("     II: %s" % y.body.replace("\n", "\n         "))
        print()

    if not args.tsv and not args.numbers and not args.against:
        print("II directives that are the best candidate of more than one III directive:")
        for num in sorted(top1, key=int):
            if len(top1[num]) > 1:
                print("  II %s <- III %s" % (num, ", ".join(top1[num])))
        never = [y.number for y in ii if y.number not in top1]
        print("II directives that are nobody's best candidate: %s" % ", ".join(never))
    return 0


if __name__ == "__main__":
    sys.exit(main())
