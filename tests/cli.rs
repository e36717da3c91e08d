//! The `faro` command as an editor runs it: help, exit codes, formats, and `serve`.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

fn faro() -> Command {
    Command::new(env!("CARGO_BIN_EXE_faro"))
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["build", "serve", "check", "search", "new"] {
        let out = faro().args([sub, "--help"]).output().unwrap();
        assert!(out.status.success(), "{sub} --help failed");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage: faro"),
            "{sub}"
        );
    }
}

#[test]
fn build_prints_one_summary_line_and_check_formats_for_ci() {
    let site = fixture_site("basic");
    let out = faro()
        .arg("--root")
        .arg(site.path())
        .arg("build")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("es 4, en 4, pt 0, fr 0"), "{stdout}");

    std::fs::write(
        site.path().join("content/about.en.md"),
        "+++\ntitle = 3\n+++\n",
    )
    .unwrap();
    let out = faro()
        .arg("--root")
        .arg(site.path())
        .arg("build")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("content/about.en.md:2:9: error[bad-value]"),
        "{stderr}"
    );

    let out = faro()
        .arg("--root")
        .arg(site.path())
        .args(["check", "--format", "github"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout)
        .starts_with("::error file=content/about.en.md,line=2,col=9,title=bad-value::"));

    let out = faro()
        .arg("--root")
        .arg(site.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["code"], "bad-value");
    assert_eq!(json[0]["line"], 2);
}

/// GET `path` from 127.0.0.1:`port`; the head (status line and headers) and body.
fn get(port: u16, path: &str) -> Option<(String, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let (head, body) = response.split_once("\r\n\r\n")?;
    Some((head.to_string(), body.to_string()))
}

/// Polls until `condition` holds for the page, for at most 20 s.
fn wait_for(port: u16, path: &str, condition: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        if let Some((_, body)) = get(port, path) {
            if condition(&body) {
                return body;
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "timed out waiting on {path}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serve_rebuilds_on_change_shows_errors_in_the_browser_and_keeps_running() {
    let site = fixture_site("basic");
    std::fs::copy(
        repo().join("netlify.toml"),
        site.path().join("netlify.toml"),
    )
    .unwrap();
    let port = 18000 + (std::process::id() % 1000) as u16;
    let mut child = faro()
        .arg("--root")
        .arg(site.path())
        .args(["serve", "--port", &port.to_string()])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || for _ in BufReader::new(stderr).lines() {});

    let page = wait_for(port, "/en/guide/first/", |b| b.contains("First page"));
    assert!(page.contains("/__faro/reload.js"), "no reload script");
    let (status, _) = get(port, "/en/nowhere/").unwrap();
    assert!(status.lines().next().unwrap().contains("404"), "{status}");
    // The headers Netlify will send, so that what the policy forbids fails here first;
    // the editors' form alone gets its looser policy.
    let (head, _) = get(port, "/en/guide/first/").unwrap();
    assert!(
        head.contains("Content-Security-Policy: default-src 'self'; script-src 'self';"),
        "{head}"
    );
    let (head, _) = get(port, "/admin/").unwrap();
    assert!(
        head.contains("'unsafe-eval'") && head.contains("X-Robots-Tag: noindex"),
        "{head}"
    );

    let file = site.path().join("content/guide/first.en.md");
    std::fs::write(&file, "+++\ntitle = \"Edited page\"\n+++\nNew text.\n").unwrap();
    wait_for(port, "/en/guide/first/", |b| b.contains("Edited page"));

    std::fs::write(&file, "+++\ntitle = \"Broken\n+++\n").unwrap();
    let page = wait_for(port, "/en/guide/first/", |b| b.contains("role=\"alert\""));
    assert!(
        page.contains("content/guide/first.en.md:2:"),
        "diagnostic not shown"
    );
    assert!(page.contains("Edited page"), "last good page not kept");

    std::fs::write(&file, "+++\ntitle = \"Fixed\"\n+++\n").unwrap();
    let page = wait_for(port, "/en/guide/first/", |b| b.contains("Fixed"));
    assert!(!page.contains("role=\"alert\""));
    child.kill().unwrap();
    child.wait().unwrap();
}
