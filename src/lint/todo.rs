//! Placeholders: a value or a paragraph that is `TODO`, or starts with `TODO:`, is still
//! to be written. (Only those two forms: Spanish capitals such as "TODO LO QUE" or
//! "TODOS" are text, not placeholders.)
//! `faro new` writes them where it cannot know the value; `faro check` accepts them
//! with a warning, so a draft can be checked, and `--deny todo` (as on pull requests)
//! or `--deny-warnings` refuses them, so a draft is never published.

use toml::de::{DeTable, DeValue};

use crate::diagnostic::{codes, line_col, shorten, Diagnostic};
use crate::model::Document;

/// The word that marks a placeholder.
pub const MARK: &str = "TODO";

/// Whether `text` is a placeholder: `TODO`, or `TODO:` and what is to be written.
pub fn is_placeholder(text: &str) -> bool {
    text.trim_start()
        .strip_prefix(MARK)
        .is_some_and(|rest| rest.trim_end().is_empty() || rest.starts_with(':'))
}

/// A warning for every front matter string that is a placeholder.
pub fn in_front_matter(doc: &Document) -> Vec<Diagnostic> {
    let Ok(table) = DeTable::parse(&doc.front) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (key, value) in table.get_ref() {
        walk(key.get_ref(), value, &mut found);
    }
    found
        .into_iter()
        .map(|(key, offset, text)| {
            let (line, col) = line_col(&doc.front, offset);
            // Front matter starts on line 2, below the opening fence.
            Diagnostic::warning(
                codes::TODO,
                &doc.path,
                line + 1,
                col,
                format!("`{key}` is still a placeholder: \"{}\"", shorten(&text)),
            )
            .with_hint(
                "write the value the source gives; if it gives none, delete the line when the key is optional. Never invent a value",
            )
        })
        .collect()
}

fn walk(key: &str, value: &toml::Spanned<DeValue<'_>>, found: &mut Vec<(String, usize, String)>) {
    match value.get_ref() {
        DeValue::String(text) if is_placeholder(text) => {
            found.push((key.to_string(), value.span().start, text.to_string()));
        }
        DeValue::Array(items) => {
            for item in items.iter() {
                walk(key, item, found);
            }
        }
        DeValue::Table(table) => {
            for (inner, item) in table.iter() {
                walk(&format!("{key}.{}", inner.get_ref()), item, found);
            }
        }
        _ => {}
    }
}

/// A warning when the text that opens a paragraph, heading, list item or table cell
/// at body offset `offset` is a placeholder.
pub fn in_text(doc: &Document, text: &str, offset: usize) -> Option<Diagnostic> {
    if !is_placeholder(text) {
        return None;
    }
    let (line, col) = doc.body_position(offset);
    Some(
        Diagnostic::warning(
            codes::TODO,
            &doc.path,
            line,
            col,
            format!(
                "the text is still a placeholder: \"{}\"",
                shorten(text.trim())
            ),
        )
        .with_hint("write what the source says, and cite it (document and line, or a quotation)"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_todo_or_todo_colon_but_not_spanish_capitals() {
        for yes in ["TODO", " TODO ", "TODO: a URL", "TODO:"] {
            assert!(is_placeholder(yes), "{yes}");
        }
        for no in ["TODO LO QUE", "TODOS", "Todo", "todo: x", "NOTODO", ""] {
            assert!(!is_placeholder(no), "{no}");
        }
    }
}
