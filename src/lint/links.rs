//! Where links go: relative links resolved as a browser would from the page's address,
//! links to content files instead of pages, fragments that name no element of the
//! target page, and link targets the sanitizer removes.
//!
//! One resolver ([`resolve`], then [`page_exists`]) decides whether any link's target
//! exists. Site-absolute Markdown links to missing pages are reported early, by
//! [`missing_pages`] in the link stage, because they stop the build before rendering;
//! [`check`] reports everything else.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Tag};
use rayon::prelude::*;

use crate::diagnostic::{codes, did_you_mean, Diagnostic};
use crate::model::{url_for, Page, Site};
use crate::outputs::OutputFile;

use super::body::{Facts, Link};
use super::html::{keeps_url, start_tags};

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Another site, or a scheme such as `mailto:`; `kept` is false when the sanitizer
    /// removes it.
    External {
        /// Whether the rendered page keeps the link.
        kept: bool,
    },
    /// A file of the site that is not a page (`/data/directory.json`).
    File,
    /// A Markdown file (`second.en.md`): it exists in the repository, not on the site.
    ContentFile(String),
    /// A page of the site, by its normalized address, and the fragment if any.
    Page {
        /// `/es/about/`, or `/` for the language chooser.
        url: String,
        /// The fragment, percent-decoded, without `#`.
        fragment: Option<String>,
    },
}

/// Resolves `dest` as a browser would on the page at `base` (an address such as
/// `/es/guide/first/`).
pub fn resolve(base: &str, dest: &str) -> Target {
    let dest = dest.trim();
    if has_scheme(dest) || dest.starts_with("//") {
        return Target::External {
            kept: keeps_url(dest, false),
        };
    }
    let (before, fragment) = match dest.split_once('#') {
        Some((before, fragment)) => (before, Some(percent_decode(fragment))),
        None => (dest, None),
    };
    let path = before.split('?').next().unwrap_or("");
    let joined = if path.is_empty() {
        base.to_string()
    } else if path.starts_with('/') {
        path.to_string()
    } else {
        let dir = &base[..base.rfind('/').map_or(0, |i| i + 1)];
        format!("{dir}{path}")
    };
    let absolute = remove_dot_segments(&joined);
    let last = absolute.rsplit('/').next().unwrap_or("");
    if last.ends_with(".md") {
        return Target::ContentFile(absolute);
    }
    if last.contains('.') {
        return Target::File;
    }
    let trimmed = absolute.trim_matches('/');
    let url = if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    };
    Target::Page { url, fragment }
}

/// Decodes `%XX` escapes in a URL path or fragment; a malformed escape stays as is.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Site-absolute Markdown links (`[x](/es/about/)`) to pages that do not exist, read
/// from the bodies parsed by the parse stage. The link stage reports them: they are
/// errors that stop the build before rendering, as `faro serve` refuses an edit that
/// makes one. [`check`] reports every other link.
pub fn missing_pages(site: &Site) -> Vec<Diagnostic> {
    let by_url = by_url(site);
    site.pages
        .par_iter()
        .flat_map_iter(|page| {
            let by_url = &by_url;
            page.doc
                .parsed
                .events
                .iter()
                .filter_map(move |(event, range)| match event {
                    Event::Start(Tag::Link { dest_url, .. }) => {
                        let link = Link {
                            dest: dest_url.to_string(),
                            offset: range.start,
                            markdown: true,
                        };
                        let missing = from_root(&link)
                            && matches!(
                                resolve(&page.url, &link.dest),
                                Target::Page { url, .. } if !page_exists(site, by_url, &url)
                            );
                        missing.then(|| missing_page(page, &link))
                    }
                    _ => None,
                })
        })
        .collect()
}

/// Whether [`missing_pages`] rather than [`check`] reports `link` when its page is
/// missing: a Markdown link from the site root.
fn from_root(link: &Link) -> bool {
    link.markdown && link.dest.trim_start().starts_with('/')
}

fn has_scheme(dest: &str) -> bool {
    let Some(colon) = dest.find(':') else {
        return false;
    };
    let scheme = &dest[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// RFC 3986's dot-segment removal on an absolute path.
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    }
}

/// A link with a fragment to a page that exists: (page index, link, target URL,
/// fragment).
type Wanted<'f> = (usize, &'f Link, String, String);

/// Where rendered pages must be read to check fragments: the output paths of the pages
/// that links with a `#fragment` lead to. The build keeps those pages' bytes for
/// [`check`] and writes every other page as soon as it is rendered.
pub fn fragment_targets(site: &Site, facts: &[Facts]) -> HashSet<PathBuf> {
    resolve_all(site, &by_url(site), facts)
        .1
        .iter()
        .map(|(_, _, url, _)| output_path(url))
        .collect()
}

