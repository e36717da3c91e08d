//! From a query to terms and direct hits: the rules `faro search` applies and
//! `search.js` mirrors over the exported shards, so that both search the same terms.
//!
//! - A query is split into surface words (see [`Analyzer::words`]); at most
//!   [`MAX_WORDS`] count.
//! - A known word stands for its term. The browser has no stemmer, so an unknown word
//!   of [`MIN_FALLBACK_CHARS`] characters or more (an inflection the corpus lacks, or a
//!   typo) stands for the first of these that is not empty:
//!   1. the terms of the known words it begins, as while typing (`albergue` →
//!      `albergues`);
//!   2. for a word of [`MIN_FUZZY_CHARS`] or more, the terms of the known words one
//!      typo away ([`one_edit_apart`]: one letter changed, added, dropped, or two
//!      neighbours swapped) that begin with the same letter (`albregues` →
//!      `albergues`). Only unknown words are corrected, so a query whose words the
//!      corpus has stays exactly what was typed;
//!   3. the terms of the known words that begin with its longest prefix of that many
//!      characters or more that begins any (`protecciones` → `proteccion`,
//!      `indemnizar` → `indemnizacion`);
//!
//!   else for nothing. Stop words stand for nothing.
//! - While typing, the last word (two characters or more) is a prefix: it stands for
//!   the terms of the known words it begins, shortest words first, at most
//!   [`EXPANSIONS`] terms.
//! - A word's score in a document is the best of its terms' scores; a document's
//!   score is the sum over words, times its weight (see `index::weight`). Documents
//!   that match more words come first, by score among those that match as many.
//! - A query made of one item number plus plan ids or kind words (`2021-2026 99`,
//!   `directriz 99`) names items directly: they come first, newest plan first.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::ops::Bound;

use serde::{Deserialize, Serialize};

use super::analyzer::Analyzer;
use super::documents::SearchDoc;
use crate::i18n::Catalog;
use crate::model::order::fold;

/// Words of a query beyond this many are ignored.
pub const MAX_WORDS: usize = 32;
/// How many terms a word being typed may stand for.
pub const EXPANSIONS: usize = 8;
/// The shortest prefix an unknown word falls back to.
pub const MIN_FALLBACK_CHARS: usize = 4;
/// The shortest unknown word read as a typo of a known one: in shorter words one
/// letter changed is too often another word.
pub const MIN_FUZZY_CHARS: usize = 5;

/// An item a number names: its id, kind and plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item(pub u32, pub String, pub String);

/// What one language's queries are read with.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Words {
    /// Every surface word of the corpus and the term the index holds for it.
    pub vocabulary: BTreeMap<String, String>,
    /// Words that stand for nothing.
    pub stop: Vec<String>,
    /// Words that name a kind of item (`directriz`, `directive`) → the kind.
    pub kinds: BTreeMap<String, String>,
    /// Plan ids, normalized.
    pub plans: Vec<String>,
    /// Item numbers, normalized → the items with that number, newest plan first.
    pub numbers: BTreeMap<String, Vec<Item>>,
}

/// A query read with [`Words::parse`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// For each word that stands for something, its terms.
    pub groups: Vec<Vec<String>>,
    /// Ids of the items the query names, in the order they are shown.
    pub direct: Vec<u32>,
}

impl Words {
    /// The words of `docs` (in id order): `vocabulary` is what indexing them met
    /// ([`index::Built`](super::index::Built)), with the kind words of `catalog`.
    pub fn build(
        analyzer: &Analyzer,
        vocabulary: BTreeMap<String, String>,
        docs: &[SearchDoc],
        catalog: &Catalog,
    ) -> Words {
        let mut words = Words {
            vocabulary,
            stop: analyzer
                .stop_words()
                .iter()
                .map(|w| w.to_string())
                .collect(),
            ..Words::default()
        };
        for (id, doc) in docs.iter().enumerate() {
            let (Some(number), Some(plan)) = (&doc.number, &doc.plan) else {
                continue;
            };
            let item = Item(id as u32, doc.kind.to_string(), fold(plan));
            words.numbers.entry(fold(number)).or_default().push(item);
            words.kinds.insert(fold(doc.kind), doc.kind.to_string());
            if let Some(name) = catalog.get(doc.kind) {
                words.kinds.insert(fold(name), doc.kind.to_string());
            }
            if !words.plans.contains(&fold(plan)) {
                words.plans.push(fold(plan));
            }
        }
        for items in words.numbers.values_mut() {
            items.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
        }
        words.plans.sort_by(|a, b| b.cmp(a));
        words
    }

    /// Reads `query`; `typing` makes its last word a prefix.
    pub fn parse(&self, analyzer: &Analyzer, query: &str, typing: bool) -> Parsed {
        let mut words = analyzer.words(query);
        words.truncate(MAX_WORDS);
        let last = words.len().saturating_sub(1);
        let groups = words
            .iter()
            .enumerate()
            .map(|(i, word)| {
                if typing && i == last && word.chars().count() >= 2 {
                    self.completions(word)
                } else if self.stop.contains(word) {
                    Vec::new()
                } else {
                    self.exact_or_fallback(word)
                }
            })
            .filter(|terms| !terms.is_empty())
            .collect();
        Parsed {
            groups,
            direct: self.direct(query),
        }
    }

