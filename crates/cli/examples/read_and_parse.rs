//! The baseline of `cargo bench -p hopscope-cli --bench files`: a program that only reads the
//! files it is given and parses each with mail-parser's bare header parse, printing one line
//! per file (the number of headers), as `hopscope analyze` prints one JSON line per file.

use std::io::Write;

fn main() {
    let parser = mail_parser::MessageParser::new();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for path in std::env::args_os().skip(1) {
        let bytes = std::fs::read(&path).expect("readable");
        let headers = parser
            .parse_headers(&bytes)
            .map_or(0, |m| m.headers().len());
        writeln!(out, "{headers}").expect("writable");
    }
}
