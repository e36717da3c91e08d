//! Front matter, one typed struct per kind of content. Unknown keys are errors, so
//! that a misspelt key never silently drops data.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::record::Record;
use super::schema::variants;
pub use super::values::Translation;
use super::values::{
    CountryCode, Date, Email, IsoAlpha2, IsoAlpha3, ItemRef, LanguageCode, Phone, PlanId, Source,
    WebAddress,
};

/// Front matter of an ordinary page (`kind = "page"` or no kind).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    #[serde(default, rename = "kind")]
    _kind: Option<String>,
    /// The page's title, in the file's language.
    pub title: String,
    /// One sentence for listings and `<meta name="description">`.
    #[serde(default)]
    pub description: Option<String>,
    /// Position among its siblings; lower comes first.
    #[serde(default)]
    pub weight: i64,
    /// A template other than the kind's default, e.g. `search.html`.
    #[serde(default)]
    pub template: Option<String>,
    /// Official or unofficial translation.
    #[serde(default)]
    pub translation: Translation,
    /// The kind of entries this section lists (`"service"` on `services/_index`): the
    /// directory, the services and the practices are found by it, not by their folders.
    /// It names a kind declared with a listing ([`super::kinds::Listing`]).
    #[serde(default)]
    pub lists: Option<String>,
    /// The plan items (mandates) this page or section answers, read from the
    /// original: `serves = ["2021-2026/m8"]` on the directory's page. Each mandate's
    /// page shows what serves it, with what the section holds.
    #[serde(default)]
    pub serves: Vec<ItemRef>,
}

/// A kind whose entries a section page lists (`lists = "service"`): authorities,
/// services, practices, and every kind declared with a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct CatalogKind(pub &'static str);

impl CatalogKind {
    /// National authorities: the directory, grouped by country.
    pub const AUTHORITY: CatalogKind = CatalogKind("authority");
    /// Services for victims and survivors: a listing with facets.
    pub const SERVICE: CatalogKind = CatalogKind("service");
    /// Good practices: a listing with facets and a feed.
    pub const PRACTICE: CatalogKind = CatalogKind("practice");

    /// The name written in front matter: `authority`, `service`, `practice` …
    pub fn name(self) -> &'static str {
        self.0
    }

    /// Whether its listing is narrowed by facets on pages of their own; the
    /// directory instead shows every authority grouped by country.
    pub fn faceted(self) -> bool {
        self != CatalogKind::AUTHORITY
    }
}

/// Whether a plan is adopted or still a negotiation draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlanStatus {
    /// Text under negotiation; carries delegations' proposals.
    Draft,
    /// Adopted text.
    Adopted,
}

/// Front matter of a Work Plan (`content/plans/<id>/_index.<lang>.md`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanMeta {
    #[serde(rename = "kind")]
    _kind: String,
    /// Full title as in the document.
    pub title: String,
    /// Short title for listings, e.g. "III Plan de Trabajo (2021-2026)".
    pub short_title: String,
    /// First and last year of the plan as adopted.
    pub period: [i32; 2],
    /// The last year of validity after an extension.
    #[serde(default)]
    pub extended_to: Option<i32>,
    /// The source document under `sources/`.
    pub source: String,
    /// Draft or adopted.
    pub status: PlanStatus,
    /// Official or unofficial translation.
    #[serde(default)]
    pub translation: Translation,
}

/// Front matter of a plan section (`sections/<key>.<lang>.md`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    #[serde(rename = "kind")]
    _kind: String,
    /// Stable key items refer to: `prevention`, `mandates` …
    pub key: String,
    /// The document's roman numeral, empty where it has none.
    pub numeral: String,
    /// The heading as in the document.
    pub title: String,
    /// Position in the plan.
    pub order: i64,
    /// Official or unofficial translation.
    #[serde(default)]
    pub translation: Translation,
}

/// The numbered kinds of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// An objective (i, ii …).
    Objective,
    /// A principle (i, ii …).
    Principle,
    /// A directive to the Member States (1, 2 … 21bis).
    Directive,
    /// A mandate to the General Secretariat (1 … 4ALT).
    Mandate,
}

