//! Delegations' proposals in negotiation drafts: `[CAN: text]`, `[CAN, CRI: text]`, and
//! the drafts' status markers such as `[Aprobado 11/25/14]`. They are kept in the text
//! as the documents have them; this module finds them, so that they can be counted,
//! listed per delegation and rendered as attributed marks.

use std::ops::Range;

/// One bracketed passage of an item's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// Text proposed by one or more delegations (ISO 3166-1 alpha-3 codes as written).
    Proposal {
        /// The delegations, e.g. `["CAN", "CRI"]`.
        delegations: Vec<String>,
        /// The proposed text.
        text: String,
    },
    /// A note on the negotiation, such as `Aprobado 11/25/14`.
    Status(String),
}

/// A mark and where it stands in the text, brackets (and a code written before the
/// bracket, as in `CAN: [text]`) included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// What it is.
    pub mark: Mark,
}

/// Every mark in `text`, in order. Footnote references (`[^1]`) and Markdown links
/// (`[text](url)`) are not marks. A bracket left open runs to the end of the text, as
/// a proposal left open in the draft does.
pub fn find(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = text[from..].find('[') {
        let open = from + offset;
        let inner_start = open + 1;
        if text[inner_start..].starts_with('^') {
            from = inner_start;
            continue;
        }
        let close = text[inner_start..].find(']').map(|i| inner_start + i);
        let inner_end = close.unwrap_or(text.len());
        let end = close.map_or(text.len(), |c| c + 1);
        if text[end..].starts_with('(') {
            from = end; // a Markdown link
            continue;
        }
        let inner = &text[inner_start..inner_end];
        let (start, mark) = match code_before(text, open) {
            Some((code_start, code)) if parse_codes(inner).is_none() => (
                code_start,
                Mark::Proposal {
                    delegations: vec![code],
                    text: inner.trim().to_string(),
                },
            ),
            _ => (open, classify(inner)),
        };
        found.push(Found {
            range: start..end,
            mark,
        });
        from = end;
    }
    found
}

/// `CAN: [` — a code written just before the bracket, as in one directive of the draft.
fn code_before(text: &str, open: usize) -> Option<(usize, String)> {
    let before = text[..open].trim_end().strip_suffix(':')?;
    let code: String = before
        .chars()
        .rev()
        .take_while(char::is_ascii_uppercase)
        .collect();
    let start = before.len() - code.len();
    let boundary = before[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    (code.len() == 3 && boundary).then(|| (start, code.chars().rev().collect()))
}

fn classify(inner: &str) -> Mark {
    match parse_codes(inner) {
        Some((delegations, rest)) => Mark::Proposal {
            delegations,
            text: rest.trim().to_string(),
        },
        None => Mark::Status(inner.trim().to_string()),
    }
}

/// `CAN, CRI: text` → (["CAN", "CRI"], "text"). Also accepts the draft's slips:
/// `CANy text` (no colon) and `CA text` (a truncated code).
fn parse_codes(inner: &str) -> Option<(Vec<String>, &str)> {
    let mut rest = inner.trim_start();
    let mut codes = Vec::new();
    loop {
        let code: String = rest.chars().take_while(char::is_ascii_uppercase).collect();
        if !(2..=3).contains(&code.len()) {
            return None;
        }
        rest = &rest[code.len()..];
        codes.push(code);
        let trimmed = rest.trim_start();
        if let Some(after) = trimmed.strip_prefix(',') {
            rest = after.trim_start();
            continue;
        }
        // A code must end the word: `CANy` is CAN followed by text, `Aprobado` is no code.
        let next = rest.chars().next();
        if let Some(after) = trimmed.strip_prefix(':') {
            return Some((codes, after));
        }
        return match next {
            Some(c) if c.is_whitespace() || c.is_lowercase() => Some((codes, rest)),
            None => Some((codes, rest)),
            _ => None,
        };
    }
}

/// The delegations' proposals in `text`, in order.
pub fn proposals(text: &str) -> impl Iterator<Item = (Vec<String>, String)> + '_ {
    find(text).into_iter().filter_map(|f| match f.mark {
        Mark::Proposal { delegations, text } => Some((delegations, text)),
        Mark::Status(_) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(text: &str) -> Vec<Mark> {
        find(text).into_iter().map(|f| f.mark).collect()
    }

    fn proposal(codes: &[&str], text: &str) -> Mark {
        Mark::Proposal {
            delegations: codes.iter().map(|c| c.to_string()).collect(),
            text: text.into(),
        }
    }

    #[test]
    fn finds_the_drafts_forms_of_proposals() {
        assert_eq!(
            marks("a [CAN: y sobrevivientes] b"),
            [proposal(&["CAN"], "y sobrevivientes")]
        );
        assert_eq!(
            marks("[CAN, CRI: texto]"),
            [proposal(&["CAN", "CRI"], "texto")]
        );
        assert_eq!(marks("[ CAN: edad]"), [proposal(&["CAN"], "edad")]);
        assert_eq!(
            marks("[CANy sobrevivientes]"),
            [proposal(&["CAN"], "y sobrevivientes")]
        );
        assert_eq!(
            marks("[CA vulnerables]"),
            [proposal(&["CA"], "vulnerables")]
        );
        assert_eq!(
            marks("CAN: [Tomar medidas]"),
            [proposal(&["CAN"], "Tomar medidas")]
        );
        assert_eq!(
            marks("x [CAN: sin cerrar"),
            [proposal(&["CAN"], "sin cerrar")]
        );
    }

    #[test]
    fn status_markers_footnotes_and_links_are_told_apart() {
        assert_eq!(
            marks("[Aprobado 11/25/14]"),
            [Mark::Status("Aprobado 11/25/14".into())]
        );
        assert_eq!(
            marks("[Ad Referéndum de Bolivia]"),
            [Mark::Status("Ad Referéndum de Bolivia".into())]
        );
        assert!(marks("nota[^2] y [enlace](/es/) ").is_empty());
    }

    #[test]
    fn ranges_cover_the_brackets() {
        let text = "a CAN: [b] c [CRI: d]";
        let ranges: Vec<&str> = find(text).iter().map(|f| &text[f.range.clone()]).collect();
        assert_eq!(ranges, ["CAN: [b]", "[CRI: d]"]);
    }
}
