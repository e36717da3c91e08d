//! HTML escaping, shared by templates and the Markdown renderer.

/// Escapes text for HTML bodies and quoted attributes. Unlike Tera's default, `/` is
/// left alone: it needs no escaping and escaping it bloats every URL.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
