//! `faro serve` re-renders only the pages an edit can change. After each edit below,
//! the site it updated in place must equal a full build of the edited site page for
//! page: a page that depends on the edit and was not re-rendered shows up as stale.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use faro::incremental::{Session, Update};
use faro::pipeline::{build, BuildOptions};

fn options(root: &Path, output: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: Some(output.to_path_buf()),
        build_date: Some(time::Date::from_calendar_date(2026, time::Month::November, 26).unwrap()),
        // As `faro serve` does: its pages name the local server.
        base_url: Some("http://127.0.0.1:4321".into()),
        ..Default::default()
    }
}

/// Applies each edit (file, text, replacement) in turn to a copy of `fixture`, lets the
/// session update, and compares every HTML page with a full build. An edit with no
/// text writes a new file of the replacement; with neither, it removes the file.
fn incremental_equals_full(fixture: &str, edits: &[(&str, &str, &str)]) -> Vec<usize> {
    incremental_equals_full_with(fixture, &[], edits)
}

/// [`incremental_equals_full`] on a fixture with `files` (path, text) added first: a
/// template of the test's own, say, and a page that uses it. Returns how many files
/// each edit re-rendered.
fn incremental_equals_full_with(
    fixture: &str,
    files: &[(&str, &str)],
    edits: &[(&str, &str, &str)],
) -> Vec<usize> {
    let site = fixture_site(fixture);
    let root = site.path();
    for (file, text) in files {
        std::fs::write(root.join(file), text).unwrap();
    }
    let served = root.join("served");
    let mut rendered = Vec::new();
    let (mut session, _) =
        Session::start(&options(root, &served)).unwrap_or_else(|d| panic!("{}", render(&d)));
    for (n, (file, from, to)) in edits.iter().enumerate() {
        let path = root.join(file);
        if from.is_empty() && to.is_empty() {
            std::fs::remove_file(&path).unwrap();
        } else if from.is_empty() {
            std::fs::write(&path, to).unwrap();
        } else {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.contains(from), "{file} has no {from:?}");
            std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        }
        match session.update(&[PathBuf::from(file)]) {
            Ok(Update::Pages { files, .. }) => rendered.push(files),
            Ok(Update::Full(_)) => panic!("{file}: an edit to content ran a full build"),
            Err(d) => panic!("{file}: {}", render(&d)),
        }
        let full = root.join(format!("full-{n}"));
        build(&options(root, &full)).unwrap_or_else(|d| panic!("{}", render(&d)));
        let (updated, expected) = (Output::read(&served), Output::read(&full));
        let stale: Vec<&String> = expected
            .pages
            .iter()
            .filter(|(url, html)| updated.pages.get(*url) != Some(*html))
            .map(|(url, _)| url)
            .collect();
        assert!(
            stale.is_empty(),
            "after editing {file}, these pages differ from a full build: {stale:?}"
        );
    }
    rendered
}

