//! The language's stemmer, remembering the stem of each word it has met.
//!
//! A text repeats its words and a site's texts share most of theirs: in the profile of
//! a 10,000-page build, the Snowball algorithms were 12% of all samples, nearly all of
//! it on words stemmed before. The index's analyzer asks this filter instead of
//! tantivy's [`Stemmer`]; each answer is that stemmer's own, asked once per word.

use std::collections::HashMap;

use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// A token filter that replaces each word by its stem, as [`Stemmer`] does.
#[derive(Clone)]
pub struct Stems {
    language: Language,
}

impl Stems {
    /// The filter for `language`.
    pub fn new(language: Language) -> Self {
        Stems { language }
    }
}

impl TokenFilter for Stems {
    type Tokenizer<T: Tokenizer> = StemsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> StemsFilter<T> {
        StemsFilter {
            inner: tokenizer,
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(self.language))
                .build(),
            known: HashMap::new(),
        }
    }
}

/// [`Stems`] over the tokenizer before it, with the stems met so far. Each copy of an
/// analyzer (tantivy makes one per field and segment writer) remembers on its own.
#[derive(Clone)]
pub struct StemsFilter<T> {
    inner: T,
    stemmer: TextAnalyzer,
    known: HashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for StemsFilter<T> {
    type TokenStream<'a> = StemsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemsStream {
            tail: self.inner.token_stream(text),
            stemmer: &mut self.stemmer,
            known: &mut self.known,
        }
    }
}

/// The tokens of one text, stemmed.
pub struct StemsStream<'a, T> {
    tail: T,
    stemmer: &'a mut TextAnalyzer,
    known: &'a mut HashMap<String, String>,
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
                let stem = stem_of(self.stemmer, &token.text);
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
