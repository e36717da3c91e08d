//! The Atom feed of a listing whose declaration asks for one
//! ([`crate::model::kinds::Listing::feed`]): its dated entries in one language, newest
//! first, beside the page that lists them (`/<lang>/documents/atom.xml`).

use super::catalog::keys_of_kind;
use super::record::dated;
use super::{OutputFile, Renderer};
use crate::html::escape;
use crate::model::kinds::Listing;
use crate::model::meta::CatalogKind;
use crate::model::url_for;
use crate::model::Lang;

/// The feed of the entries of `kind`, listed by the section page `listing`, in `lang`.
/// An entry with no date is left out: a feed says what is new, and an undated entry
/// would have to claim a date it does not have.
pub fn feed(
    r: &Renderer<'_>,
    kind: CatalogKind,
    declared: Listing,
    listing: &str,
    lang: &Lang,
) -> OutputFile {
    let listing_url = url_for(listing, lang);
    let feed_path = format!("{listing_url}atom.xml");
    let site_title = r.config.language(lang).map_or("", |l| l.title.as_str());
    let title = format!("{} · {site_title}", r.link_to(r.entry(listing), lang).title);
    let feed_url = r.config.absolute(&feed_path);
    let mut dated_entries: Vec<(String, String)> = keys_of_kind(r, kind)
        .into_iter()
        .filter_map(|entry| {
            let fields = r.site.original(entry).doc.meta.fields()?;
            let updated = timestamp(&dated(declared.dated_by, &fields)?);
            let page = r.site.shown(entry, lang);
            let summary = page.doc.meta.fields().and_then(|shown| {
                ["summary", "description"]
                    .iter()
                    .find_map(|key| shown.get(*key)?.as_str().map(str::to_owned))
            });
            let url = r.config.absolute(&url_for(&entry.key, lang));
            let xml = format!(
                "  <entry>\n    <id>{url}</id>\n    <title>{}</title>\n    <link href=\"{url}\"/>\n    <updated>{updated}</updated>\n{}  </entry>\n",
                escape(page.doc.meta.title().unwrap_or_default()),
                summary.map_or(String::new(), |s| format!(
                    "    <summary xml:lang=\"{}\">{}</summary>\n",
                    page.doc.lang,
                    escape(&s)
                )),
            );
            Some((updated, xml))
        })
        .collect();
    // Newest first; entries of one date in the order of their keys.
    dated_entries.sort_by(|a, b| b.0.cmp(&a.0));
    let newest = dated_entries
        .first()
        .map_or_else(|| timestamp("1970"), |(updated, _)| updated.clone());
    let entries: String = dated_entries.into_iter().map(|(_, xml)| xml).collect();
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n  <id>{feed_url}</id>\n  <title>{}</title>\n  <link rel=\"self\" href=\"{feed_url}\"/>\n  <link href=\"{}\"/>\n  <updated>{newest}</updated>\n  <author><name>{}</name></author>\n{entries}</feed>\n",
        escape(&title),
        r.config.absolute(&listing_url),
        escape(site_title),
    );
    OutputFile {
        path: feed_path.trim_start_matches('/').into(),
        bytes: xml.into_bytes(),
    }
}

/// An Atom timestamp (RFC 3339) for a day (`2014-11-25`) or a year (`2014`), at the
/// start of it.
fn timestamp(date: &str) -> String {
    if date.len() == 4 {
        format!("{date}-01-01T00:00:00Z")
    } else {
        format!("{date}T00:00:00Z")
    }
}
