//! Reading what the user named: files or standard input (`-`), always as bytes.
//!
//! Bytes, not strings: saved messages are often not valid UTF-8 (Latin-1 bodies, 8-bit
//! headers), and `analyze_bytes` decides how to decode them. Refusing such a file would be the
//! wrong answer for a tool people point at whatever their mail client saved.

use std::fs;
use std::io::Read;
use std::path::Path;

use anyhow::Context as _;
use hopscope_core::render::one_line;

/// One input as read, with the name to use in messages.
pub struct Input {
    /// The path as given (control characters made visible), or `standard input` for `-`.
    pub label: String,
    pub bytes: Vec<u8>,
}

/// Label used in messages for `-`.
pub const STDIN_LABEL: &str = "standard input";

/// Reads `path`, or standard input when `path` is `-`.
///
/// The error reads `cannot read FILE: <reason>` (printed as `{:#}`).
pub fn read(path: &Path) -> anyhow::Result<Input> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .with_context(|| format!("cannot read {STDIN_LABEL}"))?;
        return Ok(Input {
            label: STDIN_LABEL.to_string(),
            bytes,
        });
    }
    // A file name is text from outside too: keep it from acting on the terminal.
    let label = one_line(&path.display().to_string()).into_owned();
    let bytes = fs::read(path).with_context(|| format!("cannot read {label}"))?;
    Ok(Input { label, bytes })
}
