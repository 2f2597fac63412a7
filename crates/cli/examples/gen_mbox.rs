//! Writes a realistic mbox for benchmarks and manual tests (see `benches/support/mbox_gen.rs`):
//!
//! ```sh
//! cargo run --release -p hopscope-cli --example gen_mbox -- 1024 target/bench-data/1g.mbox [SEED]
//! ```
//!
//! The first argument is the size in MB (10^6 bytes).

#[path = "../benches/support/mbox_gen.rs"]
mod mbox_gen;

use std::io::{BufWriter, Write};
use std::path::Path;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mb), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: gen_mbox SIZE_MB OUTPUT [SEED]");
        std::process::exit(2);
    };
    let mb: u64 = mb.parse().expect("SIZE_MB is a number");
    let seed: u64 = args
        .get(2)
        .map_or(1, |s| s.parse().expect("SEED is a number"));
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures");
    let shapes = mbox_gen::header_shapes(&fixtures)?;
    let mut file = BufWriter::with_capacity(1 << 20, std::fs::File::create(out)?);
    let messages = mbox_gen::write_mbox(&mut file, mb * 1_000_000, seed, &shapes)?;
    file.flush()?;
    eprintln!("{out}: {messages} messages, {} header shapes", shapes.len());
    Ok(())
}