impl ItemKind {
    /// The folder under the plan that holds items of this kind.
    pub fn folder(self) -> &'static str {
        match self {
            ItemKind::Objective => "objectives",
            ItemKind::Principle => "principles",
            ItemKind::Directive => "directives",
            ItemKind::Mandate => "mandates",
        }
    }

    /// The singular name used in interface keys and ids, e.g. `directive`.
    pub fn name(self) -> &'static str {
        match self {
            ItemKind::Objective => "objective",
            ItemKind::Principle => "principle",
            ItemKind::Directive => "directive",
            ItemKind::Mandate => "mandate",
        }
    }
}

/// A result indicator measuring a directive.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Row number in the plan's indicator table.
    pub row: u32,
    /// The indicator's text.
    pub text: String,
}

/// How an item relates to the previous plan: curated by reviewers, not computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lineage {
    /// The same text as the item it continues.
    Same,
    /// A revised wording of the item it continues.
    Revised,
    /// Continues no item of the previous plan.
    New,
}

/// Front matter of an objective, principle, directive or mandate.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemMeta {
    /// Which kind of item.
    pub kind: ItemKind,
    /// The plan id, e.g. `2021-2026`.
    pub plan: PlanId,
    /// The document's own number: `99`, `21bis`, `iv`, `4ALT`.
    pub number: String,
    /// Key of the section it sits in.
    pub section: String,
    /// Position among items of its kind in the plan.
    pub order: i64,
    /// The source document under `sources/`.
    pub source: String,
    /// Line in the source where the item starts.
    pub source_line: u32,
    /// Result indicators (II Plan annex).
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// An earlier wording of the indicators.
    #[serde(default)]
    pub earlier_indicators: Vec<Indicator>,
    /// How this item relates to the previous plan's items it continues.
    #[serde(default)]
    pub lineage: Option<Lineage>,
    /// The previous plan's items this one continues, as `<plan>/<number>`.
    #[serde(default)]
    pub continues: Vec<ItemRef>,
    /// Official or unofficial translation.
    #[serde(default)]
    pub translation: Translation,
}

/// Whether a state takes part in the OAS.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CountryStatus {
    /// A member state taking part.
    #[default]
    Member,
    /// A state whose withdrawal from the OAS has taken effect.
    Withdrawn,
    /// A member state that does not take part.
    NotParticipating,
}

impl CountryStatus {
    /// Whether the state takes part: only such states are counted when the directory
    /// says how many have designated a contact point.
    pub fn participates(self) -> bool {
        self == CountryStatus::Member
    }
}

/// Front matter of a country (`content/countries/<iso2>.<lang>.md`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryMeta {
    #[serde(rename = "kind")]
    _kind: String,
    /// ISO 3166-1 alpha-2 code, e.g. `PE`.
    pub iso2: IsoAlpha2,
    /// ISO 3166-1 alpha-3 code, e.g. `PER`; delegations are named by it in the drafts.
    pub iso3: IsoAlpha3,
    /// The country's name by language code.
    pub name: BTreeMap<String, String>,
    /// Member, withdrawn or not participating.
    #[serde(default)]
    pub status: CountryStatus,
    /// What the status means, by language code.
    #[serde(default)]
    pub status_note: BTreeMap<String, String>,
    /// Where the state sits on the directory's tile map, `[column, row]` from the top
    /// left: layout, not a fact about the state. A state without one is placed in a
    /// row below the map.
    #[serde(default)]
    pub tile: Option<[u8; 2]>,
}

impl CountryMeta {
    /// The name in `lang`, else in any language (the first by code).
    pub fn name_in(&self, lang: &str) -> &str {
        self.name
            .get(lang)
            .or_else(|| self.name.values().next())
            .map_or(self.iso2.as_str(), String::as_str)
    }
}

