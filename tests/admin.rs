//! The editors' form at `/admin/` (issue 15): its configuration says what the kinds'
//! declarations say, and a file made the way the form makes one passes `faro check`,
//! while what the form refuses, `faro check` refuses too.

mod common;

use std::path::Path;

use faro::model::kinds::KINDS;
use faro::model::schema::Shape;
use faro::model::values::{shape_of, SHAPES};
use serde_json::Value;

const LANGS: [&str; 4] = ["es", "en", "pt", "fr"];

/// Builds the catalog fixture and reads the form's configuration in `lang`.
fn configs() -> (tempfile::TempDir, Vec<(String, Value)>) {
    let site = common::fixture_site("catalog");
    common::build(site.path()).expect("the fixture builds");
    let configs = LANGS
        .iter()
        .map(|lang| {
            let path = site.path().join(format!("public/admin/config.{lang}.yml"));
            let text = std::fs::read_to_string(&path).expect("one configuration per language");
            (lang.to_string(), serde_json::from_str(&text).expect("JSON"))
        })
        .collect();
    (site, configs)
}

fn collection<'a>(config: &'a Value, name: &str) -> &'a Value {
    config["collections"]
        .as_array()
        .and_then(|all| all.iter().find(|c| c["name"] == name))
        .unwrap_or_else(|| panic!("no collection `{name}`"))
}

#[test]
fn the_form_asks_for_every_key_of_every_kind_editors_create_as_the_kind_declares_it() {
    let (site, configs) = configs();
    let default = std::fs::read_to_string(site.path().join("public/admin/config.yml")).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&default).unwrap(),
        configs[0].1,
        "config.yml is the default language's"
    );
    let creatable: Vec<_> = KINDS.iter().filter(|k| k.created_by_editors()).collect();
    assert_eq!(
        creatable.len(),
        7,
        "page, country, authority, service, practice, document, report"
    );
    for (lang, config) in &configs {
        assert_eq!(config["locale"], lang.as_str());
        assert_eq!(config["publish_mode"], "editorial_workflow");
        let names: Vec<String> = config["collections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect();
        let expected: Vec<String> = creatable.iter().map(|k| k.name.to_string()).collect();
        assert_eq!(names, expected, "one collection per kind editors create");
        for kind in &creatable {
            let collection = collection(config, kind.name);
            assert_eq!(collection["format"], "toml-frontmatter");
            let fields = collection["fields"].as_array().unwrap();
            let keys: Vec<&str> = fields
                .iter()
                .map(|f| f["name"].as_str().unwrap())
                .filter(|name| *name != "body")
                .collect();
            // serde's own list of keys, not the schema the form is made from; a
            // declared kind's struct has no `kind`, which its files still write.
            let declared = (kind.fields)();
            let offered: Vec<&str> = (!declared.contains(&"kind"))
                .then_some("kind")
                .into_iter()
                .chain(declared.iter().copied())
                .filter(|key| !kind.technical.contains(key))
                .collect();
            assert_eq!(keys, offered, "{lang} {}: keys", kind.name);
            for declared in (kind.schema)() {
                if kind.technical.contains(&declared.name) {
                    continue;
                }
                let field = fields.iter().find(|f| f["name"] == declared.name).unwrap();
                let at = format!("{lang} {}.{}", kind.name, declared.name);
                if declared.name == "kind" {
                    assert_eq!(field["widget"], "hidden", "{at}");
                    assert_eq!(field["default"], kind.name, "{at}");
                    continue;
                }
                assert_eq!(field["required"], declared.required, "{at}: required");
                for key in ["label", "hint"] {
                    let text = field[key].as_str().unwrap_or_default();
                    assert!(!text.is_empty(), "{at}: no {key} in i18n/{lang}.toml");
                }
                // A list of tables: a list whose fields are the table's, each as its
                // shape says (a table's own lists of tables are left to the file).
                if let Some((_, table)) = kind.tables.iter().find(|(k, _)| *k == declared.name) {
                    assert_eq!(field["widget"], "list", "{at}");
                    let inner = field["fields"].as_array().unwrap();
                    let laid_out: Vec<_> = table()
                        .into_iter()
                        .filter(|f| !matches!(&f.shape, Shape::List(s) if **s == Shape::Other))
                        .collect();
                    assert_eq!(inner.len(), laid_out.len(), "{at}");
                    for f in laid_out {
                        let one = inner.iter().find(|i| i["name"] == f.name).unwrap();
                        assert_eq!(one["required"], f.required, "{at}.{}", f.name);
                        assert!(
                            !one["label"].as_str().unwrap_or_default().is_empty(),
                            "{at}.{}: label",
                            f.name
                        );
                        check_widget(one, &f.shape, &format!("{at}.{}", f.name));
                    }
                    continue;
                }
                check_widget(field, &declared.shape, &at);
            }
        }
    }
    // The folders are the ones faro reads entries from.
    let config = &configs[0].1;
    assert_eq!(
        collection(config, "authority")["folder"],
        "content/directory"
    );
    assert_eq!(
        collection(config, "authority")["path"],
        "{{country}}/{{slug}}"
    );
    assert_eq!(collection(config, "service")["folder"], "content/services");
    assert_eq!(
        collection(config, "practice")["folder"],
        "content/practices"
    );
    assert_eq!(collection(config, "country")["folder"], "content/countries");
    assert_eq!(collection(config, "country")["path"], "{{iso2}}.es");
    // Each collection names its entries by a key its kind has.
    for kind in &creatable {
        let identifier = collection(config, kind.name)["identifier_field"].clone();
        assert!(
            (kind.fields)().iter().any(|f| identifier == *f),
            "{}: identifier {identifier}",
            kind.name
        );
    }
    assert_eq!(collection(config, "page")["folder"], "content");
}

