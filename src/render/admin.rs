//! The editors' form at `/admin/`: Decap CMS, configured from the kinds' declarations.
//!
//! Nothing here lists a field, an enum value or a folder: the collections are the kinds
//! editors create ([`kinds::Kind::home`]), their fields are the keys of the kinds'
//! front matter structs as serde reads them ([`schema::schema`]), a field's widget
//! follows from its shape (a choice is a select, a `CountryCode` a relation to the
//! countries, a `Phone` a text checked by the same expression as `faro check`), and
//! the labels and hints are interface texts (`form_<field>`, `form_<field>_hint`), so
//! that they translate with the site. One configuration per language of the site
//! (`config.<lang>.yml`, the form's own language) and `config.yml`, the default one.
//!
//! The configuration is JSON, which is YAML too: no YAML writer is needed.

use serde_json::{json, Map, Value};

use super::labels::{field_word, snake_case, word};
use super::{OutputFile, Renderer};
use crate::html::escape;
use crate::load::CONTENT_DIR;
use crate::model::kinds::{Home, Kind};
use crate::model::meta::{CatalogKind, ItemKind, Meta};
use crate::model::schema::{Field, Shape};
use crate::model::values::shape_of;
use crate::model::Lang;

/// Every file of `/admin/`: the page, one configuration per language, the scripts.
pub fn admin(r: &Renderer<'_>) -> Vec<OutputFile> {
    let mut files = vec![index(r)];
    for lang in &r.site.langs {
        let text = serde_json::to_string_pretty(&config(r, lang)).unwrap_or_default() + "\n";
        if *lang == r.config.default_language {
            files.push(OutputFile {
                path: "admin/config.yml".into(),
                bytes: text.clone().into_bytes(),
            });
        }
        files.push(OutputFile {
            path: format!("admin/config.{lang}.yml").into(),
            bytes: text.into_bytes(),
        });
    }
    files.extend(r.theme.admin.files.iter().cloned());
    files
}

/// `/admin/index.html`: the scripts, and what the form's script needs to know.
fn index(r: &Renderer<'_>) -> OutputFile {
    let lang = &r.config.default_language;
    let languages: Vec<&str> = r.site.langs.iter().map(Lang::as_str).collect();
    let stylesheet = r.theme.assets.get("style.css").map_or("", String::as_str);
    let scripts: String = r
        .theme
        .admin
        .scripts
        .iter()
        .map(|script| {
            let kind = if script.module {
                " type=\"module\""
            } else {
                " defer"
            };
            format!("<script{kind} src=\"{}\"></script>\n", escape(&script.src))
        })
        .collect();
    // Without the bundle (no `npm ci` for the theme's admin folder) the page says how
    // to install it instead of showing an empty screen.
    let missing = if r.theme.admin.cms_version.is_none() {
        format!(
            "<main><h1>{}</h1><p>{}</p><pre>npm ci --prefix {}/admin</pre></main>\n",
            escape(word(r, lang, "form_page_title")),
            escape(word(r, lang, "form_not_installed")),
            escape(&r.theme.dir.to_string_lossy()),
        )
    } else {
        String::new()
    };
    let html = format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex, nofollow\">\n<title>{title}</title>\n\
         {scripts}</head>\n<body data-languages=\"{languages}\" data-default-language=\"{lang}\" \
         data-stylesheet=\"{stylesheet}\">\n{missing}</body>\n</html>\n",
        title = escape(word(r, lang, "form_page_title")),
        languages = escape(&languages.join(" ")),
        stylesheet = escape(stylesheet),
    );
    OutputFile {
        path: "admin/index.html".into(),
        bytes: html.into_bytes(),
    }
}

/// The form's configuration with labels in `lang`.
fn config(r: &Renderer<'_>, lang: &Lang) -> Value {
    let editors = &r.config.editors;
    let branch = editors.branch.clone().unwrap_or_else(|| "main".into());
    let backend = match &editors.repo {
        Some(repo) => json!({ "name": "github", "repo": repo, "branch": branch }),
        None => json!({ "name": "git-gateway", "branch": branch }),
    };
    let collections: Vec<Value> = r
        .site
        .kinds
        .iter()
        .filter_map(|kind| collection(r, kind, lang))
        .collect();
    json!({
        "locale": lang.as_str(),
        "backend": backend,
        // Each save is a branch and a pull request: the checks and a deploy preview
        // run on it before anyone merges it.
        "publish_mode": "editorial_workflow",
        // On localhost (and only there) Decap talks to `npx decap-server` instead.
        "local_backend": true,
        "site_url": r.config.base_url,
        // Uploads are off (see `body`), but Decap wants a folder for them.
        "media_folder": "sources/uploads",
        "public_folder": "/sources/uploads",
        "i18n": {
            "structure": "multiple_files",
            "locales": r.site.langs,
            "default_locale": r.config.default_language,
        },
        // Slugs as `faro new` makes them: lowercase ASCII letters, digits, hyphens.
        "slug": { "encoding": "ascii", "clean_accents": true, "sanitize_replacement": "-" },
        "collections": collections,
    })
}