/// Front matter of a national-plan alignment (`content/alignments/<id>/_index.<lang>.md`):
/// how a country's national plan covers the directives of a Work Plan.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlignmentMeta {
    #[serde(rename = "kind")]
    _kind: String,
    /// Title of the study.
    pub title: String,
    /// ISO 3166-1 alpha-2 code of the country whose plan is aligned.
    pub country: CountryCode,
    /// The Work Plan aligned against, e.g. `2015-2018`.
    pub plan: PlanId,
    /// The national plan's name.
    pub national_plan: String,
    /// The source document under `sources/`.
    pub source: String,
    /// Official or unofficial translation.
    #[serde(default)]
    pub translation: Translation,
}

/// How far a national plan covers a directive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Coverage {
    /// The national plan covers the directive.
    Covered,
    /// It covers part of it.
    Partial,
    /// It does not cover it.
    None,
}

impl Coverage {
    /// All values, in display order.
    pub const ALL: [Coverage; 3] = [Coverage::Covered, Coverage::Partial, Coverage::None];

    /// The value as written in front matter and used in interface keys.
    pub fn name(self) -> &'static str {
        match self {
            Coverage::Covered => "covered",
            Coverage::Partial => "partial",
            Coverage::None => "none",
        }
    }
}

/// A national-plan element matched to a directive.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AlignmentMatch {
    /// The topic of the directive looked for.
    pub topic: String,
    /// The national plan's category or objective that covers it; empty when none does.
    pub pnat: String,
}

/// Front matter of one directive's row in an alignment.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlignmentRowMeta {
    #[serde(rename = "kind")]
    _kind: String,
    /// The directive, as `<plan>/<number>`.
    pub directive: ItemRef,
    /// Covered, partial or none.
    pub status: Coverage,
    /// Line in the source where the row starts.
    #[serde(default)]
    pub source_line: Option<u32>,
    /// What the national plan has for the directive's topics.
    #[serde(default)]
    pub matches: Vec<AlignmentMatch>,
    /// Official or unofficial translation.
    #[serde(default)]
    pub translation: Translation,
}

/// Front matter of a page comparing two plans by lineage.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComparisonMeta {
    #[serde(rename = "kind")]
    _kind: String,
    /// The page's title.
    pub title: String,
    /// One sentence for listings.
    #[serde(default)]
    pub description: Option<String>,
    /// The earlier plan's id.
    pub from: PlanId,
    /// The later plan's id.
    pub to: PlanId,
    /// Position among its siblings.
    #[serde(default)]
    pub weight: i64,
    /// Official or unofficial translation.
    #[serde(default)]
    pub translation: Translation,
}

/// What an authority is in its country's response to trafficking in persons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
// Named `Role` to serde: its values' labels are the interface keys `role_*`.
#[serde(rename = "Role", rename_all = "kebab-case")]
pub enum AuthorityRole {
    /// The national authority on trafficking in persons.
    NationalAuthority,
    /// A body that coordinates the national response (commission, council …).
    CoordinatingBody,
    /// The national contact point the III Plan's mandate 7 asks for.
    ContactPoint,
}

impl AuthorityRole {
    /// Every role, in the order the directory's coverage shows them.
    pub const ALL: [AuthorityRole; 3] = [
        AuthorityRole::NationalAuthority,
        AuthorityRole::CoordinatingBody,
        AuthorityRole::ContactPoint,
    ];

    /// The role as written in front matter: `contact-point`.
    pub fn name(self) -> &'static str {
        match self {
            AuthorityRole::NationalAuthority => "national-authority",
            AuthorityRole::CoordinatingBody => "coordinating-body",
            AuthorityRole::ContactPoint => "contact-point",
        }
    }
}

