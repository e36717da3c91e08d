//! Where a link goes: the one resolver of the link stage and the lint, which reads
//! a link's destination as a browser would from the page's address, and the answer
//! to "does the site have this page?".
//!
//! Site-absolute Markdown links to missing pages are reported here, by
//! [`missing_pages`] in the link stage, because they stop the build before rendering;
//! the lint (`crate::lint::links`) reports everything else about links.

use std::collections::HashMap;

use pulldown_cmark::{Event, Tag};
use rayon::prelude::*;

use crate::diagnostic::{codes, Diagnostic};
use crate::model::{Page, Site};

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Another site, or a scheme such as `mailto:` (whether the sanitizer keeps it
    /// is the lint's to say).
    External,
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
        return Target::External;
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
/// makes one. The lint reports every other link. Only the pages `checked` accepts are
/// read.
pub fn missing_pages(site: &Site, checked: impl Fn(&Page) -> bool + Sync) -> Vec<Diagnostic> {
    let pages = Pages::new(site);
    site.pages
        .par_iter()
        .filter(|page| checked(page))
        .flat_map_iter(|page| {
            let pages = &pages;
            page.doc
                .parsed
                .events
                .iter()
                .filter_map(move |(event, range)| match event {
                    Event::Start(Tag::Link { dest_url, .. }) => {
                        let missing = from_root(dest_url, true)
                            && matches!(
                                resolve(&page.url, dest_url),
                                Target::Page { url, .. } if !pages.exists(&url)
                            );
                        missing.then(|| missing_page(page, dest_url, range.start, true))
                    }
                    _ => None,
                })
        })
        .collect()
}

/// Whether [`missing_pages`] rather than the lint reports a link to a missing page: a
/// Markdown link from the site root.
pub fn from_root(dest: &str, markdown: bool) -> bool {
    markdown && dest.trim_start().starts_with('/')
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
pub fn remove_dot_segments(path: &str) -> String {
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

/// The site's pages by address: whether a resolved address is a page.
pub struct Pages<'s> {
    site: &'s Site,
    by_url: HashMap<&'s str, usize>,
}

impl<'s> Pages<'s> {
    /// Indexes `site`'s pages by their URL.
    pub fn new(site: &'s Site) -> Pages<'s> {
        let by_url = site
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.url.as_str(), i))
            .collect();
        Pages { site, by_url }
    }

    /// Whether the site has a page at `url` (normalized by [`resolve`]): a page in that
    /// language, or in another (every language shows it), a language's home, or the
    /// language chooser. The one answer every link check asks.
    pub fn exists(&self, url: &str) -> bool {
        let site = self.site;
        let lang_home = || {
            url.strip_prefix('/')
                .and_then(|u| u.strip_suffix('/'))
                .is_some_and(|lang| site.langs.iter().any(|l| l.as_str() == lang))
        };
        url == "/" || self.by_url.contains_key(url) || lang_home() || self.shown(url).is_some()
    }

    /// The index of the page whose body `url` shows: its translation in the address's
    /// language, else the original.
    pub fn shown(&self, url: &str) -> Option<usize> {
        let site = self.site;
        let (lang, rest) = url.trim_start_matches('/').split_once('/')?;
        let lang = site.langs.iter().find(|l| l.as_str() == lang)?;
        let any = site
            .langs
            .iter()
            .find_map(|l| self.by_url.get(format!("/{l}/{rest}").as_str()))?;
        let entry = &site.entries[&site.pages[*any].doc.key];
        entry.translations.get(lang).copied().or_else(|| {
            let original = site.original(entry);
            entry.translations.get(&original.doc.lang).copied()
        })
    }
}

/// The error for a link to `dest`, at byte `offset` of `page`'s body, whose page does
/// not exist.
pub fn missing_page(page: &Page, dest: &str, offset: usize, markdown: bool) -> Diagnostic {
    let (line, col) = page.doc.body_position(offset);
    Diagnostic::error(
        codes::BROKEN_LINK,
        &page.doc.path,
        line,
        col,
        format!("link to {dest}, a page that does not exist"),
    )
    // A site-absolute link's hint shows the form of an address; a relative one's, how
    // it was read.
    .with_hint(if from_root(dest, markdown) {
        "link to an existing page such as /es/about/; URLs are /<lang>/<path under content>/".to_string()
    } else {
        format!(
            "a relative link is read from this page's address, {}; link from the site root instead, such as /es/about/",
            page.url
        )
    })
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
        assert_eq!(resolve(base, "mailto:a@b.org"), Target::External);
        assert_eq!(resolve(base, "javascript:go()"), Target::External);
        assert_eq!(resolve(base, "https://www.oas.org/"), Target::External);
    }

    #[test]
    fn odd_percent_escapes_survive() {
        assert_eq!(percent_decode("a%"), "a%");
        assert_eq!(percent_decode("a%4"), "a%4");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("%41"), "A");
    }
}
