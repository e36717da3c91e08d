//! Delegations' proposals as attributed marks: a visible code badge and a dashed frame
//! (not colour alone), and words for screen readers ("Propuesta de Canadá: …").

use crate::html::escape;
use crate::i18n::Catalog;
use crate::model::meta::Meta;
use crate::model::Lang;
use crate::model::Site;
use crate::proposals::{find, Mark};

/// HTML for a text run holding proposals or status markers, in the language of the
/// text (`lang`), or `None` when it holds none.
pub fn render(text: &str, site: &Site, catalog: &Catalog, lang: &Lang) -> Option<String> {
    let found = find(text);
    if found.is_empty() {
        return None;
    }
    let word = |key: &str| catalog.get(key).map_or("", String::as_str);
    let mut html = String::with_capacity(text.len() + 200 * found.len());
    let mut at = 0;
    for f in found {
        html.push_str(&escape(&text[at..f.range.start]));
        match f.mark {
            Mark::Proposal { delegations, text } => {
                let names: Vec<String> = delegations
                    .iter()
                    .map(|code| delegation_name(site, code, lang))
                    .collect();
                html.push_str(&format!(
                    "<span class=\"proposal\"><span class=\"visually-hidden\">{} {}: </span><span class=\"proposal-by\" aria-hidden=\"true\">{}</span> {}<span class=\"visually-hidden\"> ({})</span></span>",
                    escape(word("proposal_by")),
                    escape(&names.join(", ")),
                    escape(&delegations.join(", ")),
                    escape(&text),
                    escape(word("proposal_end")),
                ));
            }
            Mark::Status(note) => {
                html.push_str(&format!(
                    "<span class=\"status-mark\">[{}]</span>",
                    escape(&note)
                ));
            }
        }
        at = f.range.end;
    }
    html.push_str(&escape(&text[at..]));
    Some(html)
}

/// A delegation's country name in `lang`, or its code as written when no country has it.
pub fn delegation_name(site: &Site, code: &str, lang: &Lang) -> String {
    // Recorded: a page naming a delegation follows edits of its country's name.
    super::reads::country_by_iso3(site, code)
        .and_then(|key| match &site.original(&site.entries[key]).doc.meta {
            Meta::Country(country) => Some(country.name_in(lang.as_str()).to_string()),
            _ => None,
        })
        .unwrap_or_else(|| code.to_string())
}