/// Front matter of a national authority (`content/directory/<iso2>/<slug>.<lang>.md`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorityMeta {
    #[serde(rename = "kind", skip_serializing)]
    _kind: String,
    /// The institution's name, as it writes it.
    pub institution: String,
    /// National authority, coordinating body or contact point.
    pub role: AuthorityRole,
    /// ISO 3166-1 alpha-2 code.
    pub country: CountryCode,
    /// The law or decree that creates or mandates it.
    #[serde(default)]
    pub legal_basis: Option<String>,
    /// Postal address.
    #[serde(default)]
    pub address: Option<String>,
    /// Phone numbers, E.164 (`+51 1 123 4567`) or a national short number (`1818`).
    #[serde(default)]
    pub phones: Vec<Phone>,
    /// E-mail addresses.
    #[serde(default)]
    pub emails: Vec<Email>,
    /// Official website.
    #[serde(default)]
    pub website: Option<WebAddress>,
    /// Languages it works in (BCP 47 codes: `es`, `qu` …).
    #[serde(default)]
    pub languages: Vec<LanguageCode>,
    /// Where the facts come from: a file under `sources/` or a URL.
    pub source: Source,
    /// When someone last checked the entry against its source; none if nobody has.
    #[serde(default)]
    pub last_verified: Option<Date>,
}

/// What a service offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceType {
    /// A telephone line for help or reports.
    Hotline,
    /// Shelter or safe housing.
    Shelter,
    /// Legal advice or representation.
    LegalAid,
    /// Health care.
    Health,
    /// Psychological and social support.
    Psychosocial,
    /// Consular assistance abroad.
    Consular,
    /// Return to work and education.
    Reintegration,
    /// Identity documents.
    IdentityDocuments,
    /// Return to the country of origin.
    Repatriation,
    /// Anything else; say what in the text.
    Other,
}

/// Who a service or practice is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Population {
    /// Everyone.
    All,
    /// Children and adolescents.
    Children,
    /// Women.
    Women,
    /// Men.
    Men,
    /// LGBTQI+ people.
    Lgbtqi,
    /// Migrants and refugees.
    Migrants,
    /// Indigenous peoples.
    Indigenous,
    /// People with disabilities.
    Disabilities,
}

/// What a service costs the person who uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cost {
    /// Free of charge.
    Free,
    /// Paid.
    Paid,
}

/// Front matter of a service for victims and survivors (`content/services/<iso2>/<slug>.<lang>.md`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceMeta {
    #[serde(rename = "kind", skip_serializing)]
    _kind: String,
    /// The service's name.
    pub name: String,
    /// What it offers.
    pub types: Vec<ServiceType>,
    /// ISO 3166-1 alpha-2 code.
    pub country: CountryCode,
    /// Where it is offered: empty for the whole country, else regions or cities.
    #[serde(default)]
    pub coverage: Vec<String>,
    /// Who it serves.
    #[serde(default)]
    pub populations: Vec<Population>,
    /// Languages it is offered in, indigenous ones included (BCP 47 codes).
    #[serde(default)]
    pub languages: Vec<LanguageCode>,
    /// The institution that runs it.
    #[serde(default)]
    pub provider: Option<String>,
    /// Free or paid.
    #[serde(default)]
    pub cost: Option<Cost>,
    /// Opening hours as the source states them.
    #[serde(default)]
    pub hours: Option<String>,
    /// Postal address.
    #[serde(default)]
    pub address: Option<String>,
    /// Phone numbers, E.164 or a national short number.
    #[serde(default)]
    pub phones: Vec<Phone>,
    /// E-mail addresses.
    #[serde(default)]
    pub emails: Vec<Email>,
    /// Website.
    #[serde(default)]
    pub website: Option<WebAddress>,
    /// Where the facts come from: a file under `sources/` or a URL.
    pub source: Source,
    /// When someone last checked the entry; none if nobody has.
    #[serde(default)]
    pub last_verified: Option<Date>,
}

/// The areas of the plans' directives, which a practice belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Area {
    /// General measures.
    General,
    /// Prevention.
    Prevention,
    /// Combating the crime: investigation and prosecution.
    Combat,
    /// Assistance and protection of victims and survivors.
    Assistance,
    /// Information: data, research, reporting.
    Information,
    /// Cooperation among states and institutions.
    Cooperation,
}

impl Area {
    /// The value as written in front matter and used in interface keys (`area_combat`).
    pub fn name(self) -> &'static str {
        variants::<Area>()[self as usize]
    }
}

