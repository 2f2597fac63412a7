//! Naming what a file is when it is not a mailbox, from its first bytes.
//!
//! People point an audit at whatever they have: a photo, a zipped export, a PDF print of a
//! message, an Outlook `.msg`. "Not a mailbox: it looks like a ZIP archive" lets them fix that;
//! "no messages found" does not. The signatures are the same family `hopscope-msg` checks
//! (`crates/msg/src/sniff.rs`); that crate keeps its own copy because it does not depend on the
//! core, and the two answer different questions (what a non-`.msg` is, what a non-mailbox is).
//!
//! No I/O: callers hand in the first bytes they already read.
//!
//! ```
//! use hopscope_core::sniff::{sniff, FileKind};
//! assert_eq!(sniff(b"%PDF-1.7\n"), FileKind::Pdf);
//! assert_eq!(sniff(b"From alice@example.org Fri Nov 22 05:20:40 2024\n"), FileKind::Mail);
//! assert_eq!(sniff(b"Received: from a by b; Fri, 22 Nov 2024 05:20:40 +0000\n"), FileKind::Mail);
//! ```

use serde::{Deserialize, Serialize};

/// How many leading bytes [`sniff`] needs at most to decide.
pub const SNIFF_LEN: usize = 4096;

/// What the first bytes of a file look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// An mbox `From ` line or a header line (`Name: value`) first: mail, as far as one can tell.
    Mail,
    /// Nothing at all, or only blank lines.
    Empty,
    /// Text whose first line is neither a `From ` line nor a header line.
    Text,
    Jpeg,
    Png,
    Gif,
    Webp,
    Pdf,
    /// ZIP, which includes `.docx`, `.xlsx`, `.odt` and many exports.
    Zip,
    Gzip,
    Bzip2,
    Xz,
    Zstd,
    SevenZip,
    Rar,
    /// An OLE compound file: an Outlook `.msg` or an old Office document.
    Ole,
    /// A winmail.dat (TNEF) attachment.
    Tnef,
    /// Bytes that are not text and match no known signature.
    Binary,
}

impl FileKind {
    /// Whether a file that starts like this cannot be a mailbox: a known binary format, or
    /// control bytes that text never has. Text is not ruled out: a mailbox may start with a
    /// preamble line, and [`crate::mbox::MboxSplitter`] reads on.
    pub fn rules_out_mailbox(self) -> bool {
        !matches!(self, FileKind::Mail | FileKind::Empty | FileKind::Text)
    }
}

/// Classifies the first bytes of a file (up to [`SNIFF_LEN`] are looked at; fewer are fine).
pub fn sniff(head: &[u8]) -> FileKind {
    let head = &head[..head.len().min(SNIFF_LEN)];
    let starts = |magic: &[u8]| head.starts_with(magic);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        FileKind::Jpeg
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        FileKind::Png
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        FileKind::Gif
    } else if starts(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        FileKind::Webp
    } else if starts(b"%PDF-") {
        FileKind::Pdf
    } else if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") || starts(b"PK\x07\x08") {
        FileKind::Zip
    } else if starts(&[0x1F, 0x8B]) {
        FileKind::Gzip
    } else if starts(b"BZh") && head.get(3).is_some_and(|d| (b'1'..=b'9').contains(d)) {
        FileKind::Bzip2
    } else if starts(&[0xFD, b'7', b'z', b'X', b'Z', 0x00]) {
        FileKind::Xz
    } else if starts(&[0x28, 0xB5, 0x2F, 0xFD]) {
        FileKind::Zstd
    } else if starts(&[b'7', b'z', 0xBC, 0xAF, 0x27, 0x1C]) {
        FileKind::SevenZip
    } else if starts(b"Rar!\x1a\x07") {
        FileKind::Rar
    } else if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        FileKind::Ole
    } else if starts(&[0x78, 0x9F, 0x3E, 0x22]) {
        FileKind::Tnef
    } else {
        text_kind(head)
    }
}

