//! The documents library (III Plan, mandates 5, 6, 10, 11, 14 and 15): work plans and
//! their drafts, reports, guidelines, training materials, studies, meeting documents
//! and legislation, each with the plan items it serves and its files. Declared by its
//! struct alone (see [`crate::model::record`]): its page, listing, facets, open data,
//! `faro new` and form follow from the fields below.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::record::Declared;
use crate::model::values::{
    CountryCode, Date, FileRef, ItemRef, LanguageCode, Source, Translation,
};

/// What kind of document it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentType {
    /// An adopted Work Plan.
    WorkPlan,
    /// A negotiation draft.
    Draft,
    /// A report, such as the biennial report on the indicators.
    Report,
    /// A regional guideline (mandates 14 and 15).
    Guideline,
    /// Training or information material (mandates 5 and 6).
    TrainingMaterial,
    /// A study (mandate 1, directive 107).
    Study,
    /// A document of a meeting, by its OAS symbol.
    MeetingDocument,
    /// A law, decree or regulation.
    Legislation,
    /// Anything else.
    Other,
}

/// Front matter of a document (`content/documents/<slug>.<lang>.md`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentMeta {
    /// The title as the document gives it.
    pub title: String,
    /// What kind of document it is.
    #[serde(rename = "type")]
    pub document_type: DocumentType,
    /// The day it is dated, where it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The year it is dated, where it gives no day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i64>,
    /// The languages it exists in.
    #[serde(default)]
    pub languages: Vec<LanguageCode>,
    /// Its OAS document symbol, where it has one: `CP43847S04`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    /// The country it is about, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    /// The plan items (directives, mandates) it serves or answers.
    #[serde(default)]
    pub serves: Vec<ItemRef>,
    /// Its files, by language: a file of the library (`documents/…`, `sources/…`) or a
    /// web address.
    #[serde(default)]
    pub files: BTreeMap<LanguageCode, FileRef>,
    /// One sentence for listings and search results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where what this page says of it comes from.
    pub source: Source,
    /// Official or unofficial translation (of this page's text: not part of the data).
    #[serde(default, skip_serializing)]
    pub translation: Translation,
}

impl Declared for DocumentMeta {
    const KIND: &'static str = "document";

    fn title(&self) -> &str {
        &self.title
    }

    fn country(&self) -> Option<&CountryCode> {
        self.country.as_ref()
    }

    fn source(&self) -> Option<&str> {
        Some(self.source.as_str())
    }

    fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    fn translation(&self) -> Translation {
        self.translation
    }
}
