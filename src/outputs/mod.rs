//! The site's files besides its pages that are functions of the configuration and the
//! model alone: the sitemap and `robots.txt`, Netlify's `_redirects`. Also
//! [`OutputFile`], the one shape every stage hands a built file to `write` in.

use std::path::PathBuf;

pub mod netlify;
pub mod sitemap;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output directory, e.g. `es/about/index.html`.
    pub path: PathBuf,
    /// The file's content.
    pub bytes: Vec<u8>,
}