/// The widget of a field says what its shape says: every value of a choice, the
/// expression of a shaped value, a relation for a country.
fn check_widget(field: &Value, shape: &Shape, at: &str) {
    match shape {
        Shape::Choice(_, values) => {
            assert_eq!(field["widget"], "select", "{at}");
            let offered: Vec<&str> = field["options"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["value"].as_str().unwrap())
                .collect();
            assert_eq!(&offered, values, "{at}: options");
            for option in field["options"].as_array().unwrap() {
                assert_ne!(
                    option["label"], option["value"],
                    "{at}: an option without a label"
                );
            }
        }
        Shape::Value("CountryCode") => {
            assert_eq!(field["widget"], "relation", "{at}");
            assert_eq!(field["collection"], "country", "{at}");
            assert_eq!(field["value_field"], "iso2", "{at}");
        }
        Shape::Value("Date") => assert_eq!(field["widget"], "faro-date", "{at}"),
        // A plan item, a plan, a reporting period or an indicator: one of the site's.
        Shape::Value("ItemRef" | "PlanId" | "Period" | "IndicatorId") => {
            assert_eq!(field["widget"], "select", "{at}");
            assert!(!field["options"].as_array().unwrap().is_empty(), "{at}");
        }
        Shape::Value(name) => match shape_of(name) {
            Some(rule) => assert_eq!(field["pattern"][0], rule.pattern, "{at}: pattern"),
            None => assert_eq!(field["widget"], "string", "{at}"),
        },
        Shape::List(inner) => match inner.as_ref() {
            Shape::Choice(..) | Shape::Value("CountryCode" | "ItemRef") => {
                assert_eq!(field["multiple"], true, "{at}");
                check_widget(field, inner, at);
            }
            _ => {
                assert_eq!(field["widget"], "list", "{at}");
                check_widget(&field["field"], inner, at);
            }
        },
        Shape::Map(_) => {
            let langs: Vec<&str> = field["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["name"].as_str().unwrap())
                .collect();
            assert_eq!(langs, LANGS, "{at}: one line per language");
        }
        Shape::Text => assert_eq!(field["widget"], "string", "{at}"),
        Shape::Integer => assert_eq!(field["widget"], "number", "{at}"),
        Shape::Flag | Shape::Other => panic!("{at}: no kind editors create has such a key"),
    }
}

/// A value for `field` such as an editor enters it: the first option of a choice, a
/// country of the fixture, a value that fits the field's expression.
fn sample(field: &Value, name: &str) -> Option<toml::Value> {
    let text = |s: &str| Some(toml::Value::String(s.into()));
    let value = match field["widget"].as_str()? {
        "hidden" => text(field["default"].as_str()?),
        "select" => {
            let first = text(field["options"][0]["value"].as_str()?)?;
            if field["multiple"] == true {
                return Some(toml::Value::Array(vec![first]));
            }
            Some(first)
        }
        "relation" if field["multiple"] == true => Some(toml::Value::Array(vec!["XA".into()])),
        "relation" => text("XA"),
        "number" => Some(toml::Value::Integer(2020)),
        "faro-date" => text("2026-01-02"),
        // A list of tables: one table, its fields sampled.
        "list" if field["fields"].is_array() => {
            let table: toml::Table = field["fields"]
                .as_array()?
                .iter()
                .filter_map(|f| {
                    let key = f["name"].as_str()?;
                    Some((key.to_string(), sample(f, key)?))
                })
                .collect();
            Some(toml::Value::Array(vec![toml::Value::Table(table)]))
        }
        "list" => Some(toml::Value::Array(vec![sample(&field["field"], name)?])),
        "object" => {
            // A name per language, or a document's file per language (a web address:
            // a path would have to name a committed file).
            let each = if name == "files" {
                "https://example.org/informe.pdf"
            } else {
                "Paísc"
            };
            let table = field["fields"]
                .as_array()?
                .iter()
                .filter_map(|f| Some((f["name"].as_str()?.to_string(), text(each)?)))
                .collect();
            Some(toml::Value::Table(table))
        }
        "string" => match field["pattern"][0].as_str() {
            Some(pattern) => text(fitting(pattern)),
            None if name == "source" => text("https://example.org/fuente"),
            None => text("Texto de prueba"),
        },
        _ => None,
    }?;
    Some(value)
}

/// A value that fits one of the value shapes' expressions.
fn fitting(pattern: &str) -> &'static str {
    let (name, _) = SHAPES
        .iter()
        .find(|(_, shape)| shape.pattern == pattern)
        .expect("a known shape");
    match *name {
        "Phone" => "+51 1 234 5678",
        "Email" => "equipo@example.org",
        "WebAddress" => "https://example.org/",
        "LanguageCode" => "qu",
        "IsoAlpha2" => "XC",
        "IsoAlpha3" => "XXC",
        other => panic!("no sample for {other}"),
    }
}

