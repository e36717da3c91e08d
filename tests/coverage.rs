//! Every state's coverage in the directory (the III Plan's mandate 7), on a fixture of
//! six made-up states: XA with all three roles, XB with a stale contact point, XC with
//! nothing, XD not participating (with an authority), XE with a coordinating body only
//! and no tile on the map, XF withdrawn with nothing.

mod common;

use common::*;
use faro::diagnostic::{codes, Severity};
use faro::pipeline::{check, BuildOptions};

/// The build date the fixture's verification dates are judged against.
const TODAY: &str = "2026-11-26";

fn built() -> (tempfile::TempDir, Output) {
    let site = fixture_site("coverage");
    build_on(site.path(), TODAY).unwrap_or_else(|d| panic!("{}", render(&d)));
    let out = Output::read(&site.path().join("public"));
    (site, out)
}

fn read(site: &tempfile::TempDir, path: &str) -> String {
    std::fs::read_to_string(site.path().join("public").join(path)).unwrap()
}

fn json(site: &tempfile::TempDir, path: &str) -> serde_json::Value {
    serde_json::from_str(&read(site, path)).unwrap()
}

/// The text of `selector` in the coverage table's row of state `iso2`.
fn cells(page: &scraper::Html, iso2: &str, selector: &str) -> Vec<String> {
    texts(
        page,
        &format!(".state-coverage-table tr[data-iso2=\"{iso2}\"] {selector}"),
    )
    .into_iter()
    .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
    .collect()
}

#[test]
fn the_directory_counts_contact_points_of_participating_states_only() {
    let (_site, out) = built();
    let page = out.page("/es/directory/");
    assert_eq!(
        texts(&page, ".state-coverage-summary"),
        ["Puntos de contacto: 2 de 4 Estados participantes."]
    );
    let en = out.page("/en/directory/");
    assert_eq!(
        texts(&en, ".state-coverage-summary"),
        ["Contact points: 2 of 4 participating states."]
    );
    // The grouped cards stay below the coverage.
    assert_eq!(
        texts(&page, ".directory-group h2"),
        ["Ausented", "Mediae", "Todoa", "Vencidob"]
    );
}

#[test]
fn every_state_has_a_row_with_its_status_and_its_three_roles() {
    let (_site, out) = built();
    let page = out.page("/es/directory/");
    // Every state, in alphabetical order, including those with nothing.
    assert_eq!(
        attrs(&page, ".state-coverage-table tbody tr", "data-iso2"),
        ["XD", "XE", "XC", "XF", "XA", "XB"]
    );
    assert_eq!(
        texts(&page, ".state-coverage-table thead th"),
        [
            "Estado",
            "Situación en la OEA",
            "Autoridad nacional",
            "Órgano de coordinación",
            "Punto de contacto nacional"
        ]
    );
    assert_eq!(
        cells(&page, "XA", "td"),
        [
            "Estado miembro",
            "Última verificación: 2026-06-01",
            "Última verificación: 2026-05-01",
            "Última verificación: 2026-09-15"
        ]
    );
    assert_eq!(
        cells(&page, "XB", "td"),
        [
            "Estado miembro",
            "No se ha transmitido información",
            "No se ha transmitido información",
            "Última verificación: 2024-01-15 Por verificar"
        ]
    );
    assert_eq!(
        cells(&page, "XC", "td"),
        ["Estado miembro", "No se ha transmitido información"]
    );
    assert_eq!(
        attrs(
            &page,
            ".state-coverage-table tr[data-iso2=\"XC\"] td[colspan]",
            "colspan"
        ),
        ["3"]
    );
    assert_eq!(
        cells(&page, "XD", "td"),
        [
            "Estado miembro que no participa",
            "Última verificación: 2026-02-02",
            "No se ha transmitido información",
            "No se ha transmitido información"
        ]
    );
    assert_eq!(
        cells(&page, "XE", "td"),
        [
            "Estado miembro",
            "No se ha transmitido información",
            "Por verificar",
            "No se ha transmitido información"
        ]
    );
    assert_eq!(
        cells(&page, "XF", "td"),
        ["Retirado de la OEA", "No se ha transmitido información"]
    );
    assert_eq!(
        cells(&page, "XA", "th a"),
        ["Todoa"],
        "each state links to its page"
    );
    assert_eq!(
        attrs(
            &page,
            ".state-coverage-table tr[data-iso2=\"XA\"] th a",
            "href"
        ),
        ["/es/countries/xa/"]
    );
}

