//! A Markdown body parsed once: the value the link check, the lint, the renderer and
//! search all read, so that no stage parses a body again (issue 14).

use std::ops::Range;

use pulldown_cmark::Event;

/// A body's Markdown as the parser read it, built by the parse stage
/// (`crate::markdown::parse`).
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// Every event with its byte range in the body. Headings carry the `id` the page
    /// gives them (explicit `{#id}` or made from their text), so that the renderer and
    /// the anchor check read the same ids.
    pub events: Vec<(Event<'static>, Range<usize>)>,
    /// Reference links (`[text][label]`, `[text][]`) whose label has no definition:
    /// the byte offset of the link and the label as written. The parser shows them as
    /// plain text, so only this list remembers them.
    pub broken_references: Vec<(usize, String)>,
}
