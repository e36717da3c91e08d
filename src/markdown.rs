//! Markdown to safe HTML: CommonMark plus tables, footnotes, strikethrough and heading
//! ids, then sanitized, because editors' raw HTML must not reach visitors unchecked.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::model::Body;

/// The Markdown extensions faro enables for every content file.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Parses `markdown` once into the [`Body`] every stage reads: its events with their
/// source ranges, headings with their ids, and the reference links left undefined.
pub fn parse(markdown: &str) -> Body {
    let mut broken_references = Vec::new();
    // The parser forgets a reference link without a definition (it becomes text):
    // the callback is the only place that sees it. It resolves nothing (`None`), so the
    // events are those of a parser without it.
    let callback = |link: BrokenLink<'_>| {
        if matches!(link.link_type, LinkType::Reference | LinkType::Collapsed) {
            broken_references.push((link.span.start, link.reference.to_string()));
        }
        None
    };
    let mut events: Vec<(Event<'static>, std::ops::Range<usize>)> =
        Parser::new_with_broken_link_callback(markdown, options(), Some(callback))
            .into_offset_iter()
            .map(|(event, range)| (event.into_static(), range))
            .collect();
    for (i, id) in heading_ids(events.iter().map(|(e, _)| e)).generated {
        if let Some((Event::Start(Tag::Heading { id: slot, .. }), _)) = events.get_mut(i) {
            *slot = Some(CowStr::from(id));
        }
    }
    // Every body stays in memory for the whole build: the vector's growth slack
    // (up to half of it) would be kept too.
    events.shrink_to_fit();
    Body {
        events,
        broken_references,
    }
}

/// Renders `body` to sanitized HTML, each heading with its `id`.
/// `marks` may replace a run of plain text with HTML of its own (it must escape the
/// text it keeps); the result is sanitized like the rest.
pub fn to_html(body: &Body, marks: &dyn Fn(&str) -> Option<String>) -> String {
    // Text is borrowed from the parsed body rather than copied: it is most events.
    let events = body
        .events
        .iter()
        .map(|(event, _)| match event {
            Event::Text(text) => Event::Text(CowStr::Borrowed(text)),
            event => event.clone(),
        })
        .collect();
    let events = with_marks(merge_text(events), marks);
    let length = body.events.last().map_or(0, |(_, range)| range.end);
    let mut html = String::with_capacity(length * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    SANITIZER.clean(&html).to_string()
}

/// The start of `text`: whitespace collapsed, at most `max` characters, cut at a word
/// (with `…` when cut).
pub fn excerpt(text: &str, max: usize) -> String {
    // Only the words up to the cut are joined: the search index takes an excerpt of
    // every body, and joining all of a long body's words was 3% of a build.
    let mut collapsed = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        if chars > max {
            break;
        }
        if !collapsed.is_empty() {
            collapsed.push(' ');
            chars += 1;
        }
        collapsed.push_str(word);
        chars += word.chars().count();
    }
    if chars <= max {
        return collapsed;
    }
    let cut: String = collapsed.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// The words of `body` without markup, paragraphs separated by newlines: what
/// search indexes and snippets quote. Tags of raw HTML are dropped; their text stays.
pub fn to_text(body: &Body) -> String {
    let length = body.events.last().map_or(0, |(_, range)| range.end);
    let mut text = String::with_capacity(length);
    text.extend(text_pieces(body));
    text
}

/// The start of `body`'s text, at most `max` characters ([`excerpt`]): only as much
/// of the body is read as that needs, since every page's description is one.
pub fn opening(body: &Body, max: usize) -> String {
    let mut text = String::new();
    for piece in text_pieces(body) {
        text.push_str(piece);
        // A character is at most four bytes: past this, `max` characters are in.
        if text.len() > 4 * (max + 1) {
            break;
        }
    }
    excerpt(&text, max)
}

/// The pieces of `body`'s text, in order (see [`to_text`]).
fn text_pieces(body: &Body) -> impl Iterator<Item = &str> {
    body.events.iter().filter_map(|(event, _)| match event {
        Event::Text(t) | Event::Code(t) => Some(&**t),
        Event::SoftBreak | Event::HardBreak => Some(" "),
        Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => {
            Some("\n")
        }
        _ => None,
    })
}

/// The sanitizer: the HTML Markdown produces, nothing that runs or loads.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id", "lang", "dir"])
        .add_allowed_classes("sup", ["footnote-reference", "footnote-definition-label"])
        .add_allowed_classes("div", ["footnote-definition"])
        .add_allowed_classes(
            "span",
            ["proposal", "proposal-by", "status-mark", "visually-hidden"],
        )
        .add_tag_attributes("span", ["aria-hidden"])
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        // Pages load nothing from other hosts: an embedded resource must be local.
        .attribute_filter(|element, attribute, value| {
            let embeds = matches!(
                (element, attribute),
                ("img", "src") | ("img", "srcset") | ("source", "src")
            );
            let remote = value.starts_with("//") || value.contains("://");
            if embeds && remote {
                None
            } else {
                Some(value.into())
            }
        });
    builder
});

