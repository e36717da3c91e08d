//! HTML escaping, shared by templates and the Markdown renderer.

/// Escapes text for HTML bodies and quoted attributes. Unlike Tera's default, `/` is
/// left alone: it needs no escaping and escaping it bloats every URL.
///
/// Every value a template prints passes through here, so it copies the runs between
/// the five special characters whole instead of pushing one character at a time (they
/// are ASCII, so a byte index next to one is always a character boundary).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&text[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn the_five_special_characters_and_nothing_else() {
        assert_eq!(
            escape(r#"<a href="/es/x?a=1&b='2'">Protección</a> / ñ"#),
            "&lt;a href=&quot;/es/x?a=1&amp;b=&#39;2&#39;&quot;&gt;Protección&lt;/a&gt; / ñ"
        );
        assert_eq!(escape(""), "");
        assert_eq!(escape("&"), "&amp;");
        assert_eq!(escape("ü<ü"), "ü&lt;ü");
    }
}
