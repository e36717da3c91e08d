//! The directory, service catalog and practices as users and re-users see them:
//! pages, facet pages, open data, JSON-LD, vCards, feeds, and "to be verified".

mod common;

use std::collections::BTreeSet;

use common::*;
use faro::diagnostic::{codes, Severity};
use faro::pipeline::{check, BuildOptions};

/// The build date the fixture's verification dates are judged against.
const TODAY: &str = "2026-11-26";

fn built() -> (tempfile::TempDir, Output) {
    let site = fixture_site("catalog");
    build_on(site.path(), TODAY).unwrap_or_else(|d| panic!("{}", render(&d)));
    let out = Output::read(&site.path().join("public"));
    (site, out)
}

fn read_json(site: &tempfile::TempDir, path: &str) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(site.path().join("public").join(path)).unwrap())
        .unwrap()
}

#[test]
fn the_fixture_site_has_no_broken_links() {
    let (_site, out) = built();
    let problems = site_problems(&out, "http://127.0.0.1:1111");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn entries_not_verified_within_a_year_are_labelled_and_warned_about() {
    let (site, out) = built();
    assert!(
        texts(&out.page("/es/directory/xb/punto/"), ".to-verify").len() == 1,
        "verified 2024: stale"
    );
    assert!(
        texts(&out.page("/es/directory/xa/comision/"), ".to-verify").is_empty(),
        "verified 2026-06: current"
    );
    assert!(
        texts(&out.page("/en/services/xb/albergue/"), ".to-verify").len() == 1,
        "never verified: stale"
    );
    let options = BuildOptions {
        root: site.path().to_path_buf(),
        build_date: build_date(),
        ..Default::default()
    };
    let stale: Vec<String> = check(&options)
        .into_iter()
        .filter(|d| d.code == codes::STALE)
        .map(|d| d.path.display().to_string())
        .collect();
    assert_eq!(
        stale,
        [
            "content/directory/xb/punto.es.md",
            "content/services/xb/albergue.es.md"
        ]
    );
    assert!(check(&options)
        .iter()
        .filter(|d| d.code == codes::STALE)
        .all(|d| d.severity == Severity::Warning));
}

fn build_date() -> Option<time::Date> {
    Some(time::Date::from_calendar_date(2026, time::Month::November, 26).unwrap())
}

#[test]
fn the_directory_groups_authorities_by_country_with_their_verification_date() {
    let (_site, out) = built();
    let page = out.page("/es/directory/");
    assert_eq!(texts(&page, ".directory-group h2"), ["Paísa", "Paísb"]);
    let dates = texts(&page, ".directory-group .meta-line");
    assert!(dates[0].contains("2026-06-01"), "{dates:?}");
    assert!(dates[1].contains("2024-01-15"), "{dates:?}");
}

#[test]
fn the_directory_and_the_listings_say_how_many_countries_they_have_entries_from() {
    let (site, out) = built();
    let countries = std::fs::read_dir(site.path().join("public/es/countries"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("index.html").is_file())
        .count();
    assert!(countries >= 2);
    for (page, data) in [
        ("/es/directory/", "data/directory.json"),
        ("/es/services/", "data/services.json"),
        ("/es/practices/", "data/practices.json"),
    ] {
        let covered: BTreeSet<String> = read_json(&site, data)
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["country"].as_str().unwrap().to_string())
            .collect();
        let line = text_of(&out.page(page), ".result-count");
        let expected = format!("Con entradas de {} de {countries} países.", covered.len());
        assert!(
            line.ends_with(&expected),
            "{page}: {line:?}, expected {expected:?}"
        );
    }
}

#[test]
fn the_home_page_offers_every_hotline_with_a_number_first() {
    let (site, out) = built();
    let services = read_json(&site, "data/services.json");
    let mut hotlines: Vec<(String, Vec<String>)> = services
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| {
            s["types"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t == "hotline")
        })
        .filter_map(|s| {
            let phones: Vec<String> = s["phones"]
                .as_array()?
                .iter()
                // As a tel: link dials it: digits and a leading +.
                .map(|p| {
                    let p = p.as_str().unwrap();
                    p.chars()
                        .filter(|c| *c == '+' || c.is_ascii_digit())
                        .collect()
                })
                .collect();
            let url = s["url"]
                .as_str()
                .unwrap()
                .strip_prefix("http://127.0.0.1:1111")
                .unwrap();
            (!phones.is_empty()).then(|| (url.to_string(), phones))
        })
        .collect();
    hotlines.sort();
    assert!(!hotlines.is_empty(), "the fixture has a hotline");

    let selector = |css: &str| scraper::Selector::parse(css).unwrap();
    let home = out.page("/es/");
    let section = ".help-now";
    assert_eq!(
        texts(&home, &format!("{section} h2")),
        ["¿Necesita ayuda ahora?"]
    );
    let mut shown: Vec<(String, Vec<String>)> = home
        .select(&selector(&format!("{section} li")))
        .map(|li| {
            let links: Vec<&str> = li
                .select(&selector("a"))
                .filter_map(|a| a.value().attr("href"))
                .collect();
            let phones = links
                .iter()
                .filter_map(|h| h.strip_prefix("tel:"))
                .map(str::to_string)
                .collect();
            (links[0].to_string(), phones)
        })
        .collect();
    shown.sort();
    assert_eq!(shown, hotlines);
    // The box comes first, before the page's own text and sections.
    let first_h2 = texts(&home, "main h2");
    assert_eq!(
        first_h2.first().map(String::as_str),
        Some("¿Necesita ayuda ahora?")
    );
    // "All helplines" leads to the services listing narrowed to hotlines, which lists them.
    let all = attrs(&home, &format!("{section} p a"), "href")
        .pop()
        .unwrap();
    let listing = out.page(&all);
    for (url, _) in &hotlines {
        assert_eq!(
            listing
                .select(&selector(&format!("a[href=\"{url}\"]")))
                .count(),
            1,
            "{url} in {all}"
        );
    }
}

