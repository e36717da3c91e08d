//! faro builds the OAS Knowledge Platform on Trafficking in Persons: a multilingual
//! static site compiled from Markdown files with TOML front matter.
//!
//! The pipeline reads top to bottom, one module per stage, each handing a typed value
//! to the next:
//!
//! 1. [`load`]: walk `content/`, read every file as UTF-8 → [`load::SourceFile`]
//! 2. [`parse`]: split and parse front matter → [`parse::Document`]
//! 3. [`link`]: group translations, assign URLs, validate → [`link::Site`]
//! 4. [`render`]: Markdown and templates → [`render::OutputFile`]s
//!    and [`search`]: the tantivy index and the browser's static index
//! 5. [`write`]: write aside, then swap into the output directory
//!
//! [`pipeline`] runs the stages; [`serve`] rebuilds on change. Everything wrong with
//! the input is a [`diagnostic::Diagnostic`].

pub mod alignments;
pub mod catalog;
pub mod config;
pub mod contact;
pub mod countries;
pub mod diagnostic;
pub mod html;
pub mod i18n;
pub mod incremental;
pub mod link;
pub mod lint;
pub mod load;
pub mod markdown;
pub mod meta;
pub mod netlify;
pub mod parse;
pub mod pipeline;
pub mod plans;
pub mod proposals;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod sitemap;
pub mod theme;
pub mod write;