#[test]
fn the_map_has_one_linked_tile_per_state_marked_by_shape() {
    let (_site, out) = built();
    let page = out.page("/es/directory/");
    let tiles = "svg.tile-map a.tile";
    assert_eq!(
        attrs(&page, "svg.tile-map", "aria-hidden"),
        ["true"],
        "the table says what the map says"
    );
    let mut hrefs = attrs(&page, tiles, "href");
    hrefs.sort();
    assert_eq!(
        hrefs,
        ["xa", "xb", "xc", "xd", "xe", "xf"].map(|c| format!("/es/countries/{c}/"))
    );
    assert!(
        attrs(&page, tiles, "tabindex").iter().all(|t| t == "-1"),
        "the map's links are left out of the tab order: the table's are there"
    );
    let mark = |iso2: &str| {
        let href = format!("/es/countries/{}/", iso2.to_ascii_lowercase());
        attrs(&page, &format!("{tiles}[href=\"{href}\"]"), "class")
    };
    assert_eq!(mark("XA"), ["tile tile-contact"]);
    assert_eq!(mark("XB"), ["tile tile-contact"]);
    assert_eq!(mark("XC"), ["tile tile-nothing"]);
    assert_eq!(mark("XD"), ["tile tile-out"]);
    assert_eq!(mark("XE"), ["tile tile-authority"]);
    assert_eq!(mark("XF"), ["tile tile-out"]);
    // Shape as well as colour: only the half-filled tile has a second rectangle.
    assert_eq!(
        attrs(&page, &format!("{tiles} rect.tile-fill"), "class").len(),
        1
    );
    assert_eq!(
        texts(&page, &format!("{tiles}[href=\"/es/countries/xb/\"] title")),
        ["Vencidob: Punto de contacto designado"]
    );
    // XA is at its tile [0, 0]; XE, which has none, in the row below the map's two.
    assert_eq!(
        attrs(
            &page,
            &format!("{tiles}[href=\"/es/countries/xa/\"] rect"),
            "x"
        ),
        ["2"]
    );
    assert_eq!(
        attrs(
            &page,
            &format!("{tiles}[href=\"/es/countries/xe/\"] rect.tile-box"),
            "y"
        ),
        [(3 * 48 + 2).to_string()]
    );
    assert_eq!(texts(&page, ".tile-legend li").len(), 4);
}

#[test]
fn each_country_page_says_what_the_directory_holds_for_its_state() {
    let (_site, out) = built();
    let role = |iso2: &str, role: &str| {
        let page = out.page(&format!("/es/countries/{iso2}/"));
        texts(
            &page,
            &format!(".state-coverage-roles dd[data-role=\"{role}\"]"),
        )
        .into_iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
    };
    assert_eq!(
        role("xa", "contact-point"),
        ["Última verificación: 2026-09-15"]
    );
    assert_eq!(
        role("xb", "contact-point"),
        ["Última verificación: 2024-01-15 Por verificar"]
    );
    assert_eq!(
        role("xb", "national-authority"),
        ["No se ha transmitido información"]
    );
    assert_eq!(role("xe", "coordinating-body"), ["Por verificar"]);
    for nothing in ["xc", "xf"] {
        let page = out.page(&format!("/es/countries/{nothing}/"));
        assert_eq!(
            texts(&page, ".state-coverage-nothing"),
            ["No se ha transmitido información"],
            "{nothing}"
        );
        assert!(texts(&page, ".state-coverage-roles").is_empty());
    }
}

