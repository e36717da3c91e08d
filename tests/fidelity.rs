//! Fidelity of `content/plans/` to the seed documents in `sources/`.
//!
//! This is an independent re-extraction (it does not use `scripts/import_plans.py`):
//!
//! * `000` (III Plan 2021-2026, es): directives 1-118 + `21bis`, `49bis`; mandates 1-19 + `4ALT`.
//! * `001` (II Plan 2015-2018, es) and `003` (the same plan, pt): directives 1-67, mandates 1-17,
//!   and the annex rows `N. (M)` (row N gives the result indicator of directive M).
//!
//! Each seed item is compared with the seed-language content file
//! (`content/plans/<plan>/<directives|mandates>/<number>.<lang>.md`) after [`normalize`], which
//! removes layout and extraction artefacts but keeps every word. Translations (`.en.md`,
//! `.fr.md`, and `.pt.md` under 2021-2026) are not read.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;

/// The document code glued to the end of III mandate 19 (an extraction artefact).
const DOC_CODE: &str = "CP43847S04";

/// Known genuine differences that may be tolerated, as `(plan, lang, kind, number)`.
/// Empty on purpose: every difference found must be fixed in the content.
const EXPECTED_DIFFERENCES: &[(&str, &str, &str, &str)] = &[];

/// One seed document and the content it was imported into.
struct Seed {
    plan: &'static str,
    lang: &'static str,
    path: &'static str,
}

const SEEDS: [Seed; 3] = [
    Seed {
        plan: "2021-2026",
        lang: "es",
        path: "sources/000_8facd6028fc97ae3.txt",
    },
    Seed {
        plan: "2015-2018",
        lang: "es",
        path: "sources/001_4180d600d7645beb.txt",
    },
    Seed {
        plan: "2015-2018",
        lang: "pt",
        path: "sources/003_9c915135aeb8dab8.txt",
    },
];

// ---------------------------------------------------------------------------------------------
// Data model
// ---------------------------------------------------------------------------------------------

/// The kinds of item this test checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Directive,
    Mandate,
}

impl Kind {
    const ALL: [Kind; 2] = [Kind::Directive, Kind::Mandate];

    /// The `kind` value in the front matter.
    fn name(self) -> &'static str {
        match self {
            Kind::Directive => "directive",
            Kind::Mandate => "mandate",
        }
    }

    /// The content folder holding this kind.
    fn folder(self) -> &'static str {
        match self {
            Kind::Directive => "directives",
            Kind::Mandate => "mandates",
        }
    }
}

/// Identifies an item: plan, language, kind and the document's own number (`21bis`, `4ALT`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    plan: String,
    lang: String,
    kind: Kind,
    number: String,
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {} ({})",
            self.plan,
            self.kind.name(),
            self.number,
            self.lang
        )
    }
}

/// One result indicator of a directive: the annex row number and its text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
struct Indicator {
    row: u32,
    text: String,
}

/// An item's raw (not yet normalized) text and provenance.
#[derive(Clone, Debug)]
struct Item {
    text: String,
    source: String,
    source_line: usize,
    indicators: Vec<Indicator>,
}

type Items = BTreeMap<Key, Item>;

/// One reason why content and seed disagree.
#[derive(Clone, Debug)]
struct Difference {
    key: Key,
    what: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.key, self.what)
    }
}

// ---------------------------------------------------------------------------------------------
// Normalization
// ---------------------------------------------------------------------------------------------

/// Normalizes an item text (seed or content alike) for comparison.
///
/// Removed: Markdown footnote definitions (`[^N]: …` lines) and references (`[^N]`),
/// `[footnoteRef:N]` markers, Markdown bullet markers (`- `, `* `, `+ ` at a line start),
/// backslash escapes before ASCII punctuation, the document code `CP43847S04`, and the item's
/// own leading number (`57. `, `21bis. `, or `4ALT. ` right after an opening `[`).
/// Every run of Unicode whitespace (tabs, line breaks, no-break spaces) becomes one space, and
/// the text is trimmed. Nothing else changes: letters, punctuation, brackets and their order are
/// kept, so a changed, added or missing word still differs.
fn normalize(text: &str, number: &str) -> String {
    let joined = text
        .lines()
        .filter(|line| !is_footnote_definition(line))
        .map(strip_bullet)
        .collect::<Vec<_>>()
        .join(" ");
    let without_refs = remove_markers(&remove_markers(&joined, "[^", "]"), "[footnoteRef:", "]");
    let without_code = without_refs.replace(DOC_CODE, "");
    let collapsed = collapse_whitespace(&remove_escapes(&without_code));
    strip_item_number(&collapsed, number)
}

