//! Opening a file the person picked or dropped: text (an `.eml`, a `.txt`, headers saved from a
//! mail program) for the input box, or an Outlook `.msg`, whose transport headers (and those
//! of the messages attached to it) are the text to analyse.
//!
//! Which it is comes from the first bytes, not the name: an OLE compound file is read as a
//! `.msg` whatever it is called (a `.doc` gets "this is a Word document"), and a file *named*
//! `.msg` that is not one gets the `.msg` reader's sentence for what it is (a ZIP, a PDF, an
//! image…), or, when it is text that looks like email, is read as text.

use std::io::{Read, Seek};

use hopscope_msg::{AttachedMessage, Msg, MsgError};

use crate::text::{self, LoadedText};

/// The first bytes of an OLE compound file, the container of Outlook's `.msg`.
pub const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// What a file gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// Text for the input box.
    Text(LoadedText),
    /// An Outlook message and the messages attached to it.
    Msg(MsgFile),
}

/// The messages of a `.msg` file, each with its headers or the reason it has none: the file's
/// own message first, then the attached ones in attachment order (depth first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MsgFile {
    pub messages: Vec<MsgMessage>,
    /// What the reader could not do fully, in plain English (see `Msg::notes`).
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MsgMessage {
    /// How a person tells the messages apart: the file's name for the file's own message, the
    /// attachment's name or subject for the others.
    pub label: String,
    /// 0 for the file's own message, 1 for a message attached to it, and so on.
    pub depth: u32,
    /// The transport headers, as a person would paste them.
    pub headers: Option<String>,
    /// Why there are none.
    pub reason: Option<String>,
}

impl MsgFile {
    /// The message to show first: the file's own when it has headers, else the first attached
    /// one that has (a forward saved from Outlook, a draft that carries the suspicious message).
    pub fn first_with_headers(&self) -> Option<usize> {
        self.messages.iter().position(|m| m.headers.is_some())
    }
}

/// Whether bytes starting with `head` of a file called `name` go to the `.msg` reader.
pub fn is_msg(name: &str, head: &[u8]) -> bool {
    head.starts_with(&OLE_MAGIC) || has_msg_extension(name)
}

fn has_msg_extension(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".msg")
}

/// Opens a file from its bytes.
pub fn open(name: &str, bytes: &[u8]) -> Result<Opened, String> {
    if is_msg(name, bytes) {
        return match open_msg(name, std::io::Cursor::new(bytes)) {
            Err(NotMsg::Text) => open_text(name, bytes),
            Err(NotMsg::Refused(message)) => Err(message),
            Ok(opened) => Ok(opened),
        };
    }
    open_text(name, bytes)
}

/// Opens a text file from its bytes.
pub fn open_text(name: &str, bytes: &[u8]) -> Result<Opened, String> {
    text::check_size(name, bytes.len() as f64)?;
    text::decode_file(name, bytes).map(Opened::Text)
}

/// Why the `.msg` reader gave no message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotMsg {
    /// The file is text that looks like email (an `.eml` named `.msg`): read it as text.
    Text,
    /// A sentence for the person: what the file is and what to do instead.
    Refused(String),
}

/// Reads a `.msg` from any reader (the page's worker reads the dropped file's slices on
/// demand, so only the parts the directory points to are read).
pub fn open_msg<R: Read + Seek>(name: &str, reader: R) -> Result<Opened, NotMsg> {
    match hopscope_msg::read_from(reader) {
        Ok(msg) => Ok(Opened::Msg(msg_file(name, &msg))),
        Err(error) => Err(refusal(name, &error)),
    }
}

fn refusal(name: &str, error: &MsgError) -> NotMsg {
    if error.looks_like_email_text() {
        return NotMsg::Text;
    }
    // The reader's sentences say "This file …"; naming the file says which one.
    NotMsg::Refused(format!("{name}: {error}"))
}

fn msg_file(name: &str, msg: &Msg) -> MsgFile {
    let mut messages = vec![MsgMessage {
        label: name.to_owned(),
        depth: 0,
        headers: non_empty(msg.transport_headers()),
        reason: msg.no_headers_reason().map(str::to_owned),
    }];
    let mut notes = msg.notes().to_vec();
    attached(msg, 1, &mut messages, &mut notes);
    MsgFile { messages, notes }
}

