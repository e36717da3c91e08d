//! The open-data CSV files (`/data/directory.csv`, `/data/services.csv`): written by the
//! `csv` crate, which quotes by RFC 4180, with every cell guarded against formula
//! injection for the people who open them in a spreadsheet.

use serde_json::Value;

use super::OutputFile;

/// The first characters that make a spreadsheet read a cell as a formula (OWASP, "CSV
/// Injection"): `=`, `+`, `-`, `@`, and tab and carriage return, which some spreadsheets
/// skip before looking for one.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A CSV file at `path`: a header row of `fields`, then one row per record with those
/// fields in that order. Lists are joined with `; `, a missing value is an empty cell,
/// and every cell passes [`neutralised`]. Rows end with CRLF, as RFC 4180 has them.
pub(super) fn csv_file(path: &str, records: &[Value], fields: &[&str]) -> OutputFile {
    let rows = records
        .iter()
        .map(|record| fields.iter().map(|f| neutralised(cell(&record[*f]))));
    OutputFile {
        path: path.into(),
        // Writing into memory cannot fail, and every row has as many cells as the header;
        // were it to fail all the same, an empty file says so better than a torn one.
        bytes: csv_bytes(fields, rows).unwrap_or_default(),
    }
}

fn csv_bytes<R, C>(header: &[&str], rows: R) -> csv::Result<Vec<u8>>
where
    R: Iterator<Item = C>,
    C: Iterator<Item = String>,
{
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row)?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// A JSON value as the text of one cell: lists joined with `; `, `null` empty.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// `cell` with a `'` in front when it starts like a formula, so that a spreadsheet shows
/// it as text instead of running it (OWASP's advice for CSV injection).
///
/// Phone numbers written as E.164 (`+51 1 234 5678`) start with `+` and get the `'`
/// too. Such a cell could not call a function, but a spreadsheet would still read it as
/// a sum and show an error or a mangled number instead of the phone; with the `'` it
/// shows the number as text. Exempting "harmless-looking" cells would make the guard a
/// parser of formulas, which is what it must not need to be. Programs that read the
/// data want the JSON files, which hold every value unchanged.
pub(super) fn neutralised(cell: String) -> String {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}")
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cells_that_start_like_formulas_are_text() {
        for (cell, expected) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+51 1 234 5678", "'+51 1 234 5678"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("1818", "1818"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(neutralised(cell.to_string()), expected);
        }
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        let records = [
            json!({"a": "x, y", "b": "say \"hi\"", "c": ["p", "q"], "d": null}),
            json!({"a": "line\nbreak", "b": "=1+1", "c": [], "d": 2}),
        ];
        let file = csv_file("t.csv", &records, &["a", "b", "c", "d"]);
        assert_eq!(
            String::from_utf8(file.bytes).unwrap(),
            "a,b,c,d\r\n\"x, y\",\"say \"\"hi\"\"\",p; q,\r\n\"line\nbreak\",'=1+1,,2\r\n"
        );
    }
}
