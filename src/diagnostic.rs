//! The one type for everything wrong with the input, and how it is printed.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How bad a problem is: errors stop a build, warnings and notes do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The site cannot be built as it is.
    Error,
    /// The site builds, but an editor should look.
    Warning,
    /// A summary worth knowing, never a failure.
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

/// Stable codes, one per rule, so that editors and tools can refer to them.
/// `README.md` lists them; keep the two in step.
pub mod codes {
    /// `config.toml` is missing, does not parse or is inconsistent.
    pub const CONFIG: &str = "config";
    /// A file is not valid UTF-8.
    pub const NOT_UTF8: &str = "not-utf8";
    /// A file is empty.
    pub const EMPTY_FILE: &str = "empty-file";
    /// A content file name lacks the `.<lang>.md` suffix or names an unknown language.
    pub const FILE_NAME: &str = "file-name";
    /// The `+++` front matter block is missing or unterminated.
    pub const FRONT_MATTER: &str = "front-matter";
    /// The front matter is not valid TOML.
    pub const TOML: &str = "toml";
    /// The front matter has a key its kind does not know.
    pub const UNKNOWN_KEY: &str = "unknown-key";
    /// The front matter lacks a required key.
    pub const MISSING_KEY: &str = "missing-key";
    /// A key has a value of the wrong type or outside its allowed values.
    pub const BAD_VALUE: &str = "bad-value";
    /// Two files claim the same URL.
    pub const DUPLICATE_URL: &str = "duplicate-url";
    /// A translation of another kind, plan, number or country than its original.
    pub const KIND_MISMATCH: &str = "kind-mismatch";
    /// A date that is not a calendar date, or lies in the future.
    pub const BAD_DATE: &str = "bad-date";
    /// A malformed phone number, e-mail address or web address.
    pub const BAD_CONTACT: &str = "bad-contact";
    /// An entry not verified in the last twelve months (a warning).
    pub const STALE: &str = "stale";
    /// A link points at a page or anchor that does not exist.
    pub const BROKEN_LINK: &str = "broken-link";
    /// An i18n file is missing, does not parse, or lacks a key another language has.
    pub const I18N: &str = "i18n";
    /// A template does not parse or fails to render.
    pub const TEMPLATE: &str = "template";
    /// A file could not be read or written.
    pub const IO: &str = "io";
    /// A link's `#fragment` names no element of the page it leads to.
    pub const BROKEN_ANCHOR: &str = "broken-anchor";
    /// An image without alt text.
    pub const MISSING_ALT: &str = "missing-alt";
    /// Raw HTML, a link or an image source that the sanitizer removes (a warning).
    pub const STRIPPED_HTML: &str = "stripped-html";
    /// Two entries that are one: ids equal but for case or accents, or the same
    /// institution, service or practice entered twice.
    pub const DUPLICATE_ID: &str = "duplicate-id";
    /// A value or paragraph still a `TODO` placeholder (a warning).
    pub const TODO: &str = "todo";
    /// Pages of a language without a translation (an info summary).
    pub const MISSING_TRANSLATION: &str = "missing-translation";
    /// A document's file that is missing, outside the library's folders, too large,
    /// or not what its extension says.
    pub const BAD_FILE: &str = "bad-file";
    /// A library PDF whose text cannot be extracted, so search cannot find inside it
    /// (a warning).
    pub const NO_TEXT: &str = "no-text";
    /// A published edition whose entries no longer match its recorded digest.
    pub const EDITION_CHANGED: &str = "edition-changed";
    /// Participating states without a contact point in the directory (an info summary).
    pub const NO_CONTACT_POINT: &str = "no-contact-point";

    /// Every code, in the order of `README.md`'s table.
    pub const ALL: &[&str] = &[
        CONFIG,
        NOT_UTF8,
        EMPTY_FILE,
        FILE_NAME,
        FRONT_MATTER,
        TOML,
        UNKNOWN_KEY,
        MISSING_KEY,
        BAD_VALUE,
        BAD_DATE,
        BAD_CONTACT,
        KIND_MISMATCH,
        DUPLICATE_URL,
        DUPLICATE_ID,
        BROKEN_LINK,
        BROKEN_ANCHOR,
        BAD_FILE,
        EDITION_CHANGED,
        MISSING_ALT,
        STRIPPED_HTML,
        STALE,
        TODO,
        NO_TEXT,
        MISSING_TRANSLATION,
        NO_CONTACT_POINT,
        I18N,
        TEMPLATE,
        IO,
    ];
}

/// One problem in the input, located in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error, warning or info.
    pub severity: Severity,
    /// A stable code from [`codes`].
    pub code: &'static str,
    /// The file, relative to the site root.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `path:line:col`.
    pub fn error(
        code: &'static str,
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            path: path.into(),
            line: line.max(1),
            col: col.max(1),
            message: message.into(),
            hint: None,
        }
    }

    /// A warning at `path:line:col`.
    pub fn warning(
        code: &'static str,
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(code, path, line, col, message)
        }
    }

    /// Adds the hint that tells the editor how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this stops a build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// A GitHub workflow command, shown as an annotation on the pull request diff.
    pub fn to_github(&self) -> String {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = self.message.clone();
        if let Some(hint) = &self.hint {
            message.push_str("\nhint: ");
            message.push_str(hint);
        }
        format!(
            "::{level} file={},line={},col={},title={}::{}",
            escape_github_property(&self.path.display().to_string()),
            self.line,
            self.col,
            self.code,
            escape_github(&message)
        )
    }
}

