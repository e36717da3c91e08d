//! `sitemap.xml` with the translations of each page as `xhtml:link` alternates (an
//! index of numbered sitemaps past the protocol's limits), and `robots.txt` pointing
//! at it.

use crate::config::Config;
use crate::html::escape;
use crate::model::edition::{changes_path, edition_path};
use crate::model::indicators::Table;
use crate::model::reports::{indicators_path, period_path, state_path};
use crate::model::{url_for, Lang, Site};
use crate::outputs::OutputFile;

/// The sitemap protocol's limits for one file: 50,000 URLs and 50 MiB.
const MAX_URLS: usize = 50_000;
const MAX_BYTES: usize = 50 * 1024 * 1024;

const URLSET_OPEN: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
);
const URLSET_CLOSE: &str = "</urlset>\n";

/// Every page that has its own text, with its translations and `x-default`, as
/// `sitemap.xml`; a site past the protocol's limits for one file gets
/// `sitemap-1.xml`, `sitemap-2.xml` … and `sitemap.xml` is their index.
/// Pages that show another language's original are left out: they are not pages of
/// their own (their canonical URL is the original's).
pub fn sitemap(config: &Config, site: &Site) -> Vec<OutputFile> {
    split(config, &urls(config, site), MAX_URLS, MAX_BYTES)
}

/// Each page's `<url>` element, home first.
fn urls(config: &Config, site: &Site) -> Vec<String> {
    let home_alternates: Vec<(String, String)> = site
        .langs
        .iter()
        .map(|l| (l.to_string(), config.absolute(&format!("/{l}/"))))
        .chain([("x-default".to_string(), config.absolute("/"))])
        .collect();
    let mut urls = vec![url_element(&config.absolute("/"), &home_alternates)];
    for entry in site.entries.values() {
        let alternates: Vec<(String, String)> = site
            .langs
            .iter()
            .filter(|l| site.is_own_page(entry, l))
            .map(|l| (l.to_string(), config.absolute(&url_for(&entry.key, l))))
            .chain([(
                "x-default".to_string(),
                config.absolute(&site.x_default(entry)),
            )])
            .collect();
        for lang in site.langs.iter().filter(|l| site.is_own_page(entry, l)) {
            urls.push(url_element(
                &config.absolute(&url_for(&entry.key, lang)),
                &alternates,
            ));
        }
    }
    // Each yearly edition, and the changes since the one before, in every language.
    let mut previous: Option<&str> = None;
    for edition in &site.editions {
        let Some(listing) = site.listing_of_export(&edition.export) else {
            continue;
        };
        let follows = previous.replace(edition.export.as_str()) == Some(edition.export.as_str());
        let edition_page = |lang: &Lang| edition_path(listing, lang, edition.year);
        let changes_page = |lang: &Lang| changes_path(listing, lang, edition.year);
        urls.extend(in_every_language(config, site, &edition_page));
        if follows {
            urls.extend(in_every_language(config, site, &changes_page));
        }
    }
    // Each plan's table of indicators, each indicator, each biennial report.
    for (plan, periods) in site.reports.plans() {
        let mut indicators = site.indicators.of_plan(plan, Table::Adopted).peekable();
        if indicators.peek().is_none() {
            continue;
        }
        let Some(key) = site.plans.plans.get(plan).map(|p| &p.key) else {
            continue;
        };
        urls.extend(in_every_language(config, site, &|l| {
            indicators_path(key, l)
        }));
        for indicator in indicators {
            urls.extend(in_every_language(config, site, &|l| indicator.path(l)));
        }
        for period in periods {
            urls.extend(in_every_language(config, site, &|l| period_path(l, period)));
        }
    }
    for iso2 in site.reports.states() {
        urls.extend(in_every_language(config, site, &|l| state_path(l, iso2)));
    }
    urls
}

/// The `<url>` elements of a page at `path(lang)` in every language of the site.
fn in_every_language(config: &Config, site: &Site, path: &dyn Fn(&Lang) -> String) -> Vec<String> {
    let alternates: Vec<(String, String)> = site
        .langs
        .iter()
        .map(|l| (l.to_string(), config.absolute(&path(l))))
        .chain([(
            "x-default".to_string(),
            config.absolute(&path(&site.default_lang)),
        )])
        .collect();
    site.langs
        .iter()
        .map(|lang| url_element(&config.absolute(&path(lang)), &alternates))
        .collect()
}