const NEW_HOTLINE: &str = "+++
kind = \"service\"
name = \"Línea nueva\"
types = [\"hotline\"]
country = \"XB\"
phones = [\"1802\"]
source = \"sources/fixture.txt\"
+++
Servicio inventado para la prueba.
";

#[test]
fn edits_to_the_catalog_reach_every_page_that_shows_them() {
    incremental_equals_full(
        "catalog",
        &[
            // A hotline's number is on the home page, its country and the listings.
            ("content/services/xa/linea.es.md", "\"1800\"", "\"1801\""),
            (
                "content/services/xa/linea.es.md",
                "Línea de prueba",
                "Línea 1801",
            ),
            // An authority's name is on the directory and its country page.
            (
                "content/directory/xa/comision.es.md",
                "Comisión Nacional de Prueba",
                "Comisión Nacional Renombrada",
            ),
            // A practice's title is on the directive it implements.
            (
                "content/practices/mesa.es.md",
                "Mesa de prueba",
                "Mesa renombrada",
            ),
            // A country's name is wherever its code is: cards, listings, facets.
            (
                "content/countries/xa.es.md",
                "es = \"Paísa\"",
                "es = \"País A\"",
            ),
            // A new entry reaches the same pages, the countries index's counts too.
            ("content/services/xb/nueva.es.md", "", NEW_HOTLINE),
            // Removed entries leave every page that listed them, the home page's
            // hotlines and the country pages included.
            ("content/services/xb/nueva.es.md", "", ""),
            ("content/services/xa/linea.es.md", "", ""),
            ("content/directory/xa/comision.es.md", "", ""),
            ("content/practices/mesa.es.md", "", ""),
        ],
    );
}

#[test]
fn an_edit_to_a_body_re_renders_the_pages_that_show_it_and_not_the_listings() {
    // Each entry's body edited, then a field its cards show: the body reaches its own
    // pages (and those that quote it), never the listings and facet pages that show
    // only front matter, so it re-renders fewer files than the field does.
    let edits = [
        (
            "content/practices/mesa.es.md",
            "source = \"sources/fixture.txt\"\n+++",
            "source = \"sources/fixture.txt\"\n+++\nUn texto nuevo de la práctica.",
        ),
        (
            "content/practices/mesa.es.md",
            "Mesa de prueba",
            "Mesa renombrada",
        ),
        (
            "content/services/xa/linea.es.md",
            "Servicio inventado.",
            "Servicio inventado, con un texto nuevo.",
        ),
        ("content/services/xa/linea.es.md", "24 horas", "12 horas"),
        (
            "content/directory/xa/comision.es.md",
            "Una autoridad inventada",
            "Una autoridad de texto nuevo",
        ),
        (
            "content/directory/xa/comision.es.md",
            "Comisión Nacional de Prueba",
            "Comisión Nacional Renombrada",
        ),
    ];
    let rendered = incremental_equals_full("catalog", &edits);
    for (pair, counts) in edits.chunks(2).zip(rendered.chunks(2)) {
        assert!(
            counts[0] < counts[1],
            "{}: a body edit re-rendered {} files, a card's field {}",
            pair[0].0,
            counts[0],
            counts[1]
        );
    }
}

#[test]
fn edits_reach_the_indicators_and_biennial_reports_only_when_they_show_them() {
    // The coverage fixture has a plan with indicators and four reports: the pages made
    // from many entries (indicators, periods, states) follow a report, an indicator's
    // text and a country's name, and stay as they are for a directive's text.
    let rendered = incremental_equals_full(
        "coverage",
        &[
            (
                "content/reports/2000-2001/xa.es.md",
                "status = \"not-started\"",
                "status = \"achieved\"",
            ),
            (
                "content/plans/2000-2003/directives/1.es.md",
                "Indicador de prueba 1.",
                "Indicador de prueba renombrado.",
            ),
            (
                "content/countries/xa.es.md",
                "es = \"Todoa\"",
                "es = \"Todoa Nueva\"",
            ),
            (
                "content/plans/2000-2003/directives/1.es.md",
                "Directriz de prueba.",
                "Directriz de prueba, con otro texto.",
            ),
        ],
    );
    assert!(
        rendered[3] < rendered[1],
        "a directive's text re-rendered {} files, its indicator {}",
        rendered[3],
        rendered[1]
    );
}

#[test]
fn edits_to_a_plan_reach_the_plans_that_continue_it() {
    incremental_equals_full(
        "plans",
        &[
            (
                "content/plans/2000-2001/directives/1.es.md",
                "Adoptar leyes contra",
                "Adoptar y revisar leyes contra",
            ),
            // An alignment row is on its alignment, the directive and the country;
            // the alignment's title on the country page.
            (
                "content/alignments/xx/1.es.md",
                "status = \"partial\"",
                "status = \"covered\"",
            ),
            (
                "content/alignments/xx/1.es.md",
                "Cubre las leyes",
                "Cubre bien las leyes",
            ),
            (
                "content/alignments/xx/_index.es.md",
                "Paísa frente al plan 2000-2001",
                "Paísa ante el plan 2000-2001",
            ),
            // The home page's text.
            (
                "content/_index.es.md",
                "Un sitio de prueba",
                "Un sitio para probar",
            ),
            // A plan's and a section's titles are on the pages of their items.
            (
                "content/plans/2000-2001/_index.es.md",
                "short_title = \"Plan 2000-2001\"",
                "short_title = \"Plan de 2000\"",
            ),
            (
                "content/plans/2000-2001/_index.es.md",
                "title = \"Plan de prueba 2000-2001\"",
                "title = \"Plan renombrado\"",
            ),
            (
                "content/plans/2000-2001/sections/general.es.md",
                "Directrices generales",
                "Directrices de conjunto",
            ),
            // A country's name is also on its delegation's proposals in plan texts.
            (
                "content/countries/xa.es.md",
                "es = \"Paísa\"",
                "es = \"País A\"",
            ),
        ],
    );
}

/// A view no one taught `faro serve` about: a template of the site's own that shows
/// another entry's title through `entry_title`.
const SEE_ALSO: &str = "{% extends \"page.html\" %}{% block body %}<p id=\"see-also\">{{ entry_title(key=\"services/xa/linea\", lang=lang) }}</p>{% endblock body %}";

const SEE_ALSO_PAGE: &str = "+++
title = \"Véase también\"
template = \"see-also.html\"
+++
Una página que nombra un servicio.
";

const NEW_SHELTER: &str = "+++
kind = \"service\"
name = \"Albergue aymara\"
types = [\"shelter\", \"repatriation\"]
country = \"XB\"
populations = [\"indigenous\"]
languages = [\"ay\"]
source = \"sources/fixture.txt\"
+++
Servicio inventado para la prueba.
";

#[test]
fn recorded_reads_reach_views_that_no_table_lists() {
    incremental_equals_full_with(
        "catalog",
        &[
            ("themes/default/templates/see-also.html", SEE_ALSO),
            ("content/see-also.es.md", SEE_ALSO_PAGE),
        ],
        &[
            // The page of the site's own template shows the service's name.
            (
                "content/services/xa/linea.es.md",
                "Línea de prueba",
                "Línea renombrada",
            ),
            // Moved to another country: off one country page and its counts, onto the
            // other's, and off one country facet page onto another.
            (
                "content/services/xa/linea.es.md",
                "country = \"XA\"",
                "country = \"XB\"",
            ),
            (
                "content/practices/mesa.es.md",
                "country = \"XA\"",
                "country = \"XB\"",
            ),
            // Implementing another directive: off one directive page onto another.
            (
                "content/practices/mesa.es.md",
                "implements = [\"2000-2001/1\"]",
                "implements = [\"2000-2001/2\"]",
            ),
            // A new entry with facet values no entry had: new facet pages, and every
            // listing page's facet counts.
            ("content/services/xb/aymara.es.md", "", NEW_SHELTER),
            ("content/services/xb/aymara.es.md", "", ""),
            // The country's name, as the moved entries now show it.
            ("content/countries/xb.es.md", "es = \"", "es = \"Nueva "),
        ],
    );
}

/// `faro serve` checks only the edited files' links while the site keeps the same
/// pages; an edit that removes a page must still be refused for the links of the pages
/// it did not touch, as a build refuses it, and the served site stays as it was.
#[test]
fn an_edit_that_breaks_a_link_is_refused_wherever_the_link_is() {
    let site = fixture_site("basic");
    let root = site.path();
    let served = root.join("served");
    let (mut session, _) =
        Session::start(&options(root, &served)).unwrap_or_else(|d| panic!("{}", render(&d)));
    let refused = |session: &mut Session, file: &str| match session.update(&[PathBuf::from(file)]) {
        Err(d) => render(&d),
        Ok(_) => panic!("{file}: the edit was accepted"),
    };

    // The edited page's own link.
    let second = root.join("content/guide/second.en.md");
    let text = std::fs::read_to_string(&second).unwrap();
    std::fs::write(&second, format!("{text}\nSee [nothing](/en/nowhere/).\n")).unwrap();
    let said = refused(&mut session, "content/guide/second.en.md");
    assert!(
        said.contains("content/guide/second.en.md:") && said.contains("/en/nowhere/"),
        "{said}"
    );
    std::fs::write(&second, &text).unwrap();

    // A page removed that the home page, not edited, links to.
    std::fs::remove_file(root.join("content/about.es.md")).unwrap();
    let said = refused(&mut session, "content/about.es.md");
    assert!(
        said.contains("content/_index.es.md:4:") && said.contains("/es/about/"),
        "{said}"
    );
    assert!(
        served.join("es/about/index.html").is_file(),
        "the refused edit must leave the served site alone"
    );
}
