//! Telling what a file is when it is not an Outlook message, so that the error can say "this
//! is a PDF" instead of "invalid file". People rename files, drop the wrong one, or save a
//! message as .eml and call it .msg; naming what they gave us is what lets them fix it.

/// The signature of an OLE compound file (MS-CFB), which every .msg is.
pub(crate) const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// How many leading bytes the sniffing looks at.
pub(crate) const SNIFF_LEN: usize = 4096;

/// What a file that is not an OLE compound file appears to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OtherFile {
    /// A ZIP archive, which includes .docx, .xlsx, .pptx and .odt.
    Zip,
    Pdf,
    Image(&'static str),
    /// A winmail.dat (TNEF) attachment, Outlook's other container.
    Tnef,
    /// Text that starts like an email or its headers: an .eml, or an mbox.
    EmailText,
    Text,
    Unknown,
}

/// What an OLE compound file that is not a message appears to be, by its root storage names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OtherOle {
    Word,
    Excel,
    PowerPoint,
    Visio,
    Unknown,
}

/// Classifies the first bytes of a file that lacks the OLE signature.
pub(crate) fn other_file(head: &[u8]) -> OtherFile {
    let starts = |magic: &[u8]| head.starts_with(magic);
    if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") {
        OtherFile::Zip
    } else if starts(b"%PDF") {
        OtherFile::Pdf
    } else if starts(&[0xFF, 0xD8, 0xFF]) {
        OtherFile::Image("JPEG")
    } else if starts(b"\x89PNG") {
        OtherFile::Image("PNG")
    } else if starts(b"GIF8") {
        OtherFile::Image("GIF")
    } else if starts(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        OtherFile::Image("WebP")
    } else if starts(&[0x78, 0x9F, 0x3E, 0x22]) {
        OtherFile::Tnef
    } else if is_text(head) {
        if starts_like_email(head) {
            OtherFile::EmailText
        } else {
            OtherFile::Text
        }
    } else {
        OtherFile::Unknown
    }
}

/// Text: no NUL and no other control bytes than whitespace, and valid UTF-8 apart from a
/// character cut at the end of the sniffed bytes, or 8-bit text in some legacy code page
/// (non-ASCII bytes are allowed; only controls rule text out).
fn is_text(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    !head.is_empty()
        && head
            .iter()
            .all(|&b| b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
}

/// The first non-blank line is a header field (`Name: value`, the name made of printable ASCII
/// without a colon or space) or an mbox "From " separator line.
fn starts_like_email(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let first_line = head
        .split(|&b| b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line))
        .find(|line| !line.iter().all(u8::is_ascii_whitespace));
    let Some(line) = first_line else { return false };
    if line.starts_with(b"From ") {
        return true;
    }
    match line.iter().position(|&b| b == b':') {
        Some(colon) if colon > 0 => line[..colon].iter().all(|&b| b.is_ascii_graphic()),
        _ => false,
    }
}

/// Classifies an OLE compound file that is not a message by the names of its root entries.
pub(crate) fn other_ole<'a>(root_names: impl IntoIterator<Item = &'a str>) -> OtherOle {
    for name in root_names {
        match name {
            "WordDocument" => return OtherOle::Word,
            "Workbook" | "Book" => return OtherOle::Excel,
            "PowerPoint Document" => return OtherOle::PowerPoint,
            "VisioDocument" => return OtherOle::Visio,
            _ => {}
        }
    }
    OtherOle::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_common_files() {
        assert_eq!(other_file(b"PK\x03\x04\x14\x00"), OtherFile::Zip);
        assert_eq!(other_file(b"%PDF-1.7\n"), OtherFile::Pdf);
        assert_eq!(
            other_file(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            OtherFile::Image("JPEG")
        );
        assert_eq!(other_file(b"\x89PNG\r\n\x1a\n"), OtherFile::Image("PNG"));
        assert_eq!(
            other_file(b"RIFF\x00\x00\x00\x00WEBPVP8 "),
            OtherFile::Image("WebP")
        );
        assert_eq!(other_file(&[0x78, 0x9F, 0x3E, 0x22, 1]), OtherFile::Tnef);
        assert_eq!(
            other_file(b"\r\nReceived: from a by b; Sun, 1 Jan 2023\r\n"),
            OtherFile::EmailText
        );
        assert_eq!(
            other_file(b"\xEF\xBB\xBFReturn-Path: <a@b>\n"),
            OtherFile::EmailText
        );
        assert_eq!(
            other_file(b"From a@b Sat Jan  3 01:05:34 1996\n"),
            OtherFile::EmailText
        );
        assert_eq!(
            other_file(b"Dear Bob: here are the headers"),
            OtherFile::Text
        );
        assert_eq!(other_file(b"caf\xE9 au lait\n"), OtherFile::Text);
        assert_eq!(other_file(&[0, 1, 2, 3]), OtherFile::Unknown);
    }

    #[test]
    fn names_office_documents() {
        assert_eq!(
            other_ole(["\u{5}SummaryInformation", "WordDocument", "1Table"]),
            OtherOle::Word
        );
        assert_eq!(other_ole(["Workbook"]), OtherOle::Excel);
        assert_eq!(other_ole(["PowerPoint Document"]), OtherOle::PowerPoint);
        assert_eq!(other_ole(["Catalog"]), OtherOle::Unknown);
    }
}