/// Checks every page's links. `facts` are the pages' scans, by page index; `pages`
/// are the rendered pages of [`fragment_targets`], when rendering ran (fragments are
/// checked against the finished pages, whose templates add ids of their own).
pub fn check(site: &Site, facts: &[Facts], pages: Option<&[OutputFile]>) -> Vec<Diagnostic> {
    let by_url = by_url(site);
    let (mut diagnostics, wanted) = resolve_all(site, &by_url, facts);
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
        if let Some(shown) = shown_page(site, &by_url, &url) {
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

/// Each page's index by its URL.
fn by_url(site: &Site) -> HashMap<&str, usize> {
    site.pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.url.as_str(), i))
        .collect()
}

/// Every page's links resolved: what can be said without the rendered pages, and the
/// links whose fragment must be looked for in them.
fn resolve_all<'f>(
    site: &Site,
    by_url: &HashMap<&str, usize>,
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
            Target::External { kept: false } => {
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
            Target::External { kept: true } | Target::File => {}
            Target::ContentFile(path) => diagnostics.push(content_file_link(page, link, path)),
            Target::Page { url, fragment } => {
                if !page_exists(site, by_url, url) {
                    // Reported before rendering, by `missing_pages`.
                    if !from_root(link) {
                        diagnostics.push(missing_page(page, link));
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

/// Whether the site has a page at `url` (normalized by [`resolve`]): a page in that
/// language, or in another (every language shows it), a language's home, or the
/// language chooser. The one answer every link check asks.
fn page_exists(site: &Site, by_url: &HashMap<&str, usize>, url: &str) -> bool {
    let lang_home = || {
        url.strip_prefix('/')
            .and_then(|u| u.strip_suffix('/'))
            .is_some_and(|lang| site.langs.iter().any(|l| l.as_str() == lang))
    };
    url == "/" || by_url.contains_key(url) || lang_home() || shown_page(site, by_url, url).is_some()
}

/// The index of the page whose body `url` shows: its translation in the address's
/// language, else the original.
fn shown_page(site: &Site, by_url: &HashMap<&str, usize>, url: &str) -> Option<usize> {
    let (lang, rest) = url.trim_start_matches('/').split_once('/')?;
    let lang = site.langs.iter().find(|l| l.as_str() == lang)?;
    let any = site
        .langs
        .iter()
        .find_map(|l| by_url.get(format!("/{l}/{rest}").as_str()))?;
    let entry = &site.entries[&site.pages[*any].doc.key];
    entry.translations.get(lang).copied().or_else(|| {
        let original = site.original(entry);
        entry.translations.get(&original.doc.lang).copied()
    })
}

fn missing_page(page: &Page, link: &Link) -> Diagnostic {
    let (line, col) = page.doc.body_position(link.offset);
    Diagnostic::error(
        codes::BROKEN_LINK,
        &page.doc.path,
        line,
        col,
        format!("link to {}, a page that does not exist", link.dest),
    )
    // A site-absolute link's hint shows the form of an address; a relative one's, how
    // it was read.
    .with_hint(if from_root(link) {
        "link to an existing page such as /es/about/; URLs are /<lang>/<path under content>/".to_string()
    } else {
        format!(
            "a relative link is read from this page's address, {}; link from the site root instead, such as /es/about/",
            page.url
        )
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str, fragment: Option<&str>) -> Target {
        Target::Page {
            url: url.into(),
            fragment: fragment.map(Into::into),
        }
    }

    #[test]
    fn links_resolve_like_a_browser() {
        let base = "/es/guide/first/";
        assert_eq!(resolve(base, "../second/"), page("/es/guide/second/", None));
        assert_eq!(
            resolve(base, "second/"),
            page("/es/guide/first/second/", None)
        );
        assert_eq!(resolve(base, "#top"), page("/es/guide/first/", Some("top")));
        assert_eq!(
            resolve(base, "/es/about/#a%C3%B1o"),
            page("/es/about/", Some("año"))
        );
        assert_eq!(resolve(base, "../../../../x"), page("/x/", None));
        assert_eq!(resolve(base, "/"), page("/", None));
        assert_eq!(resolve(base, "/data/directory.json"), Target::File);
        assert_eq!(
            resolve(base, "../second.en.md"),
            Target::ContentFile("/es/guide/second.en.md".into())
        );
        assert_eq!(
            resolve(base, "mailto:a@b.org"),
            Target::External { kept: true }
        );
        assert_eq!(
            resolve(base, "javascript:go()"),
            Target::External { kept: false }
        );
        assert_eq!(
            resolve(base, "https://www.oas.org/"),
            Target::External { kept: true }
        );
    }

    #[test]
    fn odd_percent_escapes_survive() {
        assert_eq!(percent_decode("a%"), "a%");
        assert_eq!(percent_decode("a%4"), "a%4");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("%41"), "A");
    }
}
