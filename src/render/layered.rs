//! A page's template context as one page's values on top of its language's statics.
//!
//! The statics hold the interface text (hundreds of keys): cloning them for every page
//! was a deep copy of every string, then freeing it, per page (bench/RESULTS.md, the
//! profile at 10,000 pages). Instead each rendering thread clones them once, and a page
//! adds its values on top and takes them off again when it is done.

use serde::Serialize;

/// A page's values laid over a language's statics; dropping it restores the statics
/// as they were, so the next page on this thread starts from them.
pub struct Layered<'c> {
    context: &'c mut tera::Context,
    /// Each key this page set, with the value it hid, if any, to put back.
    set: Vec<(String, Option<serde_json::Value>)>,
}

impl<'c> Layered<'c> {
    /// Starts a page on `statics`, which must hold only the language's statics.
    pub fn new(statics: &'c mut tera::Context) -> Self {
        Layered {
            context: statics,
            set: Vec::new(),
        }
    }

    /// Sets `key` for this page only.
    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        let hidden = self.context.remove(key);
        self.context.insert(key, value);
        self.set.push((key.to_owned(), hidden));
    }

    /// Sets every key of `values` (a struct or map) for this page only.
    pub fn extend(&mut self, values: tera::Context) {
        if let serde_json::Value::Object(map) = values.into_json() {
            for (key, value) in map {
                let hidden = self.context.remove(&key);
                self.context.insert(key.as_str(), &value);
                self.set.push((key, hidden));
            }
        }
    }

    /// The context to render with.
    pub fn get(&self) -> &tera::Context {
        self.context
    }
}

impl Drop for Layered<'_> {
    fn drop(&mut self) {
        // In reverse, so that a key set twice gets back what it hid first.
        for (key, hidden) in self.set.drain(..).rev() {
            self.context.remove(&key);
            if let Some(value) = hidden {
                self.context.insert(key, &value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_leaves_the_statics_as_it_found_them() {
        let mut statics = tera::Context::new();
        statics.insert("lang", "es");
        statics.insert("site_title", "Plataforma");
        let before = statics.clone().into_json();
        {
            let mut page = Layered::new(&mut statics);
            page.insert("page", &serde_json::json!({ "title": "Directiva 1" }));
            page.insert("lang", "en");
            page.insert("lang", "pt");
            let mut common = tera::Context::new();
            common.insert("canonical", "https://example.org/es/");
            page.extend(common);
            assert_eq!(page.get().get("lang"), Some(&serde_json::json!("pt")));
            assert!(page.get().contains_key("page"));
            assert!(page.get().contains_key("canonical"));
        }
        assert_eq!(statics.into_json(), before);
    }
}