/// The collection of `kind`, if editors create it and the site has its folder.
fn collection(r: &Renderer<'_>, kind: &Kind, lang: &Lang) -> Option<Value> {
    let home = kind.home?;
    let (folder, path, by_language) = match home {
        Home::Listed { by_country } => {
            let listing = r.site.catalog.listing(CatalogKind(kind.name))?;
            let folder = listing.strip_suffix("_index")?.trim_end_matches('/');
            let path = if by_country {
                "{{country}}/{{slug}}"
            } else {
                "{{slug}}"
            };
            (format!("{CONTENT_DIR}/{folder}"), path.to_string(), true)
        }
        Home::Countries => {
            let any = r.site.countries.iso2_codes().next()?;
            let key = r.site.countries.by_iso2(any)?;
            let folder = key.rsplit_once('/').map_or("", |(folder, _)| folder);
            // One file per country holds its name in every language.
            let path = format!("{{{{iso2}}}}.{}", r.config.default_language);
            (format!("{CONTENT_DIR}/{folder}"), path, false)
        }
        Home::Top => (CONTENT_DIR.to_string(), "{{slug}}".to_string(), true),
        Home::ByPeriod => {
            let listing = r.site.catalog.listing(CatalogKind(kind.name))?;
            let folder = listing.strip_suffix("_index")?.trim_end_matches('/');
            let path = "{{period}}/{{country}}".to_string();
            (format!("{CONTENT_DIR}/{folder}"), path, true)
        }
    };
    let mut schema = (kind.schema)();
    // A declared kind's struct has no `kind` key (see model::record); its files
    // still say their kind.
    if kind.declared {
        let kind = Field {
            name: "kind",
            shape: Shape::Text,
            required: true,
        };
        schema.insert(0, kind);
    }
    let mut fields: Vec<Value> = schema
        .iter()
        .filter(|field| !kind.technical.contains(&field.name))
        .map(|field| form_field(r, lang, kind, field, by_language))
        .collect();
    fields.push(with_i18n(
        json!({
            "name": "body",
            "label": word(r, lang, "form_body"),
            "hint": word(r, lang, "form_body_hint"),
            "widget": "markdown",
            "required": false,
            // No uploads: a document goes under sources/ by pull request, with its source.
            "editor_components": [],
            "modes": ["rich_text", "raw"],
        }),
        by_language,
        true,
    ));
    // What names an entry in the form's lists: its first required text (a country's
    // is its ISO code).
    let identifier = schema
        .iter()
        .find(|f| {
            f.required && f.name != "kind" && matches!(f.shape, Shape::Text | Shape::Value(_))
        })
        .map_or("title", |f| f.name);
    let mut collection = json!({
        "name": kind.name,
        "label": word(r, lang, &format!("search_kind_{}", kind.name)),
        "label_singular": word(r, lang, &format!("form_one_{}", kind.name)),
        "folder": folder,
        "path": path,
        "extension": "md",
        "format": "toml-frontmatter",
        "create": true,
        "identifier_field": identifier,
        "summary": format!("{{{{{identifier}}}}}"),
        "filter": { "field": "kind", "value": kind.name },
        "fields": fields,
    });
    if by_language {
        collection["i18n"] = json!(true);
    }
    Some(collection)
}

/// One key of `kind`'s front matter as a field of the form.
fn form_field(
    r: &Renderer<'_>,
    lang: &Lang,
    kind: &Kind,
    field: &Field,
    by_language: bool,
) -> Value {
    if field.name == "kind" {
        // Written as the kind's name, never shown.
        return with_i18n(
            json!({ "name": "kind", "widget": "hidden", "default": kind.name }),
            by_language,
            false,
        );
    }
    let table = kind.tables.iter().find(|(key, _)| *key == field.name);
    let widget = match table {
        // A list of tables: one line of the list per table, each with its fields
        // (those the form can lay out: not a table's own lists of tables).
        Some((_, schema)) => {
            let fields: Vec<Value> = schema()
                .iter()
                .filter(|f| {
                    f.shape != Shape::Other && f.shape != Shape::List(Box::new(Shape::Other))
                })
                .map(|f| Value::Object(named(r, lang, kind, f, widget(r, lang, &f.shape))))
                .collect();
            json!({ "widget": "list", "fields": fields })
                .as_object()
                .cloned()
                .unwrap_or_default()
        }
        None => widget(r, lang, &field.shape),
    };
    let widget = named(r, lang, kind, field, widget);
    // Free text is written in each language; values (codes, numbers, dates, choices)
    // are the same in every translation, which must agree with its original.
    with_i18n(
        Value::Object(widget),
        by_language,
        field.shape == Shape::Text,
    )
}

/// `widget` as the form field for `field` of `kind`: its key, label, hint and whether
/// it is required.
fn named(
    r: &Renderer<'_>,
    lang: &Lang,
    kind: &Kind,
    field: &Field,
    mut widget: Map<String, Value>,
) -> Map<String, Value> {
    widget.insert("name".into(), json!(field.name));
    widget.insert(
        "label".into(),
        json!(field_word(r, lang, kind.name, field.name, "")),
    );
    widget.insert(
        "hint".into(),
        json!(field_word(r, lang, kind.name, field.name, "_hint")),
    );
    widget.insert("required".into(), json!(field.required));
    widget
}

