//! The built site as a visitor and a crawler see it: links, translations, fallbacks,
//! sitemap, and a fifth language added by configuration alone.

mod common;

use common::*;

const BASE: &str = "http://127.0.0.1:1111";

#[test]
fn shipped_site_has_no_broken_links_translations_or_sitemap_entries() {
    let (out, report) = build_shipped();
    let site = Output::read(&out.path().join("public"));
    assert!(site.pages.len() > 1000, "only {} pages", site.pages.len());
    let problems = site_problems(&site, BASE);
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems[..problems.len().min(40)].join("\n")
    );
    assert!(report.summary().contains("es "), "{}", report.summary());
}

#[test]
fn fixture_site_links_and_alternates_hold() {
    let site = fixture_site("basic");
    build(site.path()).unwrap_or_else(|d| panic!("{}", render(&d)));
    let out = Output::read(&site.path().join("public"));
    let problems = site_problems(&out, BASE);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Every configured language has every page, translated or not.
    for lang in ["es", "en", "pt", "fr"] {
        for path in ["", "about/", "guide/", "guide/first/", "guide/second/"] {
            assert!(
                out.exists(&format!("/{lang}/{path}")),
                "/{lang}/{path} missing"
            );
        }
        assert!(out.exists(&format!("/{lang}/404.html")));
    }
    for file in ["/index.html", "/404.html", "/sitemap.xml", "/robots.txt"] {
        assert!(out.exists(file), "{file} missing");
    }
}

#[test]
fn missing_translation_shows_the_original_under_a_notice_in_the_visitors_language() {
    let site = fixture_site("basic");
    build(site.path()).unwrap();
    let out = Output::read(&site.path().join("public"));
    let page = &out.page("/en/about/");
    assert_eq!(attrs(page, "html", "lang"), ["en"]);
    let notice = texts(page, ".notice").join(" ");
    assert!(notice.contains("not yet available in English"), "{notice}");
    assert!(notice.contains("Español"), "{notice}");
    // The original text is there, marked as Spanish.
    let original = texts(page, ".prose[lang=es]").join(" ");
    assert!(original.contains("solo en español"), "{original}");
    // The interface is English.
    assert!(texts(page, ".site-nav, .skip-link")
        .join(" ")
        .contains("Skip to content"));
    // Search engines are pointed at the original; hreflang lists only real translations.
    assert_eq!(
        attrs(page, "link[rel=canonical]", "href"),
        [format!("{BASE}/es/about/")]
    );
    let hreflangs = attrs(page, "link[rel=alternate]", "hreflang");
    assert_eq!(hreflangs, ["es", "x-default"]);
}

#[test]
fn language_switcher_leads_to_the_same_page_in_every_language() {
    let site = fixture_site("basic");
    build(site.path()).unwrap();
    let out = Output::read(&site.path().join("public"));
    let page = &out.page("/es/guide/first/");
    let links = attrs(page, ".languages a", "href");
    assert_eq!(
        links,
        [
            "/es/guide/first/",
            "/en/guide/first/",
            "/pt/guide/first/",
            "/fr/guide/first/"
        ]
    );
    assert_eq!(attrs(page, ".languages a[aria-current]", "lang"), ["es"]);
}

#[test]
fn the_frame_marks_the_section_and_speaks_the_language_of_each_page() {
    // The header and navigation are rendered once per language and place in the
    // navigation, then shared: each page must still get its own.
    let (out, _) = build_shipped();
    let site = Output::read(&out.path().join("public"));
    let current = |path: &str| attrs(&site.page(path), ".site-nav a[aria-current=page]", "href");
    assert_eq!(current("/es/plans/"), ["/es/plans/"]);
    assert_eq!(current("/en/plans/2021-2026/directives/1/"), ["/en/plans/"]);
    assert_eq!(current("/fr/services/"), ["/fr/services/"]);
    assert_eq!(current("/pt/search/"), ["/pt/search/"]);
    for path in ["/es/", "/en/about/", "/es/safety/"] {
        assert!(current(path).is_empty(), "{path}: {:?}", current(path));
    }
    let safety = |path: &str| attrs(&site.page(path), ".safety-link[aria-current=page]", "href");
    assert_eq!(safety("/es/safety/"), ["/es/safety/"]);
    assert_eq!(safety("/en/safety/"), ["/en/safety/"]);
    assert!(safety("/es/plans/").is_empty());
    assert_eq!(
        texts(&site.page("/es/plans/"), ".quick-exit"),
        ["Salir rápido"]
    );
    assert_eq!(
        texts(&site.page("/en/plans/"), ".quick-exit"),
        ["Quick exit"]
    );
    assert_eq!(attrs(&site.page("/fr/plans/"), ".brand", "href"), ["/fr/"]);
}