/// Properties (`file=…`) end at `,` and the message starts after `::`, so those are
/// percent-encoded too.
fn escape_github_property(text: &str) -> String {
    escape_github(text).replace(':', "%3A").replace(',', "%2C")
}

/// Workflow commands end at a newline, so `%`, CR and LF are percent-encoded.
fn escape_github(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            self.path.display(),
            self.line,
            self.col,
            self.severity,
            self.code,
            self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Splits per-file results into what succeeded and the diagnostics (one or several
/// per file) of what did not.
pub fn partition<T, E>(results: Vec<Result<T, E>>) -> (Vec<T>, Vec<E>) {
    let mut done = Vec::with_capacity(results.len());
    let mut failed = Vec::new();
    for result in results {
        match result {
            Ok(value) => done.push(value),
            Err(d) => failed.push(d),
        }
    }
    (done, failed)
}

/// The 1-based line and column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A TOML error as a diagnostic. `source` is the TOML text, which starts at line
/// `first_line` of `path` (front matter sits below a `+++` line).
pub fn from_toml_error(
    path: &Path,
    source: &str,
    first_line: usize,
    error: &toml::de::Error,
) -> Diagnostic {
    let (line, col) = error
        .span()
        .map_or((1, 1), |span| line_col(source, span.start));
    let message = error.message().trim().to_string();
    let (code, hint) = classify_toml_message(&message);
    Diagnostic::error(code, path, line + first_line - 1, col, message).with_hint(hint)
}

/// Serde's messages have a stable shape; recognising it lets us give a precise hint.
fn classify_toml_message(message: &str) -> (&'static str, String) {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let names: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
        let (unknown, expected) = names.split_first().map_or(("", &[][..]), |(u, e)| (*u, e));
        let hint = match did_you_mean(unknown, expected.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("the keys allowed here are: {}", expected.join(", ")),
        };
        return (codes::UNKNOWN_KEY, hint);
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let name = rest.trim_matches('`');
        return (
            codes::MISSING_KEY,
            format!("add `{name} = …` to the front matter"),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        // `unknown variant `x`, expected one of `a`, `b``, or `expected `a` or `b``.
        let names: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
        let (unknown, allowed) = names.split_first().map_or(("", &[][..]), |(u, a)| (*u, a));
        let hint = match did_you_mean(unknown, allowed.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("the values allowed here are: {}", allowed.join(", ")),
        };
        return (codes::BAD_VALUE, hint);
    }
    if message.contains("date") || message.contains("time") {
        return (
            codes::BAD_DATE,
            "write dates as YYYY-MM-DD, e.g. `last_verified = 2026-03-31`".into(),
        );
    }
    if message.starts_with("invalid type") || message.starts_with("invalid value") {
        return (
            codes::BAD_VALUE,
            "see content/README.md for the values this key takes".into(),
        );
    }
    (
        codes::TOML,
        "TOML wants `key = value` lines, strings in double quotes and dates as YYYY-MM-DD".into(),
    )
}

/// The candidate closest to `word`, if it is close enough to be a likely typo: similar
/// by Jaro-Winkler, or one edit away (which catches slips in short codes like `PR`/`PE`).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| {
            let one_edit = strsim::levenshtein(&word.to_lowercase(), &c.to_lowercase()) <= 1;
            (
                if one_edit {
                    1.0
                } else {
                    strsim::jaro_winkler(word, c)
                },
                c,
            )
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Prints diagnostics in the format an editor or a CI system expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// `path:line:col: error[code]: message` with a hint line.
    #[default]
    Human,
    /// GitHub workflow annotations.
    Github,
    /// One JSON array.
    Json,
}

/// Renders `diagnostics` in `format`, one per line (or one JSON array).
pub fn format_all(diagnostics: &[Diagnostic], format: Format) -> String {
    match format {
        Format::Human => diagnostics.iter().map(|d| format!("{d}\n")).collect(),
        Format::Github => diagnostics.iter().map(|d| d.to_github() + "\n").collect(),
        Format::Json => serde_json::to_string_pretty(diagnostics).unwrap_or_default() + "\n",
    }
}

/// At most 60 characters of `text`, for messages.
pub fn shorten(text: &str) -> String {
    if text.chars().count() <= 60 {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(59).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        assert_eq!(line_col("añb\ncd", 3), (1, 3));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
    }

    #[test]
    fn unknown_field_suggests_the_closest_key() {
        let (code, hint) =
            classify_toml_message("unknown field `titel`, expected one of `title`, `weight`");
        assert_eq!(code, codes::UNKNOWN_KEY);
        assert_eq!(hint, "did you mean `title`?");
    }

    #[test]
    fn unknown_variant_suggests_the_closest_value_or_lists_them() {
        let message =
            "unknown variant `contact-pont`, expected one of `national-authority`, `contact-point`";
        let (code, hint) = classify_toml_message(message);
        assert_eq!(
            (code, hint.as_str()),
            (codes::BAD_VALUE, "did you mean `contact-point`?")
        );
        let (_, hint) = classify_toml_message("unknown variant `x`, expected `free` or `paid`");
        assert_eq!(hint, "the values allowed here are: free, paid");
        let (code, _) = classify_toml_message("unknown variant `part-time`, expected `full`");
        assert_eq!(
            code,
            codes::BAD_VALUE,
            "a variant is not a date for mentioning time"
        );
    }

    #[test]
    fn github_format_escapes_newlines() {
        let d = Diagnostic::error(codes::TOML, "a.md", 2, 3, "bad").with_hint("fix\nit");
        assert_eq!(
            d.to_github(),
            "::error file=a.md,line=2,col=3,title=toml::bad%0Ahint: fix%0Ait"
        );
    }
}
