//! One pass over a page's Markdown: the links it makes, the ids it defines, and the
//! problems visible in the text alone (images without alt text, HTML the sanitizer
//! removes, placeholders, reference links without a definition).

use std::collections::HashSet;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::diagnostic::{codes, shorten, Diagnostic};
use crate::markdown;
use crate::model::Document;

use super::html::{keeps_url, sanitize_verdict, start_tags, StartTag};
use super::todo;

/// A link a page makes, to be resolved against the site.
#[derive(Debug, Clone)]
pub struct Link {
    /// The destination as written.
    pub dest: String,
    /// Byte offset in the body, for the diagnostic.
    pub offset: usize,
    /// Written in Markdown (`[text](dest)`) rather than in an HTML `<a href>`.
    pub markdown: bool,
}

/// What one body says and defines.
#[derive(Debug, Default)]
pub struct Facts {
    /// Links to resolve.
    pub links: Vec<Link>,
    /// Element ids the rendered body defines: headings, footnotes, raw HTML.
    pub ids: HashSet<String>,
    /// Problems found in the text alone.
    pub diagnostics: Vec<Diagnostic>,
}

/// Walks the events of `doc`'s body, parsed once by the parse stage.
pub fn scan(doc: &Document) -> Facts {
    let body = doc.body.as_str();
    let mut facts = Facts::default();
    let events = &doc.parsed.events;
    facts.ids = markdown::heading_ids(events.iter().map(|(e, _)| e))
        .all()
        .collect();
    let mut block_start: Option<usize> = None;
    let mut block_end = 0;
    let mut previous_opens_block = true;
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => facts.links.push(Link {
                dest: dest_url.to_string(),
                offset: range.start,
                markdown: true,
            }),
            Event::Start(Tag::Image { dest_url, .. }) => {
                image(doc, &events[i + 1..], dest_url, range.start, &mut facts)
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                facts.ids.insert(label.to_string());
            }
            Event::Start(Tag::HtmlBlock) => block_start = None,
            Event::Html(_) => {
                block_start.get_or_insert(range.start);
                block_end = range.end;
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(start) = block_start.take() {
                    raw_html(doc, start, &body[start..block_end], &mut facts);
                }
            }
            Event::InlineHtml(_) => raw_html(doc, range.start, &body[range.clone()], &mut facts),
            Event::Text(text) if previous_opens_block => {
                if let Some(d) = todo::in_text(doc, text, range.start) {
                    facts.diagnostics.push(d);
                }
            }
            _ => {}
        }
        previous_opens_block = matches!(
            event,
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell)
        );
    }
    undefined_references(doc, &mut facts);
    facts
}

