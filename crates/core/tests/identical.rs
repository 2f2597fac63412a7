//! The whole report of every hostile input and every fuzz seed, pinned by a hash of its JSON.
//!
//! The fixtures pin their reports in `fixtures/**/*.json`; these inputs are too large or too
//! odd for readable snapshots, so `identical.tsv` holds, per input, the FNV-1a hash of the
//! report's JSON. A change to the analysis that changes any report fails here and names the
//! inputs, which is how a rebuild of the core proves it changed nothing (issue 10), and how a
//! deliberate change shows its reach. `UPDATE_EXPECT=1` rewrites the file.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

mod common;

/// FNV-1a over whatever is written into it: the JSON is streamed, never held.
struct Fnv(u64);

impl Write for Fnv {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn hash(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let report = hopscope_core::analyze(&text);
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    serde_json::to_writer(&mut h, &report).expect("serialisable");
    format!("{:016x}", h.0)
}

fn seeds() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut out = Vec::new();
    for dir in [
        "corpus/analyze_bytes",
        "corpus/analyze_headers",
        "regressions/analyze_bytes",
        "regressions/analyze_headers",
    ] {
        let Ok(entries) = fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for path in files {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            out.push((
                format!("fuzz/{dir}/{name}"),
                fs::read(&path).expect("readable"),
            ));
        }
    }
    out
}

#[test]
fn every_hostile_and_seed_report_is_unchanged() {
    let inputs: Vec<(String, Vec<u8>)> = common::hostile::all()
        .into_iter()
        .map(|(name, bytes)| (format!("hostile/{name}"), bytes))
        .chain(seeds())
        .collect();
    assert!(inputs.len() > 40, "inputs found: {}", inputs.len());
    let actual: BTreeMap<String, String> = inputs
        .iter()
        .map(|(name, bytes)| (name.clone(), hash(bytes)))
        .collect();

    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/identical.tsv");
    let write = |map: &BTreeMap<String, String>| {
        let mut text = String::from("# input\tFNV-1a of its report's JSON (UPDATE_EXPECT=1 cargo test -p hopscope-core --test identical)\n");
        for (name, h) in map {
            text.push_str(&format!("{name}\t{h}\n"));
        }
        fs::write(&file, text).expect("writable");
    };
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        write(&actual);
        return;
    }
    let expected: BTreeMap<String, String> = fs::read_to_string(&file)
        .expect("tests/identical.tsv exists (UPDATE_EXPECT=1 to create it)")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect();
    let differing: Vec<&String> = actual
        .iter()
        .filter(|(name, h)| expected.get(*name) != Some(h))
        .map(|(name, _)| name)
        .chain(expected.keys().filter(|name| !actual.contains_key(*name)))
        .collect();
    println!("{} reports compared", actual.len());
    assert!(
        differing.is_empty(),
        "{} of {} reports changed (UPDATE_EXPECT=1 to bless): {differing:?}",
        differing.len(),
        actual.len()
    );
}
