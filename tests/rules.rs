//! One test per rule of `faro check`: the exact code, file, line and column of every
//! diagnostic a fixture provokes, and a hint on each. Fixtures live under
//! `tests/fixtures/rules/`: `base/` is a small valid site, and each other folder adds
//! the files that break one rule. Then the command itself: output formats and exit
//! codes.

mod common;

use std::path::Path;
use std::process::Output;

use common::*;
use faro::diagnostic::{codes, line_col, Diagnostic, Severity};
use faro::pipeline::{self, BuildOptions};
use tempfile::TempDir;
use time::{Date, Month};

/// Verification dates in the fixtures are judged against this day.
fn build_date() -> Date {
    Date::from_calendar_date(2026, Month::June, 30).unwrap()
}

/// The base site with `case`'s files added (`None`: the base alone).
fn site(case: Option<&str>) -> TempDir {
    let dir = fixture_site("rules/base");
    if let Some(case) = case {
        copy_tree(
            &repo()
                .join("tests/fixtures/rules")
                .join(case)
                .join("content"),
            &dir.path().join("content"),
        );
    }
    dir
}

fn check_at(root: &Path) -> Vec<Diagnostic> {
    pipeline::check(&BuildOptions {
        root: root.to_path_buf(),
        build_date: Some(build_date()),
        ..Default::default()
    })
}

/// Asserts that the diagnostics other than info summaries are exactly `expected`, as
/// `path:line:col`, all with `code` and `severity`, each with a hint. Returns them.
fn exactly(
    diagnostics: &[Diagnostic],
    code: &str,
    severity: Severity,
    expected: &[&str],
) -> Vec<Diagnostic> {
    let found: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .collect();
    let located: Vec<String> = found
        .iter()
        .map(|d| format!("{}:{}:{}", d.path.display(), d.line, d.col))
        .collect();
    assert_eq!(located, expected, "\n{}", render(diagnostics));
    for d in &found {
        assert_eq!((d.code, d.severity), (code, severity), "{d}");
        assert!(
            d.hint.as_deref().is_some_and(|h| !h.is_empty()),
            "no hint: {d}"
        );
    }
    found.into_iter().cloned().collect()
}

fn case(name: &str, code: &str, severity: Severity, expected: &[&str]) -> Vec<Diagnostic> {
    let site = site(Some(name));
    exactly(&check_at(site.path()), code, severity, expected)
}

fn hints(diagnostics: &[Diagnostic]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d.hint.as_deref().unwrap_or(""))
        .collect()
}

#[test]
fn the_base_fixture_is_clean() {
    let site = site(None);
    exactly(&check_at(site.path()), "", Severity::Error, &[]);
}

#[test]
fn config() {
    let site = site(None);
    let path = site.path().join("config.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = format!("{}\nbroken = = 1\n", text.trim_end());
    std::fs::write(&path, &text).unwrap();
    let line = text.lines().count();
    let d = exactly(
        &check_at(site.path()),
        codes::CONFIG,
        Severity::Error,
        &[&format!("config.toml:{line}:10")],
    );
    assert!(d[0].message.contains('='), "{}", d[0]);
    std::fs::remove_file(&path).unwrap();
    exactly(
        &check_at(site.path()),
        codes::CONFIG,
        Severity::Error,
        &["config.toml:1:1"],
    );
}

#[test]
fn config_page_size_of_zero() {
    let site = site(None);
    let path = site.path().join("config.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\npage_size = 50\n"));
    std::fs::write(
        &path,
        text.replace("\npage_size = 50\n", "\npage_size = 0\n"),
    )
    .unwrap();
    let line = text.lines().position(|l| l == "page_size = 50").unwrap() + 1;
    let d = exactly(
        &check_at(site.path()),
        codes::CONFIG,
        Severity::Error,
        &[&format!("config.toml:{line}:1")],
    );
    assert!(
        d[0].hint.as_deref().unwrap_or("").contains("50"),
        "{}",
        d[0]
    );
}

#[test]
fn not_utf8() {
    let site = site(None);
    std::fs::write(
        site.path().join("content/latin1.es.md"),
        b"+++\ntitle = \"x\"\n+++\nab\xffcd\n",
    )
    .unwrap();
    exactly(
        &check_at(site.path()),
        codes::NOT_UTF8,
        Severity::Error,
        &["content/latin1.es.md:4:3"],
    );
}

#[test]
fn empty_file() {
    case(
        "empty-file",
        codes::EMPTY_FILE,
        Severity::Error,
        &["content/vacio.es.md:1:1"],
    );
}

#[test]
fn file_name() {
    let d = case(
        "file-name",
        codes::FILE_NAME,
        Severity::Error,
        &["content/acerca.ex.md:1:1", "content/sin-idioma.md:1:1"],
    );
    assert_eq!(
        hints(&d)[0],
        "did you mean `acerca.en.md`? Languages are set in config.toml"
    );
}