/// `urls` as one sitemap, or as numbered sitemaps of at most `max_urls` and
/// `max_bytes` each under an index.
fn split(config: &Config, urls: &[String], max_urls: usize, max_bytes: usize) -> Vec<OutputFile> {
    let room = max_bytes - URLSET_OPEN.len() - URLSET_CLOSE.len();
    let mut chunks: Vec<String> = Vec::new();
    let mut count = 0;
    for url in urls {
        match chunks.last_mut() {
            Some(chunk) if count < max_urls && chunk.len() + url.len() <= room => {
                chunk.push_str(url);
                count += 1;
            }
            _ => {
                chunks.push(url.clone());
                count = 1;
            }
        }
    }
    let urlset = |path: String, chunk: &str| OutputFile {
        path: path.into(),
        bytes: format!("{URLSET_OPEN}{chunk}{URLSET_CLOSE}").into_bytes(),
    };
    if chunks.len() <= 1 {
        return vec![urlset(
            "sitemap.xml".into(),
            chunks.first().map_or("", String::as_str),
        )];
    }
    let mut index = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    ));
    let mut files = Vec::with_capacity(chunks.len() + 1);
    for (n, chunk) in chunks.iter().enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            escape(&config.absolute(&format!("/{name}")))
        ));
        files.push(urlset(name, chunk));
    }
    index.push_str("</sitemapindex>\n");
    files.push(OutputFile {
        path: "sitemap.xml".into(),
        bytes: index.into_bytes(),
    });
    files
}

fn url_element(loc: &str, alternates: &[(String, String)]) -> String {
    let mut xml = format!("  <url>\n    <loc>{}</loc>\n", escape(loc));
    for (hreflang, href) in alternates {
        xml.push_str(&format!(
            "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
            escape(hreflang),
            escape(href)
        ));
    }
    xml.push_str("  </url>\n");
    xml
}

/// `robots.txt`: everything may be crawled; the sitemap says what there is.
pub fn robots(config: &Config) -> OutputFile {
    let text = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        config.absolute("/sitemap.xml")
    );
    OutputFile {
        path: "robots.txt".into(),
        bytes: text.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn config() -> Config {
        toml::from_str(
            r#"
base_url = "https://example.org/"
default_language = "es"
[[languages]]
code = "es"
name = "Español"
title = "Sitio"
"#,
        )
        .unwrap()
    }

    fn locs(xml: &[u8]) -> Vec<String> {
        let xml = std::str::from_utf8(xml).unwrap();
        xml.split("<loc>")
            .skip(1)
            .map(|s| s.split("</loc>").next().unwrap().to_string())
            .collect()
    }

    #[test]
    fn a_small_site_has_one_sitemap() {
        let urls: Vec<String> = (0..3)
            .map(|n| url_element(&format!("https://example.org/es/{n}/"), &[]))
            .collect();
        let files = split(&config(), &urls, MAX_URLS, MAX_BYTES);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path, Path::new("sitemap.xml"));
        assert!(std::str::from_utf8(&files[0].bytes)
            .unwrap()
            .contains("<urlset"));
        assert_eq!(locs(&files[0].bytes).len(), 3);
    }

    #[test]
    fn past_the_limits_sitemap_xml_indexes_numbered_sitemaps() {
        let urls: Vec<String> = (0..5)
            .map(|n| url_element(&format!("https://example.org/es/{n}/"), &[]))
            .collect();
        let files = split(&config(), &urls, 2, MAX_BYTES);
        let index = files
            .iter()
            .find(|f| f.path == Path::new("sitemap.xml"))
            .unwrap();
        assert!(std::str::from_utf8(&index.bytes)
            .unwrap()
            .contains("<sitemapindex"));
        assert_eq!(
            locs(&index.bytes),
            ["1", "2", "3"].map(|n| format!("https://example.org/sitemap-{n}.xml"))
        );
        let mut listed = Vec::new();
        for n in 1..=3 {
            let part = files
                .iter()
                .find(|f| f.path == Path::new(&format!("sitemap-{n}.xml")))
                .unwrap();
            assert!(locs(&part.bytes).len() <= 2);
            listed.extend(locs(&part.bytes));
        }
        assert_eq!(
            listed,
            (0..5)
                .map(|n| format!("https://example.org/es/{n}/"))
                .collect::<Vec<_>>()
        );

        // The byte limit cuts too: room for the envelope and one URL per file.
        let one = URLSET_OPEN.len() + URLSET_CLOSE.len() + urls[0].len();
        assert_eq!(split(&config(), &urls, MAX_URLS, one).len(), 5 + 1);
    }
}
