//! The `faro` command line: the only place that uses `anyhow` and exits the process.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use faro::config::Config;
use faro::diagnostic::{codes, format_all, Format, Severity};
use faro::model::catalog::to_date;
use faro::model::values::Date;
use faro::model::Lang;
use faro::pipeline::{self, BuildOptions};
use faro::search::query::{format_hits, Request, Searcher};
use faro::{edition, scaffold};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// faro builds the OAS Knowledge Platform on Trafficking in Persons: a multilingual
/// static site with full-text search, from Markdown files with TOML front matter.
#[derive(Parser)]
#[command(name = "faro", version, about)]
struct Cli {
    /// The site root: the folder that holds config.toml.
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output directory, replacing it only if all went well.
    Build {
        /// Write here instead of config.toml's output_dir.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Use this base URL (e.g. a deploy preview's) instead of config.toml's.
        #[arg(long)]
        base_url: Option<String>,
        /// Print how long each stage takes.
        #[arg(long)]
        timings: bool,
    },
    /// Build, serve on 127.0.0.1, rebuild on change and reload open pages.
    Serve {
        /// The port to listen on.
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
    },
    /// Validate everything a build would, write nothing, report every problem.
    Check {
        /// How to print problems.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Fail on warnings with this code (repeatable), e.g. `--deny todo` so that no
        /// placeholder is published.
        #[arg(long, value_name = "CODE")]
        deny: Vec<String>,
    },
    /// Query the search index of the last build: ranked results with snippets.
    Search {
        /// The words to look for; "directriz 99" or "2021-2026 99" names an item.
        query: String,
        /// The language to search in.
        #[arg(long)]
        lang: Option<String>,
        /// Only results of this kind (directive, mandate, practice …).
        #[arg(long)]
        kind: Option<String>,
        /// How many results.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Match the last word as a prefix, as the search box does while typing.
        #[arg(long)]
        prefix: bool,
    },
    /// Write a new content file with every field of its kind, present or commented out,
    /// and print its path. Never overwrites.
    ///
    /// Example: faro new authority --country PE --lang es --role contact-point "Name".
    /// Values faro cannot know are TODO placeholders: `faro check` warns about them.
    New(scaffold::Request),
    /// Freeze a listing as it stands into its yearly edition, a file to commit and
    /// publish (the III Plan's mandate 8: the Regional Directory, every year). Never
    /// overwrites: a published edition does not change.
    ///
    /// Example: faro edition directory --year 2026.
    Edition {
        /// The listing, by the name of its open data: `directory`.
        listing: String,
        /// The year it is the edition of.
        #[arg(long)]
        year: i32,
        /// The day its entries are taken on (YYYY-MM-DD); today when not given.
        #[arg(long)]
        date: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let options = BuildOptions {
        root: cli.root.clone(),
        progress: true,
        ..Default::default()
    };
    match cli.command {
        Command::Build {
            output,
            base_url,
            timings,
        } => {
            let options = BuildOptions {
                output,
                base_url,
                timings,
                ..options
            };
            match pipeline::build_keeping(&options) {
                Ok((report, built)) => {
                    eprint!("{}", format_all(&report.warnings, Format::Human));
                    println!("{}", report.summary());
                    // The process ends now and the system takes its memory back at
                    // once; freeing the site piece by piece (every page's parsed body)
                    // took 30-50 ms at 10,000 pages.
                    std::mem::forget(built);
                    Ok(ExitCode::SUCCESS)
                }
                Err(diagnostics) => {
                    eprint!("{}", format_all(&diagnostics, Format::Human));
                    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                    eprintln!(
                        "build failed with {errors} error(s); the previous output is untouched"
                    );
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        Command::Serve { port } => {
            let config = Config::load(&cli.root).map_err(|d| anyhow::anyhow!("{d}"))?;
            let output = pipeline::output_dir(&options, &config);
            faro::serve::serve(options, port, output)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check {
            format,
            deny_warnings,
            deny,
        } => {
            let options = BuildOptions {
                progress: false,
                ..options
            };
            if let Some(unknown) = deny.iter().find(|c| !codes::ALL.contains(&c.as_str())) {
                eprintln!(
                    "error: `{unknown}` is not a diagnostic code; codes: {}",
                    codes::ALL.join(", ")
                );
                return Ok(ExitCode::from(2));
            }
            let mut diagnostics = pipeline::check(&options);
            // Summaries (info) come after the problems to fix.
            diagnostics.sort_by_key(|d| d.severity == Severity::Info);
            print!("{}", format_all(&diagnostics, format));
            let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
            let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
            if format == Format::Human {
                eprintln!(
                    "{errors} error(s), {warnings} warning(s), {} note(s)",
                    count(Severity::Info)
                );
            }
            let denied = diagnostics
                .iter()
                .any(|d| d.severity == Severity::Warning && deny.iter().any(|c| c == d.code));
            let failed = errors > 0 || (deny_warnings && warnings > 0) || denied;
            Ok(if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Search {
            query,
            lang,
            kind,
            limit,
            json,
            prefix,
        } => {
            let config = Config::load(&cli.root).map_err(|d| anyhow::anyhow!("{d}"))?;
            let lang = Lang(lang.unwrap_or_else(|| config.default_language.to_string()));
            if config.language(&lang).is_none() {
                anyhow::bail!("`{lang}` is not a language of this site");
            }
            let searcher = Searcher::open(&cli.root, &lang)?;
            let request = Request {
                query: &query,
                kind: kind.as_deref(),
                limit,
                typing: prefix,
            };
            let hits = searcher.search(&request)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&hits)?);
            } else if std::io::stdout().is_terminal() {
                print!("{}", format_hits(&hits, "\x1b[1m", "\x1b[0m"));
            } else {
                print!("{}", format_hits(&hits, "", ""));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::New(request) => match scaffold::create(&cli.root, &request, &Default::default()) {
            Ok(path) => {
                println!("{}", path.display());
                Ok(ExitCode::SUCCESS)
            }
            Err(refusal) => {
                eprintln!("{refusal}");
                Ok(ExitCode::FAILURE)
            }
        },
        Command::Edition {
            listing,
            year,
            date,
        } => {
            let date = match date {
                Some(text) => {
                    let parsed = text.parse::<toml::value::Datetime>().ok();
                    let day = parsed
                        .filter(|d| d.date.is_some() && d.time.is_none())
                        .map(Date);
                    let Some(day) = day.filter(|d| to_date(d).is_some()) else {
                        anyhow::bail!("--date {text}: write a day as YYYY-MM-DD");
                    };
                    Some(day)
                }
                None => None,
            };
            let options = BuildOptions {
                progress: false,
                build_date: date.as_ref().and_then(to_date),
                ..options
            };
            let (_, site) = match pipeline::linked(&options) {
                Ok(linked) => linked,
                Err(diagnostics) => {
                    eprint!("{}", format_all(&diagnostics, Format::Human));
                    eprintln!("no edition written: fix these first, an edition freezes what the site holds");
                    return Ok(ExitCode::FAILURE);
                }
            };
            let day = date.unwrap_or_else(|| Date::from(options.today()));
            match edition::freeze(&cli.root, &site, &listing, year, day) {
                Ok(path) => {
                    println!("{}", path.display());
                    Ok(ExitCode::SUCCESS)
                }
                Err(refusal) => {
                    eprintln!("{refusal}");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
    }
}