#[test]
fn front_matter() {
    case(
        "front-matter",
        codes::FRONT_MATTER,
        Severity::Error,
        &["content/abierto.es.md:1:1"],
    );
}

#[test]
fn toml() {
    case(
        "toml",
        codes::TOML,
        Severity::Error,
        &["content/roto.es.md:3:10"],
    );
}

#[test]
fn unknown_key() {
    let d = case(
        "unknown-key",
        codes::UNKNOWN_KEY,
        Severity::Error,
        &["content/errata.es.md:3:1"],
    );
    assert_eq!(hints(&d), ["did you mean `description`?"]);
}

#[test]
fn missing_key() {
    let d = case(
        "missing-key",
        codes::MISSING_KEY,
        Severity::Error,
        &["content/practices/sin-resumen.es.md:2:1"],
    );
    assert!(d[0].message.contains("summary"), "{}", d[0]);
}

#[test]
fn bad_value_enum_country_and_reference() {
    let d = case(
        "bad-value",
        codes::BAD_VALUE,
        Severity::Error,
        &[
            "content/directory/xa/pais.es.md:5:1",
            "content/directory/xa/rol.es.md:4:8",
            "content/practices/directriz.es.md:7:1",
        ],
    );
    assert!(d[0].message.contains("unknown country `ZZ`"), "{}", d[0]);
    assert!(d[1].message.contains("jefe"), "{}", d[1]);
    assert!(d[2].message.contains("2021-2026/999"), "{}", d[2]);
}

#[test]
fn bad_date() {
    case(
        "bad-date",
        codes::BAD_DATE,
        Severity::Error,
        &["content/directory/xa/futuro.es.md:7:1"],
    );
}

#[test]
fn bad_contact() {
    case(
        "bad-contact",
        codes::BAD_CONTACT,
        Severity::Error,
        &["content/services/xa/telefono.es.md:6:1"],
    );
}

#[test]
fn stale() {
    case(
        "stale",
        codes::STALE,
        Severity::Warning,
        &[
            "content/directory/xa/antigua.es.md:7:1",
            "content/services/xa/nunca.es.md:1:1",
        ],
    );
}

#[test]
fn duplicate_url() {
    case(
        "duplicate-url",
        codes::DUPLICATE_URL,
        Severity::Error,
        &["content/doble.es.md:1:1"],
    );
}

#[test]
fn duplicate_id_same_institution_twice() {
    let d = case(
        "duplicate-id",
        codes::DUPLICATE_ID,
        Severity::Error,
        &["content/directory/xa/comision.es.md:3:1"],
    );
    assert!(
        d[0].message
            .contains("content/directory/xa/comision-nacional.es.md"),
        "{}",
        d[0]
    );
}

#[test]
fn duplicate_id_in_the_open_data() {
    let d = case(
        "open-data-id",
        codes::DUPLICATE_ID,
        Severity::Error,
        &["content/services/xa/linea.es.md:2:1"],
    );
    assert!(d[0].message.contains("`xa/linea`"), "{}", d[0]);
}

#[test]
fn duplicate_id_differing_only_in_case_or_accents() {
    // Made here, not in the repository: such files collide on Windows and macOS.
    let site = site(None);
    let dir = site.path().join("content/guide");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("línea.es.md"), "+++\ntitle = \"A\"\n+++\n").unwrap();
    std::fs::write(dir.join("Linea.es.md"), "+++\ntitle = \"B\"\n+++\n").unwrap();
    exactly(
        &check_at(site.path()),
        codes::DUPLICATE_ID,
        Severity::Error,
        &["content/guide/línea.es.md:1:1"],
    );
}

#[test]
fn broken_link() {
    let d = case(
        "broken-link",
        codes::BROKEN_LINK,
        Severity::Error,
        &[
            "content/enlaces.es.md:6:11",
            "content/enlaces.es.md:7:10",
            "content/enlaces.es.md:8:11",
            "content/enlaces.es.md:9:11",
            "content/enlaces.es.md:11:4",
        ],
    );
    assert_eq!(hints(&d)[1], "link to the page's address, /es/about/");
    assert!(hints(&d)[0].contains("/es/enlaces/"), "{}", d[0]);
}

/// Links from the site root are resolved by the one resolver every link goes through:
/// a language's home, dot segments and another language's page exist; an address
/// without a language does not (the link stage's own check once let it pass).
#[test]
fn root_link_without_a_language() {
    let d = case(
        "root-link",
        codes::BROKEN_LINK,
        Severity::Error,
        &["content/raiz.es.md:6:13"],
    );
    assert!(hints(&d)[0].contains("/<lang>/"), "{}", d[0]);
}