#[test]
fn facet_pages_hold_exactly_the_matching_entries_with_counts() {
    let (site, out) = built();
    let services = read_json(&site, "data/services.json");
    let services = services.as_array().unwrap();
    for (facet, field) in [
        ("type", "types"),
        ("population", "populations"),
        ("language", "languages"),
        ("country", "country"),
    ] {
        let values: BTreeSet<String> = services
            .iter()
            .flat_map(|s| match &s[field] {
                serde_json::Value::Array(a) => a
                    .iter()
                    .map(|v| v.as_str().unwrap().to_lowercase())
                    .collect::<Vec<_>>(),
                v => vec![v.as_str().unwrap().to_lowercase()],
            })
            .collect();
        for value in values {
            let url = format!("/es/services/{facet}/{value}/");
            let page = out.page(&url);
            let listed: BTreeSet<String> =
                attrs(&page, ".cards-list a", "href").into_iter().collect();
            let expected: BTreeSet<String> = services
                .iter()
                .filter(|s| match &s[field] {
                    serde_json::Value::Array(a) => a
                        .iter()
                        .any(|v| v.as_str().unwrap().eq_ignore_ascii_case(&value)),
                    v => v.as_str().unwrap().eq_ignore_ascii_case(&value),
                })
                .map(|s| format!("/es/services/{}/", s["id"].as_str().unwrap()))
                .collect();
            assert_eq!(listed, expected, "{url}");
            // The count shown on the unfiltered listing matches the facet page.
            let counts = texts(
                &out.page("/es/services/"),
                &format!(".facets a[href='{url}'] .count"),
            );
            assert_eq!(counts, [format!("({})", expected.len())], "{url}");
        }
    }
    assert_eq!(
        attrs(
            &out.page("/es/services/population/women/"),
            ".cards-list a",
            "href"
        )
        .len(),
        2
    );
}

