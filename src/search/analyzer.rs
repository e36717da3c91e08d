//! Per-language text analysis: the one definition of what a word and a term are, shared
//! by the tantivy index, the static index's vocabulary and the query parser.
//!
//! A *surface word* is a token lowercased and accent-folded (`Protección` →
//! `proteccion`); a *term* is a surface word after the language's stemmer
//! (`proteccion` → `protec`). The browser has no stemmer: the exported vocabulary maps
//! surface words to terms, so the browser only has to fold and look up.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, StopWordFilter,
    TextAnalyzer, TokenStream,
};

use super::stems::{Met, Stems};
use crate::model::Lang;

/// The name the index's text fields register their analyzer under.
pub const TOKENIZER: &str = "faro";

/// Tokens of this many bytes or more are dropped: they are identifiers or run-together
/// text, not words anybody types.
const MAX_TOKEN_BYTES: usize = 40;

/// The analyzers of one language.
#[derive(Clone)]
pub struct Analyzer {
    stemmer: Option<Language>,
    stop_words: &'static [&'static str],
}

impl Analyzer {
    /// The analyzer for `lang`: its stemmer and stop words where we have them, plain
    /// folding otherwise (a language is configuration, never a reason to fail).
    pub fn new(lang: &Lang) -> Analyzer {
        let primary = lang.as_str().split('-').next().unwrap_or_default();
        Analyzer {
            stemmer: stemmer_for(primary),
            stop_words: stop_words_for(primary),
        }
    }

    /// The full analyzer the index uses for titles and bodies: words → terms. Each
    /// surface word that reaches the stemmer (every word of [`Analyzer::words`] but
    /// the stop words) is recorded with its term in `met`: the vocabulary, without
    /// reading the texts twice.
    pub fn text(&self, met: &Met) -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(StopWordFilter::remove(
                self.stop_words.iter().map(|w| w.to_string()),
            ))
            .filter(Stems::new(self.stemmer, met.clone()))
            .build()
    }

    /// The surface words of `text` in order, stop words included: the same tokens the
    /// index sees, before the stop list and the stemmer.
    pub fn words(&self, text: &str) -> Vec<String> {
        let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build();
        collect(&mut analyzer, text)
    }

    /// The stop words, for the browser.
    pub fn stop_words(&self) -> &'static [&'static str] {
        self.stop_words
    }
}

/// Every token `analyzer` makes of `text`, in order.
fn collect(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// tantivy's stemmer for a primary language subtag.
fn stemmer_for(code: &str) -> Option<Language> {
    Some(match code {
        "ar" => Language::Arabic,
        "da" => Language::Danish,
        "de" => Language::German,
        "el" => Language::Greek,
        "en" => Language::English,
        "es" => Language::Spanish,
        "fi" => Language::Finnish,
        "fr" => Language::French,
        "hu" => Language::Hungarian,
        "it" => Language::Italian,
        "nl" => Language::Dutch,
        "no" | "nb" | "nn" => Language::Norwegian,
        "pt" => Language::Portuguese,
        "ro" => Language::Romanian,
        "ru" => Language::Russian,
        "sv" => Language::Swedish,
        "ta" => Language::Tamil,
        "tr" => Language::Turkish,
        _ => return None,
    })
}

/// The few function words that are in nearly every page: their postings would be the
/// largest download of a query and rank nothing. Deliberately short lists, already
/// folded: Snowball's would drop words that matter here (Spanish `estados`, English
/// `can`, a delegation's code in the drafts).
fn stop_words_for(code: &str) -> &'static [&'static str] {
    match code {
        "es" => &[
            "a", "al", "con", "de", "del", "e", "el", "en", "la", "las", "lo", "los", "o", "para",
            "por", "que", "se", "su", "sus", "u", "un", "una", "y",
        ],
        "pt" => &[
            "a", "ao", "aos", "as", "com", "da", "das", "de", "do", "dos", "e", "em", "na", "nas",
            "no", "nos", "o", "os", "para", "pela", "pelas", "pelo", "pelos", "por", "que", "se",
            "seu", "seus", "sua", "suas", "um", "uma",
        ],
        "en" => &[
            "a", "an", "and", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it",
            "its", "of", "on", "or", "that", "the", "their", "these", "this", "to", "with",
        ],
        "fr" => &[
            "a", "au", "aux", "d", "dans", "de", "des", "du", "en", "et", "l", "la", "le", "les",
            "leur", "leurs", "ou", "par", "pour", "qu", "que", "sa", "se", "ses", "son", "sur",
            "un", "une",
        ],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn es() -> Analyzer {
        Analyzer::new(&Lang("es".into()))
    }

    fn terms(analyzer: &Analyzer, text: &str) -> Vec<String> {
        collect(&mut analyzer.text(&Met::default()), text)
    }

    #[test]
    fn accents_and_case_fold_before_stemming() {
        let es = es();
        assert_eq!(
            terms(&es, "Protección"),
            terms(&es, "PROTECCION"),
            "folding must not depend on the stemmer"
        );
        assert_eq!(terms(&es, "albergues"), terms(&es, "albergue"));
    }

    #[test]
    fn surface_words_map_to_the_terms_the_index_holds() {
        let es = es();
        let text = "Los albergues de protección";
        assert_eq!(es.words(text), ["los", "albergues", "de", "proteccion"]);
        let met = Met::default();
        let indexed = collect(&mut es.text(&met), text);
        // Stop words are neither indexed nor in the vocabulary.
        let vocabulary = met.take();
        assert_eq!(
            vocabulary.keys().collect::<Vec<_>>(),
            ["albergues", "proteccion"]
        );
        let via_vocabulary: Vec<&String> = ["albergues", "proteccion"]
            .iter()
            .filter_map(|w| vocabulary.get(*w))
            .collect();
        assert_eq!(via_vocabulary, indexed.iter().collect::<Vec<_>>());
        assert_ne!(indexed, ["albergues", "proteccion"], "the terms are stems");
    }

    #[test]
    fn a_language_without_a_stemmer_still_folds() {
        let ht = Analyzer::new(&Lang("ht".into()));
        let met = Met::default();
        let indexed = collect(&mut ht.text(&met), "Pwoteksyon Viktim");
        assert_eq!(indexed, ["pwoteksyon", "viktim"]);
        assert_eq!(met.take().get("viktim").map(String::as_str), Some("viktim"));
    }

    #[test]
    fn remembered_stems_are_the_stemmer_s_own() {
        let text = "albergues albergue protección protecciones albergues víctimas víctima";
        for language in [Language::Spanish, Language::Portuguese, Language::French] {
            let mut plain = TextAnalyzer::builder(tantivy::tokenizer::SimpleTokenizer::default())
                .filter(tantivy::tokenizer::Stemmer::new(language))
                .build();
            let mut remembering =
                TextAnalyzer::builder(tantivy::tokenizer::SimpleTokenizer::default())
                    .filter(Stems::new(Some(language), Met::default()))
                    .build();
            let expected = collect(&mut plain, text);
            // Twice: the second time every word is remembered.
            assert_eq!(collect(&mut remembering, text), expected);
            assert_eq!(collect(&mut remembering, text), expected);
        }
    }
}