#[test]
fn broken_anchor() {
    let d = case(
        "broken-anchor",
        codes::BROKEN_ANCHOR,
        Severity::Error,
        &["content/anclas.es.md:9:6", "content/anclas.es.md:10:21"],
    );
    assert_eq!(hints(&d)[0], "did you mean #marco-legal?");
}

#[test]
fn missing_alt() {
    case(
        "missing-alt",
        codes::MISSING_ALT,
        Severity::Error,
        &["content/imagenes.es.md:6:6", "content/imagenes.es.md:8:1"],
    );
}

#[test]
fn stripped_html() {
    let d = case(
        "stripped-html",
        codes::STRIPPED_HTML,
        Severity::Warning,
        &[
            "content/html.es.md:6:4",
            "content/html.es.md:8:1",
            "content/html.es.md:10:4",
            "content/html.es.md:10:32",
        ],
    );
    assert!(d[0].message.contains("onclick"), "{}", d[0]);
    assert!(d[1].message.contains("<iframe>"), "{}", d[1]);
}

#[test]
fn todo() {
    let d = case(
        "todo",
        codes::TODO,
        Severity::Warning,
        &[
            "content/practices/borrador.es.md:7:11",
            "content/practices/borrador.es.md:8:10",
            "content/practices/borrador.es.md:11:1",
        ],
    );
    assert!(d[1].message.starts_with("`source`"), "{}", d[1]);
}

#[test]
fn missing_translation_is_one_note_per_language() {
    let site = site(None);
    let config = std::fs::read_to_string(site.path().join("config.toml")).unwrap();
    let line_of = |lang: &str| {
        config
            .lines()
            .position(|l| l.trim() == format!("code = \"{lang}\""))
            .unwrap()
            + 1
    };
    let notes: Vec<String> = check_at(site.path())
        .into_iter()
        .filter(|d| d.code == codes::MISSING_TRANSLATION)
        .inspect(|d| assert_eq!(d.severity, Severity::Info))
        .map(|d| format!("{}:{}:{} {}", d.path.display(), d.line, d.col, d.message))
        .collect();
    assert_eq!(
        notes,
        [
            format!(
                "config.toml:{}:1 pt: 2 pages without translation",
                line_of("pt")
            ),
            format!(
                "config.toml:{}:1 fr: 2 pages without translation",
                line_of("fr")
            ),
        ]
    );
}

#[test]
fn i18n() {
    let site = site(None);
    let path = site.path().join("i18n/fr.toml");
    let text: String = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("back_home"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, &text).unwrap();
    let (line, col) = line_col(&text, text.len());
    exactly(
        &check_at(site.path()),
        codes::I18N,
        Severity::Error,
        &[&format!("i18n/fr.toml:{line}:{col}")],
    );
}

#[test]
fn a_section_of_the_navigation_without_its_label() {
    let site = site(None);
    let path = site.path().join("config.toml");
    let config = std::fs::read_to_string(&path).unwrap();
    let nav = "nav = [\"plans\",";
    assert!(config.contains(nav), "config.toml names its navigation");
    std::fs::write(&path, config.replace(nav, "nav = [\"library\", \"plans\",")).unwrap();
    let diagnostics = check_at(site.path());
    let missing: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.code == codes::I18N)
        .map(|d| format!("{} {}", d.path.display(), d.hint.as_deref().unwrap_or("")))
        .collect();
    let hint = "add `nav_library = \"…\"`: `nav` in config.toml links to that section";
    assert_eq!(
        missing,
        ["en", "es", "fr", "pt"].map(|lang| format!("i18n/{lang}.toml {hint}"))
    );
}

#[test]
fn template() {
    let site = site(None);
    std::fs::write(
        site.path().join("themes/default/templates/404.html"),
        "{% extends \"base.html\" %}\n{% block main %}\n{{ t.not_found_title \n{% endblock main %}\n",
    )
    .unwrap();
    exactly(
        &check_at(site.path()),
        codes::TEMPLATE,
        Severity::Error,
        &["themes/default/templates/404.html:4:1"],
    );
}

#[test]
fn io() {
    let site = site(None);
    // The output folder would sit inside a file.
    let output = site.path().join("config.toml/public");
    let d = pipeline::build(&BuildOptions {
        root: site.path().to_path_buf(),
        output: Some(output.clone()),
        build_date: Some(build_date()),
        ..Default::default()
    })
    .unwrap_err();
    let errors: Vec<&Diagnostic> = d.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{}", render(&d));
    assert_eq!(
        (
            errors[0].code,
            &errors[0].path,
            errors[0].line,
            errors[0].col
        ),
        (codes::IO, &output, 1, 1)
    );
    assert!(errors[0].hint.is_some());
}

