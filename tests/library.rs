//! The documents library's files (issue 17, items 3, 5 and 6): a document's PDF is
//! served from the site itself under a sanitized name, its link says format, size and
//! language, search finds the words of each of its pages and leads to that page, and
//! a file that is missing, misplaced, too large or not what its name says is refused
//! at its line. A scan without text or a corrupt PDF is a warning, never a failure.
//!
//! The PDFs are written by this test with lopdf (the PDF library pdf-extract reads
//! with): each fixture's source is the function that makes it.

mod common;

use std::path::Path;

use common::*;
use faro::diagnostic::{codes, Diagnostic};
use faro::model::Lang;
use faro::search::query::{Request, Searcher};
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};
use tempfile::TempDir;

/// A PDF whose page `n` (from 1) shows `pages[n - 1]` in Helvetica; an empty text
/// makes a page with a filled rectangle and no text, as a scan's page has.
fn pdf(pages: &[&str]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let mut kids: Vec<Object> = Vec::new();
    for text in pages {
        let operations = if text.is_empty() {
            vec![
                Operation::new("re", vec![50.into(), 50.into(), 400.into(), 600.into()]),
                Operation::new("f", vec![]),
            ]
        } else {
            vec![
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 14.into()]),
                Operation::new("Td", vec![72.into(), 720.into()]),
                Operation::new("Tj", vec![Object::string_literal(*text)]),
                Operation::new("ET", vec![]),
            ]
        };
        let content = Content { operations };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
        });
        kids.push(page_id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

fn write(root: &Path, path: &str, bytes: &[u8]) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A document of the catalog fixture holding `files` (the `[files]` table's lines).
fn document(root: &Path, slug: &str, files: &str) {
    let text = format!(
        "+++\nkind = \"document\"\ntitle = \"Informe {slug}\"\ntype = \"report\"\nyear = 2024\nsource = \"sources/fixture.txt\"\n\n[files]\n{files}+++\nUn informe.\n"
    );
    write(
        root,
        &format!("content/documents/{slug}.es.md"),
        text.as_bytes(),
    );
}

const REPORT_PAGES: [&str; 2] = [
    "Introduccion general del informe regional",
    "Albergues especializados para sobrevivientes en zonas rurales",
];

/// The catalog fixture with one document holding a two-page PDF whose name has a
/// space, capitals and brackets.
fn site_with_report() -> TempDir {
    let site = fixture_site("catalog");
    write(
        site.path(),
        "documents/Informe Final (2024).pdf",
        &pdf(&REPORT_PAGES),
    );
    document(
        site.path(),
        "final",
        "es = \"documents/Informe Final (2024).pdf\"\n",
    );
    site
}

fn search(root: &Path, query: &str) -> Vec<String> {
    let searcher = Searcher::open(root, &Lang("es".into())).unwrap();
    searcher
        .search(&Request {
            query,
            limit: 10,
            ..Request::default()
        })
        .unwrap()
        .into_iter()
        .map(|hit| hit.url)
        .collect()
}

#[test]
fn a_pdf_is_served_under_a_plain_name_and_its_link_says_what_it_is() {
    let site = site_with_report();
    build(site.path()).unwrap_or_else(|d| panic!("{}", render(&d)));
    let public = site.path().join("public");
    let served = std::fs::read(public.join("files/documents/informe-final-2024.pdf")).unwrap();
    let committed = std::fs::read(site.path().join("documents/Informe Final (2024).pdf")).unwrap();
    assert_eq!(served, committed, "the PDF is copied as it is");
    let out = Output::read(&public);
    let page = out.page("/es/documents/final/");
    let links = attrs(&page, "ul.downloads a", "href");
    assert_eq!(links, ["/files/documents/informe-final-2024.pdf"]);
    assert_eq!(attrs(&page, "ul.downloads a", "type"), ["application/pdf"]);
    assert_eq!(attrs(&page, "ul.downloads a", "hreflang"), ["es"]);
    let facts = text_of(&page, "ul.downloads .file-facts");
    let kb = served.len().div_ceil(1000);
    assert_eq!(facts, format!("(PDF, {kb} KB, español)"));
}

#[test]
fn search_finds_a_phrase_of_page_two_and_leads_to_that_page() {
    let site = site_with_report();
    build(site.path()).unwrap_or_else(|d| panic!("{}", render(&d)));
    let hits = search(site.path(), "albergues especializados sobrevivientes");
    assert_eq!(
        hits.first().map(String::as_str),
        Some("/files/documents/informe-final-2024.pdf#page=2"),
        "{hits:?}"
    );
    let hits = search(site.path(), "introduccion general");
    assert_eq!(
        hits.first().map(String::as_str),
        Some("/files/documents/informe-final-2024.pdf#page=1"),
        "{hits:?}"
    );
    // The static index the browser reads has the page too, titled by its number.
    let shards = std::fs::read_dir(site.path().join("public/search/es"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap_or_default())
        .collect::<String>();
    assert!(shards.contains("informe-final-2024.pdf#page=2"));
    assert!(shards.contains("Informe final · Página 2"));
}

#[test]
fn extracted_text_is_cached_by_the_files_digest() {
    let site = site_with_report();
    build(site.path()).unwrap_or_else(|d| panic!("{}", render(&d)));
    let cache = site.path().join(".faro/pdf-text");
    let cached: Vec<_> = std::fs::read_dir(&cache).unwrap().flatten().collect();
    assert_eq!(cached.len(), 1, "one PDF, one cached text");
    // A rebuild reads the cache, not the PDF: what the cache says is what search finds.
    std::fs::write(
        cached[0].path(),
        r#"{"Pages":["palabra cebra solo en la cache","otra"]}"#,
    )
    .unwrap();
    build(site.path()).unwrap_or_else(|d| panic!("{}", render(&d)));
    let hits = search(site.path(), "cebra");
    assert_eq!(
        hits.first().map(String::as_str),
        Some("/files/documents/informe-final-2024.pdf#page=1")
    );
}

#[test]
fn a_scan_or_a_corrupt_pdf_is_a_warning_and_the_site_still_builds() {
    let site = site_with_report();
    let root = site.path();
    write(root, "documents/escaneado.pdf", &pdf(&["", ""]));
    write(
        root,
        "documents/roto.pdf",
        b"%PDF-1.5\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
    );
    document(root, "escaneado", "es = \"documents/escaneado.pdf\"\n");
    document(root, "roto", "es = \"documents/roto.pdf\"\n");
    let report = build(root).unwrap_or_else(|d| panic!("{}", render(&d)));
    let no_text: Vec<&Diagnostic> = report
        .warnings
        .iter()
        .filter(|d| d.code == codes::NO_TEXT)
        .collect();
    let paths: Vec<String> = no_text
        .iter()
        .map(|d| d.path.display().to_string())
        .collect();
    assert_eq!(paths, ["documents/escaneado.pdf", "documents/roto.pdf"]);
    assert!(
        no_text[0].message.contains("scanned"),
        "{}",
        no_text[0].message
    );
    assert!(no_text.iter().all(|d| d.hint.is_some()));
    // Both are still published and linked; the report's page 2 is still found.
    let public = root.join("public");
    assert!(public.join("files/documents/escaneado.pdf").is_file());
    assert!(public.join("files/documents/roto.pdf").is_file());
    let hits = search(root, "albergues especializados");
    assert!(hits[0].ends_with("#page=2"), "{hits:?}");
}

#[test]
fn a_file_missing_outside_too_large_or_mistyped_is_refused_at_its_line() {
    let site = fixture_site("catalog");
    let root = site.path();
    let config = std::fs::read_to_string(root.join("config.toml")).unwrap();
    std::fs::write(
        root.join("config.toml"),
        format!("{config}\n[documents]\nfolders = [\"documents\"]\nmax_file_mb = 1\n"),
    )
    .unwrap();
    write(root, "documents/texto.pdf", b"plain words, not a PDF");
    write(
        root,
        "documents/grande.pdf",
        &[b"%PDF-1.5\n" as &[u8], &[b' '; 1_200_000]].concat(),
    );
    write(root, "documents/programa.exe", b"MZ");
    document(
        root,
        "malos",
        "es = \"documents/no-existe.pdf\"\nen = \"config.toml\"\npt = \"documents/../config.toml\"\nfr = \"documents/texto.pdf\"\nqu = \"documents/grande.pdf\"\nay = \"documents/programa.exe\"\n",
    );
    let Err(errors) = build(root) else {
        panic!("bad files must fail the build");
    };
    let bad: Vec<(usize, &str)> = errors
        .iter()
        .filter(|d| d.code == codes::BAD_FILE)
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    let path = Path::new("content/documents/malos.es.md");
    assert!(errors
        .iter()
        .filter(|d| d.code == codes::BAD_FILE)
        .all(|d| d.path == path && d.hint.is_some()));
    // The [files] table is lines 9 to 14, in the order written (ay, en, es … sort by line).
    let expect = [
        (9, "`documents/no-existe.pdf` does not exist"),
        (10, "`config.toml` is outside the documents library"),
        (
            11,
            "`documents/../config.toml` is outside the documents library",
        ),
        (
            12,
            "`documents/texto.pdf` is named as PDF but its content is plain text",
        ),
        (
            13,
            "`documents/grande.pdf` is 1.2 MB, more than the 1.0 MB a document's file may be",
        ),
        (
            14,
            "`documents/programa.exe` is not a file the library takes",
        ),
    ];
    assert_eq!(bad, expect, "{}", render(&errors));
    // The last good output is untouched: no site was written.
    assert!(!root.join("public").exists());
}
