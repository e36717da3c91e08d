//! Every kind of content, declared once: the name written in front matter, the struct
//! that parses it (and whose serde fields are its keys), whether `faro new` writes
//! it, and the template its pages use. Parsing, "did you mean" hints, `faro new`, the
//! editors' guide's tables (checked by `tests/docs.rs`) and the renderer read this
//! table; a new kind is one row here plus its struct.

use serde::Deserialize;

use super::fields::{from_str, MetaError};
use super::meta::{
    AlignmentMeta, AlignmentRowMeta, AuthorityMeta, ComparisonMeta, CountryMeta, ItemMeta, Meta,
    PageMeta, PlanMeta, PracticeMeta, SectionMeta, ServiceMeta,
};
use super::schema::{fields, schema, Field};

/// One kind of content.
pub struct Kind {
    /// The name written as `kind = "…"` (`page` when none is written).
    pub name: &'static str,
    /// Parses front matter of this kind into its struct.
    parse: fn(&str) -> Result<Meta, MetaError>,
    /// The keys of its front matter, as its struct's serde reads them.
    pub fields: fn() -> &'static [&'static str],
    /// Each key's shape and whether it is required: what the editors' form shows.
    pub schema: fn() -> Vec<Field>,
    /// Where editors' new files of this kind go; `None` for the kinds that are
    /// imported from `sources/` by `scripts/` (plans and their parts, alignments,
    /// comparisons), which neither `faro new` nor the form writes.
    pub home: Option<Home>,
    /// Keys the editors' form does not offer: the technical team's (a page's
    /// `template`, and `lists`, which only a section's `_index` may set).
    pub technical: &'static [&'static str],
    /// The template its pages are rendered with, unless a page sets `template`.
    pub template: &'static str,
}

/// Where new files of a kind go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Home {
    /// In the folder of the section page that lists the kind (`lists = "…"`), as
    /// `<slug>.<lang>.md`, or `<iso2>/<slug>.<lang>.md` when `by_country`.
    Listed {
        /// One folder per country, named by its lowercase ISO code.
        by_country: bool,
    },
    /// Beside the other countries, as `<iso2>.<default language>.md`: one file holds
    /// the country's name in every language.
    Countries,
    /// At the top of `content/`, as `<slug>.<lang>.md`.
    Top,
}

impl Kind {
    /// Whether editors create it (with `faro new` or the form).
    pub fn created_by_editors(&self) -> bool {
        self.home.is_some()
    }

    /// Parses `front`, front matter that declares this kind.
    pub fn parse(&self, front: &str) -> Result<Meta, MetaError> {
        (self.parse)(front)
    }
}

/// Every kind, in the order the editors' guide presents them.
pub const KINDS: &[Kind] = &[
    Kind {
        name: "page",
        parse: |front| Ok(Meta::Page(from_str(front)?)),
        fields: fields::<PageMeta>,
        schema: schema::<PageMeta>,
        home: Some(Home::Top),
        technical: &["template", "lists"],
        template: "page.html",
    },
    Kind {
        name: "country",
        parse: |front| Ok(Meta::Country(from_str(front)?)),
        fields: fields::<CountryMeta>,
        schema: schema::<CountryMeta>,
        home: Some(Home::Countries),
        // A place on the directory's map is layout, the technical team's.
        technical: &["tile"],
        template: "country.html",
    },
    Kind {
        name: "authority",
        parse: |front| Ok(Meta::Authority(from_str(front)?)),
        fields: fields::<AuthorityMeta>,
        schema: schema::<AuthorityMeta>,
        home: Some(Home::Listed { by_country: true }),
        technical: &[],
        template: "authority.html",
    },
    Kind {
        name: "service",
        parse: |front| Ok(Meta::Service(from_str(front)?)),
        fields: fields::<ServiceMeta>,
        schema: schema::<ServiceMeta>,
        home: Some(Home::Listed { by_country: true }),
        technical: &[],
        template: "service.html",
    },
    Kind {
        name: "practice",
        parse: |front| Ok(Meta::Practice(from_str(front)?)),
        fields: fields::<PracticeMeta>,
        schema: schema::<PracticeMeta>,
        home: Some(Home::Listed { by_country: false }),
        technical: &[],
        template: "practice.html",
    },
    Kind {
        name: "plan",
        parse: |front| Ok(Meta::Plan(from_str(front)?)),
        fields: fields::<PlanMeta>,
        schema: schema::<PlanMeta>,
        home: None,
        technical: &[],
        template: "plan.html",
    },
    Kind {
        name: "section",
        parse: |front| Ok(Meta::Section(from_str(front)?)),
        fields: fields::<SectionMeta>,
        schema: schema::<SectionMeta>,
        home: None,
        technical: &[],
        template: "plan-section.html",
    },
    Kind {
        name: "objective",
        parse: |front| Ok(Meta::Item(from_str(front)?)),
        fields: fields::<ItemMeta>,
        schema: schema::<ItemMeta>,
        home: None,
        technical: &[],
        template: "item.html",
    },
    Kind {
        name: "principle",
        parse: |front| Ok(Meta::Item(from_str(front)?)),
        fields: fields::<ItemMeta>,
        schema: schema::<ItemMeta>,
        home: None,
        technical: &[],
        template: "item.html",
    },
    Kind {
        name: "directive",
        parse: |front| Ok(Meta::Item(from_str(front)?)),
        fields: fields::<ItemMeta>,
        schema: schema::<ItemMeta>,
        home: None,
        technical: &[],
        template: "item.html",
    },
    Kind {
        name: "mandate",
        parse: |front| Ok(Meta::Item(from_str(front)?)),
        fields: fields::<ItemMeta>,
        schema: schema::<ItemMeta>,
        home: None,
        technical: &[],
        template: "item.html",
    },
    Kind {
        name: "alignment",
        parse: |front| Ok(Meta::Alignment(from_str(front)?)),
        fields: fields::<AlignmentMeta>,
        schema: schema::<AlignmentMeta>,
        home: None,
        technical: &[],
        template: "alignment.html",
    },
    Kind {
        name: "alignment-row",
        parse: |front| Ok(Meta::AlignmentRow(from_str(front)?)),
        fields: fields::<AlignmentRowMeta>,
        schema: schema::<AlignmentRowMeta>,
        home: None,
        technical: &[],
        template: "alignment-row.html",
    },
    Kind {
        name: "comparison",
        parse: |front| Ok(Meta::Comparison(from_str(front)?)),
        fields: fields::<ComparisonMeta>,
        schema: schema::<ComparisonMeta>,
        home: None,
        technical: &[],
        template: "comparison.html",
    },
];

