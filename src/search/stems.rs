//! The language's stemmer, remembering the stem of each word it has met.
//!
//! A text repeats its words and a site's texts share most of theirs: in the profile of
//! a 10,000-page build, the Snowball algorithms were 12% of all samples, nearly all of
//! it on words stemmed before. The index's analyzer asks this filter instead of
//! tantivy's [`Stemmer`]; each answer is that stemmer's own, asked once per word.
//!
//! What it met is also the index's vocabulary (every word that is not a stop word, and
//! its term): [`Met`] collects it while tantivy indexes, so the words the browser looks
//! up come out of the one tokenization of each text.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Every word the copies of one analyzer stemmed, with its stem. tantivy makes a copy
/// of the analyzer per field and segment writer; they all add to the same `Met`.
#[derive(Clone, Default)]
pub struct Met(Arc<Mutex<HashMap<String, String>>>);

impl Met {
    /// The words met so far and their stems, in word order, leaving none behind:
    /// taken once indexing is done, rather than copying tens of thousands of words.
    pub fn take(&self) -> BTreeMap<String, String> {
        let mut met = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        std::mem::take(&mut *met).into_iter().collect()
    }

    fn insert(&self, word: &str, stem: &str) {
        let mut met = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        met.insert(word.to_string(), stem.to_string());
    }
}

/// A token filter that replaces each word by its stem, as [`Stemmer`] does (a
/// language without a stemmer keeps its words), and records each word in a [`Met`].
#[derive(Clone)]
pub struct Stems {
    language: Option<Language>,
    met: Met,
}

impl Stems {
    /// The filter for `language`, recording into `met`.
    pub fn new(language: Option<Language>, met: Met) -> Self {
        Stems { language, met }
    }
}

impl TokenFilter for Stems {
    type Tokenizer<T: Tokenizer> = StemsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> StemsFilter<T> {
        StemsFilter {
            inner: tokenizer,
            stemmer: self.language.map(|language| {
                TextAnalyzer::builder(RawTokenizer::default())
                    .filter(Stemmer::new(language))
                    .build()
            }),
            known: HashMap::new(),
            met: self.met,
        }
    }
}

/// [`Stems`] over the tokenizer before it, with the stems met so far. Each copy of an
/// analyzer remembers on its own, without a lock, and tells the shared [`Met`] only of
/// words it had not met.
#[derive(Clone)]
pub struct StemsFilter<T> {
    inner: T,
    stemmer: Option<TextAnalyzer>,
    known: HashMap<String, String>,
    met: Met,
}

impl<T: Tokenizer> Tokenizer for StemsFilter<T> {
    type TokenStream<'a> = StemsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemsStream {
            tail: self.inner.token_stream(text),
            stemmer: self.stemmer.as_mut(),
            known: &mut self.known,
            met: &self.met,
        }
    }
}

/// The tokens of one text, stemmed.
pub struct StemsStream<'a, T> {
    tail: T,
    stemmer: Option<&'a mut TextAnalyzer>,
    known: &'a mut HashMap<String, String>,
    met: &'a Met,
}

impl<T: TokenStream> TokenStream for StemsStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        match self.known.get(&token.text) {
            Some(stem) => {
                // Into the token's own buffer: a word met before costs no allocation.
                token.text.clear();
                token.text.push_str(stem);
            }
            None => {
                let stem = match self.stemmer.as_deref_mut() {
                    Some(stemmer) => stem_of(stemmer, &token.text),
                    None => token.text.clone(),
                };
                self.met.insert(&token.text, &stem);
                let word = std::mem::replace(&mut token.text, stem.clone());
                self.known.insert(word, stem);
            }
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// What tantivy's stemmer makes of `word`.
fn stem_of(stemmer: &mut TextAnalyzer, word: &str) -> String {
    let mut stream = stemmer.token_stream(word);
    if stream.advance() {
        stream.token().text.clone()
    } else {
        word.to_string()
    }
}
