//! Runs the analysis of the benchmark's typical header block many times, for profilers:
//! `cargo build --release --example profile -p hopscope-core` then
//! `valgrind --tool=callgrind target/release/examples/profile` or `perf record`.
//! An argument gives the number of runs (default 20,000); `mail-parser` as a second argument
//! runs mail-parser's bare header parse instead, for the same comparison as the benchmark.
//! `DIR=path` reads every file in that directory once and analyses (or parses) each of them in
//! every run instead: the CLI benchmark's files, without the reading and the JSON.

#[path = "../benches/inputs.rs"]
mod inputs;

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    // DIR=path for every file in that directory, ONE_KB=1 for the 1 KB input, BYTES=n for a
    // block of about n bytes (as the benchmark's larger inputs), else the typical block.
    let texts: Vec<String> = if let Ok(dir) = std::env::var("DIR") {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .expect("DIR is a directory")
            .map(|e| std::fs::read(e.expect("listed").path()).expect("readable"))
            .collect();
        files.sort();
        files
            .into_iter()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .collect()
    } else if std::env::var("ONE_KB").is_ok() {
        vec![inputs::sized(1024)]
    } else if let Some(bytes) = std::env::var("BYTES").ok().and_then(|b| b.parse().ok()) {
        vec![inputs::sized(bytes)]
    } else {
        vec![inputs::typical()]
    };
    // Every text once a round: about `runs` analyses in all.
    let rounds = runs.div_ceil(texts.len().max(1)).max(1);
    let theirs = std::env::args().nth(2).as_deref() == Some("mail-parser");
    let parser = mail_parser::MessageParser::new();
    let mut found = 0;
    for _ in 0..rounds {
        for text in &texts {
            found += if theirs {
                std::hint::black_box(parser.parse_headers(std::hint::black_box(text.as_bytes())))
                    .map_or(0, |m| m.headers().len())
            } else {
                std::hint::black_box(hopscope_core::analyze(std::hint::black_box(text)))
                    .hops
                    .len()
            };
        }
    }
    let what = if theirs { "headers" } else { "hops" };
    println!("{rounds} rounds over {} texts, {found} {what}", texts.len());
}
