//! README's DuckDB example ("Archive-scale questions"), run for real: the JSON Lines of
//! `hopscope analyze --mbox` for a mailbox of every fixture message, queried with the `duckdb`
//! Python package. Skipped, saying so, when that package is not installed (`pip install duckdb`;
//! `HOPSCOPE_PYTHON` picks the interpreter, default `python3`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

mod support;

const BIN: &str = env!("CARGO_BIN_EXE_hopscope");

fn python() -> String {
    std::env::var("HOPSCOPE_PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// The SQL blocks between README's `duckdb-example` markers.
fn readme_queries() -> Vec<String> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
            .unwrap();
    let start = readme
        .find("<!-- duckdb-example")
        .expect("README marks its DuckDB example");
    let end = readme.find("<!-- /duckdb-example -->").unwrap();
    readme[start..end]
        .split("```sql\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap().to_owned())
        .collect()
}

/// Every fixture message in one mbox.
fn fixture_mbox() -> Vec<u8> {
    let mut mbox = Vec::new();
    for path in support::fixture_emls() {
        mbox.extend_from_slice(b"From x@example Mon Jan  1 00:00:00 2024\n");
        mbox.extend(std::fs::read(path).unwrap());
        mbox.push(b'\n');
    }
    mbox
}

/// Runs each query with DuckDB in `dir`; the rows of each, as JSON arrays of strings.
const RUNNER: &str = r#"
import json, sys, duckdb
queries = json.load(sys.stdin)
con = duckdb.connect()
out = []
for q in queries:
    statements = [s for s in q.split(";") if s.strip()]
    for s in statements[:-1]:
        con.execute(s)
    out.append([[None if v is None else str(v) for v in row] for row in con.sql(statements[-1]).fetchall()])
print(json.dumps(out))
"#;

#[test]
fn readme_duckdb_example_runs_on_analyze_json_lines() {
    let has_duckdb = Command::new(python())
        .args(["-c", "import duckdb"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has_duckdb {
        println!(
            "skipped: the duckdb Python package is not installed for {} (pip install duckdb); \
             this test runs README's DuckDB example",
            python()
        );
        return;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("duckdb-example");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mbox = dir.join("archive.mbox");
    std::fs::write(&mbox, fixture_mbox()).unwrap();
    let out = Command::new(BIN)
        .args([
            "analyze",
            "--mbox",
            mbox.to_str().unwrap(),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    std::fs::write(dir.join("reports.jsonl"), &out.stdout).unwrap();
    std::fs::write(
        dir.join("partners.csv"),
        "domain,partner\nexample.com,Example Corp\nexample.org,Example Org\n",
    )
    .unwrap();
    let reports: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let count = |pred: &dyn Fn(&Value) -> bool| reports.iter().filter(|r| pred(r)).count() as u64;

    let queries = readme_queries();
    assert_eq!(queries.len(), 3, "README's three DuckDB queries");
    let mut child = Command::new(python())
        .args(["-c", RUNNER])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    serde_json::to_writer(child.stdin.take().unwrap(), &queries).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "DuckDB ran every README query");
    let results: Vec<Vec<Vec<Option<String>>>> = serde_json::from_slice(&out.stdout).unwrap();
    let number = |v: &Option<String>| v.as_deref().unwrap().parse::<u64>().unwrap();

    // Per recipient: every message counted once, the exposed ones as the reports say.
    let per_recipient = &results[0];
    assert_eq!(
        per_recipient.iter().map(|r| number(&r[1])).sum::<u64>(),
        reports.len() as u64
    );
    assert_eq!(
        per_recipient.iter().map(|r| number(&r[2])).sum::<u64>(),
        count(&|r| r["summary"]["overall"] == "exposed")
    );
    // Per day: every hop counted once, the plaintext ones as the reports say.
    let per_day = &results[1];
    let hops: u64 = reports
        .iter()
        .map(|r| r["summary"]["hops"].as_u64().unwrap())
        .sum();
    let plaintext: u64 = reports
        .iter()
        .map(|r| r["summary"]["plaintext"].as_u64().unwrap())
        .sum();
    assert_eq!(per_day.iter().map(|r| number(&r[1])).sum::<u64>(), hops);
    assert_eq!(
        per_day.iter().map(|r| number(&r[2])).sum::<u64>(),
        plaintext
    );
    assert!(per_day
        .iter()
        .any(|r| r[0].as_deref().is_some_and(|d| d.len() == 10)));
    // Joined with the partners: the messages from example.org.
    let joined = &results[2];
    let org = joined
        .iter()
        .find(|r| r[0].as_deref() == Some("Example Org"))
        .expect("a row for Example Org");
    assert_eq!(
        number(&org[1]),
        count(&|r| r["message"]["from"]
            .as_str()
            .is_some_and(|f| f.to_ascii_lowercase().contains("@example.org")))
    );
}
