//! A kind of content is declared once. This test declares a kind the shipped site does
//! not have (a meeting), as a site that adds one would: its struct, one
//! [`Kind::declared`] row, a template and its interface words, all in this file. With
//! no change to faro, its files are parsed and checked (every problem at once), its
//! pages, listing and facet pages are rendered, the plan items it names link back to
//! it, its open data is written, `faro new` writes its file, and the editors' form
//! offers it.

mod common;

use std::path::Path;

use common::*;
use faro::diagnostic::{codes, Diagnostic};
use faro::model::kinds::{FacetOf, Home, Kind, Kinds, Listing, Order};
use faro::model::record::Declared;
use faro::model::values::{CountryCode, Date, ItemRef, Source};
use faro::pipeline::{self, BuildOptions};
use faro::scaffold::{self, Request};
use serde::{Deserialize, Serialize};
use tempfile::TempDir;

/// A meeting of national authorities: the whole declaration of the kind.
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Meeting {
    /// Its name.
    title: String,
    /// In person or virtual.
    format: Format,
    /// The day it opened.
    date: Date,
    /// The host country, if it had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    country: Option<CountryCode>,
    /// The plan items it discussed.
    #[serde(default)]
    serves: Vec<ItemRef>,
    /// Where the facts come from.
    source: Source,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
enum Format {
    InPerson,
    Virtual,
}

impl Declared for Meeting {
    const KIND: &'static str = "meeting";
    fn title(&self) -> &str {
        &self.title
    }
    fn country(&self) -> Option<&CountryCode> {
        self.country.as_ref()
    }
    fn source(&self) -> Option<&str> {
        Some(self.source.as_str())
    }
}

static MEETING: Kind = Kind::declared::<Meeting>(
    Home::Listed { by_country: false },
    "meeting.html",
    Some(Listing {
        export: "meetings",
        facets: &[
            ("format", FacetOf::Key("format")),
            ("country", FacetOf::Key("country")),
        ],
        card: &["format", "date"],
        dated_by: &["date"],
        order: Order::NewestFirst,
        feed: true,
    }),
);

/// Its template: the generic record page, with the date said first.
const TEMPLATE: &str = r#"{% extends "record.html" %}
{% block lead %}<p class="lead meeting-date">{{ record.fields.date }}</p>{% endblock lead %}
"#;

/// Its interface words, in every language of the site (its `date` and `serves` take
/// the words the shipped documents already have).
const WORDS: [(&str, &str); 4] = [
    ("es", "form_format = \"Modalidad\"\nform_format_hint = \"Presencial o virtual.\"\nformat_in_person = \"Presencial\"\nformat_virtual = \"Virtual\"\nsearch_kind_meeting = \"Reuniones\"\n"),
    ("en", "form_format = \"Format\"\nform_format_hint = \"In person or virtual.\"\nformat_in_person = \"In person\"\nformat_virtual = \"Virtual\"\nsearch_kind_meeting = \"Meetings\"\n"),
    ("pt", "form_format = \"Modalidade\"\nform_format_hint = \"Presencial ou virtual.\"\nformat_in_person = \"Presencial\"\nformat_virtual = \"Virtual\"\nsearch_kind_meeting = \"Reuniões\"\n"),
    ("fr", "form_format = \"Format\"\nform_format_hint = \"En présentiel ou virtuel.\"\nformat_in_person = \"En présentiel\"\nformat_virtual = \"Virtuel\"\nsearch_kind_meeting = \"Réunions\"\n"),
];

fn kinds() -> Kinds {
    Kinds::default().with(&MEETING)
}

/// The catalog fixture (countries XA and XB, plan 2000-2001), plus the meeting
/// kind's template and words and a section that lists meetings.
fn site() -> TempDir {
    let site = fixture_site("catalog");
    let root = site.path();
    std::fs::write(root.join("themes/default/templates/meeting.html"), TEMPLATE).unwrap();
    for (lang, words) in WORDS {
        let path = root.join(format!("i18n/{lang}.toml"));
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str(words);
        std::fs::write(&path, text).unwrap();
    }
    write(
        root,
        "content/meetings/_index.es.md",
        "+++\ntitle = \"Reuniones\"\nlists = \"meeting\"\n+++\n",
    );
    write(
        root,
        "content/meetings/reunion-de-lima.es.md",
        "+++\nkind = \"meeting\"\ntitle = \"Reunión de Lima\"\nformat = \"in-person\"\ndate = 2024-05-10\ncountry = \"XA\"\nserves = [\"2000-2001/1\"]\nsource = \"sources/fixture.txt\"\n+++\nActa de la reunión.\n",
    );
    write(
        root,
        "content/meetings/reunion-virtual.es.md",
        "+++\nkind = \"meeting\"\ntitle = \"Reunión virtual\"\nformat = \"virtual\"\ndate = 2025-02-03\nsource = \"sources/fixture.txt\"\n+++\nActa.\n",
    );
    site
}

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn build(root: &Path) -> Result<pipeline::BuildReport, Vec<Diagnostic>> {
    pipeline::build(&BuildOptions {
        root: root.to_path_buf(),
        kinds: kinds(),
        ..Default::default()
    })
}

#[test]
fn a_declared_kind_gets_pages_a_listing_facets_and_open_data() {
    let site = site();
    build(site.path()).unwrap_or_else(|d| panic!("{}", render(&d)));
    let out = Output::read(&site.path().join("public"));

    // Its page: the template given, every field labelled in the page's language, the
    // country and the plan item as links.
    let page = out.page("/es/meetings/reunion-de-lima/");
    assert_eq!(text_of(&page, "h1"), "Reunión de Lima");
    assert_eq!(text_of(&page, ".meeting-date"), "2024-05-10");
    let facts = texts(&page, "dl.facts dt, dl.facts dd").join(" | ");
    assert!(facts.contains("Modalidad | Presencial"), "{facts}");
    let links = attrs(&page, "dl.facts a", "href");
    assert!(
        links.iter().any(|l| l.ends_with("/es/countries/xa/")),
        "{links:?}"
    );
    assert!(
        links
            .iter()
            .any(|l| l.ends_with("/es/plans/2000-2001/directives/1/")),
        "{links:?}"
    );
    // The English page shows the Spanish text, with the interface in English.
    let english = out.page("/en/meetings/reunion-de-lima/");
    let facts = texts(&english, "dl.facts dt, dl.facts dd").join(" | ");
    assert!(facts.contains("Format | In person"), "{facts}");

    // The directive it names links back to it.
    let directive = out.page("/es/plans/2000-2001/directives/1/");
    let back = attrs(&directive, "a", "href");
    assert!(
        back.iter()
            .any(|l| l.ends_with("/es/meetings/reunion-de-lima/")),
        "{back:?}"
    );

    // Its listing, and a page per facet value.
    let listing = out.page("/es/meetings/");
    // Newest first, as its declaration orders it, with a feed per language.
    let cards = texts(&listing, ".cards-list li > a");
    assert_eq!(cards, ["Reunión virtual", "Reunión de Lima"]);
    assert_eq!(
        attrs(
            &listing,
            "link[rel=alternate][type='application/atom+xml']",
            "href"
        ),
        ["/es/meetings/atom.xml"]
    );
    let feed = std::fs::read_to_string(site.path().join("public/en/meetings/atom.xml")).unwrap();
    assert_eq!(feed.matches("<entry>").count(), 2, "{feed}");
    assert!(
        feed.contains("<updated>2025-02-03T00:00:00Z</updated>"),
        "{feed}"
    );
    let virtual_only = out.page("/es/meetings/format/virtual/");
    let cards = texts(&virtual_only, ".cards-list li > a");
    assert_eq!(cards, ["Reunión virtual"]);
    // Its cards show what the declaration names: the format and the date.
    let card = text_of(&virtual_only, ".cards-list li p");
    assert_eq!(card, "Virtual · 2025-02-03");
    assert!(out.exists("es/meetings/country/xa/index.html"));

    // Its open data: every field of the struct, an id and an address per entry.
    let json: serde_json::Value = serde_json::from_slice(
        &std::fs::read(site.path().join("public/data/meetings.json")).unwrap(),
    )
    .unwrap();
    let records = json.as_array().unwrap();
    assert_eq!(records.len(), 2);
    let lima = records
        .iter()
        .find(|r| r["title"] == "Reunión de Lima")
        .unwrap();
    assert_eq!(lima["format"], "in-person");
    assert_eq!(lima["date"], "2024-05-10");
    assert_eq!(lima["serves"][0], "2000-2001/1");
    assert!(lima["url"]
        .as_str()
        .unwrap()
        .ends_with("/es/meetings/reunion-de-lima/"));
    let csv = std::fs::read_to_string(site.path().join("public/data/meetings.csv")).unwrap();
    assert_eq!(
        csv.lines().next().unwrap(),
        "id,url,title,format,date,country,serves,source"
    );
    assert_eq!(csv.lines().count(), 3);

    // The editors' form offers it, its choices labelled.
    let form: serde_json::Value = serde_json::from_slice(
        &std::fs::read(site.path().join("public/admin/config.es.yml")).unwrap(),
    )
    .unwrap();
    let collections = form["collections"].as_array().unwrap();
    let meetings = collections
        .iter()
        .find(|c| c["name"] == "meeting")
        .unwrap_or_else(|| panic!("no meeting collection in {form:#}"));
    assert_eq!(meetings["folder"], "content/meetings");
    let format = meetings["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "format")
        .unwrap();
    assert_eq!(format["label"], "Modalidad");
    assert!(format["required"] != false, "{format:#}");
    let labels: Vec<&str> = format["options"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["label"].as_str())
        .collect();
    assert_eq!(labels, ["Presencial", "Virtual"]);
}

#[test]
fn every_problem_of_a_declared_kind_s_file_is_reported_at_once() {
    let site = site();
    write(
        site.path(),
        "content/meetings/mala.es.md",
        "+++\nkind = \"meeting\"\ntitle = \"Mala\"\nformat = \"virtua\"\ndate = \"2024-13-01\"\nvenue = \"Lima\"\nsource = \"sources/fixture.txt\"\n+++\n",
    );
    write(
        site.path(),
        "content/meetings/referencias.es.md",
        "+++\nkind = \"meeting\"\ntitle = \"Referencias\"\nformat = \"virtual\"\ndate = 2024-01-01\ncountry = \"ZZ\"\nserves = [\"2000-2001/9\"]\nsource = \"sources/fixture.txt\"\n+++\n",
    );
    let diagnostics = build(site.path()).expect_err("bad files must fail the build");
    let at = |file: &str| -> Vec<&Diagnostic> {
        diagnostics
            .iter()
            .filter(|d| d.is_error() && d.path.ends_with(file))
            .collect()
    };
    let bad = at("mala.es.md");
    assert_eq!(bad.len(), 3, "{}", render(&diagnostics));
    let lines: Vec<usize> = bad.iter().map(|d| d.line).collect();
    assert_eq!(lines, [4, 5, 6], "{}", render(&diagnostics));
    assert!(
        bad[0].hint.as_deref().unwrap_or("").contains("virtual"),
        "{}",
        render(&diagnostics)
    );
    assert_eq!(bad[2].code, codes::UNKNOWN_KEY);
    let refs = at("referencias.es.md");
    let lines: Vec<usize> = refs.iter().map(|d| d.line).collect();
    assert_eq!(lines.len(), 2, "{}", render(&diagnostics));
    assert!(
        lines.contains(&6) && lines.contains(&7),
        "{}",
        render(&diagnostics)
    );
}

#[test]
fn a_section_listing_an_unknown_kind_is_an_error_with_a_hint() {
    let site = site();
    write(
        site.path(),
        "content/meetings/_index.es.md",
        "+++\ntitle = \"Reuniones\"\nlists = \"meetng\"\n+++\n",
    );
    let diagnostics = build(site.path()).expect_err("an unknown kind must fail the build");
    let found = diagnostics
        .iter()
        .find(|d| d.path.ends_with("meetings/_index.es.md"))
        .unwrap_or_else(|| panic!("{}", render(&diagnostics)));
    assert_eq!(found.line, 3);
    assert!(
        found.hint.as_deref().unwrap_or("").contains("\"meeting\""),
        "{}",
        render(&diagnostics)
    );
}

#[test]
fn faro_new_writes_a_declared_kind_s_file_from_its_fields() {
    let site = site();
    let mut request = Request {
        kind: "meeting".into(),
        title: "Reunión de Quito".into(),
        ..Default::default()
    };
    // Without the values it cannot be valid without, nothing is written.
    let refusal = scaffold::create(site.path(), &request, &kinds()).unwrap_err();
    assert!(refusal.message.contains("format"), "{refusal}");
    assert!(refusal.hint.contains("--set"), "{refusal}");
    request.set = vec!["format=virtual".into(), "date=2024-03-04".into()];
    let path = scaffold::create(site.path(), &request, &kinds()).unwrap();
    assert_eq!(path, Path::new("content/meetings/reunion-de-quito.es.md"));
    let text = std::fs::read_to_string(site.path().join(&path)).unwrap();
    for field in ["title", "format", "date", "country", "serves", "source"] {
        assert!(
            text.lines().any(|l| l
                .trim_start_matches("# ")
                .starts_with(&format!("{field} ="))),
            "`{field}` missing:\n{text}"
        );
    }
    // The new file builds; its placeholders are warnings.
    let report = build(site.path()).unwrap_or_else(|d| panic!("{}\n{text}", render(&d)));
    assert!(report
        .warnings
        .iter()
        .any(|w| w.path.ends_with("reunion-de-quito.es.md")));
}