#[test]
fn the_coverage_data_agrees_with_the_directory_data() {
    let (site, _out) = built();
    let coverage = json(&site, "data/coverage.json");
    let directory = json(&site, "data/directory.json");
    let records = coverage.as_array().unwrap();
    let codes: Vec<&str> = records
        .iter()
        .map(|r| r["iso2"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["XA", "XB", "XC", "XD", "XE", "XF"]);
    for record in records {
        let iso2 = record["iso2"].as_str().unwrap();
        for role in ["national-authority", "coordinating-body", "contact-point"] {
            let entries: Vec<&serde_json::Value> = directory
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["country"] == iso2 && e["role"] == role)
                .collect();
            let column = role.replace('-', "_");
            assert_eq!(record[&column], !entries.is_empty(), "{iso2} {role}");
            // The fixture has at most one entry per role: its date is the role's.
            let date = entries
                .first()
                .map_or(serde_json::Value::Null, |e| e["last_verified"].clone());
            assert_eq!(
                record[format!("{column}_last_verified")],
                date,
                "{iso2} {role}"
            );
        }
    }
    assert_eq!(records[0]["name"], "Todoa", "named in the default language");
    assert_eq!(records[3]["status"], "not-participating");

    let csv = read(&site, "data/coverage.csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "iso2",
            "name",
            "status",
            "national_authority",
            "national_authority_last_verified",
            "coordinating_body",
            "coordinating_body_last_verified",
            "contact_point",
            "contact_point_last_verified"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), records.len());
    for (row, record) in rows.iter().zip(records) {
        assert_eq!(&row[0], record["iso2"].as_str().unwrap());
        assert_eq!(&row[7], record["contact_point"].to_string());
        assert_eq!(
            &row[8],
            record["contact_point_last_verified"].as_str().unwrap_or("")
        );
    }
    assert_eq!(
        &rows[1].iter().collect::<Vec<_>>(),
        &[
            "XB",
            "Vencidob",
            "member",
            "false",
            "",
            "false",
            "",
            "true",
            "2024-01-15"
        ]
    );
}

#[test]
fn check_notes_the_participating_states_without_a_contact_point() {
    let site = fixture_site("coverage");
    let options = BuildOptions {
        root: site.path().to_path_buf(),
        build_date: Some(time::Date::from_calendar_date(2026, time::Month::November, 26).unwrap()),
        ..Default::default()
    };
    let diagnostics = check(&options);
    let notes: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.code == codes::NO_CONTACT_POINT)
        .collect();
    assert_eq!(notes.len(), 1, "{}", render(&diagnostics));
    let note = notes[0];
    assert_eq!(note.severity, Severity::Info);
    assert_eq!(
        note.path.display().to_string(),
        "content/directory/_index.es.md"
    );
    assert_eq!(note.line, 3, "at `lists = \"authority\"`");
    assert_eq!(
        note.message,
        "2 of 4 participating states have no contact point in the directory: XC, XE"
    );
    assert!(
        diagnostics.iter().all(|d| d.severity != Severity::Error),
        "{}",
        render(&diagnostics)
    );

    // Once every participating state has one, the note goes.
    for iso2 in ["xc", "xe"] {
        let dir = site.path().join(format!("content/directory/{iso2}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("punto.es.md"),
            format!("+++\nkind = \"authority\"\ninstitution = \"Punto\"\nrole = \"contact-point\"\ncountry = \"{}\"\nsource = \"sources/fixture.txt\"\nlast_verified = 2026-10-01\n+++\n", iso2.to_ascii_uppercase()),
        )
        .unwrap();
    }
    assert!(check(&options)
        .iter()
        .all(|d| d.code != codes::NO_CONTACT_POINT));
}

#[test]
fn two_states_on_one_tile_are_refused() {
    let site = fixture_site("coverage");
    let xb = site.path().join("content/countries/xb.es.md");
    let text = std::fs::read_to_string(&xb).unwrap();
    std::fs::write(&xb, text.replace("tile = [1, 0]", "tile = [0, 0]")).unwrap();
    let options = BuildOptions {
        root: site.path().to_path_buf(),
        ..Default::default()
    };
    let errors: Vec<String> = check(&options)
        .into_iter()
        .filter(|d| d.code == codes::BAD_VALUE)
        .map(|d| format!("{}:{}: {}", d.path.display(), d.line, d.message))
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("is already on tile [0, 0]"),
        "{errors:?}"
    );
}
