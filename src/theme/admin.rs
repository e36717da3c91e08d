//! The scripts of the editors' form at `/admin/`: ours (`admin/faro-admin.js`), and
//! the npm packages that `npm ci --prefix themes/<theme>/admin` installs from the
//! lockfile: Decap CMS, and smol-toml, which reads and writes the entries' TOML front
//! matter in the browser. Without that install the form says how to get it, and the
//! rest of the site is built as ever.

use std::path::{Path, PathBuf};

use super::{fingerprinted, site_path};
use crate::diagnostic::{codes, Diagnostic};
use crate::outputs::OutputFile;

/// One script `/admin/` loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    /// Its site path.
    pub src: String,
    /// Loaded as a JavaScript module (`type="module"`), which may `import`.
    pub module: bool,
}

/// What `/admin/` loads, and the files to write for it.
#[derive(Debug, Clone, Default)]
pub struct AdminScripts {
    /// Files to write under `admin/`.
    pub files: Vec<OutputFile>,
    /// The scripts, in the order they run: every one is deferred, and deferred scripts
    /// and modules run in document order (ours first: it asks Decap to wait for the
    /// configuration it fetches).
    pub scripts: Vec<Script>,
    /// The Decap CMS version, when every package is installed.
    pub cms_version: Option<String>,
}

/// An npm package the form loads from `node_modules/<name>/dist/`.
struct Package {
    name: &'static str,
    /// Which files of `dist/` the browser may ask for (no source maps).
    keep: fn(&str) -> bool,
}

/// smol-toml, a TOML 1.0 reader and writer, as ES modules.
const SMOL_TOML: Package = Package {
    name: "smol-toml",
    keep: |file| file.ends_with(".js"),
};

/// Decap's bundle: its entry script and the chunks it loads.
const DECAP: Package = Package {
    name: "decap-cms",
    keep: |file| file == "decap-cms.js" || file.ends_with(".decap-cms.js"),
};

impl AdminScripts {
    /// Reads the form's scripts from `admin_dir`, the theme's `admin/` folder.
    pub fn load(root: &Path, admin_dir: &Path) -> Result<AdminScripts, Diagnostic> {
        let mut admin = AdminScripts::default();
        let ours = admin_dir.join("faro-admin.js");
        if root.join(&ours).is_file() {
            let bytes = read(root, &ours)?;
            let path = Path::new("admin").join(fingerprinted(Path::new("faro-admin.js"), &bytes));
            admin.push(path, bytes, false);
        }
        let (Some(toml), Some(decap)) = (
            installed(root, admin_dir, &SMOL_TOML)?,
            installed(root, admin_dir, &DECAP)?,
        ) else {
            return Ok(admin);
        };
        admin.files.extend(toml.files);
        admin.files.extend(decap.files);
        // A module of ours makes smol-toml a global of the page, for faro-admin.js (a
        // plain script, which cannot import).
        let glue = format!(
            "// Written by faro build: smol-toml for faro-admin.js.\nimport {{ parse, stringify, TomlDate }} from \"{}/index.js\";\nwindow.faroToml = {{ parse, stringify, TomlDate }};\n",
            site_path(&toml.folder)
        );
        let path = Path::new("admin").join(fingerprinted(Path::new("toml.js"), glue.as_bytes()));
        admin.push(path, glue.into_bytes(), true);
        admin.scripts.push(Script {
            src: site_path(&decap.folder.join("decap-cms.js")),
            module: false,
        });
        admin.cms_version = Some(decap.version);
        Ok(admin)
    }

    fn push(&mut self, path: PathBuf, bytes: Vec<u8>, module: bool) {
        self.scripts.push(Script {
            src: site_path(&path),
            module,
        });
        self.files.push(OutputFile { path, bytes });
    }
}

/// An installed package, as the site serves it.
struct Installed {
    /// The folder its files go to, named with its version so that an upgrade never
    /// meets a cached copy.
    folder: PathBuf,
    version: String,
    files: Vec<OutputFile>,
}

/// `package`, if `npm ci` installed it.
fn installed(
    root: &Path,
    admin_dir: &Path,
    package: &Package,
) -> Result<Option<Installed>, Diagnostic> {
    let dir = admin_dir.join("node_modules").join(package.name);
    let version = std::fs::read_to_string(root.join(dir.join("package.json")))
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|json| json.get("version")?.as_str().map(str::to_string));
    let Some(version) = version else {
        return Ok(None);
    };
    let dist = dir.join("dist");
    let Ok(listing) = std::fs::read_dir(root.join(&dist)) else {
        return Ok(None);
    };
    let mut names: Vec<String> = listing
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| (package.keep)(name))
        .collect();
    names.sort();
    let folder = Path::new("admin").join(format!("{}-{version}", package.name));
    let mut files = Vec::new();
    for name in names {
        files.push(OutputFile {
            path: folder.join(&name),
            bytes: read(root, &dist.join(&name))?,
        });
    }
    Ok(Some(Installed {
        folder,
        version,
        files,
    }))
}

fn read(root: &Path, path: &Path) -> Result<Vec<u8>, Diagnostic> {
    std::fs::read(root.join(path))
        .map_err(|e| Diagnostic::error(codes::IO, path, 1, 1, format!("cannot read: {e}")))
}
