//! Stage 3: build the [`Site`] from the parsed documents (see [`Site::build`]) and
//! check what pages say about each other.

use std::collections::HashSet;
use std::sync::Arc;

use pulldown_cmark::{Event, Parser, Tag};
use rayon::prelude::*;
use time::Date;

use crate::config::Config;
use crate::diagnostic::{codes, Diagnostic};
use crate::markdown;
use crate::model::{Document, Site};

/// Builds the [`Site`] and reports duplicate URLs, translations of another kind and
/// links to pages that do not exist. `today` is the build date: entries not verified
/// in the year before it are stale.
pub fn link(
    config: &Config,
    documents: Vec<Arc<Document>>,
    today: Date,
) -> (Site, Vec<Diagnostic>) {
    let langs = config.codes().cloned().collect();
    let (site, mut diagnostics) =
        Site::build(documents, config.default_language.clone(), langs, today);
    diagnostics.extend(check_links(&site));
    (site, diagnostics)
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

/// Site-absolute links (`/es/about/`) in Markdown must name a page that exists.
fn check_links(site: &Site) -> Vec<Diagnostic> {
    let by_url: HashSet<&str> = site.pages.iter().map(|p| p.url.as_str()).collect();
    let every_lang_url = |url: &str| {
        // A page that exists in one language exists, as a fallback, in all of them.
        let rest = url
            .trim_start_matches('/')
            .split_once('/')
            .map(|(_, r)| r)
            .unwrap_or("");
        site.langs
            .iter()
            .any(|l| by_url.contains(format!("/{l}/{rest}").as_str()))
    };
    // Most bodies hold no link at all: a substring test spares parsing them.
    let linking = site.pages.par_iter().filter(|p| p.doc.body.contains("]("));
    linking.flat_map_iter(|page| {
        let body = &page.doc.body;
        let mut diagnostics = Vec::new();
        for (event, range) in Parser::new_ext(body, markdown::options()).into_offset_iter() {
            let dest = match &event {
                Event::Start(Tag::Link { dest_url, .. }) => dest_url,
                _ => continue,
            };
            let Some(path) = dest.strip_prefix('/') else {
                continue;
            };
            let path = path.split(['#', '?']).next().unwrap_or("");
            if path
                .rsplit('/')
                .next()
                .is_some_and(|last| last.contains('.'))
            {
                continue; // a file such as /data/directory.json, checked in the output
            }
            let normalized = format!("/{}/", path.trim_end_matches('/'));
            let is_lang_root = site.langs.iter().any(|l| normalized == format!("/{l}/"));
            if normalized == "//" || is_lang_root || every_lang_url(&normalized) {
                continue;
            }
            let (line, col) = page.doc.body_position(range.start);
            diagnostics.push(
                Diagnostic::error(codes::BROKEN_LINK, &page.doc.path, line, col, format!("link to {dest}, a page that does not exist"))
                    .with_hint("link to an existing page such as /es/about/; URLs are /<lang>/<path under content>/"),
            );
        }
        diagnostics
    })
    .collect()
}