fn attached(msg: &Msg, depth: u32, out: &mut Vec<MsgMessage>, notes: &mut Vec<String>) {
    for (n, attachment) in msg.attached_messages().iter().enumerate() {
        let label = attachment
            .name()
            .map(str::to_owned)
            .unwrap_or_else(|| format!("attached message {}", n + 1));
        let headers = attachment.transport_headers();
        match attachment {
            AttachedMessage::Msg { msg: inner, .. } => {
                let label = inner
                    .subject()
                    .filter(|_| attachment.name().is_none())
                    .map_or(label, str::to_owned);
                out.push(MsgMessage {
                    label,
                    depth,
                    headers: non_empty(headers.as_deref()),
                    reason: inner.no_headers_reason().map(str::to_owned),
                });
                notes.extend(inner.notes().iter().cloned());
                attached(inner, depth + 1, out, notes);
            }
            // An attached .eml is analysed like a dropped one: a header block without Received
            // lines still gets the core's "no route to check".
            _ => out.push(MsgMessage {
                reason: headers.is_none().then(|| {
                    "This attached file holds no header lines, so there is no route to check."
                        .to_owned()
                }),
                label,
                depth,
                headers: non_empty(headers.as_deref()),
            }),
        }
    }
}

fn non_empty(text: Option<&str>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty()).map(str::to_owned)
}

/// `Read + Seek` over a file read in slices by `read(start, end)` (the page's worker reads a
/// dropped file's slices synchronously), through a window of [`WINDOW_BYTES`]. Compound files
/// are read in 512- or 4096-byte sectors, and their table of sectors, which the reader checks
/// whole, is spread through the file, one 512-byte sector every 64 KB: a 60 MB `.msg` costs
/// about 1,000 small reads, 4 MB in all, where 64 KB windows would read the whole file.
pub struct Windowed<F> {
    read: F,
    size: u64,
    pos: u64,
    window_start: u64,
    window: Vec<u8>,
    /// Bytes read through `read`, in all.
    pub bytes_read: u64,
}

/// See [`Windowed`].
pub const WINDOW_BYTES: u64 = 4 << 10;

impl<F: FnMut(u64, u64) -> Option<Vec<u8>>> Windowed<F> {
    pub fn new(size: u64, read: F) -> Self {
        Windowed {
            read,
            size,
            pos: 0,
            window_start: 0,
            window: Vec::new(),
            bytes_read: 0,
        }
    }
}

impl<F: FnMut(u64, u64) -> Option<Vec<u8>>> Read for Windowed<F> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pos >= self.size || out.is_empty() {
            return Ok(0);
        }
        let in_window = self.pos >= self.window_start
            && self.pos < self.window_start + self.window.len() as u64;
        if !in_window {
            let end = (self.pos + WINDOW_BYTES.max(out.len() as u64)).min(self.size);
            self.window = (self.read)(self.pos, end)
                .ok_or_else(|| std::io::Error::other("the browser could not read the file"))?;
            self.window_start = self.pos;
            self.bytes_read += self.window.len() as u64;
            if self.window.is_empty() {
                return Ok(0);
            }
        }
        let from = (self.pos - self.window_start) as usize;
        let n = out.len().min(self.window.len() - from);
        out[..n].copy_from_slice(&self.window[from..from + n]);
        self.pos += n as u64;
        Ok(n)
    }
}

impl<F> Seek for Windowed<F> {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        self.pos = seek(self.pos, self.size, to)?;
        Ok(self.pos)
    }
}

/// Where a seek lands in a file of `size` bytes, from `pos`.
pub(crate) fn seek(pos: u64, size: u64, to: std::io::SeekFrom) -> std::io::Result<u64> {
    use std::io::SeekFrom;
    let target = match to {
        SeekFrom::Start(n) => Some(n),
        SeekFrom::End(n) => size.checked_add_signed(n),
        SeekFrom::Current(n) => pos.checked_add_signed(n),
    };
    target.ok_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, "seek before the start")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_files_are_text_and_anything_ole_is_a_msg() {
        let eml = open("a.eml", b"Received: x\n\nbody").unwrap();
        assert!(matches!(eml, Opened::Text(ref t) if t.text.starts_with("Received: x")));
        assert!(is_msg("note.MSG", b"PK\x03\x04"));
        assert!(is_msg("report.doc", &OLE_MAGIC));
        assert!(!is_msg("a.eml", b"Received: x"));
    }

    #[test]
    fn a_file_named_msg_that_is_not_one_says_what_it_is() {
        let zip = open("invoice.msg", b"PK\x03\x04\x14\x00\x00\x00").unwrap_err();
        assert!(
            zip.starts_with("invoice.msg: This file is a ZIP archive"),
            "{zip}"
        );
        let empty = open("empty.msg", b"").unwrap_err();
        assert!(
            empty.starts_with("empty.msg: This file is empty"),
            "{empty}"
        );
        let text = open(
            "saved.msg",
            b"Received: from a by b; Sun, 22 Nov 2026 05:20:40 +0000\nSubject: x\n\nhi",
        )
        .unwrap();
        assert!(
            matches!(text, Opened::Text(ref t) if t.text.starts_with("Received: from a")),
            "an .eml named .msg is read as text: {text:?}"
        );
        let broken = open("cut.msg", &OLE_MAGIC).unwrap_err();
        assert!(broken.starts_with("cut.msg: "), "{broken}");
        assert!(!broken.contains("does not look like email"), "{broken}");
    }
}

