//! Runs every fixture under `tests/fixtures/`: each `NAME.eml` with LF and with CRLF line
//! endings, checked against the hand-written `NAME.expect` (verdicts, scopes, TLS details) and
//! the blessed full report `NAME.json`.
//!
//! `UPDATE_EXPECT=1 cargo test -p hopscope-core --test fixtures` rewrites the `.json` snapshots
//! (never the hand-written `.expect` files). A failing case writes `NAME.actual.json` beside
//! the fixture, so `diff NAME.json NAME.actual.json` shows what changed.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use hopscope_core::{analyze, CertCheck, Hop, Report};

mod common;
use common::names::enum_name;
use serde_json::Value;

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).expect("fixtures directory is readable") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "eml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// One `.expect` line: `<index> <verdict> <scope> [key=value ...]`.
fn parse_expect(text: &str) -> Vec<(u32, String, String, BTreeMap<String, String>)> {
    let mut out = Vec::new();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (head, mut rest) = split3(line);
        let mut keys = BTreeMap::new();
        while !rest.is_empty() {
            let (k, after) = rest
                .split_once('=')
                .unwrap_or_else(|| panic!("bad key in {line:?}"));
            let (v, after) = if let Some(q) = after.strip_prefix('"') {
                let end = q.find('"').expect("closing quote");
                (&q[..end], q[end + 1..].trim_start())
            } else {
                after
                    .split_once(' ')
                    .map_or((after, ""), |(v, a)| (v, a.trim_start()))
            };
            keys.insert(k.to_string(), v.to_string());
            rest = after;
        }
        out.push((
            head.0.parse().expect("hop index"),
            head.1.to_string(),
            head.2.to_string(),
            keys,
        ));
    }
    out
}

fn split3(line: &str) -> ((&str, &str, &str), &str) {
    let mut it = line.splitn(4, ' ');
    let a = it.next().unwrap_or("");
    let b = it.next().unwrap_or("");
    let c = it.next().unwrap_or("");
    ((a, b, c), it.next().unwrap_or(""))
}

/// The hop as an `.expect` line would describe it, restricted to the keys that line compares.
fn describe(hop: &Hop, keys: &BTreeMap<String, String>) -> String {
    let tls = hop.tls.clone().unwrap_or_default();
    let cert = tls.peer_certificate.map(|c| match c {
        CertCheck::Verified => "verified".to_string(),
        CertCheck::NotVerified => "not-verified".to_string(),
        CertCheck::None => "none".to_string(),
    });
    let mut fields: Vec<(&str, Option<String>)> = vec![
        ("version", tls.version.as_deref().map(str::to_owned)),
        ("cipher", tls.cipher_iana.as_deref().map(str::to_owned)),
        ("bits", tls.bits.map(|b| b.to_string())),
    ];
    if keys.contains_key("kex") {
        fields.push(("kex", tls.key_exchange.as_deref().map(str::to_owned)));
    }
    fields.push(("cert", cert));
    fields.push(("grade", hop.grade.as_ref().map(enum_name)));
    if keys.contains_key("protocol") {
        fields.push(("protocol", hop.protocol.as_deref().map(str::to_owned)));
    }
    let mut s = format!(
        "{} {} {}",
        hop.index,
        enum_name(&hop.verdict),
        enum_name(&hop.scope)
    );
    for (k, v) in fields {
        if let Some(v) = v {
            s.push_str(&format!(" {k}={v}"));
        }
    }
    s
}

fn expected_line(
    index: u32,
    verdict: &str,
    scope: &str,
    keys: &BTreeMap<String, String>,
) -> String {
    let mut s = format!("{index} {verdict} {scope}");
    for k in [
        "version", "cipher", "bits", "kex", "cert", "grade", "protocol",
    ] {
        if let Some(v) = keys.get(k) {
            s.push_str(&format!(" {k}={v}"));
        }
    }
    s
}

/// The report with byte offsets removed and CRLF folded to LF: what must not depend on the
/// input's line endings.
fn line_ending_independent(report: &Report) -> Value {
    fn walk(v: &mut Value) {
        match v {
            Value::Object(map) => {
                map.retain(|k, _| !matches!(k.as_str(), "start" | "end" | "raw_start"));
                map.values_mut().for_each(walk);
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            Value::String(s) => *s = s.replace("\r\n", "\n"),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(report).unwrap();
    walk(&mut v);
    v
}

fn check_spans(input: &str, report: &Report, name: &str) {
    // A report about a message found inside the input refers to that message's text.
    let input = &*hopscope_core::part_text(input, report.part);
    for hop in &report.hops {
        assert_eq!(
            &input[hop.raw_start..hop.raw_start + hop.raw.len()],
            hop.raw,
            "{name}: raw"
        );
        for e in hop
            .evidence
            .iter()
            .chain(std::iter::once(&hop.scope_evidence))
        {
            assert_eq!(
                &input[e.start..e.end],
                e.text,
                "{name}: evidence {}",
                e.rule
            );
        }
    }
}

#[test]
fn fixtures_match_expectations() {
    let bless = std::env::var_os("UPDATE_EXPECT").is_some();
    let files = fixtures();
    let mut failures = Vec::new();
    let mut cases = 0;
    for eml in &files {
        let name = eml
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap_or(eml)
            .display()
            .to_string();
        let lf = fs::read_to_string(eml)
            .expect("fixture is UTF-8")
            .replace("\r\n", "\n");
        let crlf = lf.replace('\n', "\r\n");
        let expect = parse_expect(
            &fs::read_to_string(eml.with_extension("expect"))
                .unwrap_or_else(|_| panic!("{name}: missing .expect")),
        );

        let report = analyze(&lf);
        let report_crlf = analyze(&crlf);
        cases += 2;
        check_spans(&lf, &report, &name);
        check_spans(&crlf, &report_crlf, &name);
        hopscope_core::check_invariants(&lf, &report);
        hopscope_core::check_invariants(&crlf, &report_crlf);

        let mut problems = Vec::new();
        if report.hops.len() != expect.len() {
            problems.push(format!(
                "{} hops, expected {}",
                report.hops.len(),
                expect.len()
            ));
        }
        for ((index, verdict, scope, keys), hop) in expect.iter().zip(&report.hops) {
            let want = expected_line(*index, verdict, scope, keys);
            let got = describe(hop, keys);
            if want != got {
                problems.push(format!("\n  want {want}\n  got  {got}"));
            }
        }
        if line_ending_independent(&report) != line_ending_independent(&report_crlf) {
            problems.push("the CRLF version gives a different report".into());
        }

        let json = serde_json::to_string_pretty(&report).unwrap() + "\n";
        let snapshot = eml.with_extension("json");
        if bless {
            fs::write(&snapshot, &json).unwrap();
        } else {
            match fs::read_to_string(&snapshot) {
                Ok(s) if s == json => {}
                Ok(_) => problems.push(format!(
                    "report differs from {} (UPDATE_EXPECT=1 to bless)",
                    snapshot.display()
                )),
                Err(_) => problems.push(format!(
                    "no snapshot {} (UPDATE_EXPECT=1 to bless)",
                    snapshot.display()
                )),
            }
        }
        let actual = eml.with_extension("actual.json");
        if problems.is_empty() {
            let _ = fs::remove_file(actual);
        } else {
            fs::write(actual, &json).unwrap();
            failures.push(format!("{name}: {}", problems.join("; ")));
        }
    }
    println!(
        "fixtures: {} files, {cases} cases (LF and CRLF)",
        files.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
    assert!(
        files.len() >= 30,
        "the fixture loader found only {} fixtures",
        files.len()
    );
}