/// Front matter of a good practice (`content/practices/<slug>.<lang>.md`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PracticeMeta {
    #[serde(rename = "kind", skip_serializing)]
    _kind: String,
    /// The practice's name.
    pub title: String,
    /// ISO 3166-1 alpha-2 code.
    pub country: CountryCode,
    /// The year it started.
    pub year: i32,
    /// The plan area it belongs to.
    pub area: Area,
    /// The directives it implements, as `<plan>/<number>`.
    #[serde(default)]
    pub implements: Vec<ItemRef>,
    /// Who it is for.
    #[serde(default)]
    pub target_groups: Vec<Population>,
    /// Languages it works in.
    #[serde(default)]
    pub languages: Vec<LanguageCode>,
    /// What it is, in one or two sentences.
    pub summary: String,
    /// What it achieved, as the source reports it.
    #[serde(default)]
    pub results: Option<String>,
    /// Where the facts come from: a file under `sources/` or a URL.
    pub source: Source,
    /// Official or unofficial translation (of the page's text: not part of the data).
    #[serde(default, skip_serializing)]
    pub translation: Translation,
}

/// The front matter of any content file.
#[derive(Debug, Clone)]
pub enum Meta {
    /// An ordinary page.
    Page(PageMeta),
    /// A Work Plan.
    Plan(PlanMeta),
    /// A section of a plan.
    Section(SectionMeta),
    /// An objective, principle, directive or mandate.
    Item(ItemMeta),
    /// A country.
    Country(CountryMeta),
    /// A national-plan alignment.
    Alignment(AlignmentMeta),
    /// One directive's row of an alignment.
    AlignmentRow(AlignmentRowMeta),
    /// Two plans side by side.
    Comparison(ComparisonMeta),
    /// A national authority.
    Authority(AuthorityMeta),
    /// A service for victims and survivors.
    Service(ServiceMeta),
    /// A good practice.
    Practice(PracticeMeta),
    /// An entry of a kind declared by its struct alone (see [`super::record`]).
    Record(Record),
}