#[cfg(test)]
#[path = "../../msg/tests/common/mod.rs"]
mod built_common;

#[cfg(test)]
mod built {
    use super::built_common::*;

    /// A received message with one attachment of `size` bytes.
    pub fn large_message(size: usize) -> Vec<u8> {
        received_message()
            .attach(Attachment::file("video.bin", vec![0x5A; size]))
            .build()
    }
}

#[cfg(test)]
mod samples {
    //! The real Outlook files of `crates/msg/tests/data` (Apache-2.0, see its README), and one
    //! built with the msg crate's test builder.
    use super::*;

    fn sample(name: &str, bytes: &[u8]) -> MsgFile {
        match open(name, bytes).unwrap() {
            Opened::Msg(file) => file,
            other => panic!("{name}: {other:?}"),
        }
    }

    #[test]
    fn a_received_message_gives_its_headers() {
        let file = sample(
            "vote-yes.msg",
            include_bytes!("../../msg/tests/data/vote-yes.msg"),
        );
        assert_eq!(file.messages.len(), 1);
        let own = &file.messages[0];
        assert_eq!((own.label.as_str(), own.depth), ("vote-yes.msg", 0));
        assert!(own.headers.as_deref().unwrap().contains("Received:"));
        assert_eq!(own.reason, None);
        assert_eq!(file.first_with_headers(), Some(0));
    }

    #[test]
    fn an_unsent_message_offers_the_one_attached_to_it() {
        let file = sample(
            "msg-in-msg.msg",
            include_bytes!("../../msg/tests/data/msg-in-msg.msg"),
        );
        assert!(file.messages.len() >= 2, "{file:?}");
        let own = &file.messages[0];
        assert_eq!(own.headers, None);
        assert!(own.reason.as_deref().unwrap().contains("draft"), "{own:?}");
        let first = file.first_with_headers().unwrap();
        assert!(first > 0);
        assert_eq!(file.messages[first].depth, 1);
        assert!(file.messages[first]
            .headers
            .as_deref()
            .unwrap()
            .contains("Received:"));
    }

    #[test]
    fn read_in_slices_a_message_gives_the_same_and_a_large_attachment_is_not_read() {
        let bytes = include_bytes!("../../msg/tests/data/msg-in-msg.msg");
        let whole = sample("msg-in-msg.msg", bytes);
        let mut slices = 0;
        let reader = Windowed::new(bytes.len() as u64, |start, end| {
            slices += 1;
            Some(bytes[start as usize..end as usize].to_vec())
        });
        assert_eq!(open_msg("msg-in-msg.msg", reader), Ok(Opened::Msg(whole)));
        assert!(slices > 1);

        // 20 MB, nearly all of it one attachment (the e2e suite opens a 60 MB one).
        let file = built::large_message(20 << 20);
        let mut reader = Windowed::new(file.len() as u64, |start, end| {
            Some(file[start as usize..end as usize].to_vec())
        });
        let opened = open_msg("large.msg", &mut reader).unwrap();
        assert!(matches!(&opened, Opened::Msg(m) if m.first_with_headers() == Some(0)));
        assert!(
            reader.bytes_read < file.len() as u64 / 10,
            "{} of {} bytes read",
            reader.bytes_read,
            file.len()
        );
    }

    #[test]
    fn a_sent_copy_says_why_there_is_no_route() {
        let file = sample("sent.msg", include_bytes!("../../msg/tests/data/sent.msg"));
        assert_eq!(file.first_with_headers(), None);
        let reason = file.messages[0].reason.as_deref().unwrap();
        assert!(reason.contains("Sent Items"), "{reason}");
        let file = sample(
            "eml.msg",
            include_bytes!("../../msg/tests/data/attach-sample-eml-sent.msg"),
        );
        assert_eq!(file.messages.len(), 2, "{file:?}");
        assert!(file.messages[1].label.ends_with(".eml"), "{file:?}");
    }
}
