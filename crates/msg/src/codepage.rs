//! Decoding the 8-bit string properties (`PT_STRING8`, type `001E`) of a message with its code
//! page.
//!
//! Why not an encoding crate: encoding_rs, the complete answer, adds about 175 KB of wasm
//! (about 105 KB brotli, measured with a wrapper that maps a code page to an encoding) —
//! half of the page's first-load budget — almost all of it the CJK tables. Transport headers
//! are ASCII by RFC 5322 (non-ASCII text in them is RFC 2047-encoded, which is ASCII too), so
//! what a code page changes is rare: a raw 8-bit byte in a comment or a display name. We
//! therefore decode exactly the code pages a .msg usually names — UTF-8, US-ASCII,
//! ISO-8859-1 and the single-byte Windows code pages 1250–1258 (128-entry tables, 2.3 KB) —
//! and for any other code page keep every ASCII byte and show each other byte as U+FFFD,
//! counting them so the reader can say so instead of showing wrong letters.

mod tables;

/// What Outlook assumes when a message names no code page: the Western Windows code page.
pub(crate) const DEFAULT_CODE_PAGE: u32 = 1252;

/// 8-bit text decoded with a code page.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Decoded {
    pub(crate) text: String,
    /// Bytes outside ASCII that this code page's decoder does not know and that were shown as
    /// U+FFFD (zero for the code pages decoded exactly, whose own invalid bytes also become
    /// U+FFFD but are not "unknown").
    pub(crate) unknown_bytes: usize,
}

/// Decodes `bytes` written in Windows code page `code_page`.
pub(crate) fn decode(bytes: &[u8], code_page: u32) -> Decoded {
    let text = match code_page {
        65001 => String::from_utf8_lossy(bytes).into_owned(),
        // ISO-8859-1 is the first 256 code points of Unicode, C1 controls included (unlike
        // Windows-1252, which puts punctuation at 0x80–0x9F).
        28591 => bytes.iter().map(|&b| char::from(b)).collect(),
        // US-ASCII: a byte with the high bit set is not ASCII, so it is invalid, not guessed.
        20127 => bytes
            .iter()
            .map(|&b| {
                if b.is_ascii() {
                    char::from(b)
                } else {
                    '\u{FFFD}'
                }
            })
            .collect(),
        _ => match single_byte_table(code_page) {
            Some(table) => bytes.iter().map(|&b| single_byte(table, b)).collect(),
            None => {
                let unknown_bytes = bytes.iter().filter(|b| !b.is_ascii()).count();
                let text = bytes
                    .iter()
                    .map(|&b| {
                        if b.is_ascii() {
                            char::from(b)
                        } else {
                            '\u{FFFD}'
                        }
                    })
                    .collect();
                return Decoded {
                    text,
                    unknown_bytes,
                };
            }
        },
    };
    Decoded {
        text,
        unknown_bytes: 0,
    }
}

fn single_byte_table(code_page: u32) -> Option<&'static [u16; 128]> {
    Some(match code_page {
        1250 => &tables::WINDOWS_1250,
        1251 => &tables::WINDOWS_1251,
        1252 => &tables::WINDOWS_1252,
        1253 => &tables::WINDOWS_1253,
        1254 => &tables::WINDOWS_1254,
        1255 => &tables::WINDOWS_1255,
        1256 => &tables::WINDOWS_1256,
        1257 => &tables::WINDOWS_1257,
        1258 => &tables::WINDOWS_1258,
        _ => return None,
    })
}

fn single_byte(table: &[u16; 128], byte: u8) -> char {
    match byte.checked_sub(0x80) {
        None => char::from(byte),
        Some(high) => table
            .get(usize::from(high))
            .and_then(|&unit| char::from_u32(u32::from(unit)))
            .unwrap_or('\u{FFFD}'),
    }
}

/// Decodes a `PT_UNICODE` (type `001F`) property: UTF-16LE. An odd trailing byte and unpaired
/// surrogates become U+FFFD rather than an error: a damaged character must not hide the rest.
pub(crate) fn decode_utf16le(bytes: &[u8]) -> String {
    let units = bytes
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]));
    let mut text: String = char::decode_utf16(units)
        .map(|unit| unit.unwrap_or('\u{FFFD}'))
        .collect();
    if bytes.len() % 2 == 1 {
        text.push('\u{FFFD}');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_and_windows_1252_and_latin1_differ_where_they_should() {
        let bytes = b"caf\xE9 \x80 \x93";
        assert_eq!(decode(bytes, 1252).text, "café € “");
        assert_eq!(decode(bytes, 28591).text, "café \u{80} \u{93}");
        assert_eq!(decode(bytes, 20127).text, "caf\u{FFFD} \u{FFFD} \u{FFFD}");
        assert_eq!(decode("café €".as_bytes(), 65001).text, "café €");
        assert_eq!(decode(b"caf\xE9", 65001).text, "caf\u{FFFD}");
        for cp in [65001, 20127, 28591, 1252] {
            assert_eq!(decode(bytes, cp).unknown_bytes, 0, "code page {cp}");
        }
    }

    #[test]
    fn other_single_byte_windows_code_pages_are_exact() {
        assert_eq!(
            decode(b"\xC0\xEB\xE5\xEA\xF1\xE5\xE9", 1251).text,
            "Алексей"
        );
        assert_eq!(decode(b"\x8A\x9A \xA3\xB3", 1250).text, "Šš Łł");
    }

    #[test]
    fn unknown_code_pages_keep_ascii_and_count_the_rest() {
        // Shift_JIS "日本" between ASCII: not decoded, but counted and not mangled into Latin.
        let decoded = decode(b"by mx (\x93\xfa\x96\x7b) with ESMTPS", 932);
        assert_eq!(
            decoded.text,
            "by mx (\u{FFFD}\u{FFFD}\u{FFFD}{) with ESMTPS"
        );
        assert_eq!(decoded.unknown_bytes, 3);
    }

    #[test]
    fn utf16_damage_is_replaced_not_fatal() {
        assert_eq!(
            decode_utf16le(&[0x41, 0x00, 0x00, 0xD8, 0x42, 0x00]),
            "A\u{FFFD}B"
        );
        assert_eq!(decode_utf16le(&[0x41, 0x00, 0x42]), "A\u{FFFD}");
        assert_eq!(decode_utf16le(&[0x3D, 0xD8, 0x00, 0xDE]), "😀");
    }

    /// The tables were generated from encoding_rs; this keeps them honest.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn tables_match_encoding_rs() {
        for cp in 1250..=1258 {
            let encoding =
                encoding_rs::Encoding::for_label(format!("windows-{cp}").as_bytes()).unwrap();
            for byte in 0..=255u8 {
                let input = [byte];
                let (expected, _) = encoding.decode_without_bom_handling(&input);
                assert_eq!(
                    decode(&input, cp).text,
                    expected,
                    "code page {cp}, byte {byte:#04X}"
                );
            }
        }
    }
}
