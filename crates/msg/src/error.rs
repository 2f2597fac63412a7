//! Why a file could not be read as an Outlook message, in words for the person who dropped it.

use std::fmt;

use crate::sniff::{OtherFile, OtherOle};

/// Why a file could not be read as an Outlook message.
///
/// Its `Display` is a complete sentence for the person who opened the file: what the file is
/// and what to do instead. It is `Clone` and `Eq` (rather than carrying an `io::Error`) so
/// that a front end can keep it in its state; the compound-file reader's own technical
/// description, when there is one, is [`detail`](MsgError::detail).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MsgError {
    kind: Kind,
    detail: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Empty,
    TooLarge { size: u64, limit: u64 },
    NotOle(OtherFile),
    NotMessage(OtherOle),
    Corrupt,
    ReadFailed,
    HeadersEmpty,
    HeadersNotText,
}

impl MsgError {
    pub(crate) fn new(kind: Kind) -> MsgError {
        MsgError { kind, detail: None }
    }

    pub(crate) fn with_detail(kind: Kind, detail: impl fmt::Display) -> MsgError {
        MsgError {
            kind,
            detail: Some(detail.to_string()),
        }
    }

    /// The file is text that starts like an email or its headers (an .eml or an mbox given
    /// as a .msg): a front end can analyse it as text instead of showing the error.
    pub fn looks_like_email_text(&self) -> bool {
        self.kind == Kind::NotOle(OtherFile::EmailText)
    }

    /// The technical description from the compound-file reader or the I/O layer, for a bug
    /// report; `None` when the plain message says everything.
    pub fn detail(&self) -> Option<&str> {
        self.detail.as_deref()
    }
}

/// The same advice ends most messages: the two ways to get headers that always work.
const SAVE_OR_PASTE: &str =
    "In Outlook, save the message with File › Save As › Outlook Message Format (.msg), or copy its headers (File › Properties › Internet headers) and paste them.";

impl fmt::Display for MsgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Empty => write!(f, "This file is empty (0 bytes), so there is no message in it. {SAVE_OR_PASTE}"),
            Kind::TooLarge { size, limit } => write!(
                f,
                "This file is {}; Hopscope reads .msg files of up to {}. Only the headers matter: in Outlook, open the message, choose File › Properties and copy the Internet headers, then paste them.",
                megabytes(*size),
                megabytes(*limit)
            ),
            Kind::NotOle(other) => match other {
                OtherFile::Zip => write!(
                    f,
                    "This file is a ZIP archive (a .zip, or a Word, Excel or PowerPoint .docx/.xlsx/.pptx file renamed), not an Outlook message. {SAVE_OR_PASTE}"
                ),
                OtherFile::Pdf => write!(
                    f,
                    "This file is a PDF document, not an Outlook message: a printed email has lost its headers. {SAVE_OR_PASTE}"
                ),
                OtherFile::Image(format) => write!(
                    f,
                    "This file is a {format} image, not an Outlook message: Hopscope cannot read headers from a picture. Copy the header text itself and paste it."
                ),
                OtherFile::Tnef => write!(
                    f,
                    "This file is a winmail.dat (TNEF) attachment, not an Outlook .msg: it holds a message's attachments, not its route. Open the message that carried it instead."
                ),
                OtherFile::EmailText => write!(
                    f,
                    "This file is a plain-text email (.eml) or mailbox, not an Outlook .msg. Open it as an .eml file or paste its text: Hopscope reads it directly."
                ),
                OtherFile::Text => write!(
                    f,
                    "This file is plain text, not an Outlook .msg message. If it holds email headers, paste them or open the file as an .eml."
                ),
                OtherFile::Unknown => write!(
                    f,
                    "This file is not an Outlook .msg message: it is not in Outlook's file format (an OLE compound file). {SAVE_OR_PASTE}"
                ),
            },
            Kind::NotMessage(other) => {
                let what = match other {
                    OtherOle::Word => "a Word document (.doc)",
                    OtherOle::Excel => "an Excel workbook (.xls)",
                    OtherOle::PowerPoint => "a PowerPoint presentation (.ppt)",
                    OtherOle::Visio => "a Visio drawing (.vsd)",
                    OtherOle::Unknown => {
                        return write!(
                            f,
                            "This file is in Outlook's container format (an OLE compound file) but holds no email message: it has none of the properties a .msg has. {SAVE_OR_PASTE}"
                        )
                    }
                };
                write!(
                    f,
                    "This file is {what}, not an Outlook message: it uses the same container format as .msg files but holds no email. {SAVE_OR_PASTE}"
                )
            }
            Kind::Corrupt => write!(
                f,
                "This .msg file is damaged or incomplete (perhaps cut short while copying or downloading): its internal structure could not be read. Save the message from Outlook again, or copy its headers (File › Properties › Internet headers) and paste them."
            ),
            Kind::ReadFailed => write!(f, "This file could not be read. Try opening it again, or copy the message's headers and paste them."),
            Kind::HeadersEmpty => write!(
                f,
                "This .msg has a transport-headers property, but it is empty, so there is no route to check. The program that saved or exported the file may have removed the headers: open the original message in Outlook, copy its headers (File › Properties › Internet headers) and paste them."
            ),
            Kind::HeadersNotText => write!(
                f,
                "This .msg's transport-headers property holds binary data, not text, so Hopscope cannot read a route from it; the file may be damaged or written by an unusual tool. Open the message in Outlook, copy its headers (File › Properties › Internet headers) and paste them."
            ),
        }
    }
}

impl std::error::Error for MsgError {}

/// "100 MB", "2.5 MB", "3 KB": sizes in MiB (KiB below one), written MB as file managers do,
/// at most one decimal.
fn megabytes(bytes: u64) -> String {
    if bytes < 1 << 20 {
        return format!("{} KB", bytes.div_ceil(1024));
    }
    let tenths = bytes.saturating_mul(10).saturating_add((1 << 20) / 2) >> 20;
    if tenths.is_multiple_of(10) || tenths >= 1000 {
        format!("{} MB", (tenths + 5) / 10)
    } else {
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(megabytes(100 << 20), "100 MB");
        assert_eq!(megabytes((5 << 20) / 2), "2.5 MB");
        assert_eq!(megabytes(120 * 1024 * 1024 + 1), "120 MB");
        assert_eq!(megabytes(1000), "1 KB");
        assert_eq!(megabytes(u64::MAX), "1759218604442 MB");
    }
}