#[test]
fn long_listings_continue_on_numbered_pages_that_hold_every_entry_once() {
    let site = fixture_site("catalog");
    let config = site.path().join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("\npage_size = 50\n", "\npage_size = 1\n"),
    )
    .unwrap();
    build_on(site.path(), TODAY).unwrap_or_else(|d| panic!("{}", render(&d)));
    let out = Output::read(&site.path().join("public"));
    let problems = site_problems(&out, "http://127.0.0.1:1111");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let services = read_json(&site, "data/services.json");
    let expected: Vec<String> = services
        .as_array()
        .unwrap()
        .iter()
        .map(|s| format!("/es/services/{}/", s["id"].as_str().unwrap()))
        .collect();
    assert!(
        expected.len() >= 2,
        "the fixture needs two services or more"
    );

    for first in ["/es/services/", "/es/services/population/women/"] {
        // Follow "next" from the first page: one card per page, none twice, and each
        // page says where it stands and marks its own number.
        let mut seen: Vec<String> = Vec::new();
        let mut url = Some(first.to_string());
        let mut number = 0;
        while let Some(at) = url {
            number += 1;
            let page = out.page(&at);
            let cards = attrs(&page, ".cards-list a", "href");
            assert_eq!(cards.len(), 1, "{at}: {cards:?}");
            seen.extend(cards);
            let nav = texts(&page, ".pagination p");
            assert_eq!(nav.len(), 1, "{at}");
            assert!(
                nav[0].starts_with(&format!("Página {number} de ")),
                "{at}: {nav:?}"
            );
            let current = attrs(&page, ".pagination a[aria-current=page]", "href");
            assert_eq!(current, std::slice::from_ref(&at), "{at}");
            let previous = attrs(&page, ".pagination a[rel=prev]", "href");
            assert_eq!(previous.is_empty(), number == 1, "{at}");
            // Each page has a title of its own.
            let title = texts(&page, "title").concat();
            assert_eq!(
                title.contains(&format!("Página {number} de")),
                number > 1,
                "{at}: {title}"
            );
            url = attrs(&page, ".pagination a[rel=next]", "href").pop();
        }
        let unique: BTreeSet<&String> = seen.iter().collect();
        assert_eq!(
            unique.len(),
            seen.len(),
            "{first}: an entry listed twice: {seen:?}"
        );
        if first == "/es/services/" {
            let all: BTreeSet<&String> = expected.iter().collect();
            assert_eq!(unique, all, "the pages together list every service");
            assert_eq!(number, expected.len());
        } else {
            assert_eq!(number, 2, "two services serve women");
        }
    }
    // A listing that fits on one page has no page links.
    let (_site, whole) = built();
    assert!(texts(&whole.page("/es/services/"), ".pagination").is_empty());
    assert_eq!(
        attrs(&whole.page("/es/services/"), ".cards-list a", "href").len(),
        expected.len()
    );
}

