//! A member state's report on a plan's indicators for one reporting period (the II
//! Plan's mandate 11: biennial reports "con base en los informes que presenten los
//! Estados Miembros utilizando la Tabla de Indicadores de referencia"; the III Plan's
//! mandates 9 to 11). One file per state and period,
//! `content/reports/<period>/<iso2>.<lang>.md`; each answer gives an indicator's
//! status on a fixed scale, the measures taken and figures. An indicator a report
//! does not answer is "no information", never a default status. Declared by its struct
//! alone; [`crate::model::reports`] checks what a struct cannot (the indicators and
//! the period exist in the plan) and relates reports to indicators.

use serde::{Deserialize, Serialize};

use crate::model::record::Declared;
use crate::model::values::{CountryCode, Date, IndicatorId, Period, PlanId, Source, Translation};

/// Where an indicator stands, as the state reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// What the indicator measures is in place.
    Achieved,
    /// Work has started and is not finished.
    InProgress,
    /// Nothing has been done yet.
    NotStarted,
    /// The indicator does not apply to the state.
    NotApplicable,
}

impl Status {
    /// Every status, from the most advanced.
    pub const ALL: [Status; 4] = [
        Status::Achieved,
        Status::InProgress,
        Status::NotStarted,
        Status::NotApplicable,
    ];

    /// Its name as written in front matter: `in-progress`.
    pub fn name(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::InProgress => "in-progress",
            Status::NotStarted => "not-started",
            Status::NotApplicable => "not-applicable",
        }
    }
}

/// A figure a state gives for an indicator.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The number.
    pub value: f64,
    /// What it counts: `victims identified`, `officials trained`.
    pub unit: String,
    /// The year it is of.
    pub year: i64,
}

/// A state's answer on one indicator.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The indicator, by its id in the plan: `i12`.
    pub indicator: IndicatorId,
    /// Where it stands.
    pub status: Status,
    /// The measures taken, in the state's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measures: Option<String>,
    /// Figures, with their unit and year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<Figure>,
}

/// Front matter of a report (`content/reports/<period>/<iso2>.<lang>.md`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReportMeta {
    /// The report's title: `Perú: informe 2015-2016`.
    pub title: String,
    /// The reporting state.
    pub country: CountryCode,
    /// The plan whose indicators it answers.
    pub plan: PlanId,
    /// The reporting period, two years of the plan: `2015-2016`.
    pub period: Period,
    /// The day the state submitted it: `faro check` warns (`todo`) while it is not
    /// written, so that a pull request with `--deny todo` cannot publish a report
    /// without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted: Option<Date>,
    /// The state's submission: a document of the library or a web address.
    pub source: Source,
    /// Its answers, one per indicator it answers.
    #[serde(default)]
    pub answers: Vec<Answer>,
    /// Official or unofficial translation (of this page's text: not part of the data).
    #[serde(default, skip_serializing)]
    pub translation: Translation,
}

impl Declared for ReportMeta {
    const KIND: &'static str = "report";

    fn title(&self) -> &str {
        &self.title
    }

    fn country(&self) -> Option<&CountryCode> {
        Some(&self.country)
    }

    fn source(&self) -> Option<&str> {
        Some(self.source.as_str())
    }

    fn translation(&self) -> Translation {
        self.translation
    }
}
