//! faro builds the OAS Knowledge Platform on Trafficking in Persons: a multilingual
//! static site compiled from Markdown files with TOML front matter.
//!
//! The house has three floors, and imports only go down (`tests/architecture.rs`
//! checks it):
//!
//! - **The model**, [`model`]: what the content *is*. [`model::Document`] (one file:
//!   language, typed front matter [`model::meta::Meta`], body), [`model::Site`] (the
//!   documents grouped by translation into [`model::Entry`]s, with the indexes that
//!   relate them: plans, countries, alignments, the catalog), [`model::Lang`], and
//!   [`model::kinds`], where every kind of content is declared once, with the typed
//!   values of its front matter ([`model::values`]) and their shapes
//!   ([`model::schema`]). It imports nothing but [`diagnostic`], the one type for
//!   everything wrong with input.
//! - **The stages**, in the order they run, each handing a typed value to the next:
//!   1. [`load`]: walk `content/`, read every file as UTF-8 → [`load::SourceFile`]
//!   2. [`parse`]: split and parse front matter → [`model::Document`]
//!   3. [`link`]: [`model::Site::build`] (built once, complete), then check links
//!      with the one resolver of links ([`link::targets`])
//!   4. [`render`]: Markdown and templates → [`outputs::OutputFile`]s, and the
//!      editors' form's configuration, generated from [`model::kinds`]
//!   5. [`search`]: the tantivy index and the browser's static index
//!   6. [`lint`]: what only the rendered pages show (anchors, stripped HTML)
//!   7. [`write`]: write aside, then swap into the output directory
//! - **The outputs and the edges**: [`outputs`] (sitemap, redirects: functions of the
//!   configuration and the model), [`pipeline`] (runs the stages), [`incremental`] and
//!   [`serve`] (rebuild on change), [`scaffold`] (`faro new`), [`edition`] (`faro
//!   edition`).

pub mod config;
pub mod diagnostic;
pub mod edition;
pub mod html;
pub mod i18n;
pub mod incremental;
pub mod link;
pub mod lint;
pub mod load;
pub mod markdown;
pub mod model;
pub mod outputs;
pub mod parse;
pub mod pipeline;
pub mod proposals;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod theme;
pub mod write;