#[test]
fn exports_parse_and_agree_with_the_pages() {
    let (site, out) = built();
    let directory = read_json(&site, "data/directory.json");
    let ids: Vec<&str> = directory
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["xa/comision", "xb/punto"]);
    for record in directory.as_array().unwrap() {
        let path = record["url"]
            .as_str()
            .unwrap()
            .strip_prefix("http://127.0.0.1:1111")
            .unwrap()
            .to_string();
        let page = out.page(&path);
        assert_eq!(
            text_of(&page, "h1"),
            record["institution"].as_str().unwrap()
        );
    }
    let csv = std::fs::read_to_string(site.path().join("public/data/directory.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines[0].starts_with("id,url,institution,role,country"));
    assert!(
        lines[1].contains("+99 1 234 5678") && lines[1].contains("es; qu"),
        "{}",
        lines[1]
    );
    let services_csv =
        std::fs::read_to_string(site.path().join("public/data/services.csv")).unwrap();
    assert_eq!(services_csv.lines().count(), 3);
    let practices = read_json(&site, "data/practices.json");
    assert_eq!(practices[0]["implements"][0], "2000-2001/1");
}

#[test]
fn authority_and_service_pages_carry_json_ld_and_a_vcard() {
    let (site, out) = built();
    let page = out.page("/es/directory/xa/comision/");
    let ld: serde_json::Value =
        serde_json::from_str(&texts(&page, "script[type='application/ld+json']")[0]).unwrap();
    assert_eq!(ld["@type"], "GovernmentOrganization");
    assert_eq!(ld["contactPoint"]["telephone"], "+99 1 234 5678");
    assert_eq!(ld["contactPoint"]["availableLanguage"][1], "qu");
    let vcard =
        std::fs::read_to_string(site.path().join("public/data/vcard/xa/comision.vcf")).unwrap();
    assert!(
        vcard.contains("FN:Comisión Nacional de Prueba")
            && vcard.contains("TEL;VALUE=uri:tel:+9912345678"),
        "{vcard}"
    );
    assert_eq!(
        attrs(&page, "a[download]", "href"),
        ["/data/vcard/xa/comision.vcf"]
    );
    let service = out.page("/es/services/xb/albergue/");
    let ld: serde_json::Value =
        serde_json::from_str(&texts(&service, "script[type='application/ld+json']")[0]).unwrap();
    assert_eq!(ld["provider"]["@type"], "GovernmentOrganization");
}

#[test]
fn country_and_directive_pages_show_what_refers_to_them() {
    let (_site, out) = built();
    let country = out.page("/en/countries/xa/");
    assert_eq!(
        attrs(&country, "#authorities + ul a", "href"),
        ["/en/directory/xa/comision/"]
    );
    assert_eq!(
        attrs(&country, "#services + ul a", "href"),
        ["/en/services/xa/linea/"]
    );
    assert_eq!(
        attrs(&country, "#practices + ul a", "href"),
        ["/en/practices/mesa/"]
    );
    assert_eq!(
        attrs(&country, "#directives + ul a", "href"),
        ["/en/plans/2000-2001/directives/1/"]
    );
    let directive = out.page("/es/plans/2000-2001/directives/1/");
    assert_eq!(
        attrs(&directive, "#practices + ul a", "href"),
        ["/es/practices/mesa/"]
    );
}

#[test]
fn the_practices_feed_is_atom_per_language() {
    let (site, _out) = built();
    let feed = std::fs::read_to_string(site.path().join("public/fr/practices/atom.xml")).unwrap();
    assert!(feed.starts_with("<?xml") && feed.contains("xmlns=\"http://www.w3.org/2005/Atom\""));
    assert_eq!(feed.matches("<entry>").count(), 1);
    assert!(feed.contains("<link href=\"http://127.0.0.1:1111/fr/practices/mesa/\"/>"));
}

/// One edit to a fixture file; the single error `check` reports.
fn error_after(file: &str, from: &str, to: &str) -> faro::diagnostic::Diagnostic {
    let site = fixture_site("catalog");
    let path = site.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} lacks {from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    let options = BuildOptions {
        root: site.path().to_path_buf(),
        build_date: build_date(),
        ..Default::default()
    };
    let errors: Vec<_> = check(&options)
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(errors.len(), 1, "{}", render(&errors));
    errors.into_iter().next().unwrap()
}

#[test]
fn each_schema_rule_names_the_file_line_and_a_hint() {
    let cases = [
        (
            "content/directory/xa/comision.es.md",
            "role = ",
            "rol = ",
            codes::UNKNOWN_KEY,
            4,
            "did you mean `role`?",
        ),
        (
            "content/directory/xa/comision.es.md",
            "\"coordinating-body\"",
            "\"coordinator\"",
            codes::BAD_VALUE,
            4,
            "",
        ),
        (
            "content/directory/xa/comision.es.md",
            "country = \"XA\"",
            "country = \"XC\"",
            codes::BAD_VALUE,
            5,
            "did you mean",
        ),
        (
            "content/directory/xa/comision.es.md",
            "2026-06-01",
            "2026-06-31",
            codes::BAD_DATE,
            13,
            "YYYY-MM-DD",
        ),
        (
            "content/directory/xa/comision.es.md",
            "2026-06-01",
            "2027-01-01",
            codes::BAD_DATE,
            13,
            "actually checked",
        ),
        (
            "content/directory/xa/comision.es.md",
            "\"+99 1 234 5678\"",
            "\"234-5678\"",
            codes::BAD_CONTACT,
            8,
            "E.164",
        ),
        (
            "content/directory/xa/comision.es.md",
            "comision@example.org",
            "comision at example",
            codes::BAD_CONTACT,
            9,
            "name@domain",
        ),
        (
            "content/directory/xa/comision.es.md",
            "https://example.org/comision",
            "example.org",
            codes::BAD_CONTACT,
            10,
            "https://",
        ),
        (
            "content/directory/xa/comision.es.md",
            "https://example.org/comision",
            "https://example.org/mi comision",
            codes::BAD_CONTACT,
            10,
            "https://",
        ),
        (
            "content/services/xa/linea.es.md",
            "\"hotline\"",
            "\"hotlines\"",
            codes::BAD_VALUE,
            4,
            "",
        ),
        (
            "content/services/xa/linea.es.md",
            "\"women\"",
            "\"woman\"",
            codes::BAD_VALUE,
            6,
            "",
        ),
        (
            "content/services/xa/linea.es.md",
            "source = ",
            "sauce = ",
            codes::UNKNOWN_KEY,
            11,
            "did you mean `source`?",
        ),
        (
            "content/practices/mesa.es.md",
            "\"2000-2001/1\"",
            "\"2000-2001/7\"",
            codes::BAD_VALUE,
            7,
            "no such directive",
        ),
        (
            "content/practices/mesa.es.md",
            "\"general\"",
            "\"prevencion\"",
            codes::BAD_VALUE,
            6,
            "did you mean `prevention`?",
        ),
        (
            "content/practices/mesa.es.md",
            "year = 2019\n",
            "",
            codes::MISSING_KEY,
            2,
            "add `year",
        ),
        (
            "content/services/xa/linea.es.md",
            "\"sources/fixture.txt\"",
            "\"sources/informe-2024.txt\"",
            codes::BROKEN_LINK,
            11,
            "name a file under sources/",
        ),
        (
            "content/directory/xa/comision.es.md",
            "\"sources/fixture.txt\"",
            "\"Informe anual 2024\"",
            codes::BAD_VALUE,
            12,
            "or the address of a public web page",
        ),
    ];
    for (file, from, to, code, line, hint) in cases {
        let error = error_after(file, from, to);
        assert_eq!(
            (error.path.to_str().unwrap(), error.code, error.line),
            (file, code, line),
            "{from} → {to}: {error}"
        );
        assert!(
            error.hint.as_deref().unwrap_or("").contains(hint),
            "{from} → {to}: {error}"
        );
    }
}

/// Edits to a fixture file (each `from` must be there); the errors `check` reports,
/// as `line:col code hint` of that file.
fn errors_after_edits(
    file: &str,
    edits: &[(&str, &str)],
) -> Vec<(usize, usize, &'static str, String)> {
    let site = fixture_site("catalog");
    let path = site.path().join(file);
    let mut text = std::fs::read_to_string(&path).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "{file} lacks {from}");
        text = text.replacen(from, to, 1);
    }
    std::fs::write(&path, text).unwrap();
    let options = BuildOptions {
        root: site.path().to_path_buf(),
        build_date: build_date(),
        ..Default::default()
    };
    let diagnostics = check(&options);
    let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(
        errors.iter().all(|d| d.path.to_str() == Some(file)),
        "{}",
        render(&diagnostics)
    );
    errors
        .into_iter()
        .map(|d| (d.line, d.col, d.code, d.hint.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn an_authority_with_three_problems_gets_all_three_in_one_faro_check() {
    let site = fixture_site("catalog");
    let file = "content/directory/xa/comision.es.md";
    let text = std::fs::read_to_string(site.path().join(file)).unwrap();
    let text = text
        .replacen("\"coordinating-body\"", "\"contact-pont\"", 1)
        .replacen("\"+99 1 234 5678\"", "\"011-5300-4000\"", 1)
        .replacen("2026-06-01", "\"2026-13-01\"", 1);
    std::fs::write(site.path().join(file), text).unwrap();
    let output = faro_at(site.path(), &["check"]);
    let printed = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{printed}");
    let errors: Vec<&str> = printed.lines().filter(|l| l.contains(": error[")).collect();
    assert_eq!(
        errors,
        [
            format!("{file}:4:8: error[bad-value]: unknown variant `contact-pont`, expected one of `national-authority`, `coordinating-body`, `contact-point`"),
            format!("{file}:8:1: error[bad-contact]: `011-5300-4000` is not a phone number"),
            format!("{file}:13:17: error[bad-date]: `2026-13-01` is not a date, YYYY-MM-DD"),
        ],
        "{printed}"
    );
    assert!(
        printed.contains("= hint: did you mean `contact-point`?"),
        "{printed}"
    );
}

#[test]
fn two_unknown_keys_give_two_diagnostics_each_with_its_suggestion() {
    let errors = errors_after_edits(
        "content/directory/xa/comision.es.md",
        &[("role = ", "rol = "), ("website = ", "web_site = ")],
    );
    assert_eq!(
        errors,
        [
            (4, 1, codes::UNKNOWN_KEY, "did you mean `role`?".into()),
            (10, 1, codes::UNKNOWN_KEY, "did you mean `website`?".into()),
        ]
    );
}

#[test]
fn two_values_of_the_wrong_type_give_two_diagnostics_at_the_values() {
    let errors = errors_after_edits(
        "content/directory/xa/comision.es.md",
        &[
            ("\"Comisión Nacional de Prueba\"", "3"),
            ("languages = [\"es\", \"qu\"]", "languages = [\"es\", 7]"),
        ],
    );
    let found: Vec<_> = errors.iter().map(|e| (e.0, e.1, e.2)).collect();
    assert_eq!(
        found,
        [(3, 15, codes::BAD_VALUE), (11, 20, codes::BAD_VALUE)],
        "{errors:?}"
    );
}

#[test]
fn two_missing_keys_give_two_diagnostics() {
    let errors = errors_after_edits(
        "content/directory/xa/comision.es.md",
        &[
            ("role = \"coordinating-body\"\n", ""),
            ("source = \"sources/fixture.txt\"\n", ""),
        ],
    );
    assert_eq!(
        errors,
        [
            (
                2,
                1,
                codes::MISSING_KEY,
                "add `role = …` to the front matter".into()
            ),
            (
                2,
                1,
                codes::MISSING_KEY,
                "add `source = …` to the front matter".into()
            ),
        ]
    );
}

#[test]
fn two_unknown_values_give_two_diagnostics_with_did_you_mean_or_the_list() {
    let errors = errors_after_edits(
        "content/services/xa/linea.es.md",
        &[
            ("\"hotline\"", "\"hotlines\""),
            ("cost = \"free\"", "cost = \"gratis\""),
        ],
    );
    assert_eq!(
        errors,
        [
            (4, 10, codes::BAD_VALUE, "did you mean `hotline`?".into()),
            (
                8,
                8,
                codes::BAD_VALUE,
                "the values allowed here are: free, paid".into()
            ),
        ]
    );
}

#[test]
fn contacts_and_dates_are_checked_even_when_the_front_matter_does_not_parse() {
    let errors = errors_after_edits(
        "content/services/xa/linea.es.md",
        &[
            ("source = ", "sauce = "),
            ("[\"1800\"]", "[\"1800\", \"12\"]"),
            ("2026-09-01", "2027-01-01"),
        ],
    );
    let found: Vec<_> = errors.iter().map(|e| (e.0, e.2)).collect();
    assert_eq!(
        found,
        [
            (10, codes::BAD_CONTACT),
            (11, codes::UNKNOWN_KEY),
            (12, codes::BAD_DATE)
        ],
        "{errors:?}"
    );
}

/// Peru and Argentina, whose numbering plans libphonenumber knows (the fixture's own
/// countries are made up, and their phones get the form check alone).
const REAL_COUNTRIES: [(&str, &str); 2] = [
    (
        "content/countries/pe.es.md",
        "+++\nkind = \"country\"\niso2 = \"PE\"\niso3 = \"PER\"\nname = { es = \"Perú\" }\n+++\n",
    ),
    (
        "content/countries/ar.es.md",
        "+++\nkind = \"country\"\niso2 = \"AR\"\niso3 = \"ARG\"\nname = { es = \"Argentina\" }\n+++\n",
    ),
];

/// An authority of `country` with `phones` (line 6 of its file).
fn authority_with_phones(country: &str, phones: &str) -> String {
    format!(
        "+++\nkind = \"authority\"\ninstitution = \"Ministerio de Prueba\"\nrole = \"national-authority\"\ncountry = \"{country}\"\nphones = [{phones}]\nsource = \"sources/fixture.txt\"\nlast_verified = 2026-06-01\n+++\nTexto.\n"
    )
}

/// The catalog fixture with the real countries and `files` added; the errors of `check`.
fn errors_with(files: &[(&str, String)]) -> Vec<faro::diagnostic::Diagnostic> {
    let site = fixture_site("catalog");
    let added = REAL_COUNTRIES
        .iter()
        .map(|(path, text)| (*path, text.to_string()))
        .chain(files.iter().cloned());
    for (path, text) in added {
        let path = site.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let options = BuildOptions {
        root: site.path().to_path_buf(),
        build_date: build_date(),
        ..Default::default()
    };
    check(&options)
        .into_iter()
        .filter(|d| d.is_error())
        .collect()
}

#[test]
fn a_phone_that_cannot_exist_in_its_country_fails_check_at_its_line() {
    let file = "content/directory/pe/ministerio.es.md";
    // Lima's numbers have eight digits after +51; this one has seven.
    let errors = errors_with(&[(file, authority_with_phones("PE", "\"+51 1 234 567\""))]);
    let located: Vec<String> = errors
        .iter()
        .map(|d| format!("{}:{}:{} {}", d.path.display(), d.line, d.col, d.message))
        .collect();
    assert_eq!(
        located,
        [format!(
            "{file}:6:1 `+51 1 234 567` cannot be a phone number in PE"
        )]
    );
    assert_eq!(errors[0].code, codes::BAD_CONTACT);
    let hint = errors[0].hint.as_deref().unwrap_or("");
    assert!(
        hint.contains("7 digits, too few")
            && hint.contains("\"+51 1 1234567\" (fixed line)")
            && hint.contains("\"+51 912 345 678\" (mobile)"),
        "{hint}"
    );

    // Another country's calling code is no number of Peru either.
    let errors = errors_with(&[(file, authority_with_phones("PE", "\"+54 11 5300 4000\""))]);
    assert_eq!(errors.len(), 1, "{}", render(&errors));
    assert!(
        errors[0]
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("PE calls its numbers with +51"),
        "{}",
        errors[0]
    );
}

#[test]
fn valid_numbers_and_short_national_numbers_such_as_1818_pass() {
    let errors = errors_with(&[
        (
            "content/directory/pe/ministerio.es.md",
            authority_with_phones("PE", "\"+51 1 234 5678\", \"+51 912 345 678\", \"1818\""),
        ),
        (
            "content/directory/ar/ministerio.es.md",
            authority_with_phones("AR", "\"+54 11 5300 4000\", \"145\""),
        ),
    ]);
    assert!(errors.is_empty(), "{}", render(&errors));
}

#[test]
fn a_number_written_nationally_gets_its_international_form_as_a_hint() {
    let file = "content/directory/ar/ministerio.es.md";
    let errors = errors_with(&[(file, authority_with_phones("AR", "\"011-5300-4000\""))]);
    assert_eq!(errors.len(), 1, "{}", render(&errors));
    let error = &errors[0];
    assert_eq!(
        (error.path.to_str().unwrap(), error.line, error.code),
        (file, 6, codes::BAD_CONTACT)
    );
    assert_eq!(
        error.hint.as_deref(),
        Some("write it in international (E.164) form, spaces allowed: \"+54 11 5300 4000\""),
    );
}

#[test]
fn csv_cells_that_start_like_a_formula_reach_spreadsheets_as_text() {
    let site = fixture_site("catalog");
    let path = site.path().join("content/directory/xa/comision.es.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let from = "institution = \"Comisión Nacional de Prueba\"";
    assert!(text.contains(from));
    std::fs::write(
        &path,
        text.replace(
            from,
            "institution = '=HYPERLINK(\"https://evil.example/\", \"Comisión\")'",
        ),
    )
    .unwrap();
    build_on(site.path(), TODAY).unwrap_or_else(|d| panic!("{}", render(&d)));
    let csv = std::fs::read(site.path().join("public/data/directory.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "id",
            "url",
            "institution",
            "role",
            "country",
            "legal_basis",
            "address",
            "phones",
            "emails",
            "website",
            "languages",
            "source",
            "last_verified"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = |id: &str| {
        rows.iter()
            .find(|r| &r[0] == id)
            .unwrap_or_else(|| panic!("no {id} in {rows:?}"))
    };
    let comision = row("xa/comision");
    let cell = |name: &str| &comision[header.iter().position(|h| h == name).unwrap()];
    assert_eq!(
        cell("institution"),
        "'=HYPERLINK(\"https://evil.example/\", \"Comisión\")"
    );
    assert_eq!(cell("phones"), "'+99 1 234 5678", "E.164 starts with +");
    // Other cells come back as written, a comma and all.
    assert_eq!(cell("address"), "Calle Falsa 123, Ciudad");
    assert_eq!(cell("languages"), "es; qu");
    // The JSON keeps the value unchanged, for programs.
    let json = read_json(&site, "data/directory.json");
    assert_eq!(
        json[0]["institution"],
        "=HYPERLINK(\"https://evil.example/\", \"Comisión\")"
    );
}
