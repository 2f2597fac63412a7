//! Replays every input the fuzzers ever found a problem with (`fuzz/regressions/<target>/`) and
//! the committed seed corpus (`fuzz/corpus/<target>/seed-*`), in the normal test run, with the
//! same checks the fuzz targets make. A crash found by `make fuzz` is copied into
//! `fuzz/regressions/<target>/` and stays here for good.

use std::fs;
use std::path::Path;

fn inputs(kind: &str, target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz")
        .join(kind)
        .join(target);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .filter(|p| {
            kind == "regressions"
                || p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("seed-"))
        })
        .map(|p| (p.display().to_string(), fs::read(&p).expect("readable")))
        .collect();
    out.sort();
    out
}

fn analyze_checked(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let report = hopscope_core::analyze(&text);
    hopscope_core::check_invariants(&text, &report);
}

#[test]
fn analysis_inputs_replay_cleanly() {
    let mut n = 0;
    for kind in ["regressions", "corpus"] {
        for target in ["analyze_bytes", "analyze_headers"] {
            for (name, bytes) in inputs(kind, target) {
                let result = std::panic::catch_unwind(|| analyze_checked(&bytes));
                assert!(result.is_ok(), "{name} fails again");
                n += 1;
            }
        }
    }
    assert!(n > 0, "no seed or regression input was found");
    println!("replayed {n} analysis inputs");
}

#[test]
fn share_inputs_replay_cleanly() {
    let none = hopscope_core::share::Redaction::NONE;
    let mut n = 0;
    for kind in ["regressions", "corpus"] {
        for (name, bytes) in inputs(kind, "share_decode") {
            let Ok(text) = std::str::from_utf8(&bytes) else {
                continue;
            };
            let result = std::panic::catch_unwind(|| {
                if let Ok(report) = hopscope_core::share::decode(text) {
                    let again = hopscope_core::share::encode(&report, none);
                    assert_eq!(
                        hopscope_core::share::decode(&again).ok(),
                        Some(hopscope_core::share::prepare(&report, none))
                    );
                }
                let _ = hopscope_core::share::decode(&format!("r1.{text}"));
                let _ = hopscope_core::share::decode(&format!("r2.{text}"));
                let _ = hopscope_core::share::decode_audit(text);
                let _ = hopscope_core::share::decode_audit(&format!("a1.{text}"));
            });
            assert!(result.is_ok(), "{name} fails again");
            n += 1;
        }
    }
    assert!(n > 0, "no share seed or regression input was found");
    println!("replayed {n} share-link inputs");
}

#[test]
fn mbox_split_inputs_replay_cleanly() {
    let mut n = 0;
    for kind in ["regressions", "corpus"] {
        for (name, bytes) in inputs(kind, "mbox_split") {
            let Some((&seed, input)) = bytes.split_first() else {
                continue;
            };
            let result = std::panic::catch_unwind(|| hopscope_core::mbox::check_split(input, seed));
            assert!(result.is_ok(), "{name} fails again");
            n += 1;
        }
    }
    assert!(n > 0, "no mbox seed or regression input was found");
    println!("replayed {n} mbox inputs");
}
