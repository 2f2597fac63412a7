//! Runs the analysis of the benchmark's typical header block many times, for profilers:
//! `cargo build --release --example profile -p hopscope-core` then
//! `valgrind --tool=callgrind target/release/examples/profile` or `perf record`.
//! An argument gives the number of runs (default 20,000); `mail-parser` as a second argument
//! runs mail-parser's bare header parse instead, for the same comparison as the benchmark.

#[path = "../benches/inputs.rs"]
mod inputs;

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    // ONE_KB=1 for the 1 KB input, BYTES=n for a block of about n bytes (as the benchmark's
    // larger inputs), else the typical block.
    let input = if std::env::var("ONE_KB").is_ok() {
        inputs::sized(1024)
    } else if let Some(bytes) = std::env::var("BYTES").ok().and_then(|b| b.parse().ok()) {
        inputs::sized(bytes)
    } else {
        inputs::typical()
    };
    if std::env::args().nth(2).as_deref() == Some("mail-parser") {
        let parser = mail_parser::MessageParser::new();
        let mut headers = 0;
        for _ in 0..runs {
            headers +=
                std::hint::black_box(parser.parse_headers(std::hint::black_box(input.as_bytes())))
                    .map_or(0, |m| m.headers().len());
        }
        println!("{runs} runs, {headers} headers");
        return;
    }
    let mut hops = 0;
    for _ in 0..runs {
        hops += std::hint::black_box(hopscope_core::analyze(std::hint::black_box(&input)))
            .hops
            .len();
    }
    println!("{runs} runs, {hops} hops");
}