/// Reads only `kind`, to choose the struct that parses the rest.
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    kind: Option<String>,
}

impl Meta {
    /// Parses TOML front matter into the struct of its `kind`.
    pub fn parse(front: &str) -> Result<Meta, MetaError> {
        let probe: Probe = toml::from_str(front).map_err(MetaError::Toml)?;
        let name = probe.kind.as_deref().unwrap_or("page");
        let kind = kind(name).ok_or_else(|| MetaError::UnknownKind(name.to_string()))?;
        kind.parse(front)
    }
}

/// The kind named `name`, if there is one.
pub fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.name == name)
}

/// The names of every kind, for hints.
pub fn names() -> impl Iterator<Item = &'static str> + Clone {
    KINDS.iter().map(|k| k.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::Shape;

    #[test]
    fn each_row_parses_its_own_kind() {
        // Every file of the shipped content and of the catalog fixture (which has a
        // practice) parses, through its kind's row, into a value of that kind.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seen = std::collections::BTreeSet::new();
        for dir in ["content", "tests/fixtures/catalog/content"] {
            for file in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                // Content files are `<name>.<lang>.md`; the guide (README.md) is not one.
                let name = file.file_name().to_string_lossy();
                if !name.ends_with(".md") || name.matches('.').count() != 2 {
                    continue;
                }
                let text = std::fs::read_to_string(file.path()).unwrap_or_default();
                let Some(front) = text.split("+++\n").nth(1) else {
                    continue;
                };
                let Ok(meta) = Meta::parse(front) else {
                    panic!("{} does not parse", file.path().display());
                };
                let written: toml::Table = toml::from_str(front).unwrap_or_default();
                let name = written
                    .get("kind")
                    .and_then(|k| k.as_str())
                    .unwrap_or("page");
                assert_eq!(meta.kind(), name, "{}", file.path().display());
                seen.insert(name.to_string());
            }
        }
        assert_eq!(seen.len(), KINDS.len(), "kinds not seen: {seen:?}");
    }

    #[test]
    fn names_are_unique() {
        let mut seen: Vec<&str> = names().collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), KINDS.len());
    }

    fn field<'a>(schema: &'a [Field], name: &str) -> &'a Field {
        schema.iter().find(|f| f.name == name).unwrap()
    }

    #[test]
    fn a_kind_s_schema_says_what_each_key_holds_and_which_are_required() {
        let authority = schema::<AuthorityMeta>();
        assert_eq!(authority.len(), fields::<AuthorityMeta>().len());
        let role = field(&authority, "role");
        assert!(role.required);
        assert_eq!(
            role.shape,
            Shape::Choice(
                "Role",
                &["national-authority", "coordinating-body", "contact-point"]
            )
        );
        assert_eq!(
            field(&authority, "country").shape,
            Shape::Value("CountryCode")
        );
        let phones = field(&authority, "phones");
        assert!(!phones.required);
        assert_eq!(phones.shape, Shape::List(Box::new(Shape::Value("Phone"))));
        assert_eq!(
            field(&authority, "last_verified").shape,
            Shape::Value("Date")
        );
        assert!(!field(&authority, "address").required);
        assert_eq!(field(&authority, "address").shape, Shape::Text);
        let practice = schema::<PracticeMeta>();
        assert_eq!(field(&practice, "year").shape, Shape::Integer);
        assert!(field(&practice, "summary").required);
        let country = schema::<CountryMeta>();
        assert_eq!(
            field(&country, "name").shape,
            Shape::Map(Box::new(Shape::Text))
        );
    }
}
