//! Open data: JSON and CSV exports of the directory, each state's coverage in it,
//! services and practices with stable ids, and a vCard per authority.

use serde_json::{json, Value};

use super::catalog::keys_of_kind;
use super::csv_export::csv_file;
use super::{OutputFile, Renderer};
use crate::model::meta::{AuthorityMeta, CatalogKind, Meta};
use crate::model::url_for;

/// Every export file: `/data/<export>.json` and `.csv` for each listed kind,
/// `/data/coverage.*`, `/data/vcard/*.vcf`.
pub fn exports(r: &Renderer<'_>) -> Vec<OutputFile> {
    let mut files = Vec::new();
    for kind in r.site.kinds.iter() {
        let Some(listing) = kind.listing else {
            continue;
        };
        let records = records(r, CatalogKind(kind.name));
        let fields = kind.export_fields();
        files.push(json_file(
            &format!("data/{}.json", listing.export),
            &records,
        ));
        files.push(csv_file(
            &format!("data/{}.csv", listing.export),
            &records,
            &fields,
        ));
    }
    let coverage = super::coverage::records(r);
    files.push(json_file("data/coverage.json", &coverage));
    let fields = super::coverage::export_fields();
    let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
    files.push(csv_file("data/coverage.csv", &coverage, &fields));
    for entry in keys_of_kind(r, CatalogKind::AUTHORITY) {
        if let Meta::Authority(meta) = &r.site.original(entry).doc.meta {
            let path = format!("data/vcard/{}.vcf", entry.key.id());
            files.push(OutputFile {
                path: path.into(),
                bytes: vcard(
                    meta,
                    &r.config
                        .absolute(&url_for(&entry.key, &r.config.default_language)),
                )
                .into_bytes(),
            });
        }
    }
    files
}

/// One record per entry of `kind`: its front matter as JSON, plus a stable id and the
/// absolute URL of its page in the default language.
fn records(r: &Renderer<'_>, kind: CatalogKind) -> Vec<Value> {
    keys_of_kind(r, kind)
        .into_iter()
        .filter_map(|entry| {
            let page = r.site.original(entry);
            // The front matter as its struct serializes it: the struct decides what
            // is data (see `Kind::export_fields`).
            let mut record = serde_json::Value::Object(page.doc.meta.fields()?);
            let object = record.as_object_mut()?;
            object.insert("id".into(), json!(entry.key.id()));
            object.insert(
                "url".into(),
                json!(r.config.absolute(&url_for(&entry.key, &page.doc.lang))),
            );
            Some(record)
        })
        .collect()
}

fn json_file(path: &str, records: &[Value]) -> OutputFile {
    let text = serde_json::to_string_pretty(records).unwrap_or_else(|_| "[]".into());
    OutputFile {
        path: path.into(),
        bytes: (text + "\n").into_bytes(),
    }
}

/// A vCard 4.0 for an authority.
fn vcard(m: &AuthorityMeta, url: &str) -> String {
    let escape = |s: &str| {
        s.replace('\\', "\\\\")
            .replace(',', "\\,")
            .replace(';', "\\;")
            .replace('\n', "\\n")
    };
    let mut lines = vec![
        "BEGIN:VCARD".to_string(),
        "VERSION:4.0".into(),
        "KIND:org".into(),
    ];
    lines.push(format!("FN:{}", escape(&m.institution)));
    lines.push(format!("ORG:{}", escape(&m.institution)));
    if let Some(address) = &m.address {
        lines.push(format!(
            "ADR;LABEL=\"{}\":;;;;;;{}",
            address.replace('"', "'"),
            m.country
        ));
    }
    for phone in &m.phones {
        lines.push(format!(
            "TEL;VALUE=uri:{}",
            crate::model::contact::tel_uri(phone)
        ));
    }
    for email in &m.emails {
        lines.push(format!("EMAIL:{}", escape(email)));
    }
    if let Some(website) = &m.website {
        lines.push(format!("URL:{website}"));
    }
    lines.push(format!("SOURCE:{url}"));
    lines.push("END:VCARD".into());
    lines.join("\r\n") + "\r\n"
}
