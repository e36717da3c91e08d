//! `sitemap.xml` with the translations of each page as `xhtml:link` alternates, and
//! `robots.txt` pointing at it.

use crate::config::Config;
use crate::link::{url_for, Site};
use crate::render::OutputFile;

/// Every page that has its own text, with its translations and `x-default`.
/// Pages that show another language's original are left out: they are not pages of
/// their own (their canonical URL is the original's).
pub fn sitemap(config: &Config, site: &Site) -> OutputFile {
    let mut xml = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    ));
    let home_alternates: Vec<(String, String)> = site
        .langs
        .iter()
        .map(|l| (l.to_string(), config.absolute(&format!("/{l}/"))))
        .chain([("x-default".to_string(), config.absolute("/"))])
        .collect();
    push_url(&mut xml, &config.absolute("/"), &home_alternates);
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
            push_url(
                &mut xml,
                &config.absolute(&url_for(&entry.key, lang)),
                &alternates,
            );
        }
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    }
}

fn push_url(xml: &mut String, loc: &str, alternates: &[(String, String)]) {
    xml.push_str(&format!("  <url>\n    <loc>{}</loc>\n", escape(loc)));
    for (hreflang, href) in alternates {
        xml.push_str(&format!(
            "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
            escape(hreflang),
            escape(href)
        ));
    }
    xml.push_str("  </url>\n");
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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