#[test]
fn markdown_extensions_render_and_raw_html_is_sanitized() {
    let site = fixture_site("basic");
    build(site.path()).unwrap();
    let out = Output::read(&site.path().join("public"));
    let page = &out.page("/es/guide/first/");
    assert_eq!(attrs(page, "h2#detalles", "id"), ["detalles"]);
    assert_eq!(texts(page, ".prose table td").join(","), "a,1");
    assert_eq!(texts(page, ".prose del"), ["tachado"]);
    assert_eq!(texts(page, ".footnote-definition").len(), 1);
    // The theme's quick-exit script is the only one; nothing from the Markdown runs.
    let scripts = attrs(page, "script", "src");
    assert!(scripts.len() == 1 && scripts[0].starts_with("/quick-exit."));
    assert!(texts(page, "script").iter().all(String::is_empty));
}

#[test]
fn sections_list_their_pages_in_weight_order_and_fall_back_per_page() {
    let site = fixture_site("basic");
    build(site.path()).unwrap();
    let out = Output::read(&site.path().join("public"));
    let page = &out.page("/es/guide/");
    assert_eq!(
        attrs(page, ".listing a", "href"),
        ["/es/guide/first/", "/es/guide/second/"]
    );
    // The English-only page keeps its English title, marked as such, in the Spanish listing.
    assert_eq!(
        attrs(page, ".listing a[lang=en]", "href"),
        ["/es/guide/second/"]
    );
}

#[test]
fn root_lets_a_visitor_choose_a_language_without_javascript() {
    let site = fixture_site("basic");
    build(site.path()).unwrap();
    let out = Output::read(&site.path().join("public"));
    let root = &out.page("/");
    assert_eq!(
        attrs(root, "main a", "href"),
        ["/es/", "/en/", "/pt/", "/fr/"]
    );
    // Plain links: the only script is the quick exit's, and the links work without it.
    assert!(texts(root, "script").iter().all(String::is_empty));
    let sitemap = std::fs::read_to_string(site.path().join("public/sitemap.xml")).unwrap();
    assert!(sitemap.contains(r#"<xhtml:link rel="alternate" hreflang="en" href="http://127.0.0.1:1111/en/guide/first/"/>"#));
    let robots = std::fs::read_to_string(site.path().join("public/robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: http://127.0.0.1:1111/sitemap.xml"));
}

#[test]
fn a_fifth_language_is_configuration_and_an_i18n_file() {
    let site = fixture_site("basic");
    let root = site.path();
    let mut config = std::fs::read_to_string(root.join("config.toml")).unwrap();
    config.push_str(
        "\n[[languages]]\ncode = \"ht\"\nname = \"Kreyòl ayisyen\"\ntitle = \"Platfòm konesans\"\n",
    );
    std::fs::write(root.join("config.toml"), config).unwrap();
    // A stand-in translation: every key of the English file, marked.
    let english = std::fs::read_to_string(root.join("i18n/en.toml")).unwrap();
    let table: toml::Table = toml::from_str(&english).unwrap();
    let creole: String = table
        .iter()
        .map(|(k, v)| format!("{k} = \"[ht] {}\"\n", v.as_str().unwrap()))
        .collect();
    std::fs::write(root.join("i18n/ht.toml"), creole).unwrap();
    std::fs::write(
        root.join("content/about.ht.md"),
        "+++\ntitle = \"Konsènan\"\n+++\nTèks.\n",
    )
    .unwrap();

    build(root).unwrap_or_else(|d| panic!("{}", render(&d)));
    let out = Output::read(&root.join("public"));
    assert!(
        site_problems(&out, BASE).is_empty(),
        "{:?}",
        site_problems(&out, BASE)
    );
    let about = &out.page("/ht/about/");
    assert_eq!(attrs(about, "html", "lang"), ["ht"]);
    assert!(texts(about, "h1").contains(&"Konsènan".to_string()));
    assert!(
        attrs(&out.page("/es/about/"), "link[rel=alternate]", "hreflang")
            .contains(&"ht".to_string())
    );
    assert!(
        out.exists("/ht/guide/first/"),
        "fallback pages exist in the new language"
    );
}

#[test]
fn every_page_says_what_it_is_to_search_engines_and_has_the_site_s_icon() {
    let (out, _) = build_shipped();
    let public = out.path().join("public");
    let site = Output::read(&public);
    for (url, text) in &site.pages {
        let html = scraper::Html::parse_document(text);
        let descriptions = attrs(&html, "meta[name=description]", "content");
        assert!(
            descriptions.len() == 1 && !descriptions[0].trim().is_empty(),
            "{url}: {descriptions:?}"
        );
        let icons = attrs(&html, "link[rel=icon]", "href");
        assert_eq!(icons.len(), 1, "{url}: {icons:?}");
        assert!(
            public.join(icons[0].trim_start_matches('/')).is_file(),
            "{url}: no file {}",
            icons[0]
        );
    }
}
