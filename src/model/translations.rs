//! Which file of an entry is its original, and the rule that every translation is of
//! its original's kind.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use super::meta::Translation;
use super::{Document, Lang};
use crate::diagnostic::{codes, Diagnostic};

/// The language an entry is read from where a language lacks it: the default
/// language's file if it is official, else the first official one in configuration
/// order, else the first configured language that has one. `translation` says, for a
/// language, whether the entry has a file in it and how official that file is.
pub fn original_lang<'l>(
    default_lang: &'l Lang,
    langs: &'l [Lang],
    translation: impl Fn(&Lang) -> Option<Translation>,
) -> Option<&'l Lang> {
    let official = |lang: &Lang| translation(lang) == Some(Translation::Official);
    std::iter::once(default_lang)
        .filter(|l| official(l))
        .chain(langs.iter().filter(|l| official(l)))
        .chain(langs.iter().filter(|l| translation(l).is_some()))
        .next()
}

/// Leaves out every translation that is not of its original's kind, or names another
/// plan, number, country or directive, with an `error[kind-mismatch]` for each: pages
/// built from such a file would mix two different things under one address.
pub fn of_one_kind(
    documents: Vec<Arc<Document>>,
    default_lang: &Lang,
    langs: &[Lang],
) -> (Vec<Arc<Document>>, Vec<Diagnostic>) {
    let mut by_key: BTreeMap<&str, Vec<&Arc<Document>>> = BTreeMap::new();
    for doc in &documents {
        by_key.entry(&doc.key).or_default().push(doc);
    }
    let mut diagnostics = Vec::new();
    for docs in by_key.values().filter(|docs| docs.len() > 1) {
        let in_lang = |lang: &Lang| docs.iter().find(|d| &d.lang == lang);
        let translation = |lang: &Lang| in_lang(lang).map(|d| d.meta.translation());
        let Some(original) = original_lang(default_lang, langs, translation).and_then(in_lang)
        else {
            continue;
        };
        for doc in docs.iter().filter(|d| d.lang != original.lang) {
            diagnostics.extend(mismatch(original, doc));
        }
    }
    let rejected: HashSet<PathBuf> = diagnostics.iter().map(|d| d.path.clone()).collect();
    let kept = documents
        .into_iter()
        .filter(|d| !rejected.contains(&d.path))
        .collect();
    (kept, diagnostics)
}

/// The first way `translation` differs from `original` in what it is, if any.
fn mismatch(original: &Document, translation: &Document) -> Option<Diagnostic> {
    let (kind, other) = (original.meta.kind(), translation.meta.kind());
    let (key, message, hint) = if kind != other {
        (
            "kind",
            format!(
                "this translation is of kind `{other}`, its original {} of kind `{kind}`",
                original.path.display()
            ),
            format!(
                "copy the original's front matter and translate its text: write `kind = \"{kind}\"` and the keys it has"
            ),
        )
    } else {
        let identity = translation.meta.identity();
        let (key, theirs, ours) = original
            .meta
            .identity()
            .into_iter()
            .zip(identity)
            .find(|((_, ours), (_, theirs))| ours != theirs)
            .map(|((key, ours), (_, theirs))| (key, theirs, ours))?;
        (
            key,
            format!(
                "this translation has `{key} = \"{theirs}\"`, its original {} has `{key} = \"{ours}\"`",
                original.path.display()
            ),
            format!("a translation is the same {kind} in another language: write `{key} = \"{ours}\"`"),
        )
    };
    Some(
        Diagnostic::error(
            codes::KIND_MISMATCH,
            &translation.path,
            translation.front_line(key),
            1,
            message,
        )
        .with_hint(hint),
    )
}