fn with_i18n(mut field: Value, by_language: bool, translated: bool) -> Value {
    if by_language {
        field["i18n"] = if translated {
            json!(true)
        } else {
            json!("duplicate")
        };
    }
    field
}

/// The widget for a value of `shape`.
fn widget(r: &Renderer<'_>, lang: &Lang, shape: &Shape) -> Map<String, Value> {
    let value = match shape {
        Shape::Text | Shape::Other => json!({ "widget": "string" }),
        Shape::Integer => json!({ "widget": "number", "value_type": "int" }),
        Shape::Flag => json!({ "widget": "boolean" }),
        Shape::Choice(name, values) => json!({
            "widget": "select",
            "options": options(r, lang, name, values),
        }),
        Shape::Value("CountryCode") => json!({
            "widget": "relation",
            "collection": "country",
            "value_field": "iso2",
            "search_fields": ["iso2", format!("name.{lang}")],
            "display_fields": [format!("name.{lang}"), "iso2"],
        }),
        Shape::Value("ItemRef") => json!({
            "widget": "select",
            "options": directives(r, lang),
        }),
        Shape::Value("PlanId") => json!({
            "widget": "select",
            "options": r.site.plans.plans.keys().map(|id| json!({ "label": id, "value": id })).collect::<Vec<_>>(),
        }),
        Shape::Value("IndicatorId") => {
            let mut ids: Vec<String> = r
                .site
                .indicators
                .iter()
                .filter(|i| i.table == crate::model::indicators::Table::Adopted)
                .map(|i| i.short_id())
                .collect();
            ids.dedup();
            json!({
                "widget": "select",
                "options": ids.iter().map(|id| json!({ "label": id, "value": id })).collect::<Vec<_>>(),
            })
        }
        Shape::Value("Period") => json!({
            "widget": "select",
            "options": r
                .site
                .reports
                .plans()
                .flat_map(|(plan, periods)| periods.iter().map(move |p| json!({ "label": format!("{p} ({plan})"), "value": p })))
                .collect::<Vec<_>>(),
        }),
        // A date that cannot be in the future: faro-admin.js registers the widget.
        Shape::Value("Date") => json!({ "widget": "faro-date" }),
        Shape::Value(name) => match shape_of(name) {
            Some(rule) => json!({
                "widget": "string",
                "pattern": [rule.pattern, word(r, lang, rule.message_key)],
            }),
            None => json!({ "widget": "string" }),
        },
        Shape::List(inner) => match widget(r, lang, inner) {
            // A list of choices is one select that takes several.
            one if one.get("widget") == Some(&json!("select"))
                || one.get("widget") == Some(&json!("relation")) =>
            {
                let mut many = one;
                many.insert("multiple".into(), json!(true));
                return many;
            }
            one => {
                let mut item = one;
                item.insert("name".into(), json!("value"));
                item.insert("label".into(), json!(""));
                json!({ "widget": "list", "field": Value::Object(item) })
            }
        },
        // A table by language (a country's name): one line per language of the site.
        Shape::Map(inner) => {
            let fields: Vec<Value> = r
                .site
                .langs
                .iter()
                .map(|code| {
                    let mut one = widget(r, lang, inner);
                    one.insert("name".into(), json!(code));
                    one.insert(
                        "label".into(),
                        json!(r
                            .config
                            .language(code)
                            .map_or(code.as_str(), |l| l.name.as_str())),
                    );
                    one.insert("required".into(), json!(false));
                    Value::Object(one)
                })
                .collect();
            json!({ "widget": "object", "fields": fields })
        }
    };
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// The values of an enum, labelled by the interface keys `<enum>_<value>`.
fn options(r: &Renderer<'_>, lang: &Lang, name: &str, values: &[&str]) -> Vec<Value> {
    let prefix = snake_case(name);
    values
        .iter()
        .map(|value| {
            let key = format!("{prefix}_{}", value.replace('-', "_"));
            let label = match word(r, lang, &key) {
                "" => value.to_string(),
                label => label.to_string(),
            };
            json!({ "label": label, "value": value })
        })
        .collect()
}

/// Every directive of every plan, as `<plan>/<number>` with its first words in `lang`.
fn directives(r: &Renderer<'_>, lang: &Lang) -> Vec<Value> {
    let mut options = Vec::new();
    for (id, plan) in &r.site.plans.plans {
        let keys = plan.items.get(&ItemKind::Directive).into_iter().flatten();
        for key in keys {
            let Some(entry) = r.site.entries.get(key) else {
                continue;
            };
            let page = r.site.shown(entry, lang);
            let Meta::Item(item) = &page.doc.meta else {
                continue;
            };
            let value = format!("{id}/{}", item.number);
            let words = crate::markdown::opening(&page.doc.parsed, 90);
            options.push(json!({ "label": format!("{value} · {words}"), "value": value }));
        }
    }
    options
}
