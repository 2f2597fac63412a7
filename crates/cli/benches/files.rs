//! `hopscope analyze --format json` over 10,000 small message files, against a program that
//! only reads the same files and parses them with mail-parser (`examples/read_and_parse.rs`).
//! Both run as processes with the same arguments; best of three. Prints figures; asserts
//! nothing about speed.
//!
//! ```sh
//! cargo bench -p hopscope-cli --bench files
//! ```

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_hopscope");
const FILES: usize = 10_000;
const RUNS: usize = 5;

/// 10,000 files cycled from the core's fixture messages, under target/ (never the repository).
fn files() -> Vec<PathBuf> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures");
    let mut sources: Vec<PathBuf> = Vec::new();
    for dir in std::fs::read_dir(&fixtures).unwrap().flatten() {
        if dir.path().is_dir() {
            for f in std::fs::read_dir(dir.path()).unwrap().flatten() {
                if f.path().extension().is_some_and(|e| e == "eml") {
                    sources.push(f.path());
                }
            }
        }
    }
    sources.sort();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-files");
    std::fs::create_dir_all(&dir).unwrap();
    (0..FILES)
        .map(|i| {
            let path = dir.join(format!("{i:05}.eml"));
            if !path.exists() {
                std::fs::copy(&sources[i % sources.len()], &path).unwrap();
            }
            path
        })
        .collect()
}

/// One timed run of `program` with `extra` then `args`.
fn once(program: &Path, args: &[PathBuf], extra: &[&str]) -> Duration {
    let start = Instant::now();
    let status = Command::new(program)
        .args(extra)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("runs");
    assert!(
        status.code().is_some_and(|c| c == 0 || c == 1),
        "{program:?}: {status}"
    );
    start.elapsed()
}

/// The best of `RUNS` runs of each command, run in alternating rounds: a machine whose speed
/// drifts during the benchmark weighs on every command alike.
fn best_alternating<const N: usize>(commands: [(&Path, &[PathBuf], &[&str]); N]) -> [Duration; N] {
    let mut best = [Duration::MAX; N];
    for _ in 0..RUNS {
        for (b, (program, args, extra)) in best.iter_mut().zip(commands) {
            *b = (*b).min(once(program, args, extra));
        }
    }
    best
}

fn main() {
    let files = files();
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).unwrap().len())
        .sum();
    // The baseline is an example of this package: build it in the bench's own profile.
    let status = Command::new(env!("CARGO"))
        .args([
            "build",
            "--release",
            "-q",
            "-p",
            "hopscope-cli",
            "--example",
            "read_and_parse",
        ])
        .status()
        .expect("cargo runs");
    assert!(status.success());
    let baseline = Path::new(BIN)
        .with_file_name("examples")
        .join("read_and_parse");
    let [ours, ours_one, theirs] = best_alternating([
        (Path::new(BIN), &files, &["analyze", "--format", "json"]),
        (
            Path::new(BIN),
            &files,
            &["analyze", "--format", "json", "--threads", "1"],
        ),
        (&baseline, &files, &[]),
    ]);
    let per_file = |d: Duration| d.as_secs_f64() * 1e6 / FILES as f64;
    println!(
        "{FILES} files, {:.1} MB, best of {RUNS} alternating runs",
        bytes as f64 / 1e6
    );
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "hopscope analyze --format json: {:>8.1} ms ({:.1} µs per file; {cores} threads, the default here)",
        ours.as_secs_f64() * 1e3,
        per_file(ours)
    );
    println!(
        "  the same with --threads 1:    {:>8.1} ms ({:.1} µs per file)",
        ours_one.as_secs_f64() * 1e3,
        per_file(ours_one)
    );
    println!(
        "read + mail-parser parse only:  {:>8.1} ms ({:.1} µs per file)",
        theirs.as_secs_f64() * 1e3,
        per_file(theirs)
    );
    println!(
        "ratio (baseline time / hopscope time, ≥ 1 means hopscope is at least as fast): {:.2} \
         (one thread: {:.2})",
        theirs.as_secs_f64() / ours.as_secs_f64(),
        theirs.as_secs_f64() / ours_one.as_secs_f64()
    );
}
