//! Throughput of `hopscope audit` on a realistic generated mailbox (1 GB by default; set
//! `HOPSCOPE_BENCH_MB`), with 1 and 2 analysis threads, and of the core's splitter alone.
//! Prints figures; asserts nothing about speed (a timed test would fail on a busy machine).
//!
//! ```sh
//! cargo bench -p hopscope-cli --bench audit
//! ```
//!
//! The file is written once under `target/tmp/bench-data/` (never in the repository) and read
//! from the page cache afterwards, so the figures measure the CPU work, not the disk.

#[path = "support/mbox_gen.rs"]
mod mbox_gen;

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use hopscope_core::aggregate::{analyze_part, Aggregate, MessageRef};
use hopscope_core::mbox::{MboxSplitter, MessagePart};

const BIN: &str = env!("CARGO_BIN_EXE_hopscope");
const RUNS: usize = 3;

fn main() {
    let mb: u64 = std::env::var("HOPSCOPE_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1024);
    let path = mailbox(mb);
    let size = std::fs::metadata(&path).unwrap().len();
    let mbs = |d: Duration| size as f64 / 1e6 / d.as_secs_f64();
    println!(
        "hopscope audit benchmark: {} ({:.1} MB), {} CPU cores, best of {RUNS} runs",
        path.display(),
        size as f64 / 1e6,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );

    // Reading alone (warms the page cache too).
    let (read, _) = best(|| {
        let mut f = File::open(&path).unwrap();
        let mut buf = vec![0u8; 1 << 20];
        let mut n = 0u64;
        while let Ok(k @ 1..) = f.read(&mut buf) {
            n += k as u64;
        }
        n
    });
    println!(
        "  read alone (1 MiB reads)          {:>8.0} MB/s",
        mbs(read)
    );

    let (split, messages) = best(|| {
        let mut f = File::open(&path).unwrap();
        let mut buf = vec![0u8; 1 << 20];
        let mut splitter = MboxSplitter::new();
        let mut n = 0u64;
        while let Ok(k @ 1..) = f.read(&mut buf) {
            n += splitter.push(&buf[..k]).count() as u64;
        }
        n + splitter.finish().count() as u64
    });
    println!(
        "  read + split (core splitter)      {:>8.0} MB/s   {messages} messages",
        mbs(split)
    );

    let mut head = vec![0u8; size.min(512 << 20) as usize];
    File::open(&path).unwrap().read_exact(&mut head).unwrap();
    let (in_memory, _) = best(|| {
        let mut splitter = MboxSplitter::new();
        let n = splitter.push(&head).count();
        n + splitter.finish().count()
    });
    println!(
        "  split alone, in memory            {:>8.0} MB/s   (first {:.0} MB)",
        head.len() as f64 / 1e6 / in_memory.as_secs_f64(),
        head.len() as f64 / 1e6
    );

    // The analysis of header blocks alone, on one thread.
    let parts: Vec<MessagePart> = {
        let mut splitter = MboxSplitter::new();
        let mut v: Vec<MessagePart> = splitter.push(&head).collect();
        v.extend(splitter.finish());
        v
    };
    drop(head);
    let header_bytes: usize = parts.iter().map(|p| p.header.len()).sum();
    let (analysis, _) = best(|| {
        let mut aggregate = Aggregate::default();
        for part in &parts {
            let source = MessageRef::new(0, "bench", part);
            match analyze_part(part) {
                Ok(report) => aggregate.add(&report, source),
                Err(reason) => aggregate.skip(reason, source),
            }
        }
        aggregate.messages()
    });
    println!(
        "  analysis + aggregate alone        {:>8.0} messages/s   ({} messages, {:.1} KB of headers each)",
        parts.len() as f64 / analysis.as_secs_f64(),
        parts.len(),
        header_bytes as f64 / parts.len().max(1) as f64 / 1e3
    );

    let time = Path::new("/usr/bin/time").exists();
    for threads in [1, 2] {
        let mut peak_kb = None;
        let (t, ok) = best(|| {
            let mut cmd = if time {
                let mut c = Command::new("/usr/bin/time");
                c.args(["-f", "%M", BIN]);
                c
            } else {
                Command::new(BIN)
            };
            let out = cmd
                .args([
                    "audit",
                    "--format",
                    "json",
                    "--threads",
                    &threads.to_string(),
                ])
                .arg(&path)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            peak_kb = err
                .lines()
                .last()
                .and_then(|l| l.trim().parse::<u64>().ok());
            out.status.success()
        });
        assert!(ok, "hopscope audit failed");
        let peak = peak_kb.map_or(String::new(), |kb| {
            format!("   peak memory {:.0} MB", kb as f64 / 1024.0)
        });
        println!(
            "  hopscope audit --threads {threads}        {:>8.0} MB/s   {:.2} s{peak}",
            mbs(t),
            t.as_secs_f64()
        );
    }
}

/// The best time of [`RUNS`] runs, and the last result.
fn best<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        let value = f();
        best = best.min(start.elapsed());
        last = Some(value);
    }
    (best, last.unwrap())
}

/// The generated mailbox of `mb` MB, written once.
fn mailbox(mb: u64) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("generated-{mb}MB-seed1.mbox"));
    if !path.exists() {
        let start = Instant::now();
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures");
        let shapes = mbox_gen::header_shapes(&fixtures).unwrap();
        let partial = path.with_extension("partial");
        let mut out = BufWriter::with_capacity(1 << 20, File::create(&partial).unwrap());
        let messages = mbox_gen::write_mbox(&mut out, mb * 1_000_000, 1, &shapes).unwrap();
        out.flush().unwrap();
        drop(out);
        std::fs::rename(&partial, &path).unwrap();
        println!(
            "generated {} ({messages} messages) in {:.1} s",
            path.display(),
            start.elapsed().as_secs_f64()
        );
    }
    path
}