    /// The terms of the known words that begin with `prefix`, shortest words first.
    fn completions(&self, prefix: &str) -> Vec<String> {
        let mut candidates: Vec<&String> = self
            .vocabulary
            .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
            .take_while(|(word, _)| word.starts_with(prefix))
            .map(|(word, _)| word)
            .collect();
        candidates.sort_by(|a, b| a.chars().count().cmp(&b.chars().count()).then(js_cmp(a, b)));
        self.distinct_terms(candidates)
    }

    /// The terms of known `words`, in their order, each once, at most [`EXPANSIONS`].
    fn distinct_terms<'w>(&self, words: impl IntoIterator<Item = &'w String>) -> Vec<String> {
        let mut terms: Vec<String> = Vec::new();
        for word in words {
            let term = &self.vocabulary[word];
            if !terms.contains(term) {
                terms.push(term.clone());
                if terms.len() == EXPANSIONS {
                    break;
                }
            }
        }
        terms
    }

    /// The term of `word`, else the terms of its completions, of the known words one typo
    /// away, or of the completions of its longest prefix that has any (see the module).
    fn exact_or_fallback(&self, word: &str) -> Vec<String> {
        if let Some(term) = self.vocabulary.get(word) {
            return vec![term.clone()];
        }
        let letters = word.chars().count();
        if letters < MIN_FALLBACK_CHARS {
            return Vec::new();
        }
        let completions = self.completions(word);
        if !completions.is_empty() {
            return completions;
        }
        if letters >= MIN_FUZZY_CHARS {
            let near = self.one_typo_away(word);
            if !near.is_empty() {
                return near;
            }
        }
        // The prefixes of MIN_FALLBACK_CHARS characters or more, longest first.
        let prefixes: Vec<&str> = word
            .char_indices()
            .skip(MIN_FALLBACK_CHARS)
            .map(|(end, _)| &word[..end])
            .collect();
        prefixes
            .into_iter()
            .rev()
            .map(|prefix| self.completions(prefix))
            .find(|terms| !terms.is_empty())
            .unwrap_or_default()
    }

    /// The terms of the known words [`one_edit_apart`] from `word` that begin with its
    /// first letter, in string order, at most [`EXPANSIONS`]. The first letter is kept
    /// because typos rarely fall there, and because the browser then reads only the
    /// shards of that letter's words.
    fn one_typo_away(&self, word: &str) -> Vec<String> {
        let Some(first) = word.chars().next() else {
            return Vec::new();
        };
        let first = first.to_string();
        let mut near: Vec<&String> = self
            .vocabulary
            .range::<str, _>((Bound::Included(first.as_str()), Bound::Unbounded))
            .take_while(|(known, _)| known.starts_with(&first))
            .map(|(known, _)| known)
            .filter(|known| one_edit_apart(word, known))
            .collect();
        near.sort_by(|a, b| js_cmp(a, b));
        self.distinct_terms(near)
    }

    /// The items a query names, when it is one item number plus plan ids or kind words.
    fn direct(&self, query: &str) -> Vec<u32> {
        let (mut plans, mut kinds, mut numbers) = (Vec::new(), Vec::new(), Vec::new());
        for raw in query.split_whitespace().take(MAX_WORDS) {
            let word = fold(raw.trim_matches(|c: char| !c.is_alphanumeric()));
            if word.is_empty() {
                continue;
            } else if self.plans.contains(&word) {
                plans.push(word);
            } else if let Some(kind) = self.kinds.get(&word) {
                kinds.push(kind);
            } else if let Some(items) = self.numbers.get(&word) {
                numbers.push(items);
            } else {
                return Vec::new();
            }
        }
        match numbers[..] {
            [items] if !plans.is_empty() || !kinds.is_empty() => items
                .iter()
                .filter(|Item(_, kind, plan)| {
                    (kinds.is_empty() || kinds.contains(&kind))
                        && (plans.is_empty() || plans.contains(plan))
                })
                .map(|Item(id, _, _)| *id)
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// Whether `a` and `b` differ by exactly one typo: one character changed, added or
/// dropped, or two neighbouring characters swapped (`search.js` has the same test).
pub fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let Some(at) = (0..long.len()).find(|&i| short.get(i) != long.get(i)) else {
        return false;
    };
    match long.len() - short.len() {
        0 => {
            short[at + 1..] == long[at + 1..]
                || (at + 1 < short.len()
                    && short[at] == long[at + 1]
                    && short[at + 1] == long[at]
                    && short[at + 2..] == long[at + 2..])
        }
        1 => short[at..] == long[at + 1..],
        _ => false,
    }
}

/// String order as JavaScript compares strings (UTF-16 code units), so that shard
/// boundaries and completions sort the same in the browser.
pub fn js_cmp(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    fn doc(title: &str, body: &str, kind: &'static str, number: Option<&str>) -> SearchDoc {
        SearchDoc {
            title: title.into(),
            body: body.into(),
            kind,
            plan: number.map(|_| "2021-2026".into()),
            number: number.map(Into::into),
            country: None,
            url: format!("/es/{title}/"),
        }
    }

    /// The term the vocabulary holds for a word of the test documents.
    fn term(words: &Words, word: &str) -> String {
        match words.vocabulary.get(word) {
            Some(term) => term.clone(),
            None => panic!("{word} is not in the test documents"),
        }
    }

    fn words() -> (Analyzer, Words) {
        let analyzer = Analyzer::new(&Lang("es".into()));
        let docs = [
            doc(
                "Directriz 99",
                "Albergues de protección",
                "directive",
                Some("99"),
            ),
            doc("Directriz 9", "Trata y tratamiento", "directive", Some("9")),
            doc("Acerca", "Protección de víctimas", "page", None),
            doc("Albergues", "Casas y casos de víctimas", "page", None),
        ];
        let catalog: Catalog = [("directive".to_string(), "Directriz".to_string())].into();
        let built = match crate::search::index::build(&analyzer, "es", &docs) {
            Ok(built) => built,
            Err(e) => panic!("cannot index the test documents: {e}"),
        };
        let words = Words::build(&analyzer, built.vocabulary, &docs, &catalog);
        (analyzer, words)
    }

    #[test]
    fn accents_inflections_and_stop_words() {
        let (analyzer, words) = words();
        let parsed = words.parse(&analyzer, "proteccion de albergue", false);
        assert_eq!(
            parsed.groups,
            [
                vec![term(&words, "proteccion")],
                vec![term(&words, "albergues")]
            ]
        );
        let fallback = words.parse(&analyzer, "protecciones", false);
        assert_eq!(fallback.groups, [vec![term(&words, "proteccion")]]);
    }

    #[test]
    fn the_last_word_completes_while_typing() {
        let (analyzer, words) = words();
        let both = [vec![term(&words, "trata"), term(&words, "tratamiento")]];
        assert_eq!(words.parse(&analyzer, "tr", true).groups, both);
        assert!(words.parse(&analyzer, "tr", false).groups.is_empty());
        // A complete word the corpus lacks stands for the words it begins.
        assert_eq!(words.parse(&analyzer, "trat", false).groups, both);
    }

    #[test]
    fn an_unknown_word_one_typo_away_stands_for_the_known_word() {
        let (analyzer, words) = words();
        for typo in [
            "albregues",
            "albergeus",
            "alberges",
            "albergues2",
            "albergaes",
        ] {
            assert_eq!(
                words.parse(&analyzer, typo, false).groups,
                [vec![term(&words, "albergues")]],
                "{typo}"
            );
        }
        // Known words are taken as typed, short words are not corrected, and the first
        // letter is kept.
        assert_eq!(
            words.parse(&analyzer, "casas", false).groups,
            [vec![term(&words, "casas")]]
        );
        assert!(words.parse(&analyzer, "caza", false).groups.is_empty());
        assert!(words.parse(&analyzer, "xlbergues", false).groups.is_empty());
        // Else the words its longest prefix begins: "victimizar" → "victimas".
        assert_eq!(
            words.parse(&analyzer, "victimizar", false).groups,
            [vec![term(&words, "victimas")]]
        );
    }

    #[test]
    fn one_edit_means_one_letter_changed_added_dropped_or_swapped() {
        for (a, b) in [
            ("trata", "trato"),
            ("trata", "tratas"),
            ("tratas", "trata"),
            ("trata", "rata"),
            ("trata", "tarta"),
            ("víctima", "vítcima"),
        ] {
            assert!(one_edit_apart(a, b), "{a} {b}");
        }
        for (a, b) in [
            ("trata", "trata"),
            ("trata", "trotu"),
            ("trata", "tr"),
            ("trata", "atrta"),
            ("", ""),
        ] {
            assert!(!one_edit_apart(a, b), "{a} {b}");
        }
    }

    #[test]
    fn numbers_with_a_plan_or_kind_name_items() {
        let (analyzer, words) = words();
        assert_eq!(words.parse(&analyzer, "directriz 99", false).direct, [0]);
        assert_eq!(words.parse(&analyzer, "2021-2026 9", false).direct, [1]);
        assert!(words.parse(&analyzer, "99", false).direct.is_empty());
        assert!(words
            .parse(&analyzer, "albergues 99", false)
            .direct
            .is_empty());
    }

    #[test]
    fn odd_queries_parse_to_nothing() {
        let (analyzer, words) = words();
        for query in ["", "   ", "¿¡!?", "\u{0}", &"x".repeat(10_000)] {
            assert_eq!(
                words.parse(&analyzer, query, true),
                Parsed::default(),
                "{query:?}"
            );
        }
    }
}
