// The editors' form at /admin/ (issue #15), driven the way an editor uses it: a copy
// of the site's sources, Decap's local backend (decap-server) writing into that copy,
// and `faro serve` building it. One test creates an authority in Spanish and English by
// typing into the widgets and checks what lands on disk, what `faro check` says and
// what the rebuilt site shows; the other enters a malformed phone and a future date
// and checks that the form refuses to save.
//
// decap-server runs in its "fs" mode: it writes the files straight into the copy, with
// no git repository to set up. It tells Decap it supports only the simple publish
// mode, so Decap replaces the config's `editorial_workflow` by "publish now" (its
// handleLocalBackend) and the files land in content/ at once; the editorial
// workflow's branches and pull requests are GitHub's part, which no test here can
// reach.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFile } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm, stat, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { assertNoViolations, launch, openPage } from "./harness.mjs";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const FARO = process.env.FARO_BIN ?? join(REPO, "target/debug/faro");
const DECAP_SERVER = createRequire(import.meta.url).resolve("decap-server/dist/index.js");
const ADMIN_MODULES = join(REPO, "themes/default/admin/node_modules");
/** How long to wait for something that does come (a rebuilt page, a file). Not a
 * measure of speed: a slow machine only makes the tests wait longer. */
const PATIENCE = 120_000;
/** Where scripts/screenshots wants the form's screenshots for CONTRIBUTING.md. */
const SHOTS = process.env.FARO_ADMIN_SCREENSHOTS;

/** Saves a screenshot of `page` as `<name>.png` when scripts/screenshots asks. */
async function shot(page, name) {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

const env = {};

/** A port of 127.0.0.1 that nothing listens on now. */
function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** Calls `probe` until it returns something truthy, and returns that. */
async function eventually(what, probe) {
  const deadline = Date.now() + PATIENCE;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} (last: ${last})`);
    await new Promise((ok) => setTimeout(ok, 200));
  }
}

function run(command, args) {
  return new Promise((ok) => {
    execFile(command, args, { maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      ok({ code: error ? (error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

/** Starts `command`, keeping its output for the report of a failed start. */
function start(command, args, options) {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  child.log = "";
  child.stdout.on("data", (d) => (child.log += d));
  child.stderr.on("data", (d) => (child.log += d));
  return child;
}

before(async () => {
  await stat(ADMIN_MODULES).catch(() => {
    throw new Error("Decap CMS is not installed: run `npm ci --prefix themes/default/admin`");
  });
  env.root = await mkdtemp(join(tmpdir(), "faro-admin-"));
  for (const name of ["config.toml", "content", "i18n", "sources", "themes"]) {
    await cp(join(REPO, name), join(env.root, name), {
      recursive: true,
      filter: (source) => source !== ADMIN_MODULES,
    });
  }
  // The bundle `faro build` copies into /admin/, linked rather than copied (630
  // packages that nothing here changes).
  await symlink(ADMIN_MODULES, join(env.root, "themes/default/admin/node_modules"));

  const decapPort = await freePort();
  env.api = `http://127.0.0.1:${decapPort}/api/v1`;
  env.decap = start(process.execPath, [DECAP_SERVER], {
    // cwd: decap-server reads a .env file from its working directory; the copy has none.
    cwd: env.root,
    env: { ...process.env, PORT: String(decapPort), BIND_HOST: "127.0.0.1", MODE: "fs", GIT_REPO_DIRECTORY: env.root, LOG_LEVEL: "warn" },
  });
  const faroPort = await freePort();
  env.origin = `http://127.0.0.1:${faroPort}`;
  env.faro = start(FARO, ["--root", env.root, "serve", "--port", String(faroPort)]);

  await eventually("decap-server", async () => {
    const response = await fetch(env.api, { method: "POST", headers: { "content-type": "application/json" }, body: '{"action":"info"}' });
    return response.ok;
  }).catch((error) => {
    throw new Error(`${error.message}\n${env.decap.log}`);
  });
  await eventually("faro serve", async () => (await fetch(`${env.origin}/admin/`)).ok).catch((error) => {
    throw new Error(`${error.message}\n${env.faro.log}`);
  });
  env.browser = await launch();
});

