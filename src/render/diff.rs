//! A word diff of two versions of a text, as HTML: deletions in `<del>`, insertions in
//! `<ins>`, each with words for screen readers, since strike-through is not announced.

use similar::{ChangeTag, TextDiff};

use crate::html::escape;

/// `old` → `new`, word by word. `deleted` and `inserted` label the changes for
/// screen readers, in the language of the page.
pub fn word_diff(old: &str, new: &str, deleted: &str, inserted: &str) -> String {
    let diff = TextDiff::from_words(old.trim(), new.trim());
    let mut html = String::new();
    let mut open: Option<ChangeTag> = None;
    for change in diff.iter_all_changes() {
        let tag = change.tag();
        if open != Some(tag) {
            close(&mut html, open);
            match tag {
                ChangeTag::Delete => html.push_str(&format!(
                    "<del><span class=\"visually-hidden\">[{} </span>",
                    escape(deleted)
                )),
                ChangeTag::Insert => html.push_str(&format!(
                    "<ins><span class=\"visually-hidden\">[{} </span>",
                    escape(inserted)
                )),
                ChangeTag::Equal => {}
            }
            open = Some(tag);
        }
        html.push_str(&escape(change.value()));
    }
    close(&mut html, open);
    html
}

fn close(html: &mut String, open: Option<ChangeTag>) {
    match open {
        Some(ChangeTag::Delete) => html.push_str("<span class=\"visually-hidden\">]</span></del>"),
        Some(ChangeTag::Insert) => html.push_str("<span class=\"visually-hidden\">]</span></ins>"),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_changed_words_only() {
        let html = word_diff(
            "proteger a las víctimas",
            "proteger a las víctimas y sobrevivientes",
            "eliminado",
            "añadido",
        );
        assert_eq!(
            html,
            "proteger a las víctimas<ins><span class=\"visually-hidden\">[añadido </span> y sobrevivientes<span class=\"visually-hidden\">]</span></ins>"
        );
    }
}
