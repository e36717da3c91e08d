//! Where links go: relative links resolved as a browser would from the page's address,
//! links to content files instead of pages, fragments that name no element of the
//! target page, and link targets the sanitizer removes.
//!
//! The link stage's resolver ([`crate::link::targets`]) decides whether any link's
//! target exists; site-absolute Markdown links to missing pages are reported there,
//! before rendering, and [`check`] reports everything else.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{codes, did_you_mean, Diagnostic};
use crate::link::targets::{from_root, missing_page, remove_dot_segments, resolve, Pages, Target};
use crate::model::{url_for, Page, Site};
use crate::outputs::OutputFile;

use super::body::{Facts, Link};
use super::html::{keeps_url, start_tags};

/// A link with a fragment to a page that exists: (page index, link, target URL,
/// fragment).
type Wanted<'f> = (usize, &'f Link, String, String);

/// Where rendered pages must be read to check fragments: the output paths of the pages
/// that links with a `#fragment` lead to. The build keeps those pages' bytes for
/// [`check`] and writes every other page as soon as it is rendered.
pub fn fragment_targets(site: &Site, facts: &[Facts]) -> HashSet<PathBuf> {
    resolve_all(site, &Pages::new(site), facts)
        .1
        .iter()
        .map(|(_, _, url, _)| output_path(url))
        .collect()
}

/// Checks every page's links. `facts` are the pages' scans, by page index; `pages`
/// are the rendered pages of [`fragment_targets`], when rendering ran (fragments are
/// checked against the finished pages, whose templates add ids of their own).
pub fn check(site: &Site, facts: &[Facts], pages: Option<&[OutputFile]>) -> Vec<Diagnostic> {
    let pages_by_url = Pages::new(site);
    let (mut diagnostics, wanted) = resolve_all(site, &pages_by_url, facts);
    let Some(pages) = pages else {
        return diagnostics;
    };
    let ids: HashMap<&Path, HashSet<String>> = pages
        .par_iter()
        .map(|f| (f.path.as_path(), rendered_ids(&f.bytes)))
        .collect();
    for (i, link, url, fragment) in wanted {
        let page = &site.pages[i];
        let mut known: HashSet<&str> = ids
            .get(output_path(&url).as_path())
            .map(|s| s.iter().map(String::as_str).collect())
            .unwrap_or_default();
        if let Some(shown) = pages_by_url.shown(&url) {
            known.extend(facts[shown].ids.iter().map(String::as_str));
        }
        if known.contains(fragment.as_str()) {
            continue;
        }
        let (line, col) = page.doc.body_position(link.offset);
        let hint = match did_you_mean(&fragment, known.iter().copied()) {
            Some(best) => format!("did you mean #{best}?"),
            None => "headings get their id from their text (\"## Marco legal\" is #marco-legal) or from {#id} after the heading".to_string(),
        };
        diagnostics.push(
            Diagnostic::error(
                codes::BROKEN_ANCHOR,
                &page.doc.path,
                line,
                col,
                format!(
                    "link to {}: {url} has no element with id `{fragment}`",
                    link.dest
                ),
            )
            .with_hint(hint),
        );
    }
    diagnostics
}

/// Every page's links resolved: what can be said without the rendered pages, and the
/// links whose fragment must be looked for in them.
fn resolve_all<'f>(
    site: &Site,
    pages: &Pages<'_>,
    facts: &'f [Facts],
) -> (Vec<Diagnostic>, Vec<Wanted<'f>>) {
    let resolved: Vec<(usize, &Link, Target)> = site
        .pages
        .iter()
        .zip(facts)
        .enumerate()
        .flat_map(|(i, (page, facts))| {
            facts
                .links
                .iter()
                .map(move |link| (i, link, resolve(&page.url, &link.dest)))
        })
        .collect();
    let mut diagnostics = Vec::new();
    let mut wanted: Vec<Wanted<'f>> = Vec::new();
    for (i, link, target) in &resolved {
        let page = &site.pages[*i];
        match target {
            Target::External if !keeps_url(&link.dest, false) => {
                let (line, col) = page.doc.body_position(link.offset);
                diagnostics.push(
                    Diagnostic::warning(
                        codes::STRIPPED_HTML,
                        &page.doc.path,
                        line,
                        col,
                        format!("the link to {} is removed when the page is built", link.dest),
                    )
                    .with_hint("links may use https, http, mailto or tel, or a path on this site such as /es/about/"),
                );
            }
            Target::External | Target::File => {}
            Target::ContentFile(path) => diagnostics.push(content_file_link(page, link, path)),
            Target::Page { url, fragment } => {
                if !pages.exists(url) {
                    // Reported before rendering, by the link stage.
                    if !from_root(&link.dest, link.markdown) {
                        diagnostics.push(missing_page(
                            page,
                            &link.dest,
                            link.offset,
                            link.markdown,
                        ));
                    }
                    continue;
                }
                if let Some(fragment) = fragment.as_deref().filter(|f| !f.is_empty()) {
                    if url != "/" && !fragment.eq_ignore_ascii_case("top") {
                        wanted.push((*i, link, url.clone(), fragment.to_string()));
                    }
                }
            }
        }
    }
    (diagnostics, wanted)
}

/// `/es/about/` → `es/about/index.html`, where the page is written.
fn output_path(url: &str) -> PathBuf {
    PathBuf::from(format!("{}index.html", url.trim_start_matches('/')))
}

fn rendered_ids(bytes: &[u8]) -> HashSet<String> {
    start_tags(&String::from_utf8_lossy(bytes))
        .into_iter()
        .filter_map(|t| t.attr("id").and_then(|a| a.value.clone()))
        .collect()
}

/// A link to `content/…/x.es.md` as the repository shows it, which is no page of the
/// site: the hint names the page's address.
fn content_file_link(page: &Page, link: &Link, resolved: &str) -> Diagnostic {
    let (line, col) = page.doc.body_position(link.offset);
    // Editors write such links relative to the file, as GitHub resolves them.
    let dir = page
        .doc
        .path
        .parent()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    let path = link.dest.split(['#', '?']).next().unwrap_or("");
    let in_repo = if path.starts_with('/') {
        remove_dot_segments(path)
    } else {
        remove_dot_segments(&format!("/{dir}/{path}"))
    };
    let page_url = in_repo
        .trim_start_matches('/')
        .strip_prefix("content/")
        .and_then(|p| p.strip_suffix(".md"))
        .and_then(|p| p.rsplit_once('.'))
        .map(|(key, lang)| url_for(key, &crate::model::Lang(lang.to_string())));
    let hint = match page_url {
        Some(url) => format!("link to the page's address, {url}"),
        None => format!(
            "link to the page's address: content/about.es.md is /es/about/ (this link resolves to {resolved})"
        ),
    };
    Diagnostic::error(
        codes::BROKEN_LINK,
        &page.doc.path,
        line,
        col,
        format!("link to {}, a content file rather than a page", link.dest),
    )
    .with_hint(hint)
}
