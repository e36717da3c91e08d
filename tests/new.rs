//! `faro new`: every kind writes a file at its path that `faro check` accepts as is,
//! with every field present or commented out and nothing invented; it never
//! overwrites, and a request it cannot serve is a diagnostic and exit 1.

mod common;

use common::*;
use faro::diagnostic::{codes, Severity};
use faro::pipeline::{self, BuildOptions};
use faro::scaffold;
use tempfile::TempDir;

/// The rules' base site (countries XA and XB, pages in Spanish and English) with
/// the section pages that say where authorities, services, practices and documents
/// go.
fn site() -> TempDir {
    let site = fixture_site("rules/base");
    for (folder, kind) in [
        ("directorio", "authority"),
        ("services", "service"),
        ("practices", "practice"),
        ("documents", "document"),
    ] {
        let dir = site.path().join("content").join(folder);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("_index.es.md"),
            format!("+++\ntitle = \"{folder}\"\nlists = \"{kind}\"\n+++\n"),
        )
        .unwrap();
    }
    site
}

/// (kind, arguments after `new`, the path written).
const CASES: [(&str, &[&str], &str); 6] = [
    (
        "authority",
        &[
            "authority",
            "--country",
            "XA",
            "--lang",
            "es",
            "--role",
            "contact-point",
            "Comisión Nacional contra la Trata",
        ],
        "content/directorio/xa/comision-nacional-contra-la-trata.es.md",
    ),
    (
        "service",
        &[
            "service",
            "--country",
            "xa",
            "--lang",
            "pt",
            "--types",
            "hotline,psychosocial",
            "Linha de Ajuda \"100\"",
        ],
        "content/services/xa/linha-de-ajuda-100.pt.md",
    ),
    (
        "practice",
        &[
            "practice",
            "--country",
            "XB",
            "--lang",
            "en",
            "--year",
            "2019",
            "--area",
            "assistance",
            "Mobile Assistance Units",
        ],
        "content/practices/mobile-assistance-units.en.md",
    ),
    (
        "country",
        &["country", "--country", "XC", "--iso3", "XCC", "Xcelandia"],
        "content/countries/xc.es.md",
    ),
    (
        "page",
        &["page", "--lang", "fr", "Méthodologie"],
        "content/methodologie.fr.md",
    ),
    (
        "document",
        &[
            "document",
            "--set",
            "type=report",
            "--country",
            "XA",
            "Informe bienal",
        ],
        "content/documents/informe-bienal.es.md",
    ),
];

#[test]
fn every_kind_is_written_where_it_belongs_and_check_accepts_it() {
    for (kind, args, path) in CASES {
        let site = site();
        let mut full = vec!["new"];
        full.extend_from_slice(args);
        let out = faro_at(site.path(), &full);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{kind}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{path}\n"));
        let text = std::fs::read_to_string(site.path().join(path)).unwrap();
        let front = text.split("+++").nth(1).unwrap();
        for field in scaffold::fields_of(kind) {
            assert!(
                front.lines().any(|l| l
                    .trim_start_matches("# ")
                    .strip_prefix(field)
                    .is_some_and(|r| r.starts_with(" ="))),
                "{kind}: `{field}` is neither set nor commented:\n{text}"
            );
        }
        let check = faro_at(site.path(), &["check"]);
        assert_eq!(
            check.status.code(),
            Some(0),
            "{kind}: faro check rejects the new file:\n{}",
            String::from_utf8_lossy(&check.stdout)
        );
        // Placeholders are warnings that a pull request refuses.
        // A country file has no placeholder to fill; every other kind has `source`.
        let denied = faro_at(site.path(), &["check", "--deny", "todo"]);
        let expected = if kind == "country" { 0 } else { 1 };
        assert_eq!(denied.status.code(), Some(expected), "{kind}");
    }
}

#[test]
fn only_the_given_values_are_set() {
    let site = site();
    let (_, args, path) = CASES[0];
    let mut full = vec!["new"];
    full.extend_from_slice(args);
    assert!(faro_at(site.path(), &full).status.success());
    let text = std::fs::read_to_string(site.path().join(path)).unwrap();
    let set: Vec<&str> = text
        .split("+++")
        .nth(1)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    assert_eq!(
        set,
        [
            "kind = \"authority\"",
            "institution = \"Comisión Nacional contra la Trata\"",
            "role = \"contact-point\"",
            "country = \"XA\"",
            "source = \"TODO: a file under sources/ or a URL\"",
        ]
    );
}