#[test]
fn check_writes_nothing() {
    let site = site(Some("todo"));
    let before = snapshot(site.path());
    check_at(site.path());
    let status = faro_at(site.path(), &["check"]).status;
    assert_eq!(status.code(), Some(0));
    assert_eq!(
        snapshot(site.path()),
        before,
        "check changed the site folder"
    );
}

#[test]
fn every_code_is_in_the_readme_table_and_every_row_is_a_code() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let table = readme
        .split("## Diagnostic codes")
        .nth(1)
        .expect("README has a Diagnostic codes section");
    let rows: Vec<&str> = table
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .filter_map(|l| l.split('`').nth(1))
        .collect();
    assert_eq!(
        rows,
        codes::ALL,
        "README's table and diagnostic::codes::ALL differ"
    );
}

// The command: formats and exit codes.

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn exit_0_when_clean_even_with_notes_and_deny_warnings() {
    let site = site(None);
    for args in [&["check"][..], &["check", "--deny-warnings"]] {
        let out = faro_at(site.path(), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}\n{}", stdout(&out));
    }
    let out = faro_at(site.path(), &["check"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("0 error(s), 0 warning(s), 3 note(s)"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn warnings_fail_only_when_denied() {
    let site = site(Some("todo"));
    let code = |args: &[&str]| faro_at(site.path(), args).status.code();
    assert_eq!(code(&["check"]), Some(0));
    assert_eq!(code(&["check", "--deny-warnings"]), Some(1));
    assert_eq!(code(&["check", "--deny", "todo"]), Some(1));
    assert_eq!(code(&["check", "--deny", "stale"]), Some(0));
    assert_eq!(code(&["check", "--deny", "no-such-code"]), Some(2));
}

#[test]
fn errors_exit_1_in_every_format() {
    let site = site(Some("broken-anchor"));
    for format in ["human", "github", "json"] {
        let out = faro_at(site.path(), &["check", "--format", format]);
        assert_eq!(out.status.code(), Some(1), "{format}");
    }
}

#[test]
fn github_format_is_one_annotation_per_line_with_notices_last() {
    let site = site(Some("todo"));
    let out = faro_at(site.path(), &["check", "--format", "github"]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "::warning file=content/practices/borrador.es.md,line=7,col=11,title=todo::\
         `summary` is still a placeholder: \"TODO: qué es la práctica\"%0Ahint: write the \
         value the source gives; if it gives none, delete the line when the key is \
         optional. Never invent a value"
    );
    assert!(
        lines[3].starts_with("::notice file=config.toml,line="),
        "{text}"
    );
    assert!(
        lines[3].contains("title=missing-translation::en: 1 page without translation%0Ahint: "),
        "{text}"
    );
    // The fixture's states have no contact point: a note says so, last.
    assert!(
        lines[6].starts_with(
            "::notice file=content/countries/xa.es.md,line=1,col=1,title=no-contact-point::\
             2 of 2 participating states have no contact point in the directory: XA, XB"
        ),
        "{text}"
    );
    assert_eq!(lines.len(), 7, "{text}");

    let site = site_with_error();
    let out = faro_at(site.path(), &["check", "--format", "github"]);
    assert!(
        stdout(&out).starts_with(
            "::error file=content/anclas.es.md,line=9,col=6,title=broken-anchor::link to /es/about/#marco-lega"
        ),
        "{}",
        stdout(&out)
    );
}

fn site_with_error() -> TempDir {
    site(Some("broken-anchor"))
}

#[test]
fn json_format_is_one_array_of_located_diagnostics() {
    let site = site(Some("stale"));
    let out = faro_at(site.path(), &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = json.as_array().unwrap();
    // Two stale warnings (today's date makes both stale), then the notes.
    assert_eq!(items[0]["severity"], "warning");
    assert_eq!(items[0]["code"], "stale");
    assert_eq!(items[0]["path"], "content/directory/xa/antigua.es.md");
    assert_eq!(items[0]["line"], 7);
    assert_eq!(items[0]["col"], 1);
    assert!(items[0]["hint"].as_str().unwrap().contains("last_verified"));
    assert_eq!(items[1]["path"], "content/services/xa/nunca.es.md");
    assert!(items[2..].iter().all(|d| d["severity"] == "info"), "{json}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn github_annotation_properties_are_escaped() {
    let d = Diagnostic::error(codes::TOML, "content/a,b:c.es.md", 2, 3, "50% bad\nreally")
        .with_hint("fix");
    assert_eq!(
        d.to_github(),
        "::error file=content/a%2Cb%3Ac.es.md,line=2,col=3,title=toml::50%25 bad%0Areally%0Ahint: fix"
    );
}