/// Writes, under `root`, the files the form saves for a new entry of `collection`
/// (every field filled, or only the required ones), in `langs`; returns their paths.
fn save(root: &Path, collection: &Value, all_fields: bool, slug: &str) -> Vec<String> {
    let mut front = toml::Table::new();
    let mut body = String::new();
    for field in collection["fields"].as_array().unwrap() {
        let name = field["name"].as_str().unwrap();
        if name == "body" {
            body = "Texto de la ficha.\n".into();
            continue;
        }
        if field["required"] == false && !all_fields {
            continue;
        }
        if let Some(value) = sample(field, name) {
            front.insert(name.into(), value);
        }
    }
    let path_template = collection["path"].as_str().unwrap();
    let name = path_template
        .replace("{{slug}}", slug)
        .replace("{{country}}", "xa")
        .replace(
            "{{period}}",
            front
                .get("period")
                .and_then(|p| p.as_str())
                .unwrap_or_default(),
        )
        .replace("{{iso2}}", "xc");
    let langs: &[&str] = if collection["i18n"] == true {
        &["es", "en"]
    } else {
        &[""]
    };
    let mut written = Vec::new();
    for lang in langs {
        let file = if lang.is_empty() {
            format!("{}/{name}.md", collection["folder"].as_str().unwrap())
        } else {
            format!(
                "{}/{name}.{lang}.md",
                collection["folder"].as_str().unwrap()
            )
        };
        let text = format!("+++\n{}+++\n\n{body}", toml::to_string(&front).unwrap());
        let path = root.join(&file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        written.push(file);
    }
    written
}

fn errors_about(root: &Path, files: &[String]) -> Vec<String> {
    let output = common::faro_at(root, &["check"]);
    let text = String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr);
    text.lines()
        .filter(|line| line.contains("error["))
        .filter(|line| files.iter().any(|f| line.contains(f.as_str())))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_file_saved_the_way_the_form_saves_it_passes_faro_check() {
    let (site, configs) = configs();
    let config = &configs[0].1;
    for kind in KINDS.iter().filter(|k| k.created_by_editors()) {
        for all_fields in [false, true] {
            let slug = format!("nueva-{}-{all_fields}", kind.name);
            let root = tempfile::tempdir().unwrap();
            common::copy_tree(site.path(), root.path());
            let files = save(
                root.path(),
                collection(config, kind.name),
                all_fields,
                &slug,
            );
            assert_eq!(
                errors_about(root.path(), &files),
                Vec::<String>::new(),
                "{} ({}): {files:?}",
                kind.name,
                if all_fields {
                    "every field"
                } else {
                    "required fields"
                }
            );
        }
    }
}

#[test]
fn what_the_form_refuses_faro_check_refuses() {
    let (site, configs) = configs();
    let authority = collection(&configs[0].1, "authority");
    let root = tempfile::tempdir().unwrap();
    common::copy_tree(site.path(), root.path());
    let files = save(root.path(), authority, true, "con-errores");
    // A value each expression refuses, and a required key left out.
    let file = root.path().join(&files[0]);
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("+51 1 234 5678", "12-34")
        .replace("equipo@example.org", "equipo@example")
        .replace("https://example.org/\"", "example.org\"")
        .replace("\"qu\"", "\"quechua\"")
        .replace("role = ", "rol = ");
    std::fs::write(&file, text).unwrap();
    let errors = errors_about(root.path(), &files[..1]);
    for (what, refused) in [
        ("phone", "`12-34`"),
        ("e-mail", "`equipo@example`"),
        ("website", "`example.org`"),
        ("language", "`quechua`"),
        ("required role", "`role`"),
    ] {
        assert!(
            errors.iter().any(|e| e.contains(refused)),
            "faro check lets the {what} through: {errors:#?}"
        );
    }
    let pattern = |name: &str| {
        let fields = authority["fields"].as_array().unwrap();
        let field = fields.iter().find(|f| f["name"] == name).unwrap();
        let pattern = field["field"]["pattern"][0]
            .as_str()
            .or(field["pattern"][0].as_str())
            .unwrap()
            .to_string();
        regex::Regex::new(&pattern).unwrap()
    };
    assert!(!pattern("phones").is_match("12-34"));
    assert!(!pattern("emails").is_match("equipo@example"));
    assert!(!pattern("website").is_match("example.org"));
    assert!(!pattern("languages").is_match("quechua"));
}

#[test]
fn the_admin_page_is_not_indexed_and_loads_the_scripts_from_the_site_itself() {
    let (site, _) = configs();
    let html = std::fs::read_to_string(site.path().join("public/admin/index.html")).unwrap();
    assert!(html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    for src in html.split("src=\"").skip(1) {
        assert!(src.starts_with("/admin/"), "a script from elsewhere: {src}");
    }
    let sitemap = std::fs::read_to_string(site.path().join("public/sitemap.xml")).unwrap();
    assert!(!sitemap.contains("/admin/"));
}
