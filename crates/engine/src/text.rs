//! Turning a dropped or picked text file (an `.eml`, a `.txt`) into text for the input box.
//! (Outlook `.msg` files are `file.rs`'s.)
//!
//! Files are read as bytes and decoded as UTF-8 with replacement, so a message in Latin-1 or
//! with a stray binary part still loads; the page says when bytes were replaced. A large
//! `.eml` is mostly body and attachments, which carry no Received headers: above
//! [`KEEP_WHOLE_FILE`] only the header block is kept, so the text box and the analysis stay
//! fast. The person is told what was left out.

/// Files larger than this are refused before reading: the page would stall copying them.
pub const MAX_FILE_BYTES: f64 = 64.0 * 1024.0 * 1024.0;

/// Files up to this size are loaded whole; larger ones keep only their header block.
pub const KEEP_WHOLE_FILE: usize = 1024 * 1024;

/// Text ready for the input box, with a note for the person when something was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedText {
    pub text: String,
    pub note: Option<String>,
}

/// Checks a file's size before it is read.
pub fn check_size(name: &str, size: f64) -> Result<(), String> {
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "{name} is {}; Hopscope opens files up to {}. Open the message in your mail program, \
             copy its headers, and paste them here instead.",
            megabytes(size),
            megabytes(MAX_FILE_BYTES)
        ));
    }
    Ok(())
}

/// Decodes a file's bytes, keeping only the headers of a large message.
pub fn decode_file(name: &str, bytes: &[u8]) -> Result<LoadedText, String> {
    if is_image(bytes) {
        return Err(format!(
            "{name} is an image, not an email. Save the message itself as .eml, or copy its \
             headers and paste them here."
        ));
    }
    if looks_binary(bytes) {
        return Err(format!(
            "{name} is not a text file. Save the message as .eml, or copy its headers and \
             paste them here."
        ));
    }
    let mut notes = Vec::new();
    let mut kept = bytes;
    if bytes.len() > KEEP_WHOLE_FILE {
        if let Some(end) = header_block_end(bytes) {
            kept = &bytes[..end];
            notes.push(format!(
                "Loaded the headers of {name}; the rest of the message ({}) was left out because \
                 it holds no Received headers.",
                megabytes((bytes.len() - end) as f64)
            ));
        }
    }
    let text = hopscope_core::decode(kept);
    if matches!(text, std::borrow::Cow::Owned(_)) {
        notes.push("Some bytes were not valid UTF-8; they are shown as �.".to_owned());
    }
    Ok(LoadedText {
        text: text.into_owned(),
        note: (!notes.is_empty()).then(|| notes.join(" ")),
    })
}

/// The end of the header block: just after the line break before the first empty line.
/// Blank lines before the headers (a sloppy copy) do not count.
fn header_block_end(bytes: &[u8]) -> Option<usize> {
    let first = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    (first..bytes.len()).find_map(|at| {
        let blank_next = matches!(&bytes[at + 1..], [b'\n', ..] | [b'\r', b'\n', ..]);
        (bytes[at] == b'\n' && blank_next).then_some(at + 1)
    })
}

/// JPEG, PNG, GIF or WebP, by their first bytes: a screenshot of a message is a common
/// mistake, and deserves to be called what it is.
fn is_image(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"\x89PNG\r\n\x1a\n")
        || bytes.starts_with(b"GIF87a")
        || bytes.starts_with(b"GIF89a")
        || (bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"))
}

/// NUL bytes near the start mean "not text".
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|&b| b == 0)
}

/// `5.0 MB`, as the page writes sizes (its `format::megabytes`): integer arithmetic, because
/// float formatting costs kilobytes of wasm.
pub fn megabytes(bytes: f64) -> String {
    let tenths = ((bytes as u64).saturating_mul(10) + 524_288) / 1_048_576;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_files_load_whole() {
        let got = decode_file("a.eml", b"Received: x\r\n\r\nbody").unwrap();
        assert_eq!(
            got,
            LoadedText {
                text: "Received: x\r\n\r\nbody".into(),
                note: None
            }
        );
    }

    #[test]
    fn invalid_utf8_is_replaced_and_said() {
        let got = decode_file("a.txt", b"Subject: caf\xe9\n").unwrap();
        assert_eq!(got.text, "Subject: caf\u{FFFD}\n");
        assert!(got.note.unwrap().contains("not valid UTF-8"));
    }

    #[test]
    fn large_messages_keep_their_headers() {
        for blank in ["\n\n", "\r\n\r\n"] {
            let mut bytes = format!("Received: a{blank}").into_bytes();
            let headers = bytes.len() - blank.len() / 2;
            bytes.resize(KEEP_WHOLE_FILE + 10, b'x');
            let got = decode_file("big.eml", &bytes).unwrap();
            assert_eq!(got.text.len(), headers, "{blank:?}");
            assert!(got.text.starts_with("Received: a"));
            assert!(got.note.unwrap().contains("left out"));
        }
    }

    #[test]
    fn leading_blank_lines_do_not_end_the_headers() {
        let mut bytes = b"\r\n\nReceived: a\n\n".to_vec();
        bytes.resize(KEEP_WHOLE_FILE + 10, b'x');
        assert_eq!(
            decode_file("x", &bytes).unwrap().text,
            "\r\n\nReceived: a\n"
        );
    }

    #[test]
    fn large_headers_without_a_body_load_whole() {
        let bytes = vec![b'a'; KEEP_WHOLE_FILE + 1];
        assert_eq!(
            decode_file("x", &bytes).unwrap().text.len(),
            KEEP_WHOLE_FILE + 1
        );
    }

    #[test]
    fn binary_files_are_refused_with_advice() {
        let bin = decode_file("x.bin", b"ab\0cd").unwrap_err();
        assert!(bin.starts_with("x.bin is not a text file."), "{bin}");
        assert!(bin.contains(".eml"), "{bin}");
    }

    #[test]
    fn images_are_called_images() {
        let images: [&[u8]; 5] = [
            &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0],
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            b"GIF89a\x01\0\x01\0",
            b"GIF87a\x01\0\x01\0",
            b"RIFF\x10\0\0\0WEBPVP8 ",
        ];
        for bytes in images {
            let message = decode_file("photo.eml", bytes).unwrap_err();
            assert!(
                message.starts_with("photo.eml is an image, not an email."),
                "{message}"
            );
            assert!(!message.contains(".msg"), "{message}");
        }
    }

    #[test]
    fn huge_files_are_refused_before_reading() {
        assert!(check_size("ok.eml", 1e6).is_ok());
        let msg = check_size("huge.mbox", 2e9).unwrap_err();
        assert!(msg.starts_with("huge.mbox is 1907.3 MB"), "{msg}");
    }
}