fn image(
    doc: &Document,
    rest: &[(Event<'static>, std::ops::Range<usize>)],
    dest: &str,
    offset: usize,
    facts: &mut Facts,
) {
    let alt: String = rest
        .iter()
        .take_while(|(e, _)| !matches!(e, Event::End(TagEnd::Image)))
        .filter_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let (line, col) = doc.body_position(offset);
    if alt.trim().is_empty() {
        facts.diagnostics.push(
            Diagnostic::error(
                codes::MISSING_ALT,
                &doc.path,
                line,
                col,
                format!("the image {dest} has no alt text"),
            )
            .with_hint("describe the image between the brackets: ![Map of the member states](…); people who cannot see it read this text"),
        );
    }
    if !keeps_url(dest, true) {
        facts.diagnostics.push(remote_image(doc, line, col, dest));
    }
}

fn remote_image(doc: &Document, line: usize, col: usize, src: &str) -> Diagnostic {
    Diagnostic::warning(
        codes::STRIPPED_HTML,
        &doc.path,
        line,
        col,
        format!("the image source {src} is removed when the page is built"),
    )
    .with_hint("pages load nothing from other hosts: put the image under themes/ or static files and link it with a path such as /images/map.png")
}

/// Checks raw HTML at byte `start` of the body: what the sanitizer removes, images
/// without alt text; collects its links and ids.
fn raw_html(doc: &Document, start: usize, text: &str, facts: &mut Facts) {
    for tag in start_tags(text) {
        let at = |offset: usize| doc.body_position(start + offset);
        let (line, col) = at(tag.start);
        if let Some(id) = tag.attr("id").and_then(|a| a.value.clone()) {
            facts.ids.insert(id);
        }
        if tag.name == "a" {
            if let Some(href) = tag.attr("href") {
                facts.links.push(Link {
                    dest: href.value.clone().unwrap_or_default(),
                    offset: start + href.start,
                    markdown: false,
                });
            }
        }
        let verdict = sanitize_verdict(&tag, &text[tag.start..tag.end]);
        if verdict.tag_removed {
            facts.diagnostics.push(removed_tag(doc, line, col, &tag));
            continue;
        }
        if tag.name == "img" {
            let alt = tag
                .attr("alt")
                .and_then(|a| a.value.as_deref())
                .unwrap_or("");
            if alt.trim().is_empty() {
                facts.diagnostics.push(
                    Diagnostic::error(
                        codes::MISSING_ALT,
                        &doc.path,
                        line,
                        col,
                        "this <img> has no alt text",
                    )
                    .with_hint(
                        "add alt=\"…\" describing the image, or use Markdown: ![description](path)",
                    ),
                );
            }
        }
        for &index in &verdict.attrs_removed {
            let attr = &tag.attrs[index];
            let (line, col) = at(attr.start);
            facts
                .diagnostics
                .push(removed_attr(doc, line, col, &tag, attr));
        }
        if !verdict.classes_removed.is_empty() {
            let class = tag.attr("class").map_or(tag.start, |a| a.start);
            let (line, col) = at(class);
            facts.diagnostics.push(
                Diagnostic::warning(
                    codes::STRIPPED_HTML,
                    &doc.path,
                    line,
                    col,
                    format!(
                        "class {} on <{}> is removed when the page is built",
                        verdict.classes_removed.join(" "),
                        tag.name
                    ),
                )
                .with_hint("the theme styles Markdown, not classes: drop the class"),
            );
        }
    }
}

fn removed_tag(doc: &Document, line: usize, col: usize, tag: &StartTag) -> Diagnostic {
    let what = match tag.name.as_str() {
        "script" | "style" => format!(
            "<{}> and its content are removed when the page is built",
            tag.name
        ),
        name => format!("<{name}> is removed when the page is built (its text stays)"),
    };
    Diagnostic::warning(codes::STRIPPED_HTML, &doc.path, line, col, what).with_hint(
        "write it in Markdown; pages allow only simple HTML, never scripts, styles, frames, forms or embedded media",
    )
}

fn removed_attr(
    doc: &Document,
    line: usize,
    col: usize,
    tag: &StartTag,
    attr: &super::html::Attr,
) -> Diagnostic {
    let hint = match attr.name.as_str() {
        name if name.starts_with("on") => {
            "event handlers never reach the page: the site runs no scripts from content"
        }
        "style" => "inline styles are removed: the theme's style sheet styles all content",
        "class" => "the theme styles Markdown, not classes: drop the class",
        "href" => {
            "links may use https, http, mailto or tel, or a path on this site such as /es/about/"
        }
        "src" | "srcset" => "pages load nothing from other hosts: use a path on this site",
        _ => "remove the attribute: the sanitizer allows only simple HTML (id, lang, title, alt …)",
    };
    let shown = match &attr.value {
        Some(value) => format!("{}=\"{}\"", attr.name, shorten(value)),
        None => attr.name.clone(),
    };
    Diagnostic::warning(
        codes::STRIPPED_HTML,
        &doc.path,
        line,
        col,
        format!(
            "`{shown}` on <{}> is removed when the page is built",
            tag.name
        ),
    )
    .with_hint(hint)
}

/// `[text][label]` and `[text][]` whose label has no `[label]: …` definition are shown
/// as plain text with brackets. Only labels that read as one (`[1]`, `[oea-2021]`) are
/// reported: the drafts' proposals are written in brackets, `[CAN: …][CRI: …]`.
fn undefined_references(doc: &Document, facts: &mut Facts) {
    let label_like = |label: &str| {
        !label.is_empty()
            && label
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    let broken = doc
        .parsed
        .broken_references
        .iter()
        .filter(|(_, label)| label_like(label));
    for (offset, label) in broken {
        let (line, col) = doc.body_position(*offset);
        facts.diagnostics.push(
            Diagnostic::error(
                codes::BROKEN_LINK,
                &doc.path,
                line,
                col,
                format!("the link label [{label}] is not defined"),
            )
            .with_hint(format!(
                "add a line `[{label}]: /es/page/` below the paragraph, or write the link inline: [text](/es/page/)"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(markdown: &str) -> Vec<String> {
        let body = markdown::parse(markdown);
        let mut ids: Vec<String> = markdown::heading_ids(body.events.iter().map(|(e, _)| e))
            .all()
            .collect();
        ids.sort();
        ids
    }

    #[test]
    fn heading_ids_match_the_renderer() {
        let text = "# Protección\n\n## Protección\n\n## Otra {#mine}\n\n## `code` and *more*\n";
        let html = markdown::to_html(&markdown::parse(text), &|_| None);
        for id in ids(text) {
            assert!(html.contains(&format!("id=\"{id}\"")), "{id} not in {html}");
        }
        assert_eq!(
            ids(text),
            ["code-and-more", "mine", "protección", "protección-1"]
        );
    }
}