/// The parser splits text at brackets and entities; marks span such splits.
fn merge_text(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut merged: Vec<Event<'_>> = Vec::with_capacity(events.len());
    for event in events {
        match (merged.last_mut(), event) {
            (Some(Event::Text(previous)), Event::Text(text)) => {
                *previous = CowStr::from(format!("{previous}{text}"));
            }
            (_, event) => merged.push(event),
        }
    }
    merged
}

fn with_marks<'a>(
    events: Vec<Event<'a>>,
    marks: &dyn Fn(&str) -> Option<String>,
) -> Vec<Event<'a>> {
    events
        .into_iter()
        .map(|event| match event {
            Event::Text(text) => match marks(&text) {
                Some(html) => Event::InlineHtml(CowStr::from(html)),
                None => Event::Text(text),
            },
            event => event,
        })
        .collect()
}

/// The ids a page's headings get: the one definition the renderer applies and the
/// lint checks fragments against.
pub struct HeadingIds {
    /// Explicit `{#id}`s as written.
    pub explicit: Vec<String>,
    /// For each heading without one, the index of its start event and the id made
    /// from its text, unique in the page.
    pub generated: Vec<(usize, String)>,
}

impl HeadingIds {
    /// Every id, explicit and generated.
    pub fn all(self) -> impl Iterator<Item = String> {
        self.explicit
            .into_iter()
            .chain(self.generated.into_iter().map(|(_, id)| id))
    }
}

/// The ids of the headings among `events` (see [`HeadingIds`]).
pub fn heading_ids<'e, 's: 'e>(events: impl Iterator<Item = &'e Event<'s>> + Clone) -> HeadingIds {
    let explicit: Vec<String> = events
        .clone()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let mut taken: HashSet<String> = explicit.iter().cloned().collect();
    let mut generated = Vec::new();
    // The heading being read: its start event's index and its text so far.
    let mut open: Option<(usize, String)> = None;
    for (i, event) in events.enumerate() {
        match event {
            Event::Start(Tag::Heading { id: None, .. }) => open = Some((i, String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut open {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, text)) = open.take() {
                    generated.push((start, unique(slug(&text), &mut taken)));
                }
            }
            _ => {}
        }
    }
    HeadingIds {
        explicit,
        generated,
    }
}

/// A URL fragment from heading text: lowercase letters and digits joined by `-`.
pub fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "section".into()
    } else {
        slug.into()
    }
}

fn unique(base: String, taken: &mut HashSet<String>) -> String {
    let mut id = base.clone();
    let mut n = 1;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_html_plain(markdown: &str) -> String {
        to_html(&parse(markdown), &|_| None)
    }

    #[test]
    fn headings_get_unique_ids() {
        let html = to_html_plain("# Protección\n\n## Protección\n\n## Otra {#mine}\n");
        assert!(html.contains(r#"<h1 id="protección">"#), "{html}");
        assert!(html.contains(r#"<h2 id="protección-1">"#), "{html}");
        assert!(html.contains(r#"<h2 id="mine">"#), "{html}");
    }

    #[test]
    fn scripts_and_event_handlers_are_stripped() {
        let html = to_html_plain("<script>alert(1)</script><p onclick=\"x()\">hi</p><img src=\"https://evil.example/x.png\" alt=\"\">");
        assert!(
            !html.contains("script") && !html.contains("onclick"),
            "{html}"
        );
        assert!(!html.contains("evil.example"), "remote image kept: {html}");
    }

    #[test]
    fn plain_text_keeps_words_and_proposals_but_not_markup() {
        let text = to_text(&parse(
            "# Título\n\nUna *directriz* [CAN: propuesta].\n\n<b>x</b>\n",
        ));
        assert_eq!(text, "Título\nUna directriz [CAN: propuesta].\nx\n");
    }

    #[test]
    fn tables_footnotes_and_strikethrough_render() {
        let html = to_html_plain("| a |\n|---|\n| b |\n\n~~no~~ yes[^1]\n\n[^1]: note\n");
        assert!(
            html.contains("<table>")
                && html.contains("<del>no</del>")
                && html.contains("footnote-definition"),
            "{html}"
        );
    }
}
