// Full-text search over the static index `faro build` writes under /search/<lang>/
// (see src/search/export.rs for the format and src/search/words.rs for the rules this
// file mirrors: the ranking must equal `faro search`, score for score).
// A query downloads the manifest, one term shard per word (a word's shard also holds
// its term's postings), then the document shards of the results it shows: two rounds
// of requests. Everything fetched is kept for reuse. Every page loads this file: on the
// search page it runs that page's form; elsewhere the header's search box shows the
// first results while typing and leads to the search page. Nothing is fetched before
// someone types.
"use strict";

(() => {
  const page = document.getElementById("search-form");
  const header = page ? null : document.querySelector("form.site-search[data-index]");
  if (!page && !header) return;
  const base = (page || header).dataset.index;
  const WORD = /[\p{Alphabetic}\p{N}]+/gu;
  const EDGES = /^[^\p{Alphabetic}\p{N}]+|[^\p{Alphabetic}\p{N}]+$/gu;
  // Letters tantivy's ASCII folding maps that Unicode decomposition leaves whole.
  const LETTERS = { "æ": "ae", "œ": "oe", "ß": "ss", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i" };
  const utf8 = new TextEncoder();
  // The shortest last word that stands for the words it begins while typing: shorter
  // ones ("co") span many term shards, fetched at every keystroke for results nobody
  // reads, on the mobile data of the people this site is for.
  const MIN_PREFIX = 3;
  // The postings' digits: the first 32 end a number, the others continue it.
  const DIGIT = new Uint8Array(128);
  [..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"].forEach((c, i) => (DIGIT[c.charCodeAt(0)] = i));

  // ---- Fetching, each file once. Every keystroke starts a query (`begin`); a file
  // still in flight that only queries typed over are waiting for is cancelled once the
  // newest query has asked for its own (`cancelStale`), so that on a slow connection
  // the last query does not queue behind files nobody will see, and a query typed over
  // asks for nothing more. Term shards are settled when the newest query has asked for
  // its words' shards, documents only once it has asked for the documents it shows:
  // the results of the query typed over are often the newest one's too.
  const cache = new Map(); // name → { promise, controller, askers, pending }
  const loaded = new Map();
  const STALE = new Error("a newer query replaced this one");
  let newest = 0;
  const begin = () => ++newest;
  // `query` is the ticket of the query asking, or 0 for a file kept whatever is typed.
  function get(name, query = 0) {
    let entry = cache.get(name);
    if (!entry) {
      if (query && query !== newest) return Promise.reject(STALE);
      const controller = new AbortController();
      const promise = fetch(base + name, { signal: controller.signal }).then((response) => {
        if (!response.ok) throw new Error(`${name}: ${response.status}`);
        return response.json();
      });
      entry = { promise, controller, askers: new Set(), pending: true };
      promise.then(
        (value) => {
          loaded.set(name, value);
          entry.pending = false;
        },
        () => cache.delete(name),
      );
      cache.set(name, entry);
    }
    if (entry.pending) entry.askers.add(query);
    return entry.promise;
  }
  // `which`: the first letter of the files to settle ("t", term shards), or all.
  function cancelStale(which = "") {
    for (const [name, entry] of cache) {
      if (name.startsWith(which) && entry.pending && ![...entry.askers].some((query) => query === 0 || query === newest)) {
        cache.delete(name);
        entry.controller.abort(STALE);
      }
    }
  }
  // The manifest as one query sees it: its fetches carry the query's ticket.
  const asking = (m, query) => ({ ...m, query });
  const manifest = () => get("index.json");

  // ---- Words: what tantivy's analyzer does before the stemmer. Compatibility
  // decomposition, like tantivy's folding, also turns "1º" into "1o" and "²" into "2".
  function fold(word) {
    return word
      .toLowerCase()
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .replace(/[æœßøđðłþı]/g, (c) => LETTERS[c]);
  }
  function words(query) {
    return (query.match(WORD) || []).filter((w) => utf8.encode(w).length < 40).map(fold);
  }
  const chars = (word) => [...word];
  // The last shard whose first key is not after `key`.
  function shardOf(keys, key) {
    let low = 0;
    let high = keys.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (keys[mid] <= key) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }
  const EMPTY = { w: {}, n: {}, p: {} };
  // The term shard that would hold `key`: a word, a number or a term.
  async function shard(m, key) {
    const n = shardOf(m.terms, key);
    return n < 0 ? EMPTY : get(`t${n}.json`, m.query);
  }
  // The term shards holding the words that begin with `prefix`.
  function completing(m, prefix) {
    const first = Math.max(shardOf(m.terms, prefix), 0);
    const last = shardOf(m.terms, prefix + "\uffff");
    const shards = [];
    for (let n = first; n <= last; n++) shards.push(get(`t${n}.json`, m.query));
    return Promise.all(shards);
  }
  function termOf(shard, word) {
    if (!Object.hasOwn(shard.w, word)) return null;
    const spec = shard.w[word];
    return typeof spec === "number" ? chars(word).slice(0, spec).join("") : spec;
  }
  const byLength = (a, b) => chars(a).length - chars(b).length || (a < b ? -1 : a > b ? 1 : 0);

  // The terms a word stands for (words.rs: Words::parse).
  async function termsOf(m, word, prefix) {
    if (prefix) return completions(m, word);
    if (m.stop.includes(word)) return [];
    const exact = termOf(await shard(m, word), word);
    if (exact !== null) return [exact];
    const letters = chars(word);
    if (letters.length < m.minFallback) return [];
    // No stemmer here: an unknown word stands for the words it begins, else for the
    // words one typo away, else for the words its longest prefix begins.
    const completed = await completions(m, word);
    if (completed.length) return completed;
    if (letters.length >= m.minFuzzy) {
      const near = await oneTypoAway(m, word);
      if (near.length) return near;
    }
    for (let n = letters.length - 1; n >= m.minFallback; n--) {
      const terms = await completions(m, letters.slice(0, n).join(""));
      if (terms.length) return terms;
    }
    return [];
  }

  // The terms of the known words one typo away from `word` that begin with its first
  // letter, in string order (words.rs: Words::one_typo_away).
  async function oneTypoAway(m, word) {
    const known = new Map();
    for (const shard of await completing(m, chars(word)[0])) {
      for (const w of Object.keys(shard.w)) if (oneEditApart(word, w)) known.set(w, termOf(shard, w));
    }
    return distinctTerms(m, known, [...known.keys()].sort());
  }

  // Whether two words differ by one character changed, added or dropped, or two
  // neighbours swapped (words.rs: one_edit_apart).
  function oneEditApart(a, b) {
    let [short, long] = [chars(a), chars(b)];
    if (short.length > long.length) [short, long] = [long, short];
    let at = 0;
    while (at < long.length && short[at] === long[at]) at++;
    if (at === long.length) return false;
    const rest = (from, to) => short.slice(from).join("") === long.slice(to).join("");
    if (long.length - short.length === 1) return rest(at, at + 1);
    if (long.length !== short.length) return false;
    if (rest(at + 1, at + 1)) return true;
    return at + 1 < short.length && short[at] === long[at + 1] && short[at + 1] === long[at] && rest(at + 2, at + 2);
  }


  // The terms of the known words that begin with `prefix`, shortest words first.
  async function completions(m, prefix) {
    const known = new Map();
    for (const shard of await completing(m, prefix)) {
      for (const w of Object.keys(shard.w)) if (w.startsWith(prefix)) known.set(w, termOf(shard, w));
    }
    return distinctTerms(m, known, [...known.keys()].sort(byLength));
  }

  // The terms of `words` (keys of `known`, word → term), in order, each once, at most
  // `expansions` (words.rs: Words::distinct_terms).
  function distinctTerms(m, known, words) {
    const terms = [];
    for (const word of words) {
      const term = known.get(word);
      if (!terms.includes(term)) terms.push(term);
      if (terms.length === m.expansions) break;
    }
    return terms;
  }

  // Items the query names, such as "directriz 99" (words.rs: Words::direct).
  async function direct(m, query) {
    const plans = [];
    const kinds = [];
    const numbers = [];
    for (const raw of query.trim().split(/\s+/).filter(Boolean).slice(0, m.maxWords)) {
      const word = fold(raw.replace(EDGES, ""));
      if (!word) continue;
      if (m.plans.includes(word)) plans.push(word);
      else if (Object.hasOwn(m.kinds, word)) kinds.push(m.kinds[word]);
      else {
        const found = await shard(m, word);
        if (!Object.hasOwn(found.n, word)) return [];
        numbers.push(found.n[word]);
      }
    }
    if (numbers.length !== 1 || (!plans.length && !kinds.length)) return [];
    return numbers[0]
      .filter(([, kind, plan]) => (!kinds.length || kinds.includes(kind)) && (!plans.length || plans.includes(plan)))
      .map(([id]) => id);
  }

  // Postings of a term: document id → contribution in units of 1/scale. The term's
  // shard is its word's, fetched already.
  async function postings(m, term) {
    const found = await shard(m, term);
    const code = Object.hasOwn(found.p, term) ? found.p[term] : "";
    const result = new Map();
    const numbers = [];
    let value = 0;
    for (let i = 0; i < code.length; i++) {
      const digit = DIGIT[code.charCodeAt(i)];
      value = value * 32 + (digit & 31);
      if (digit < 32) {
        numbers.push(value);
        value = 0;
      }
    }
    let id = 0;
    for (let i = 0; i + 1 < numbers.length; i += 2) {
      id += numbers[i];
      result.set(id, numbers[i + 1]);
    }
    return result;
  }

  function inRanges(ranges, id) {
    if (!ranges) return false;
    for (let i = 0; i < ranges.length; i += 2) if (id >= ranges[i] && id < ranges[i + 1]) return true;
    return false;
  }
  function facetOf(m, facet, id) {
    return Object.keys(m.facets[facet]).find((value) => inRanges(m.facets[facet][value], id));
  }

  // The ranked ids of a query, with their scores in units (the sum over words of the
  // best contribution of each word's terms; each contribution is already weighted by
  // the document's kind).
  async function rank(m, query, typing, chosen) {
    const list = words(query).slice(0, m.maxWords);
    const groups = (await Promise.all(list.map((w, i) => termsOf(m, w, typing && i === list.length - 1 && chars(w).length >= MIN_PREFIX))))
      .filter((terms) => terms.length);
    const [named, scored] = await Promise.all([
      direct(m, query),
      Promise.all(groups.map((terms) => Promise.all(terms.map((t) => postings(m, t))))),
    ]);
    const totals = new Map();
    const matched = new Map();
    for (const group of scored) {
      const best = new Map();
      for (const map of group) for (const [id, units] of map) if (!(best.get(id) >= units)) best.set(id, units);
      for (const [id, units] of best) {
        totals.set(id, (totals.get(id) || 0) + units);
        matched.set(id, (matched.get(id) || 0) + 1);
      }
    }
    const keep = (id) => Object.entries(chosen).every(([facet, value]) => !value || inRanges(m.facets[facet][value], id));
    const first = named.filter(keep);
    // More of the query's words first, then by score (query.rs: Searcher::ranked).
    const rest = [...totals.keys()]
      .filter((id) => keep(id) && !named.includes(id))
      .sort((a, b) => matched.get(b) - matched.get(a) || totals.get(b) - totals.get(a) || a - b);
    return {
      ids: first.concat(rest),
      direct: new Set(first),
      scores: totals,
      terms: new Set(groups.flat()),
      prefix: typing && list.length ? list[list.length - 1] : null,
    };
  }

  async function documentOf(m, id) {
    const shard = await get(`d${Math.floor(id / m.docsPerShard)}.json`, m.query);
    const [title, url, excerpt] = shard[id % m.docsPerShard];
    return { id, title, url, excerpt };
  }

  // ---- Showing results.
  function highlighted(m, excerpt, result) {
    const fragment = document.createDocumentFragment();
    let at = 0;
    for (const match of excerpt.matchAll(WORD)) {
      const word = fold(match[0]);
      const shard = loaded.get(`t${shardOf(m.terms, word)}.json`);
      const term = shard ? termOf(shard, word) : null;
      const hit = (term !== null && result.terms.has(term)) || (result.prefix && word.startsWith(result.prefix));
      if (!hit) continue;
      fragment.append(excerpt.slice(at, match.index));
      const mark = document.createElement("mark");
      mark.textContent = match[0];
      fragment.append(mark);
      at = match.index + match[0].length;
    }
    fragment.append(excerpt.slice(at));
    return fragment;
  }

  // One result: its title as a link (in a heading on the search page, where results
  // are the page's content), its kind, plan and country, its highlighted excerpt.
  function item(m, doc, result, asHeading) {
    const li = document.createElement("li");
    li.dataset.score = String((result.scores.get(doc.id) || 0) / m.scale);
    if (result.direct.has(doc.id)) li.className = "search-direct";
    const link = document.createElement("a");
    link.href = doc.url;
    link.textContent = doc.title;
    let heading = link;
    if (asHeading) {
      heading = document.createElement("h2");
      heading.append(link);
    }
    const about = [["kind", facetOf(m, "kind", doc.id)], ["plan", facetOf(m, "plan", doc.id)], ["country", facetOf(m, "country", doc.id)]]
      .filter(([, value]) => value)
      .map(([facet, value]) => m.labels[facet][value] || value);
    const meta = document.createElement("p");
    meta.className = "search-meta";
    meta.textContent = about.join(" · ");
    li.append(heading, meta);
    if (doc.excerpt) {
      const excerpt = document.createElement("p");
      excerpt.className = "search-excerpt";
      excerpt.append(highlighted(m, doc.excerpt, result));
      li.append(excerpt);
    }
    return li;
  }

  // "12 results." in the page's language, from the form's data-none/one/many.
  function counted(text, count) {
    return count === 0 ? text.none : count === 1 ? text.one : text.many.replace("{count}", count.toLocaleString(document.documentElement.lang));
  }

  // Moves the focus among `links` with the arrow keys; Escape or ArrowUp past the
  // first returns to `input`.
  function moveFocus(event, links, input) {
    const at = links.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" && at + 1 < links.length) links[at + 1].focus();
    else if (event.key === "ArrowUp") (at > 0 ? links[at - 1] : input).focus();
    else if (event.key === "Escape") input.focus();
    else return;
    event.preventDefault();
  }

  if (page) searchPage(page);
  else headerBox(header);

  // ---- The search page: results while typing, filters, the query in the URL, more
  // results on demand.
  function searchPage(form) {
    const input = form.querySelector("input[name=q]");
    const status = document.getElementById("search-status");
    const list = document.getElementById("search-results");
    const more = document.getElementById("search-more");
    const filters = form.querySelector(".search-filters");
    const selects = {
      kind: form.querySelector("select[name=kind]"),
      plan: form.querySelector("select[name=plan]"),
      country: form.querySelector("select[name=country]"),
    };
    const text = form.dataset;
    const PAGE = 10;

    let current = null;
    let shown = 0;
    async function showMore(m, result) {
      const ids = result.ids.slice(shown, shown + PAGE);
      const docs = await Promise.all(ids.map((id) => documentOf(m, id)));
      if (current !== result) return;
      for (const doc of docs) list.append(item(m, doc, result, true));
      shown += ids.length;
      more.hidden = shown >= result.ids.length;
    }

    async function run(typing) {
      const ticket = begin();
      const query = input.value;
      try {
        const m = asking(await manifest(), ticket);
        const chosen = Object.fromEntries(Object.entries(selects).map(([facet, select]) => [facet, select.value]));
        const ranking = query.trim() ? rank(m, query, typing, chosen) : null;
        cancelStale("t");
        const result = await ranking;
        if (ticket !== newest) return;
        list.replaceChildren();
        current = result;
        shown = 0;
        more.hidden = true;
        if (result) {
          const showing = showMore(m, result);
          cancelStale();
          await showing;
          if (ticket !== newest) return;
        } else {
          cancelStale();
        }
        status.textContent = result ? counted(text, result.ids.length) : "";
        // Which query the list shows, once it does: a newer keystroke's results replace these.
        list.dataset.query = query;
      } catch (error) {
        // A query typed over ends quietly: its files were cancelled, not lost.
        if (ticket !== newest) return;
        status.textContent = text.error;
        console.error(error);
      }
    }

    // ---- Wiring: filters from the manifest, the query in the URL, keyboard moves.
    async function fillFilters() {
      const m = await manifest();
      const collator = new Intl.Collator(document.documentElement.lang);
      for (const [facet, select] of Object.entries(selects)) {
        const values = Object.keys(m.labels[facet]);
        if (facet === "plan") values.sort().reverse();
        else values.sort((a, b) => collator.compare(m.labels[facet][a], m.labels[facet][b]));
        for (const value of values) select.append(new Option(m.labels[facet][value], value));
      }
      const params = new URLSearchParams(location.search);
      for (const [facet, select] of Object.entries(selects)) select.value = params.get(facet) || "";
      filters.hidden = false;
    }

    function remember() {
      const params = new URLSearchParams();
      if (input.value.trim()) params.set("q", input.value);
      for (const [facet, select] of Object.entries(selects)) if (select.value) params.set(facet, select.value);
      const search = params.toString();
      history.replaceState(null, "", search ? `?${search}` : location.pathname);
    }

    // Every keystroke searches at once: the index files a query fetched stay loaded, so
    // the next keystroke's query mostly finds them there, and a query overtaken by a
    // newer one shows nothing and its files in flight are cancelled (`cancelStale`).
    input.addEventListener("input", () => run(!/\s$/.test(input.value)));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      remember();
      run(false);
    });
    for (const select of Object.values(selects)) {
      select.addEventListener("change", () => {
        remember();
        run(false);
      });
    }
    more.addEventListener("click", async () => {
      const before = list.children.length;
      await showMore(await manifest(), current);
      list.children[before]?.querySelector("a")?.focus();
    });
    const links = () => [...list.querySelectorAll("a")];
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" && links().length) {
        event.preventDefault();
        links()[0].focus();
      }
    });
    list.addEventListener("keydown", (event) => moveFocus(event, links(), input));

    input.value = new URLSearchParams(location.search).get("q") || "";
    fillFilters().then(() => run(false), () => (status.textContent = text.error));
  }

  // ---- The header's box on every other page: the first results while typing, in a
  // panel under the box that ends with a link to all of them on the search page;
  // Enter goes there too (the form's own action).
  function headerBox(form) {
    const input = form.querySelector("input[name=q]");
    const status = document.getElementById("site-search-status");
    const panel = document.getElementById("site-search-panel");
    const count = panel.querySelector(".site-search-count");
    const list = document.getElementById("site-search-results");
    const all = panel.querySelector("a.site-search-all");
    const text = form.dataset;
    const SHOWN = 5;
    const links = () => [...panel.querySelectorAll("a")].filter((a) => !a.hidden);
    const close = () => (panel.hidden = true);

    async function run() {
      const ticket = begin();
      const query = input.value;
      if (!query.trim()) {
        cancelStale();
        close();
        status.textContent = "";
        return;
      }
      try {
        const m = asking(await manifest(), ticket);
        const ranking = rank(m, query, !/\s$/.test(query), {});
        cancelStale("t");
        const result = await ranking;
        if (ticket !== newest) return;
        const showing = Promise.all(result.ids.slice(0, SHOWN).map((id) => documentOf(m, id)));
        cancelStale();
        const docs = await showing;
        if (ticket !== newest) return;
        list.replaceChildren(...docs.map((doc) => item(m, doc, result, false)));
        list.dataset.query = query;
        count.textContent = counted(text, result.ids.length);
        all.href = `${form.getAttribute("action")}?${new URLSearchParams({ q: query })}`;
        all.hidden = result.ids.length === 0;
        panel.hidden = false;
        status.textContent = count.textContent;
      } catch (error) {
        if (ticket !== newest) return;
        status.textContent = text.error;
        console.error(error);
      }
    }

    // Every keystroke searches at once, as on the search page.
    input.addEventListener("input", run);
    input.addEventListener("focus", () => {
      if (input.value.trim() && list.children.length) panel.hidden = false;
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" && !panel.hidden && links().length) {
        event.preventDefault();
        links()[0].focus();
      } else if (event.key === "Escape" && !panel.hidden) {
        close();
      }
    });
    panel.addEventListener("keydown", (event) => {
      moveFocus(event, links(), input);
      // After moveFocus: returning to the box would show the panel again.
      if (event.key === "Escape") close();
    });
    // Leaving the box and its panel (by Tab or a click elsewhere) closes the panel.
    form.addEventListener("focusout", (event) => {
      if (!form.contains(event.relatedTarget)) close();
    });
  }
})();
