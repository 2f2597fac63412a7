//! The generalisation test of issue 14: every Received notation that real mail servers write
//! (`tests/notations.tsv`, surveyed from their source in `docs/NOTATIONS.md`) goes through
//! `hopscope_core::analyze`, and the hop must come out with the expected verdict, TLS version
//! (`hop.tls.version`), IANA cipher name (`hop.tls.cipher_iana`) and scope.
//!
//! The test prints how many rows are read right and every failing row with what was expected and
//! what came out, grouped by cause. It fails when any row fails.
//!
//! `NOTATIONS_REPORT_ONLY=1 cargo test -p hopscope-core --test notations` prints the same table
//! without failing (for measuring while the core is being reworked).

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::Path;

use hopscope_core::{analyze, Hop};

mod common;
use common::names::enum_name;

/// One row of `notations.tsv`.
struct Row {
    line_no: usize,
    id: String,
    server: String,
    situation: String,
    verdict: String,
    version: String,
    cipher: String,
    scope: String,
    header: String,
}

const COLUMNS: [&str; 9] = [
    "id",
    "server",
    "situation",
    "verdict",
    "version",
    "cipher_iana",
    "scope",
    "source",
    "received",
];

/// `\n` and `\t` in the `received` column stand for a line break and a tab (folding as the
/// server writes it); `\\` is a backslash.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn rows() -> Vec<Row> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/notations.tsv");
    let text = fs::read_to_string(&path).expect("tests/notations.tsv is readable");
    let mut out = Vec::new();
    let mut header_seen = false;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if !header_seen {
            assert_eq!(
                fields, COLUMNS,
                "notations.tsv: the first row names the columns"
            );
            header_seen = true;
            continue;
        }
        assert_eq!(
            fields.len(),
            COLUMNS.len(),
            "notations.tsv line {}: {} fields, expected {}",
            i + 1,
            fields.len(),
            COLUMNS.len()
        );
        let header = unescape(fields[8]);
        assert!(
            header.starts_with("Received:"),
            "notations.tsv line {}: the last column must be a whole Received header",
            i + 1
        );
        for (k, allowed) in [
            (3, &["encrypted", "plaintext", "unknown"][..]),
            (6, &["local", "internal", "external"][..]),
            (
                4,
                &["TLS1.3", "TLS1.2", "TLS1.1", "TLS1.0", "SSL3", "SSL2", "-"][..],
            ),
        ] {
            assert!(
                allowed.contains(&fields[k]),
                "notations.tsv line {}: {} {:?} is not one of {:?}",
                i + 1,
                COLUMNS[k],
                fields[k],
                allowed
            );
        }
        out.push(Row {
            line_no: i + 1,
            id: fields[0].to_string(),
            server: fields[1].to_string(),
            situation: fields[2].to_string(),
            verdict: fields[3].to_string(),
            version: fields[4].to_string(),
            cipher: fields[5].to_string(),
            scope: fields[6].to_string(),
            header,
        });
    }
    out
}

/// The row's header under a minimal header block, so that it is the only hop.
fn message(header: &str) -> String {
    format!(
        "{header}\nFrom: Alice <alice@example.com>\nTo: bob@example.net\nSubject: notation\n\
         Date: Sat, 5 Dec 2026 10:00:00 +0000\nMessage-ID: <notation@example.com>\n\nbody\n"
    )
}

fn dash(v: &Option<hopscope_core::Text>) -> String {
    v.as_deref().unwrap_or("-").to_string()
}

/// What came out, in the row's terms: (verdict, version, cipher, scope).
fn observed(hop: &Hop) -> [String; 4] {
    let tls = hop.tls.clone().unwrap_or_default();
    [
        enum_name(&hop.verdict),
        dash(&tls.version),
        dash(&tls.cipher_iana),
        enum_name(&hop.scope),
    ]
}

#[test]
fn every_surveyed_notation_reads_right() {
    let report_only = std::env::var("NOTATIONS_REPORT_ONLY").is_ok_and(|v| v == "1");
    let rows = rows();
    assert!(
        rows.len() >= 100,
        "only {} rows in notations.tsv",
        rows.len()
    );
    let mut ids = BTreeMap::new();
    for r in &rows {
        if let Some(prev) = ids.insert(r.id.clone(), r.line_no) {
            panic!(
                "notations.tsv: id {} on lines {prev} and {}",
                r.id, r.line_no
            );
        }
    }

    const CAUSES: [&str; 4] = ["verdict", "version", "cipher", "scope"];
    let mut by_cause: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut failing = Vec::new();
    for r in &rows {
        let input = message(&r.header);
        let report = analyze(&input);
        let want = [
            r.verdict.clone(),
            r.version.clone(),
            r.cipher.clone(),
            r.scope.clone(),
        ];
        let got = match report.hops.as_slice() {
            [hop] => observed(hop),
            hops => [
                format!("{} hops", hops.len()),
                "?".into(),
                "?".into(),
                "?".into(),
            ],
        };
        if want == got {
            continue;
        }
        let mut causes = Vec::new();
        for (i, cause) in CAUSES.iter().enumerate() {
            if want[i] != got[i] {
                causes.push(*cause);
                by_cause.entry(cause).or_default().push(r.id.clone());
            }
        }
        failing.push(format!(
            "{} ({} — {}, line {}) [{}]\n    want {}\n    got  {}\n    {}",
            r.id,
            r.server,
            r.situation,
            r.line_no,
            causes.join(", "),
            want.join(" | "),
            got.join(" | "),
            r.header.replace('\n', "\\n").replace('\t', "\\t"),
        ));
    }

    let passed = rows.len() - failing.len();
    let mut out = format!("notations: {passed} of {} rows read right\n", rows.len());
    if !failing.is_empty() {
        out.push_str("\nfailing rows (want/got: verdict | version | cipher | scope):\n");
        for f in &failing {
            out.push_str(&format!("  {f}\n"));
        }
        out.push_str("\nfailing rows by cause (a row can fail for several):\n");
        for (cause, ids) in &by_cause {
            out.push_str(&format!("  {cause} ({}): {}\n", ids.len(), ids.join(" ")));
        }
    }
    // Written past the test harness's output capture, so the table shows without --nocapture.
    let _ = std::io::stderr().write_all(out.as_bytes());
    if report_only {
        let _ =
            std::io::stderr().write_all(b"NOTATIONS_REPORT_ONLY=1: reporting only, not failing\n");
        return;
    }
    assert!(
        failing.is_empty(),
        "{} of {} notations are read wrong (the table is printed above)",
        failing.len(),
        rows.len()
    );
}
