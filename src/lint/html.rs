//! Raw HTML in Markdown: a small tokenizer for start tags, and what the sanitizer
//! would remove from them, found by asking the sanitizer itself.
//!
//! The tokenizer is deliberately forgiving: it only has to find `<name attr=value …>`
//! in text an editor wrote, never to build a tree. The verdict on a tag comes from
//! [`markdown::to_html`], the very function pages are rendered with, so the rule can
//! never drift from the sanitizer's configuration.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use crate::markdown;

/// A start tag found in raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartTag {
    /// The tag name, lowercase.
    pub name: String,
    /// Byte offset of the `<` in the scanned text.
    pub start: usize,
    /// Byte offset just past the `>` (or the end of the text when unterminated).
    pub end: usize,
    /// The attributes, in order.
    pub attrs: Vec<Attr>,
}

/// One attribute of a [`StartTag`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    /// The attribute name, lowercase.
    pub name: String,
    /// The value with the common character references decoded; `None` for a bare
    /// attribute such as `hidden`.
    pub value: Option<String>,
    /// Byte offset of the attribute name in the scanned text.
    pub start: usize,
}

impl StartTag {
    /// The first attribute called `name`, as the HTML parser keeps it.
    pub fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.name == name)
    }
}

/// Every start tag in `text`, skipping comments, doctypes, processing instructions
/// and end tags.
pub fn start_tags(text: &str) -> Vec<StartTag> {
    let bytes = text.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(found) = text[i..].find('<') {
        let start = i + found;
        let rest = &text[start + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            i = comment
                .find("-->")
                .map_or(text.len(), |e| start + 1 + 3 + e + 3);
            continue;
        }
        if rest.starts_with(['!', '?', '/']) {
            i = rest.find('>').map_or(text.len(), |e| start + 1 + e + 1);
            continue;
        }
        let name_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        if name_len == 0 || !bytes[start + 1].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        let mut j = start + 1 + name_len;
        let mut attrs = Vec::new();
        let end = loop {
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            match bytes.get(j) {
                None => break text.len(),
                Some(b'>') => break j + 1,
                Some(b'/') => {
                    j += 1;
                    continue;
                }
                Some(_) => {}
            }
            let name_start = j;
            while j < bytes.len() && !matches!(bytes[j], b'>' | b'/' | b'=') {
                if bytes[j].is_ascii_whitespace() {
                    break;
                }
                j += 1;
            }
            if j == name_start {
                // A stray `=`: skip it.
                j += 1;
                continue;
            }
            let attr_name = text[name_start..j].to_ascii_lowercase();
            let mut k = j;
            while k < bytes.len() && bytes[k].is_ascii_whitespace() {
                k += 1;
            }
            let mut value = None;
            if bytes.get(k) == Some(&b'=') {
                k += 1;
                while k < bytes.len() && bytes[k].is_ascii_whitespace() {
                    k += 1;
                }
                let (raw, next) = match bytes.get(k) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let close = text[k + 1..]
                            .find(quote as char)
                            .map_or(text.len(), |e| k + 1 + e);
                        (&text[k + 1..close], (close + 1).min(text.len()))
                    }
                    _ => {
                        let stop = text[k..]
                            .find(|c: char| c.is_ascii_whitespace() || c == '>')
                            .map_or(text.len(), |e| k + e);
                        (&text[k..stop], stop)
                    }
                };
                value = Some(decode_references(raw));
                j = next;
            }
            attrs.push(Attr {
                name: attr_name,
                value,
                start: name_start,
            });
        };
        tags.push(StartTag {
            name,
            start,
            end,
            attrs,
        });
        i = end.max(start + 1);
    }
    tags
}

/// Decodes the character references an editor is likely to write in an attribute.
pub fn decode_references(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// What the sanitizer does to one start tag.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verdict {
    /// The whole tag is dropped.
    pub tag_removed: bool,
    /// Attributes dropped, by index into [`StartTag::attrs`].
    pub attrs_removed: Vec<usize>,
    /// Classes dropped from the `class` attribute.
    pub classes_removed: Vec<String>,
}

impl Verdict {
    /// Whether the sanitizer leaves the tag as written.
    pub fn is_clean(&self) -> bool {
        !self.tag_removed && self.attrs_removed.is_empty() && self.classes_removed.is_empty()
    }
}

/// Tags the HTML parser drops outside a table: they are tried inside one.
fn table_context(name: &str) -> (&'static str, &'static str) {
    match name {
        "td" | "th" => ("<table><tbody><tr>", "</tr></tbody></table>"),
        "tr" => ("<table><tbody>", "</tbody></table>"),
        "thead" | "tbody" | "tfoot" | "caption" | "colgroup" => ("<table>", "</table>"),
        "col" => ("<table><colgroup>", "</colgroup></table>"),
        _ => ("", ""),
    }
}