after(async () => {
  await env.browser?.close();
  env.faro?.kill();
  env.decap?.kill();
  if (env.root) await rm(env.root, { recursive: true, force: true });
  // faro serve sends /admin/ the policy netlify.toml gives it: the form must work
  // within it, as it will on Netlify.
  assertNoViolations();
});

/** Opens the form in `lang`, logged in to the local backend. The generated config says
 * `local_backend: true`, which means decap-server's default address
 * (localhost:8081); the test's server listens on a free port instead, so the config
 * is answered with that address. Everything else of the config is as built. */
async function openForm(lang) {
  const page = await openPage(env.browser, { viewport: { width: 1400, height: 1000 } });
  page.errors = [];
  page.on("pageerror", (error) => page.errors.push(error.message));
  await page.route(/\/admin\/config\.[a-z]+\.yml$/, async (route) => {
    const response = await route.fetch();
    const config = JSON.parse(await response.text());
    config.local_backend = { url: env.api };
    await route.fulfill({ response, body: JSON.stringify(config) });
  });
  // faro serve's live reload would reload the form whenever a save rebuilds the site
  // (the first test's save can still be rebuilding when the second test types); the
  // last test below checks that /admin/ does not load it. Here it is kept out so that
  // these tests see the form alone.
  await page.route(/\/__faro\//, (route) => route.abort());
  await page.goto(`${env.origin}/admin/?lang=${lang}`);
  return page;
}

/** Every request the page made went to faro serve or decap-server. */
function assertNothingFromElsewhere(page) {
  const api = new URL(env.api).origin;
  const elsewhere = page.requests.filter(
    (url) => !url.startsWith(`${env.origin}/`) && !url.startsWith(`${api}/`) && !/^(data|blob):/.test(url),
  );
  assert.deepEqual(elsewhere, [], "requests to another host");
}

/** The widget of field `name` in the pane of the `nth` language shown (0: the
 * entry's original language, 1: the translation beside it). Decap names the element
 * `<name>-field-<counter>`. */
const field = (page, name, nth = 0) => page.locator(`[id^="${name}-field-"]`).nth(nth);

/** Chooses `option` in the select or relation widget of `name`, by typing as an
 * editor does. */
async function choose(page, name, typed, option) {
  await field(page, name).click();
  await page.keyboard.type(typed);
  await page.getByRole("option", { name: option }).click();
}

/** Adds an item to the list widget of `name` and types `value` into it. */
async function addItem(page, name, value) {
  // The list's "Add" button: Decap writes that word in English in every locale.
  await field(page, name).getByRole("button", { name: /^Add/ }).click();
  await field(page, name).locator('input[id^="value-field-"]').last().fill(value);
}

/** Types `text` into the `nth` markdown editor (0: original, 1: translation). */
async function typeBody(page, nth, text) {
  await page.locator('[contenteditable="true"]').nth(nth).click();
  await page.keyboard.type(text);
}

/** Clicks "Publicar" then "Publicar ahora" (Spanish interface). */
async function publish(page) {
  await page.getByRole("button", { name: "Publicar", exact: true }).click();
  await page.getByRole("menuitem", { name: "Publicar ahora" }).click();
}

async function authorityFiles() {
  const dir = join(env.root, "content/directory/pe");
  return (await readdir(dir)).sort();
}

test("an authority created in Spanish and English through the form is written as faro reads it, passes faro check and appears on the site", async () => {
  const page = await openForm("es");
  // The interface is in Spanish: Decap's login button says so.
  await page.getByRole("button", { name: "Iniciar sesión" }).click();
  await page.goto(`${env.origin}/admin/?lang=es#/collections/authority/new`);

  // The original, in Spanish (the left pane).
  await field(page, "institution").fill("Comisión de Prueba del Formulario");
  await choose(page, "role", "Órgano", /Órgano de coordinación/);
  await choose(page, "country", "Per", /Perú/);
  // A made-up number of Peru's numbering plan (Lima, 8 digits): faro check judges it
  // by libphonenumber's metadata, as it does every phone.
  await addItem(page, "phones", "+51 1 234 5678");
  await field(page, "source").fill("https://www.gob.pe/mininter");
  await typeBody(page, 0, "Texto de prueba escrito en el formulario.");
  // Fields filled, then emptied again: what an editor who changes their mind leaves.
  await field(page, "legal_basis").fill("Ley de prueba");
  await field(page, "legal_basis").fill("");
  // A verification date in the past: written as a TOML date, which faro reads.
  await field(page, "last_verified").fill("2025-01-02");

  // The English translation: the pane beside it, which Decap opens on the second
  // language of the config. Only the translatable fields are editable there; the
  // others are the original's, copied.
  await field(page, "institution", 1).fill("Form Test Commission");
  await field(page, "address", 1).fill("Somewhere");
  await field(page, "address", 1).fill("");
  await typeBody(page, 1, "Test text written in the form.");
  if (SHOTS) {
    await field(page, "institution").scrollIntoViewIfNeeded();
    await shot(page, "admin-new-authority");
  }

  await publish(page);

  const dir = join(env.root, "content/directory/pe");
  const files = await eventually("the two files", async () => {
    const names = await readdir(dir);
    const ours = names.filter((n) => n.startsWith("comision-de-prueba-del-formulario."));
    // Written whole: decap-server writes each file in one call, so one that ends in a
    // newline is complete.
    const texts = await Promise.all(ours.map((n) => readFile(join(dir, n), "utf8")));
    return ours.length >= 2 && texts.every((t) => t.endsWith("\n")) && ours.sort();
  });
  // One file per language written, none for the two nobody translated.
  assert.deepEqual(files, ["comision-de-prueba-del-formulario.en.md", "comision-de-prueba-del-formulario.es.md"]);
  const es = await readFile(join(dir, files[1]), "utf8");
  const en = await readFile(join(dir, files[0]), "utf8");
  for (const [name, text] of [["es", es], ["en", en]]) {
    assert.match(text, /^\+\+\+\n/, `${name}: TOML front matter`);
    // Rule "never invent": a field left empty is not in the file.
    assert.doesNotMatch(text, /= *(""|\[\s*\]|\{\s*\})/, `${name}: an empty value was written:\n${text}`);
    assert.match(text, /^kind = "authority"$/m, name);
    assert.match(text, /^role = "coordinating-body"$/m, name);
    assert.match(text, /^country = "PE"$/m, name);
    assert.match(text, /^phones = \[ ?"\+51 1 234 5678" ?\]$/m, name);
    assert.match(text, /^source = "https:\/\/www\.gob\.pe\/mininter"$/m, name);
    assert.match(text, /^last_verified = 2025-01-02$/m, `${name}: the date as a TOML date`);
    assert.doesNotMatch(text, /legal_basis|address|emails|website|languages/, `${name}: a field left empty is in the file`);
  }
  assert.match(es, /^institution = "Comisión de Prueba del Formulario"$/m);
  assert.match(es, /\n\+\+\+\n\nTexto de prueba escrito en el formulario\.\n$/);
  assert.match(en, /^institution = "Form Test Commission"$/m);
  assert.match(en, /\n\+\+\+\n\nTest text written in the form\.\n$/);

  const check = await run(FARO, ["--root", env.root, "check"]);
  assert.equal(check.code, 0, check.output);
  assert.match(check.output, /\b0 error\(s\)/, check.output);

  // faro serve rebuilt the site from the new files: the entry is on the directory
  // page, has its pages in both languages, and is in the open data.
  const directory = await eventually("the directory page listing the entry", async () => {
    const html = await (await fetch(`${env.origin}/es/directory/`)).text();
    return html.includes("Comisión de Prueba del Formulario") && html;
  });
  assert.match(directory, /href="\/es\/directory\/pe\/comision-de-prueba-del-formulario\/"/);
  const enPage = await (await fetch(`${env.origin}/en/directory/pe/comision-de-prueba-del-formulario/`)).text();
  assert.match(enPage, /<h1[^>]*>Form Test Commission<\/h1>/);
  const data = await eventually("/data/directory.json with the entry", async () => {
    const json = await (await fetch(`${env.origin}/data/directory.json`)).text();
    return json.includes("Comisión de Prueba del Formulario") && json;
  });
  assert.ok(JSON.parse(data), "directory.json is JSON");
  if (SHOTS) {
    await page.goto(`${env.origin}/admin/?lang=es#/collections/authority`);
    await page.getByText("Comisión de Prueba del Formulario").first().waitFor();
    await shot(page, "admin-list");
  }

  assert.deepEqual(page.errors, []);
  assertNothingFromElsewhere(page);
  await page.context().close();
});

test("a malformed phone and a future verification date: the form refuses to save and says why", async () => {
  const before = await authorityFiles();
  const page = await openForm("es");
  await page.getByRole("button", { name: "Iniciar sesión" }).click();
  await page.goto(`${env.origin}/admin/?lang=es#/collections/authority/new`);

  await field(page, "institution").fill("Institución Que No Debe Guardarse");
  await choose(page, "role", "Autoridad", /Autoridad nacional/);
  await choose(page, "country", "Per", /Perú/);
  await field(page, "source").fill("https://www.gob.pe/mininter");
  await addItem(page, "phones", "12-34");
  const date = field(page, "last_verified");
  // The date picker stops at today (`max`); typing can still go past it.
  const today = await date.getAttribute("max");
  assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
  const future = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  await date.fill(future);

  await publish(page);

  // Decap lists each field's problem under it: the phone's pattern, and the date's
  // message from faro-admin.js, in the interface language.
  await page.getByText("La fecha no puede ser posterior a hoy.").first().waitFor();
  await page.getByText(/no coincide con el patrón/).first().waitFor();
  // The save was refused before any request to write: nothing new on disk.
  assert.deepEqual(await authorityFiles(), before);
  assert.ok(
    !(await readdir(join(env.root, "content/directory/pe"))).some((n) => n.startsWith("institucion-que-no-debe-guardarse")),
  );

  // Decap's persistEntry refuses by returning Promise.reject() with no reason, which
  // the browser reports as an uncaught "undefined"; anything else is a fault.
  assert.deepEqual(page.errors.filter((e) => e !== "undefined"), []);
  assertNothingFromElsewhere(page);
  await page.context().close();
});

test("the preview shows an entry as its page does, with the site's stylesheet and the form's labels", async () => {
  const page = await openForm("es");
  await page.getByRole("button", { name: "Iniciar sesión" }).click();
  await page.goto(`${env.origin}/admin/?lang=es#/collections/authority/entries/pe/mininter`);
  await field(page, "institution").waitFor();
  // Decap shows the translation beside the original; the preview takes its place.
  await page.getByTitle("Toggle i18n").click();
  await page.getByTitle("Toggle preview").click();
  const preview = page.frameLocator("#preview-pane");
  await assertText(preview.locator("article h1"), "Ministerio del Interior (MININTER)");
  const facts = await preview.locator("dl.facts").evaluate((dl) =>
    [...dl.querySelectorAll("dt")].map((dt) => [dt.textContent, dt.nextElementSibling.textContent]),
  );
  assert.deepEqual(facts.slice(0, 2), [
    ["Función", "Autoridad nacional"],
    ["País", "Perú"],
  ]);
  assert.deepEqual(facts.at(-1), ["Última verificación", "nunca"]);
  const stylesheet = await page.evaluate(() => document.body.dataset.stylesheet);
  assert.equal(await preview.locator(`link[rel="stylesheet"][href="${stylesheet}"]`).count(), 1);
  assert.deepEqual(page.errors, []);
  assertNothingFromElsewhere(page);
  await page.context().close();
});

/** Waits until `locator` shows `text`. */
async function assertText(locator, text) {
  await locator.filter({ hasText: text }).first().waitFor();
  assert.equal((await locator.first().textContent()).trim(), text);
}

test("faro serve does not live-reload the form, which would lose what an editor typed", async () => {
  // Every save through the form changes content/, so faro serve rebuilds and tells
  // open pages to reload; for the form that means losing the entry being edited.
  const html = await (await fetch(`${env.origin}/admin/`)).text();
  assert.match(html, /decap-cms\.js/, "the form's page");
  assert.doesNotMatch(html, /\/__faro\//, "/admin/ loads faro serve's reload script");
});