/// `[^3]: text` at the start of a line.
fn is_footnote_definition(line: &str) -> bool {
    let line = line.trim_start();
    line.strip_prefix("[^")
        .and_then(|rest| rest.split_once("]:"))
        .is_some_and(|(label, _)| is_footnote_label(label))
}

/// A footnote label: digits only (the only labels the import uses and the seeds imply).
fn is_footnote_label(label: &str) -> bool {
    !label.is_empty() && label.chars().all(|c| c.is_ascii_digit())
}

/// Removes a Markdown bullet marker at the start of a line.
fn strip_bullet(line: &str) -> &str {
    let line = line.trim_start();
    ["- ", "* ", "+ "]
        .iter()
        .find_map(|marker| line.strip_prefix(marker))
        .unwrap_or(line)
}

/// Removes every `open` + digits + `close` marker (`[^2]`, `[footnoteRef:2]`).
fn remove_markers(text: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        let after = &rest[start + open.len()..];
        match after.find(close) {
            Some(end) if is_footnote_label(&after[..end]) => {
                out.push_str(&rest[..start]);
                rest = &after[end + close.len()..];
            }
            _ => {
                out.push_str(&rest[..start + open.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Drops the backslash of a Markdown escape (`\[`, `\*`, `\#`, …).
fn remove_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let escapes_punctuation = chars.peek().is_some_and(|next| next.is_ascii_punctuation());
        if c == '\\' && escapes_punctuation {
            continue;
        }
        out.push(c);
    }
    out
}

/// Collapses every run of Unicode whitespace into one space and trims.
fn collapse_whitespace(text: &str) -> String {
    text.split(char::is_whitespace)
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Removes the item's own number at the start: `57. …` → `…`, `[4ALT. CAN: …` → `[CAN: …`.
fn strip_item_number(text: &str, number: &str) -> String {
    if number.is_empty() {
        return text.to_string();
    }
    let (bracket, rest) = match text.strip_prefix('[') {
        Some(rest) => ("[", rest),
        None => ("", text),
    };
    match rest.strip_prefix(number).and_then(|r| r.strip_prefix('.')) {
        Some(after) if after.is_empty() || after.starts_with(' ') => {
            format!("{bracket}{}", after.trim_start())
        }
        _ => text.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Seed extraction
// ---------------------------------------------------------------------------------------------

/// Everything taken from one seed document.
struct SeedExtraction {
    items: Items,
    /// Lines or rows the extractor could not place (each one is a test failure).
    problems: Vec<String>,
}

/// A line with its 1-based number in the seed file.
type Line<'a> = (usize, &'a str);

/// Extracts the directives, mandates and (if there is an annex) indicator rows of one seed.
fn extract_seed(seed: &Seed, source: &str) -> SeedExtraction {
    let lines: Vec<Line> = source
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .collect();
    let annex_start = lines
        .iter()
        .position(|(_, line)| is_heading(line) && line.trim().starts_with("ANEXO"))
        .unwrap_or(lines.len());
    let mut extraction = extract_plan_items(seed, &lines[..annex_start]);
    for row in extract_annex_rows(&lines[annex_start..]) {
        attach_indicator(seed, &mut extraction, row);
    }
    extraction
}

/// A heading or boundary line: at least three letters and none of them lowercase
/// (`III. DIRECTRICES GENERALES`, `ANEXO AL`, `COMBATE Y SANCION`).
fn is_heading(line: &str) -> bool {
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3 && !letters.iter().any(|c| c.is_lowercase())
}

/// The kind of the items under a numbered section heading, if this test checks them.
fn section_kind(heading: &str) -> Option<Kind> {
    let heading = heading.trim();
    let numeral_len = heading
        .chars()
        .take_while(|c| matches!(c, 'I' | 'V' | 'X'))
        .count();
    let title = heading.get(numeral_len..)?.strip_prefix('.')?;
    if numeral_len == 0 {
        None
    } else if title.contains("MANDATOS") {
        Some(Kind::Mandate)
    } else if ["DIRECTRICES", "DIRETRICES", "DIRETRIZES"]
        .iter()
        .any(|w| title.contains(w))
    {
        Some(Kind::Directive)
    } else {
        None
    }
}

/// The number that opens an item line: `57. …`, `57.` alone, `21bis.\t…`, `[4ALT. CAN: …`.
fn item_number(line: &str) -> Option<String> {
    let line = line.trim_start();
    let line = line.strip_prefix('[').unwrap_or(line);
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let suffix = ["bis", "ALT"]
        .into_iter()
        .find(|s| line[digits..].starts_with(s))
        .unwrap_or("");
    let number_len = digits + suffix.len();
    let after = line[number_len..].strip_prefix('.')?;
    (after.is_empty() || after.starts_with(char::is_whitespace))
        .then(|| line[..number_len].to_string())
}

/// An item being collected line by line.
struct OpenItem {
    kind: Kind,
    number: String,
    line: usize,
    lines: Vec<String>,
}

/// Splits the plan body (everything before the annex) into directives and mandates.
fn extract_plan_items(seed: &Seed, lines: &[Line]) -> SeedExtraction {
    let mut extraction = SeedExtraction {
        items: Items::new(),
        problems: Vec::new(),
    };
    let mut section: Option<Kind> = None;
    let mut open: Option<OpenItem> = None;
    for &(number, line) in lines {
        if is_heading(line) {
            close_item(seed, &mut extraction, open.take());
            section = section_kind(line);
            continue;
        }
        let Some(kind) = section else { continue };
        if let Some(item_no) = item_number(line) {
            close_item(seed, &mut extraction, open.take());
            open = Some(OpenItem {
                kind,
                number: item_no,
                line: number,
                lines: Vec::new(),
            });
        }
        match open.as_mut() {
            Some(item) => item.lines.push(line.to_string()),
            None if !line.trim().is_empty() => extraction.problems.push(format!(
                "{}:{number}: text outside any item: {line:?}",
                seed.path
            )),
            None => {}
        }
    }
    close_item(seed, &mut extraction, open);
    extraction
}

/// Stores a finished item (its raw lines, number included: [`normalize`] strips it).
fn close_item(seed: &Seed, extraction: &mut SeedExtraction, item: Option<OpenItem>) {
    let Some(item) = item else { return };
    let key = Key {
        plan: seed.plan.to_string(),
        lang: seed.lang.to_string(),
        kind: item.kind,
        number: item.number,
    };
    let value = Item {
        text: item.lines.join("\n"),
        source: seed.path.to_string(),
        source_line: item.line,
        indicators: Vec::new(),
    };
    if extraction.items.insert(key.clone(), value).is_some() {
        extraction
            .problems
            .push(format!("{}: {key} appears twice", seed.path));
    }
}

/// One row of the indicator annex.
#[derive(Debug)]
struct AnnexRow {
    line: usize,
    row: u32,
    directive: String,
    indicator: String,
}

/// Reads the annex rows. A row starts with `N. (M)` (es) or `N.` with `(M)` opening the next
/// non-blank line (pt). After the row's header come the lines of the restated directive text
/// (not tab-indented), then the indicator: every non-blank line from the first tab-indented
/// one up to the next row, heading, or footnote text (a line holding U+FFFD).
fn extract_annex_rows(lines: &[Line]) -> Vec<AnnexRow> {
    let mut rows = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some((row, directive, body_start)) = row_header(lines, i) else {
            i += 1;
            continue;
        };
        let end = (body_start..lines.len())
            .find(|&j| ends_annex_block(lines, j))
            .unwrap_or(lines.len());
        let indicator = lines[body_start..end]
            .iter()
            // The indicator starts at the first indented, non-blank line.
            .skip_while(|(_, l)| !l.starts_with('\t') || l.trim().is_empty())
            .map(|(_, l)| l.trim())
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        rows.push(AnnexRow {
            line: lines[i].0,
            row,
            directive,
            indicator,
        });
        i = end;
    }
    rows
}

/// Whether line `j` closes the current annex row.
fn ends_annex_block(lines: &[Line], j: usize) -> bool {
    let line = lines[j].1;
    row_header(lines, j).is_some() || is_heading(line) || line.contains('\u{FFFD}')
}

/// Parses a row header at `i`: returns (row N, directive M, index of the first line after the
/// header's `(M)`; the rest of that line, if any, is directive text and is not needed).
fn row_header(lines: &[Line], i: usize) -> Option<(u32, String, usize)> {
    let text = lines[i].1.trim();
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let row: u32 = text[..digits].parse().ok()?;
    let rest = text[digits..].strip_prefix('.')?.trim_start();
    if !rest.is_empty() {
        return Some((row, parenthesized_number(rest)?, i + 1));
    }
    let next = (i + 1..lines.len()).find(|&j| !lines[j].1.trim().is_empty())?;
    Some((
        row,
        parenthesized_number(lines[next].1.trim_start())?,
        next + 1,
    ))
}

/// `(54) …` → `54`.
fn parenthesized_number(text: &str) -> Option<String> {
    let inner = text.strip_prefix('(')?;
    let digits = inner.chars().take_while(char::is_ascii_digit).count();
    (digits > 0 && inner[digits..].starts_with(')')).then(|| inner[..digits].to_string())
}

/// Adds an annex row to the directive it measures.
fn attach_indicator(seed: &Seed, extraction: &mut SeedExtraction, row: AnnexRow) {
    let key = Key {
        plan: seed.plan.to_string(),
        lang: seed.lang.to_string(),
        kind: Kind::Directive,
        number: row.directive.clone(),
    };
    match extraction.items.get_mut(&key) {
        Some(item) if !row.indicator.is_empty() => item.indicators.push(Indicator {
            row: row.row,
            text: row.indicator,
        }),
        Some(_) => extraction.problems.push(format!(
            "{}:{}: annex row {} has no indicator text",
            seed.path, row.line, row.row
        )),
        None => extraction.problems.push(format!(
            "{}:{}: annex row {} measures directive {}, which the plan does not have",
            seed.path, row.line, row.row, row.directive
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// Content reading
// ---------------------------------------------------------------------------------------------

/// The front-matter keys this test reads (others are ignored).
#[derive(Deserialize)]
struct FrontMatter {
    kind: String,
    plan: String,
    number: String,
    source: String,
    source_line: usize,
    #[serde(default)]
    indicators: Vec<Indicator>,
}

/// The repository root.
fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Reads the seed-language content items of one plan. Structural problems (unreadable file,
/// bad front matter, front matter disagreeing with the file's path) are returned as
/// differences, so that the report lists them with the rest.
fn read_content(plan: &str, lang: &str) -> (Items, Vec<Difference>) {
    let mut items = Items::new();
    let mut problems = Vec::new();
    for kind in Kind::ALL {
        let dir = repo().join("content/plans").join(plan).join(kind.folder());
        for path in content_files(&dir, lang) {
            let number = file_number(&path, lang);
            let key = Key {
                plan: plan.into(),
                lang: lang.into(),
                kind,
                number,
            };
            match read_item(&path, &key) {
                Ok(item) => {
                    items.insert(key, item);
                }
                Err(what) => problems.push(Difference { key, what }),
            }
        }
    }
    (items, problems)
}

/// The `<number>.<lang>.md` files of a folder, sorted.
fn content_files(dir: &Path, lang: &str) -> Vec<PathBuf> {
    let suffix = format!(".{lang}.md");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .max_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(&suffix))
        })
        .collect();
    files.sort();
    files
}

/// `…/21bis.es.md` → `21bis`.
fn file_number(path: &Path, lang: &str) -> String {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name.strip_suffix(&format!(".{lang}.md"))
        .unwrap_or(name)
        .to_string()
}

/// Reads one content file and checks that its front matter matches its path.
fn read_item(path: &Path, key: &Key) -> Result<Item, String> {
    let shown = path
        .strip_prefix(repo())
        .unwrap_or(path)
        .display()
        .to_string();
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let (front, body) = split_front_matter(&text).ok_or(format!("{shown}: no +++ front matter"))?;
    let meta: FrontMatter =
        toml::from_str(front).map_err(|e| format!("{shown}: bad front matter: {e}"))?;
    let identity = [
        ("kind", meta.kind.as_str(), key.kind.name()),
        ("plan", meta.plan.as_str(), key.plan.as_str()),
        ("number", meta.number.as_str(), key.number.as_str()),
    ];
    for (name, found, expected) in identity {
        if found != expected {
            return Err(format!(
                "{shown}: front matter {name} = {found:?}, path says {expected:?}"
            ));
        }
    }
    Ok(Item {
        text: body.to_string(),
        source: meta.source,
        source_line: meta.source_line,
        indicators: meta.indicators,
    })
}

/// Splits `+++\n<toml>\n+++\n<body>`.
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))?;
    let end = rest.find("\n+++")?;
    let body = rest[end + 4..].trim_start_matches(['\r', '\n']);
    Some((&rest[..end], body))
}

// ---------------------------------------------------------------------------------------------
// Comparison and report
// ---------------------------------------------------------------------------------------------

/// Compares seed items with content items: presence both ways, normalized text, provenance
/// (`source`, `source_line`) and indicators (row and normalized text).
fn compare(seed: &Items, content: &Items) -> Vec<Difference> {
    let keys: BTreeSet<&Key> = seed.keys().chain(content.keys()).collect();
    let mut differences = Vec::new();
    for key in keys {
        let mut report = |what: String| {
            differences.push(Difference {
                key: key.clone(),
                what,
            })
        };
        match (seed.get(key), content.get(key)) {
            (Some(_), None) => report("in the seed but no content file".into()),
            (None, Some(_)) => report("content file has no such item in the seed".into()),
            (Some(s), Some(c)) => compare_item(key, s, c).into_iter().for_each(report),
            (None, None) => unreachable!("key comes from one of the maps"),
        }
    }
    differences
}

/// The differences between one seed item and its content file.
fn compare_item(key: &Key, seed: &Item, content: &Item) -> Vec<String> {
    let mut found = Vec::new();
    let (seed_text, content_text) = (
        normalize(&seed.text, &key.number),
        normalize(&content.text, &key.number),
    );
    if seed_text != content_text {
        found.push(format!(
            "text differs\n{}",
            show_pair(&seed_text, &content_text)
        ));
    }
    if (seed.source.as_str(), seed.source_line) != (content.source.as_str(), content.source_line) {
        found.push(format!(
            "provenance differs: seed {}:{}, content says {}:{}",
            seed.source, seed.source_line, content.source, content.source_line
        ));
    }
    let (seed_rows, content_rows) = (normalized_indicators(seed), normalized_indicators(content));
    if seed_rows != content_rows {
        found.push(format!(
            "indicators differ\n      seed:    {}\n      content: {}",
            show_indicators(&seed_rows),
            show_indicators(&content_rows)
        ));
    }
    found
}

/// Indicators with normalized text, sorted by row.
fn normalized_indicators(item: &Item) -> Vec<Indicator> {
    let mut rows: Vec<Indicator> = item
        .indicators
        .iter()
        .map(|i| Indicator {
            row: i.row,
            text: normalize(&i.text, ""),
        })
        .collect();
    rows.sort();
    rows
}

fn show_indicators(rows: &[Indicator]) -> String {
    if rows.is_empty() {
        return "(none)".into();
    }
    rows.iter()
        .map(|i| format!("row {}: «{}»", i.row, excerpt(&i.text, 0)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Both texts from the start (about 200 characters), and around the first difference if
/// that lies further on.
fn show_pair(seed: &str, content: &str) -> String {
    let first_diff = seed
        .chars()
        .zip(content.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = format!(
        "      seed:    «{}»\n      content: «{}»",
        excerpt(seed, 0),
        excerpt(content, 0)
    );
    if first_diff > 150 {
        let from = first_diff - 40;
        out.push_str(&format!(
            "\n      first difference at character {first_diff}:\n      seed:    «…{}»\n      content: «…{}»",
            excerpt(seed, from),
            excerpt(content, from)
        ));
    }
    out
}

/// About 200 characters of `text` starting at character `from`.
fn excerpt(text: &str, from: usize) -> String {
    const WIDTH: usize = 200;
    let part: String = text.chars().skip(from).take(WIDTH).collect();
    if text.chars().count() > from + WIDTH {
        format!("{part}…")
    } else {
        part
    }
}

/// Drops the differences listed in [`EXPECTED_DIFFERENCES`].
fn unexpected(differences: Vec<Difference>) -> Vec<Difference> {
    differences
        .into_iter()
        .filter(|d| {
            !EXPECTED_DIFFERENCES
                .iter()
                .any(|&(plan, lang, kind, number)| {
                    d.key.plan == plan
                        && d.key.lang == lang
                        && d.key.kind.name() == kind
                        && d.key.number == number
                })
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Shared, loaded once
// ---------------------------------------------------------------------------------------------

/// Seed extraction and content of one seed document.
struct Loaded {
    seed_text: String,
    extraction: SeedExtraction,
    content: Items,
    content_problems: Vec<Difference>,
}

/// Everything the tests need, read once per test binary.
fn loaded() -> &'static Vec<Loaded> {
    static LOADED: OnceLock<Vec<Loaded>> = OnceLock::new();
    LOADED.get_or_init(|| {
        SEEDS
            .iter()
            .map(|seed| {
                let path = repo().join(seed.path);
                let seed_text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
                let extraction = extract_seed(seed, &seed_text);
                let (content, content_problems) = read_content(seed.plan, seed.lang);
                Loaded {
                    seed_text,
                    extraction,
                    content,
                    content_problems,
                }
            })
            .collect()
    })
}

/// Panics with one paragraph per difference.
fn assert_no_differences(what: &str, differences: &[Difference]) {
    if !differences.is_empty() {
        let list = differences
            .iter()
            .map(|d| format!("  - {d}"))
            .collect::<Vec<_>>()
            .join("\n");
        panic!("{what}: {} difference(s)\n{list}", differences.len());
    }
}

/// `1..=n` as strings, plus extra numbers.
fn numbers(n: u32, extra: &[&str]) -> BTreeSet<String> {
    (1..=n)
        .map(|i| i.to_string())
        .chain(extra.iter().map(|s| s.to_string()))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

/// The extractor itself finds exactly the documents' numbering and every annex row.
#[test]
fn seed_extraction_finds_every_item_and_row() {
    let expected: [(BTreeSet<String>, BTreeSet<String>); 3] = [
        (numbers(118, &["21bis", "49bis"]), numbers(19, &["4ALT"])),
        (numbers(67, &[]), numbers(17, &[])),
        (numbers(67, &[]), numbers(17, &[])),
    ];
    for ((seed, data), (directives, mandates)) in SEEDS.iter().zip(loaded()).zip(expected) {
        let extraction = &data.extraction;
        assert!(
            extraction.problems.is_empty(),
            "{}:\n{}",
            seed.path,
            extraction.problems.join("\n")
        );
        let found = |kind: Kind| -> BTreeSet<String> {
            extraction
                .items
                .keys()
                .filter(|k| k.kind == kind)
                .map(|k| k.number.clone())
                .collect()
        };
        assert_eq!(
            found(Kind::Directive),
            directives,
            "{}: directive numbers",
            seed.path
        );
        assert_eq!(
            found(Kind::Mandate),
            mandates,
            "{}: mandate numbers",
            seed.path
        );
        let rows: Vec<(u32, &str)> = extraction
            .items
            .iter()
            .flat_map(|(k, item)| {
                item.indicators
                    .iter()
                    .map(move |i| (i.row, k.number.as_str()))
            })
            .collect();
        if seed.plan == "2015-2018" {
            // one row for each directive 18-67 (es numbers row 36 twice, so its rows end at 49)
            let measured: BTreeSet<&str> = rows.iter().map(|&(_, d)| d).collect();
            let wanted: BTreeSet<String> = (18..=67).map(|i| i.to_string()).collect();
            assert_eq!(rows.len(), 50, "{}: annex rows", seed.path);
            assert_eq!(
                measured,
                wanted.iter().map(String::as_str).collect(),
                "{}",
                seed.path
            );
        } else {
            assert!(rows.is_empty(), "{}: has no annex", seed.path);
        }
    }
}

/// Every seed item is in the content with the same text, provenance and indicators, and the
/// content has no item the seed lacks.
#[test]
fn content_matches_the_seed_documents() {
    let mut all: Vec<Difference> = Vec::new();
    for data in loaded() {
        all.extend(data.content_problems.iter().cloned());
        all.extend(unexpected(compare(&data.extraction.items, &data.content)));
    }
    assert_no_differences("content/plans differs from sources/", &all);
}

/// Footnotes in item files: every reference has a definition, and every definition's text
/// appears (normalized) in the seed document.
#[test]
fn item_footnotes_come_from_the_seed() {
    let mut differences = Vec::new();
    for data in loaded() {
        let seed = normalize(&data.seed_text, "");
        for (key, item) in &data.content {
            for what in footnote_problems(&item.text, &seed) {
                differences.push(Difference {
                    key: key.clone(),
                    what,
                });
            }
        }
    }
    assert_no_differences("footnotes", &differences);
}

/// The footnote problems of one content body, checked against the normalized seed.
fn footnote_problems(body: &str, normalized_seed: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut defined = BTreeSet::new();
    for line in body.lines().filter(|l| is_footnote_definition(l)) {
        let (label, text) = line.trim_start()[2..]
            .split_once("]:")
            .unwrap_or(("", line));
        defined.insert(label.to_string());
        let text = normalize(text, "");
        if !normalized_seed.contains(&text) {
            problems.push(format!(
                "footnote [^{label}] not found in the seed: «{}»",
                excerpt(&text, 0)
            ));
        }
    }
    let referenced = body
        .split("[^")
        .skip(1)
        .filter_map(|s| s.split_once(']'))
        .map(|(l, _)| l);
    for label in referenced.filter(|l| is_footnote_label(l)) {
        if !defined.contains(label) {
            problems.push(format!("footnote [^{label}] is referenced but not defined"));
        }
    }
    problems
}

/// The comparison does fail: a changed, a missing and an added word in one real item, and a
/// changed word in one real indicator, are each reported for that item.
#[test]
fn a_changed_word_is_reported() {
    let iii = &loaded()[0];
    let key = Key {
        plan: "2021-2026".into(),
        lang: "es".into(),
        kind: Kind::Directive,
        number: "99".into(),
    };
    let original = iii
        .content
        .get(&key)
        .expect("content has 2021-2026 directive 99 (es)");
    let edits: [(&str, &str); 3] = [
        ("directorios", "catálogos"),                // changed word
        ("periódica ", ""),                          // missing word
        ("instituciones", "instituciones públicas"), // added word
    ];
    for (from, to) in edits {
        assert!(
            original.text.contains(from),
            "directive 99 no longer contains {from:?}"
        );
        let mut content = iii.content.clone();
        content.get_mut(&key).expect("key present").text = original.text.replacen(from, to, 1);
        let differences = compare(&iii.extraction.items, &content);
        assert_eq!(
            differences.len(),
            1,
            "editing {from:?} → {to:?}: {differences:#?}"
        );
        assert_eq!(differences[0].key, key);
        assert!(
            differences[0].what.starts_with("text differs"),
            "{}",
            differences[0]
        );
        assert!(differences[0]
            .to_string()
            .contains("2021-2026 directive 99 (es)"));
    }

    let ii = &loaded()[1];
    let key = Key {
        plan: "2015-2018".into(),
        lang: "es".into(),
        kind: Kind::Directive,
        number: "18".into(),
    };
    let mut content = ii.content.clone();
    let indicator = content
        .get_mut(&key)
        .and_then(|item| item.indicators.first_mut())
        .expect("2015-2018 directive 18 (es) has an indicator");
    indicator.text = indicator.text.replacen("legislación", "ley", 1);
    let differences = compare(&ii.extraction.items, &content);
    assert_eq!(differences.len(), 1, "{differences:#?}");
    assert_eq!(differences[0].key, key);
    assert!(
        differences[0].what.starts_with("indicators differ"),
        "{}",
        differences[0]
    );
}

/// Normalization removes layout only.
#[test]
fn normalization_keeps_words() {
    assert_eq!(
        normalize("57.\nCooperar  con\totros\u{a0}Estados", "57"),
        "Cooperar con otros Estados"
    );
    assert_eq!(
        normalize("[4ALT. CAN: Fortalecer]", "4ALT"),
        "[CAN: Fortalecer]"
    );
    assert_eq!(
        normalize("21bis.\t[COL: Determinar]", "21bis"),
        "[COL: Determinar]"
    );
    assert_eq!(
        normalize("sufridos[^2] /.\n\n[^2]: Nota.", "55"),
        "sufridos /."
    );
    assert_eq!(normalize("texto[footnoteRef:3]/.", ""), "texto/.");
    assert_eq!(normalize("a la OEA.CP43847S04", "19"), "a la OEA.");
    assert_eq!(
        normalize("mismos:\n\n- i. Convención;\n- ii. Otra", "22"),
        "mismos: i. Convención; ii. Otra"
    );
    assert_eq!(normalize("\\[CAN: x\\]", ""), "[CAN: x]");
    // not removed: another number, words, brackets, punctuation
    assert_eq!(normalize("58. Adoptar", "57"), "58. Adoptar");
    assert_ne!(normalize("la víctima", ""), normalize("las víctimas", ""));
    assert_ne!(normalize("[CAN: x]", ""), normalize("CAN: x", ""));
    assert_ne!(normalize("texto [^a]", ""), normalize("texto", ""));
}