impl Meta {
    /// The kind as written in front matter (`page` where none is written).
    pub fn kind(&self) -> &'static str {
        match self {
            Meta::Page(_) => "page",
            Meta::Plan(_) => "plan",
            Meta::Section(_) => "section",
            Meta::Item(m) => m.kind.name(),
            Meta::Country(_) => "country",
            Meta::Alignment(_) => "alignment",
            Meta::AlignmentRow(_) => "alignment-row",
            Meta::Comparison(_) => "comparison",
            Meta::Authority(_) => "authority",
            Meta::Service(_) => "service",
            Meta::Practice(_) => "practice",
            Meta::Record(m) => m.kind,
        }
    }

    /// The keys besides `kind` that say which thing an entry is, with their values:
    /// every translation of an entry must agree on them with its original.
    pub fn identity(&self) -> Vec<(&'static str, &str)> {
        match self {
            Meta::Item(m) => vec![("plan", m.plan.as_str()), ("number", m.number.as_str())],
            Meta::Section(m) => vec![("key", m.key.as_str())],
            Meta::Country(m) => vec![("iso2", m.iso2.as_str())],
            Meta::Alignment(m) => vec![("country", m.country.as_str()), ("plan", m.plan.as_str())],
            Meta::AlignmentRow(m) => vec![("directive", m.directive.as_str())],
            Meta::Comparison(m) => vec![("from", m.from.as_str()), ("to", m.to.as_str())],
            Meta::Authority(m) => vec![("country", m.country.as_str())],
            Meta::Service(m) => vec![("country", m.country.as_str())],
            Meta::Practice(m) => vec![("country", m.country.as_str())],
            Meta::Record(m) => m.country.iter().map(|c| ("country", c.as_str())).collect(),
            Meta::Page(_) | Meta::Plan(_) => Vec::new(),
        }
    }

    /// The title written in the file; items have none (their title is their number).
    pub fn title(&self) -> Option<&str> {
        match self {
            Meta::Page(m) => Some(&m.title),
            Meta::Plan(m) => Some(&m.title),
            Meta::Section(m) => Some(&m.title),
            Meta::Alignment(m) => Some(&m.title),
            Meta::Comparison(m) => Some(&m.title),
            Meta::Authority(m) => Some(&m.institution),
            Meta::Service(m) => Some(&m.name),
            Meta::Practice(m) => Some(&m.title),
            Meta::Record(m) => Some(&m.title),
            Meta::Item(_) | Meta::Country(_) | Meta::AlignmentRow(_) => None,
        }
    }

    /// Where the facts come from (a file under `sources/` or a web address), for the
    /// kinds that must say.
    pub fn source(&self) -> Option<&str> {
        match self {
            Meta::Plan(m) => Some(&m.source),
            Meta::Item(m) => Some(&m.source),
            Meta::Alignment(m) => Some(&m.source),
            Meta::Authority(m) => Some(&m.source),
            Meta::Service(m) => Some(&m.source),
            Meta::Practice(m) => Some(&m.source),
            Meta::Record(m) => m.source.as_deref(),
            Meta::Page(_) | Meta::Section(_) | Meta::Comparison(_) | Meta::Country(_) => None,
            Meta::AlignmentRow(_) => None,
        }
    }

    /// A short title for listings and breadcrumbs, where the kind has one.
    pub fn short_title(&self) -> Option<&str> {
        match self {
            Meta::Plan(m) => Some(&m.short_title),
            _ => self.title(),
        }
    }

    /// The one-sentence description, where the kind has one.
    pub fn description(&self) -> Option<&str> {
        match self {
            Meta::Page(m) => m.description.as_deref(),
            Meta::Comparison(m) => m.description.as_deref(),
            Meta::Practice(m) => Some(&m.summary),
            Meta::Record(m) => m.description.as_deref(),
            _ => None,
        }
    }

    /// Position among siblings.
    pub fn weight(&self) -> i64 {
        match self {
            Meta::Page(m) => m.weight,
            Meta::Section(m) => m.order,
            Meta::Item(m) => m.order,
            Meta::Plan(m) => -i64::from(m.period[0]),
            Meta::Comparison(m) => m.weight,
            Meta::Country(_)
            | Meta::Alignment(_)
            | Meta::AlignmentRow(_)
            | Meta::Authority(_)
            | Meta::Service(_)
            | Meta::Practice(_)
            | Meta::Record(_) => 0,
        }
    }

    /// The day someone last checked the entry with its institution, for the kinds
    /// whose contacts go out of date.
    pub fn last_verified(&self) -> Option<&Date> {
        match self {
            Meta::Authority(m) => m.last_verified.as_ref(),
            Meta::Service(m) => m.last_verified.as_ref(),
            _ => None,
        }
    }

    /// A template set in the file, overriding the kind's.
    pub fn template(&self) -> Option<&str> {
        match self {
            Meta::Page(m) => m.template.as_deref(),
            _ => None,
        }
    }

    /// Official or unofficial translation.
    pub fn translation(&self) -> Translation {
        match self {
            Meta::Page(m) => m.translation,
            Meta::Plan(m) => m.translation,
            Meta::Section(m) => m.translation,
            Meta::Item(m) => m.translation,
            Meta::Alignment(m) => m.translation,
            Meta::AlignmentRow(m) => m.translation,
            Meta::Comparison(m) => m.translation,
            Meta::Practice(m) => m.translation,
            Meta::Record(m) => m.translation,
            Meta::Authority(_) | Meta::Service(_) => Translation::Official,
            Meta::Country(_) => Translation::Official,
        }
    }
}

impl Meta {
    /// The front matter of a listed entry as its struct serializes it: what its card,
    /// its listing's facets, its open data and its editions read, whatever its kind;
    /// `None` for a kind that is not listed.
    pub fn fields(&self) -> Option<Map<String, Value>> {
        let value = match self {
            Meta::Authority(m) => serde_json::to_value(m).ok()?,
            Meta::Service(m) => serde_json::to_value(m).ok()?,
            Meta::Practice(m) => serde_json::to_value(m).ok()?,
            Meta::Record(m) => return Some(m.fields.clone()),
            _ => return None,
        };
        match value {
            Value::Object(fields) => Some(fields),
            _ => None,
        }
    }
}
