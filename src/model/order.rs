//! Orders and comparisons that read as people expect: numbers as numbers, names
//! without regard to case or accents.

use std::cmp::Ordering;

use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer};

/// Compares with digit runs as numbers, so that `directives/9` comes before
/// `directives/10` and `21` before `21bis`.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        let (Some(x), Some(y)) = (a.chars().next(), b.chars().next()) else {
            // One has ended: the shorter comes first.
            return a.len().cmp(&b.len());
        };
        let (a_digits, b_digits) = (digit_run(a), digit_run(b));
        let (ordering, step_a, step_b) = if a_digits > 0 && b_digits > 0 {
            let (x, y) = (
                a[..a_digits].trim_start_matches('0'),
                b[..b_digits].trim_start_matches('0'),
            );
            (
                x.len().cmp(&y.len()).then_with(|| x.cmp(y)),
                a_digits,
                b_digits,
            )
        } else {
            (x.cmp(&y), x.len_utf8(), y.len_utf8())
        };
        if ordering != Ordering::Equal {
            return ordering;
        }
        (a, b) = (&a[step_a..], &b[step_b..]);
    }
}

/// The length of the ASCII digits `text` starts with.
fn digit_run(text: &str) -> usize {
    text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len()
}

/// A whole string lowercased and accent-folded, not split (`Protección` →
/// `proteccion`): how names sort, how ids are compared for near-duplicates, and how
/// plan ids and item numbers are matched in search. It is the search index's own
/// folding (tantivy's), so that what sorts together and what matches agree.
pub fn fold(text: &str) -> String {
    let mut analyzer = TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    let mut stream = analyzer.token_stream(text);
    let mut out = String::with_capacity(text.len());
    while let Some(token) = stream.next() {
        out.push_str(&token.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_reads_numbers_as_numbers() {
        let mut v = vec!["d/10", "d/21bis", "d/9", "d/21", "d/100"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, ["d/9", "d/10", "d/21", "d/21bis", "d/100"]);
    }

    #[test]
    fn whole_strings_fold_without_splitting() {
        assert_eq!(fold("2021-2026"), "2021-2026");
        assert_eq!(fold("Directriz"), "directriz");
        assert_eq!(fold("4ALT"), "4alt");
        assert_eq!(fold("Protección Niñez"), "proteccion ninez");
    }
}
