// The editors' form at /admin/: what faro adds to Decap CMS (issue #15).
//
// Loaded with `defer` before Decap's bundle (see src/outputs/admin.rs), so it runs
// first and can stop Decap from starting by itself; everything that needs Decap's
// globals (CMS, createClass, h) waits for DOMContentLoaded, which fires after every
// deferred script has run. It then:
// - picks the interface language and loads /admin/config.<lang>.yml, the form that
//   `faro build` generates from the kinds' declarations, in that language;
// - registers the `faro-date` widget (a date that cannot be in the future);
// - reads and writes TOML front matter (with smol-toml), so that an empty field is omitted and
//   a language the editor did not translate gets no file (rule "never invent");
// - shows each entry in the preview pane the way its page does, with the site's
//   stylesheet.
// A plain script with no build step: what the browser runs is this file.
"use strict";

window.CMS_MANUAL_INIT = true;

(function () {
  // The few words faro adds to Decap's own (Decap ships its interface in each of
  // these languages; field labels and hints come translated in the config).
  const STRINGS = {
    es: {
      future: "La fecha no puede ser posterior a hoy.",
      never: "nunca",
      failed: "No se pudo cargar el formulario",
    },
    en: {
      future: "The date cannot be later than today.",
      never: "never",
      failed: "The form could not be loaded",
    },
    pt: {
      future: "A data não pode ser posterior a hoje.",
      never: "nunca",
      failed: "Não foi possível carregar o formulário",
    },
    fr: {
      future: "La date ne peut pas être postérieure à aujourd’hui.",
      never: "jamais",
      failed: "Le formulaire n’a pas pu être chargé",
    },
  };
  const words = (lang) => STRINGS[lang] || STRINGS.en;

  /** The interface language: `?lang=xx`, else the browser's first language the site
   * has, else the site's default. */
  function interfaceLanguage(body) {
    const languages = (body.dataset.languages || "").split(/\s+/).filter(Boolean);
    const asked = new URLSearchParams(location.search).get("lang");
    if (asked && languages.includes(asked)) return asked;
    for (const tag of navigator.languages || []) {
      const primary = tag.split("-")[0].toLowerCase();
      if (languages.includes(primary)) return primary;
    }
    return body.dataset.defaultLanguage || languages[0] || "en";
  }

  /** Today's date where the editor is, as YYYY-MM-DD. */
  function today() {
    const d = new Date();
    const two = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  }

  // --- Emptiness: a field left empty is omitted, never written as "" or [] ---------

  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

  function isEmpty(v) {
    return (
      v === undefined ||
      v === null ||
      (typeof v === "string" && v.trim() === "") ||
      (Array.isArray(v) && v.length === 0) ||
      (isObject(v) && Object.keys(v).length === 0)
    );
  }

  /** `v` without its empty values, at any depth (an empty item of a list too). */
  function prune(v) {
    if (Array.isArray(v)) return v.map(prune).filter((x) => !isEmpty(x));
    if (isObject(v)) {
      const out = {};
      for (const [k, x] of Object.entries(v)) {
        const p = prune(x);
        if (!isEmpty(p)) out[k] = p;
      }
      return out;
    }
    return v;
  }

  // --- TOML front matter -------------------------------------------------------------
  //
  // Decap's own `toml-frontmatter` format writes empty fields as `key = ""` and, with
  // `i18n: multiple_files`, a file for every language, even one nobody translated
  // (its data holds the duplicated facts and empty translatable fields). A preSave
  // event cannot help: its handler can replace only the default language's data. So
  // faro registers its own format under the same name (custom formats take precedence
  // over Decap's): it prunes empty values, writes `faro-date` fields as TOML dates, and
  // returns nothing for a language with no translated field, whose file the backend
  // wrapper below then leaves out.

  /** The form's collections by the `kind` their entries declare; set by start(). */
  let collectionsByKind = new Map();

  // Reading and writing TOML is smol-toml's (a TOML 1.0 library, pinned in
  // package-lock.json), which faro build's small module `toml.<hash>.js` puts on
  // `window.faroToml`.
  const toml = () => window.faroToml;

  /** A parsed value as the form holds it: a date as its text, `YYYY-MM-DD`. */
  function fromToml(v) {
    if (v instanceof toml().TomlDate) return v.toISOString();
    if (Array.isArray(v)) return v.map(fromToml);
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromToml(x)]));
    return v;
  }

  /** The fields of a collection (raw config) that each language translates. */
  function translatedFields(collection) {
    return collection.fields.filter((f) => f.i18n === true || f.i18n === "translate");
  }

  const frontMatter = {
    fromFile(content) {
      const m = /^\+\+\+[ \t]*\r?\n([\s\S]*?)^\+\+\+[ \t]*(?:\r?\n|$)([\s\S]*)$/m.exec(content);
      if (!m || m.index !== 0) return { body: content };
      return { ...fromToml(toml().parse(m[1])), body: m[2].replace(/^(?:\r?\n)+/, "") };
    },
    toFile(data, sortedKeys = []) {
      const { body, ...meta } = prune(data);
      const collection = collectionsByKind.get(meta.kind);
      if (collection && collection.i18n) {
        const translated = translatedFields(collection);
        // A language nobody translated: no file (see `skipUntranslated`).
        if (translated.length && translated.every((f) => isEmpty(f.name === "body" ? body : meta[f.name]))) {
          return "";
        }
      }
      const dates = new Set(
        (collection ? collection.fields : []).filter((f) => f.widget === "faro-date").map((f) => f.name),
      );
      const keys = [
        ...sortedKeys.filter((k) => k in meta),
        ...Object.keys(meta).filter((k) => !sortedKeys.includes(k)),
      ];
      // A date field is a TOML date (`last_verified = 2026-01-31`), not text.
      const ordered = Object.fromEntries(
        keys.map((k) => [k, dates.has(k) && typeof meta[k] === "string" ? new (toml().TomlDate)(meta[k]) : meta[k]]),
      );
      const front = toml().stringify(ordered).replace(/\s+$/, "");
      return `+++\n${front}\n+++\n${body ? `\n${body.replace(/\s+$/, "")}\n` : ""}`;
    },
  };

  /** Wraps the backend `name` so that it writes no file whose text is blank: Decap
   * still offers one per language, and its entryToRaw turns the format's "" into a
   * newline. */
  function skipUntranslated(name) {
    const backend = CMS.getBackend(name);
    if (!backend || backend.faroWrapped) return;
    const init = backend.init;
    backend.init = (...args) => {
      const implementation = init(...args);
      const persist = implementation.persistEntry.bind(implementation);
      implementation.persistEntry = (entry, options) =>
        persist(
          { ...entry, dataFiles: entry.dataFiles && entry.dataFiles.filter((f) => f.raw.trim() !== "") },
          options,
        );
      return implementation;
    };
    backend.faroWrapped = true;
  }

  /** Lets a list or object field say `i18n: "duplicate"`. A translation repeats its
   * entry's phones, e-mails and languages (content/README.md: keep codes identical)
   * and a document's files by language, and Decap copies a duplicated field to every
   * language, but the list and object widgets' config schemas still allow only a
   * boolean there and reject the whole config (decaporg/decap-cms#7332, open). */
  function allowDuplicateGroups() {
    for (const name of ["list", "object"]) {
      const widget = CMS.getWidget(name);
      if (!widget || !widget.schema || !widget.schema.properties) continue;
      const { i18n, ...properties } = widget.schema.properties;
      widget.schema = { ...widget.schema, properties };
    }
  }

  // --- The date widget ----------------------------------------------------------------

  function registerDateWidget(lang) {
    const DateControl = createClass({
      // Decap calls this before saving; a future date would fail `faro check`.
      isValid() {
        const v = this.props.value;
        if (typeof v === "string" && v !== "" && v > today()) {
          return { error: { type: "CUSTOM", message: words(lang).future } };
        }
        return true;
      },
      render() {
        const p = this.props;
        return h("input", {
          type: "date",
          id: p.forID,
          className: p.classNameWrapper,
          max: today(),
          // A translation shows its entry's date, which only the original changes.
          disabled: Boolean(p.isDisabled),
          value: typeof p.value === "string" ? p.value : "",
          // An emptied date is no value at all, so the key is left out of the file.
          onChange: (e) => p.onChange(e.target.value || null),
          onFocus: p.setActiveStyle,
          onBlur: p.setInactiveStyle,
        });
      },
    });
    const DatePreview = createClass({
      render() {
        return h("time", { dateTime: this.props.value || undefined }, this.props.value || "");
      },
    });
    CMS.registerWidget("faro-date", DateControl, DatePreview);
  }

  // --- Previews -------------------------------------------------------------------------
  //
  // Each shows the entry as its page does (themes/default/templates/<kind>.html): the
  // same elements and classes, so the site's stylesheet styles them. The terms of the
  // facts list are the form's field labels, in the interface language.

  /** What each kind's page shows above and below its facts: its title, a lead
   * paragraph, a section after them. Every other field of the form is a fact, in the
   * form's order, which is the front matter's and the page's (the kind's declaration). */
  const LAYOUTS = {
    authority: { title: "institution" },
    service: { title: "name" },
    practice: { title: "title", lead: "summary", after: "results" },
  };

  /** Fields that are not facts of the page: the kind, the text, and whether the text
   * is a translation (the page says that in a notice of its own). */
  const NOT_FACTS = new Set(["kind", "body", "translation"]);

  function previewFor(layout) {
    return createClass({
      render() {
        const { entry, collection, widgetFor, fieldsMetaData } = this.props;
        const locale = this.props.locale || document.documentElement.lang;
        const data = entry.get("data");
        const get = (name) => {
          const v = data && data.get(name);
          return v && typeof v.toJS === "function" ? v.toJS() : v;
        };
        const fields = new Map(collection.get("fields").map((f) => [f.get("name"), f]));
        const label = (name) => (fields.get(name) ? fields.get(name).get("label", name) : name);
        // What a select shows for a value: its option's label.
        const optionLabel = (field, v) => {
          const options = field && field.get("options");
          const option = options && options.find((o) => (o.get ? o.get("value") : o) === v);
          return option && option.get ? option.get("label") : v;
        };
        const countryName = (iso2) => {
          const meta = fieldsMetaData && fieldsMetaData.getIn(["country", "country", iso2, "name", locale]);
          if (meta) return meta;
          try {
            return new Intl.DisplayNames([locale], { type: "region" }).of(iso2);
          } catch {
            return iso2;
          }
        };
        const show = (name) => {
          const field = fields.get(name);
          const v = get(name);
          if (name === "last_verified") return isEmpty(v) ? words(locale).never : v;
          if (isEmpty(v)) return null;
          if (name === "country") return h("a", { href: "#" }, countryName(v));
          if (name === "phones") return join(v.map((p) => h("a", { href: `tel:${p.replace(/[^+\d]/g, "")}` }, p)));
          if (name === "emails") return join(v.map((e) => h("a", { href: `mailto:${e}` }, e)));
          if (name === "website") return h("a", { href: v, rel: "noopener noreferrer" }, v);
          if (Array.isArray(v)) return v.map((x) => optionLabel(field, x)).join(", ");
          return String(optionLabel(field, v));
        };
        const placed = new Set([layout.title, layout.lead, layout.after]);
        const facts = [];
        for (const name of fields.keys()) {
          if (NOT_FACTS.has(name) || placed.has(name)) continue;
          const shown = show(name);
          if (shown === null) continue;
          facts.push(h("dt", { key: `t-${name}` }, label(name)), h("dd", { key: `d-${name}` }, shown));
        }
        const after = layout.after && get(layout.after);
        return h(
          "main",
          { className: "wrap", lang: locale },
          h(
            "article",
            null,
            h("h1", null, get(layout.title) || ""),
            layout.lead && get(layout.lead) ? h("p", { className: "lead" }, get(layout.lead)) : null,
            h("dl", { className: "facts" }, facts),
            after ? h("h2", null, label(layout.after)) : null,
            after ? h("p", null, after) : null,
            h("div", { className: "prose" }, widgetFor("body")),
          ),
        );
      },
    });
  }

  /** React children separated by commas, as the pages list phones and e-mails. */
  function join(items) {
    return items.flatMap((x, n) => (n ? [", ", x] : [x]));
  }

  // --- Start ----------------------------------------------------------------------------

  async function start() {
    const body = document.body;
    const lang = interfaceLanguage(body);
    document.documentElement.lang = lang;
    let config;
    try {
      const response = await fetch(`/admin/config.${lang}.yml`);
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      // The config is JSON text (valid YAML too), so no YAML parser is needed.
      config = JSON.parse(await response.text());
    } catch (error) {
      const p = document.createElement("p");
      p.setAttribute("role", "alert");
      p.textContent = `${words(lang).failed}: ${error.message}`;
      body.append(p);
      return;
    }
    collectionsByKind = new Map(
      (config.collections || [])
        .map((c) => [(c.fields || []).find((f) => f.name === "kind"), c])
        .filter(([kind]) => kind && kind.default)
        .map(([kind, c]) => [kind.default, c]),
    );

    allowDuplicateGroups();
    CMS.registerCustomFormat("toml-frontmatter", "md", frontMatter);
    for (const name of ["proxy", "github", "git-gateway", "test-repo"]) skipUntranslated(name);
    registerDateWidget(lang);
    if (body.dataset.stylesheet) CMS.registerPreviewStyle(body.dataset.stylesheet);
    for (const [name, layout] of Object.entries(LAYOUTS)) CMS.registerPreviewTemplate(name, previewFor(layout));

    CMS.init({ config: { ...config, load_config_file: false } });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