/// Mail, text, empty or binary, for bytes without a known signature. Only the first line that
/// is not blank decides: a mailbox may well hold control bytes further on (in a body).
fn text_kind(head: &[u8]) -> FileKind {
    let Some((line, _)) = first_line(head) else {
        return FileKind::Empty;
    };
    if line.starts_with(b"From ") || is_header_line(line) {
        FileKind::Mail
    } else if line
        .iter()
        .any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\r' | 0x0C) || b == 0x7F)
    {
        // Control bytes that text never has (8-bit bytes are fine: legacy code pages).
        FileKind::Binary
    } else {
        FileKind::Text
    }
}

/// The first line that is not blank (after a byte order mark), without its line break, and
/// whether a line break ended it within `head`.
pub(crate) fn first_line(head: &[u8]) -> Option<(&[u8], bool)> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    head.split_inclusive(|&b| b == b'\n')
        .find(|line| !line.iter().all(u8::is_ascii_whitespace))
        .map(|line| match line.strip_suffix(b"\n") {
            Some(l) => (l.strip_suffix(b"\r").unwrap_or(l), true),
            None => (line, false),
        })
}

/// `Name: value` with a name of printable ASCII without colon or space (RFC 5322 §2.2).
pub(crate) fn is_header_line(line: &[u8]) -> bool {
    let name = line
        .iter()
        .take_while(|&&b| b > b' ' && b < 127 && b != b':')
        .count();
    name > 0 && line.get(name) == Some(&b':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_common_files() {
        let cases: &[(&[u8], FileKind)] = &[
            (&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J'], FileKind::Jpeg),
            (b"\x89PNG\r\n\x1a\n\0\0", FileKind::Png),
            (b"GIF89a\x01\x00", FileKind::Gif),
            (b"RIFF\x00\x00\x00\x00WEBPVP8 ", FileKind::Webp),
            (b"%PDF-1.7\n%\xe2\xe3", FileKind::Pdf),
            (b"PK\x03\x04\x14\x00", FileKind::Zip),
            (b"\x1f\x8b\x08\x00", FileKind::Gzip),
            (b"BZh91AY&SY", FileKind::Bzip2),
            (b"\xfd7zXZ\x00\x00", FileKind::Xz),
            (b"\x28\xb5\x2f\xfd\x00", FileKind::Zstd),
            (b"7z\xbc\xaf\x27\x1c", FileKind::SevenZip),
            (b"Rar!\x1a\x07\x01\x00", FileKind::Rar),
            (
                &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0],
                FileKind::Ole,
            ),
            (&[0x78, 0x9F, 0x3E, 0x22, 1], FileKind::Tnef),
            (b"", FileKind::Empty),
            (b"\r\n \n\t\n", FileKind::Empty),
            (b"\xEF\xBB\xBF", FileKind::Empty),
            (b"From a@b Sat Jan  3 01:05:34 1996\n", FileKind::Mail),
            (b"\xEF\xBB\xBFFrom a@b\r\n", FileKind::Mail),
            (b"\n\nReturn-Path: <a@b>\n", FileKind::Mail),
            (b"X-Mozilla-Status: 0001", FileKind::Mail),
            (b"Dear Bob: here are the headers", FileKind::Text),
            (b"From: is a header, not a separator", FileKind::Mail),
            (b"caf\xE9 au lait\n", FileKind::Text),
            (&[0, 1, 2, 3], FileKind::Binary),
            (b"Received: x\n\x00", FileKind::Mail),
            (b"hello\x00world\n", FileKind::Binary),
            (b"\x1b[2J\n", FileKind::Binary),
        ];
        for (bytes, kind) in cases {
            assert_eq!(sniff(bytes), *kind, "{bytes:?}");
        }
    }

    #[test]
    fn only_binary_rules_out_a_mailbox() {
        assert!(!FileKind::Mail.rules_out_mailbox());
        assert!(!FileKind::Text.rules_out_mailbox());
        assert!(!FileKind::Empty.rules_out_mailbox());
        assert!(FileKind::Jpeg.rules_out_mailbox());
        assert!(FileKind::Binary.rules_out_mailbox());
    }
}