/// Uncommenting a line as it stands must never publish a made-up value: it is empty,
/// the default, or `faro check` flags it on that line (an error, or a `todo`).
#[test]
fn no_commented_line_can_pass_for_a_fact() {
    let harmless = [
        "[]",
        "{}",
        "\"member\"",
        "\"official\"",
        "0",
        "\"page.html\"",
    ];
    for (kind, args, path) in CASES {
        let site = site();
        let mut full = vec!["new"];
        full.extend_from_slice(args);
        assert!(faro_at(site.path(), &full).status.success(), "{kind}");
        let file = site.path().join(path);
        let text = std::fs::read_to_string(&file).unwrap();
        let front_end = text[3..].find("+++").unwrap() + 3;
        for (index, line) in text[..front_end].lines().enumerate() {
            let Some(setting) = line.strip_prefix("# ") else {
                continue;
            };
            let Some((key, value)) = setting.split_once(" = ") else {
                continue;
            };
            if !key.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                continue;
            }
            if harmless.contains(&value) {
                continue;
            }
            let edited: String = text
                .lines()
                .enumerate()
                .map(|(i, l)| if i == index { setting } else { l })
                .collect::<Vec<_>>()
                .join("\n");
            std::fs::write(&file, edited + "\n").unwrap();
            let diagnostics = pipeline::check(&BuildOptions {
                root: site.path().to_path_buf(),
                ..Default::default()
            });
            let flagged = diagnostics.iter().any(|d| {
                d.path.ends_with(path)
                    && (d.severity == Severity::Error
                        || (d.code == codes::TODO && d.line == index + 1))
            });
            assert!(
                flagged,
                "{kind}: uncommenting `{setting}` passes unnoticed:\n{}",
                render(&diagnostics)
            );
            std::fs::write(&file, &text).unwrap();
        }
    }
}

#[test]
fn it_never_overwrites() {
    let site = site();
    let (_, args, path) = CASES[2];
    let mut full = vec!["new"];
    full.extend_from_slice(args);
    assert!(faro_at(site.path(), &full).status.success());
    let file = site.path().join(path);
    std::fs::write(&file, "edited").unwrap();
    let out = faro_at(site.path(), &full);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(&format!("error[io]: {path} already exists")),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "edited");
}

#[test]
fn what_it_cannot_serve_is_a_diagnostic_and_exit_1() {
    let site = site();
    let cases: [(&[&str], &str, &str); 12] = [
        (
            &["autority", "--country", "XA", "X"],
            "error[bad-value]",
            "did you mean `authority`?",
        ),
        (
            &["directive", "X"],
            "error[bad-value]",
            "imported from sources/",
        ),
        (
            &[
                "practice",
                "--country",
                "XQ",
                "--year",
                "2019",
                "--area",
                "general",
                "X",
            ],
            "error[bad-value]: unknown country `XQ`",
            "did you mean",
        ),
        (
            &["page", "--lang", "de", "X"],
            "error[file-name]: `de` is not a language",
            "es, en, pt, fr",
        ),
        (
            &["page", "--lang", "esp", "X"],
            "error[file-name]",
            "did you mean `es`?",
        ),
        (
            &["authority", "--country", "XA", "X"],
            "error[missing-key]: an authority needs its role",
            "national-authority",
        ),
        (
            &["service", "--country", "XA", "--types", "hotlin", "X"],
            "error[bad-value]",
            "did you mean `hotline`?",
        ),
        (
            &["country", "--country", "XA", "--iso3", "XAA", "X"],
            "error[duplicate-id]: XA already has a file",
            "name",
        ),
        (
            &["page", "¿?"],
            "error[file-name]: the title gives no file name",
            "--slug",
        ),
        (
            &["document", "Informe"],
            "error[missing-key]: a document needs more than a title",
            "--set key=value",
        ),
        (
            &["document", "--set", "type=reprot", "Informe"],
            "error[bad-value]: a --set value does not fit a document: unknown variant `reprot`",
            "content/README.md",
        ),
        (
            &["document", "--set", "tipe=report", "Informe"],
            "error[unknown-key]: a document has no field `tipe`",
            "did you mean `type`?",
        ),
    ];
    for (args, error, hint) in cases {
        let mut full = vec!["new"];
        full.extend_from_slice(args);
        let out = faro_at(site.path(), &full);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.starts_with(error), "{args:?}: {stderr}");
        assert!(stderr.contains(hint), "{args:?}: {stderr}");
    }
    let written: Vec<_> = walkdir::WalkDir::new(site.path().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .collect();
    // The base site's files and the four section pages: nothing more.
    assert_eq!(written.len(), 10, "a refused request wrote a file");
}

#[test]
fn the_default_language_and_an_explicit_slug() {
    let site = site();
    let out = faro_at(site.path(), &["new", "page", "--slug", "metodo", "Método"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "content/metodo.es.md\n"
    );
}

#[test]
fn entries_go_where_the_listing_page_is_and_nowhere_without_one() {
    let site = site();
    let args = [
        "new",
        "service",
        "--country",
        "XA",
        "--types",
        "hotline",
        "Línea",
    ];
    let out = faro_at(site.path(), &args);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "content/services/xa/linea.es.md\n"
    );
    std::fs::remove_file(site.path().join("content/services/_index.es.md")).unwrap();
    std::fs::remove_file(site.path().join("content/services/xa/linea.es.md")).unwrap();
    let out = faro_at(site.path(), &args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("error[bad-value]: no section page lists `service` entries"),
        "{stderr}"
    );
    assert!(stderr.contains("lists = \"service\""), "{stderr}");
}
