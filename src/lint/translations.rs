//! Missing translations: one note per language, never a failure. A page without a
//! translation shows the original text under a notice, so the site works; the note
//! says how much is left to translate.

use std::path::Path;

use crate::config::CONFIG_FILE;
use crate::diagnostic::{codes, Diagnostic, Severity};
use crate::model::Site;

/// One [`Severity::Info`] diagnostic per language with pages not translated into it,
/// located at the language's `code = "…"` line of `config.toml` (read from `root`).
pub fn summary(root: &Path, site: &Site) -> Vec<Diagnostic> {
    let config = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
    let mut notes = Vec::new();
    for lang in &site.langs {
        let missing: Vec<String> = site
            .entries
            .values()
            .filter(|entry| !site.is_own_page(entry, lang))
            .map(|entry| format!("content/{}.{lang}.md", entry.key))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let (line, col) = code_line(&config, lang.as_str());
        let pages = if missing.len() == 1 { "page" } else { "pages" };
        let examples = missing
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        let more = if missing.len() > 3 {
            format!(" and {} more", missing.len() - 3)
        } else {
            String::new()
        };
        notes.push(
            Diagnostic {
                severity: Severity::Info,
                ..Diagnostic::error(
                    codes::MISSING_TRANSLATION,
                    CONFIG_FILE,
                    line,
                    col,
                    format!("{lang}: {} {pages} without translation", missing.len()),
                )
            }
            .with_hint(format!(
                "they show the original under a notice; to translate one, write {examples}{more}"
            )),
        );
    }
    notes
}

/// The line and column of `code = "<lang>"` in the configuration text.
fn code_line(config: &str, lang: &str) -> (usize, usize) {
    for (i, line) in config.lines().enumerate() {
        let trimmed = line.trim_start();
        let Some(rest) = trimmed.strip_prefix("code") else {
            continue;
        };
        let value = rest.trim_start().strip_prefix('=').map(str::trim);
        let value = value.map(|v| v.split('#').next().unwrap_or("").trim());
        if value.is_some_and(|v| v.trim_matches(['"', '\'']) == lang) {
            return (i + 1, line.len() - trimmed.len() + 1);
        }
    }
    (1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_found_in_the_configuration() {
        let config = "[[languages]]\ncode = \"es\"\n\n[[languages]]\n  code = 'pt'\n";
        assert_eq!(code_line(config, "es"), (2, 1));
        assert_eq!(code_line(config, "pt"), (5, 3));
        assert_eq!(code_line(config, "fr"), (1, 1));
    }
}