/// Renders the tag alone, as a page would, and compares what comes out.
/// `source` is the tag's text as written (from `<` to `>`).
pub fn sanitize_verdict(tag: &StartTag, source: &str) -> Verdict {
    static CACHE: LazyLock<Mutex<HashMap<String, Verdict>>> = LazyLock::new(Default::default);
    let mut one_line: String = source
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    if !one_line.ends_with('>') {
        one_line.push('>');
    }
    if let Some(verdict) = CACHE.lock().ok().and_then(|c| c.get(&one_line).cloned()) {
        return verdict;
    }
    let (before, after) = table_context(&tag.name);
    let html = markdown::to_html(
        &markdown::parse(&format!("{before}{one_line}{after}\n")),
        &|_| None,
    );
    let verdict = compare(tag, &html);
    if let Ok(mut cache) = CACHE.lock() {
        cache.insert(one_line, verdict.clone());
    }
    verdict
}

fn compare(tag: &StartTag, sanitized: &str) -> Verdict {
    let Some(kept) = start_tags(sanitized)
        .into_iter()
        .find(|t| t.name == tag.name)
    else {
        return Verdict {
            tag_removed: true,
            ..Verdict::default()
        };
    };
    let mut verdict = Verdict::default();
    for (index, attr) in tag.attrs.iter().enumerate() {
        // The parser keeps the first of two attributes with one name; so do we.
        if tag.attrs[..index].iter().any(|a| a.name == attr.name) {
            continue;
        }
        match kept.attr(&attr.name) {
            None => verdict.attrs_removed.push(index),
            Some(out) if attr.name == "class" => {
                let out_classes: Vec<&str> = out
                    .value
                    .as_deref()
                    .unwrap_or("")
                    .split_whitespace()
                    .collect();
                for class in attr.value.as_deref().unwrap_or("").split_whitespace() {
                    if !out_classes.contains(&class) {
                        verdict.classes_removed.push(class.to_string());
                    }
                }
            }
            Some(_) => {}
        }
    }
    verdict
}

/// Whether the sanitizer keeps `url` as the target of a link (`image = false`) or the
/// source of an image.
pub fn keeps_url(url: &str, image: bool) -> bool {
    let escaped = crate::html::escape(url);
    let (source, name, attr) = if image {
        (format!("<img src=\"{escaped}\" alt=\"x\">"), "img", "src")
    } else {
        (format!("<a href=\"{escaped}\">x</a>"), "a", "href")
    };
    let tag = StartTag {
        name: name.into(),
        start: 0,
        end: source.len(),
        attrs: vec![Attr {
            name: attr.into(),
            value: Some(url.into()),
            start: 0,
        }],
    };
    let end = source.find('>').map_or(source.len(), |e| e + 1);
    sanitize_verdict(&tag, &source[..end]).is_clean()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_attributes_are_found_with_their_offsets() {
        let text = "a <p class=\"x y\" onclick='go()' hidden data-x=1>b</p><!-- <i> --><br/>";
        let tags = start_tags(text);
        let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["p", "br"]);
        let p = &tags[0];
        assert_eq!(p.start, 2);
        let attrs: Vec<(&str, Option<&str>)> = p
            .attrs
            .iter()
            .map(|a| (a.name.as_str(), a.value.as_deref()))
            .collect();
        assert_eq!(
            attrs,
            [
                ("class", Some("x y")),
                ("onclick", Some("go()")),
                ("hidden", None),
                ("data-x", Some("1"))
            ]
        );
        assert_eq!(&text[p.attrs[1].start..p.attrs[1].start + 7], "onclick");
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "<", "<a", "<a b=", "<a b=\"", "<a =>", "<1>", "<ñ>", "<a b='ñ", "<!--",
        ] {
            let _ = start_tags(text);
        }
    }

    #[test]
    fn the_sanitizer_decides_what_is_removed() {
        let verdict = |source: &str| {
            let tag = start_tags(source).remove(0);
            sanitize_verdict(&tag, source)
        };
        assert!(verdict("<script>").tag_removed);
        assert!(verdict("<iframe src=\"/x\">").tag_removed);
        assert!(
            verdict("<td align=\"left\">").is_clean(),
            "table cells are kept"
        );
        assert!(verdict("<span class=\"proposal\">").is_clean());
        let v = verdict("<span class=\"proposal big\" style=\"color:red\">");
        assert_eq!(v.attrs_removed, [1]);
        assert_eq!(v.classes_removed, ["big"]);
        assert!(verdict("<p id=\"x\" lang=\"en\">").is_clean());
        assert!(!keeps_url("javascript:alert(1)", false));
        assert!(keeps_url("https://www.oas.org/", false));
        assert!(keeps_url("/es/about/", false));
        assert!(
            !keeps_url("https://example.org/a.png", true),
            "remote images"
        );
        assert!(keeps_url("/images/a.png", true));
    }
}
