//! Builds .msg files for the tests with the compound-file crate's writer, laid out as Outlook
//! writes them (MS-OXMSG on a version 3 compound file, 512-byte sectors): a property stream per
//! storage, a `__substg1.0_` stream per variable-size property, attachment storages, and
//! embedded messages as `__substg1.0_3701000D` storages.
#![allow(dead_code)] // each test file uses part of the builder

use std::io::{Cursor, Read, Seek, SeekFrom, Write};

pub const TRANSPORT_MESSAGE_HEADERS: u16 = 0x007D;
pub const MESSAGE_CLASS: u16 = 0x001A;
pub const SUBJECT: u16 = 0x0037;
pub const CLIENT_SUBMIT_TIME: u16 = 0x0039;
pub const RECEIVED_BY_NAME: u16 = 0x0040;
pub const SENDER_NAME: u16 = 0x0C1A;
pub const SENDER_EMAIL_ADDRESS: u16 = 0x0C1F;
pub const SENDER_SMTP_ADDRESS: u16 = 0x5D01;
pub const MESSAGE_FLAGS: u16 = 0x0E07;
pub const INTERNET_CPID: u16 = 0x3FDE;
pub const MESSAGE_CODEPAGE: u16 = 0x3FFD;
pub const DISPLAY_NAME: u16 = 0x3001;
pub const ATTACH_EXTENSION: u16 = 0x3703;
pub const ATTACH_FILENAME: u16 = 0x3704;
pub const ATTACH_METHOD: u16 = 0x3705;
pub const ATTACH_LONG_FILENAME: u16 = 0x3707;
pub const ATTACH_MIME_TAG: u16 = 0x370E;

pub const MSGFLAG_READ: u32 = 0x01;
pub const MSGFLAG_UNSENT: u32 = 0x08;

#[derive(Clone, Debug)]
pub enum Value {
    Long(u32),
    Time(u64),
    /// PT_UNICODE: written as UTF-16LE with a terminating NUL, as Outlook does.
    Unicode(String),
    /// PT_STRING8: the bytes as given, plus a terminating NUL.
    String8(Vec<u8>),
    /// Any other property type, as raw bytes in a stream.
    Raw(u16, Vec<u8>),
}

#[derive(Clone, Debug, Default)]
pub struct Message {
    pub props: Vec<(u16, Value)>,
    pub attachments: Vec<Attachment>,
}

#[derive(Clone, Debug)]
pub struct Attachment {
    pub props: Vec<(u16, Value)>,
    pub content: Content,
}

#[derive(Clone, Debug)]
pub enum Content {
    /// An embedded message: `__substg1.0_3701000D` storage, attach method 5.
    Message(Message),
    /// A file: `__substg1.0_37010102` stream, attach method 1.
    Data(Vec<u8>),
    /// An OLE object (method 6): a `__substg1.0_3701000D` storage holding a Word document.
    OleObject,
}

impl Message {
    pub fn new() -> Message {
        Message::default()
    }

    pub fn with(mut self, id: u16, value: Value) -> Message {
        self.props.push((id, value));
        self
    }

    pub fn unicode(self, id: u16, text: &str) -> Message {
        self.with(id, Value::Unicode(text.to_owned()))
    }

    pub fn headers(self, text: &str) -> Message {
        self.unicode(TRANSPORT_MESSAGE_HEADERS, text)
    }

    pub fn attach(mut self, attachment: Attachment) -> Message {
        self.attachments.push(attachment);
        self
    }

    /// The .msg file's bytes.
    pub fn build(&self) -> Vec<u8> {
        let cursor = Cursor::new(Vec::new());
        let mut file = cfb::CompoundFile::create_with_version(cfb::Version::V3, cursor).unwrap();
        write_message(&mut file, "", self, 32);
        // A real .msg always has the named-property storage.
        file.create_storage("/__nameid_version1.0").unwrap();
        file.flush().unwrap();
        file.into_inner().into_inner()
    }
}

impl Attachment {
    pub fn message(name: &str, message: Message) -> Attachment {
        Attachment {
            props: vec![
                (ATTACH_METHOD, Value::Long(5)),
                (DISPLAY_NAME, Value::Unicode(name.to_owned())),
            ],
            content: Content::Message(message),
        }
    }

    pub fn file(long_filename: &str, bytes: Vec<u8>) -> Attachment {
        Attachment {
            props: vec![
                (ATTACH_METHOD, Value::Long(1)),
                (
                    ATTACH_LONG_FILENAME,
                    Value::Unicode(long_filename.to_owned()),
                ),
            ],
            content: Content::Data(bytes),
        }
    }

    pub fn with(mut self, id: u16, value: Value) -> Attachment {
        self.props.push((id, value));
        self
    }
}

fn write_message<F: Read + Write + Seek>(
    file: &mut cfb::CompoundFile<F>,
    path: &str,
    message: &Message,
    header_len: usize,
) {
    let mut header = vec![0u8; header_len];
    if header_len >= 24 {
        // Next recipient id, next attachment id, recipient count, attachment count.
        let attachments = message.attachments.len() as u32;
        header[12..16].copy_from_slice(&attachments.to_le_bytes());
        header[20..24].copy_from_slice(&attachments.to_le_bytes());
    }
    write_properties(file, path, &message.props, header);
    for (index, attachment) in message.attachments.iter().enumerate() {
        let attach_path = format!("{path}/__attach_version1.0_#{index:08X}");
        file.create_storage(&attach_path).unwrap();
        write_properties(file, &attach_path, &attachment.props, vec![0; 8]);
        match &attachment.content {
            Content::Message(inner) => {
                let inner_path = format!("{attach_path}/__substg1.0_3701000D");
                file.create_storage(&inner_path).unwrap();
                write_message(file, &inner_path, inner, 24);
            }
            Content::Data(bytes) => {
                file.create_stream(format!("{attach_path}/__substg1.0_37010102"))
                    .unwrap()
                    .write_all(bytes)
                    .unwrap();
            }
            Content::OleObject => {
                let inner_path = format!("{attach_path}/__substg1.0_3701000D");
                file.create_storage(&inner_path).unwrap();
                file.create_stream(format!("{inner_path}/WordDocument"))
                    .unwrap()
                    .write_all(&[0xEC, 0xA5, 0xC1, 0])
                    .unwrap();
            }
        }
    }
}

fn write_properties<F: Read + Write + Seek>(
    file: &mut cfb::CompoundFile<F>,
    path: &str,
    props: &[(u16, Value)],
    mut stream: Vec<u8>,
) {
    for (id, value) in props {
        let (kind, fixed, data): (u16, [u8; 8], Option<Vec<u8>>) = match value {
            Value::Long(n) => (0x0003, pad8(&n.to_le_bytes()), None),
            Value::Time(t) => (0x0040, t.to_le_bytes(), None),
            Value::Unicode(text) => {
                let mut bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
                bytes.extend_from_slice(&[0, 0]);
                (
                    0x001F,
                    pad8(&(bytes.len() as u32).to_le_bytes()),
                    Some(bytes),
                )
            }
            Value::String8(raw) => {
                let mut bytes = raw.clone();
                bytes.push(0);
                (
                    0x001E,
                    pad8(&(bytes.len() as u32).to_le_bytes()),
                    Some(bytes),
                )
            }
            Value::Raw(kind, bytes) => (
                *kind,
                pad8(&(bytes.len() as u32).to_le_bytes()),
                Some(bytes.clone()),
            ),
        };
        stream.extend_from_slice(&kind.to_le_bytes());
        stream.extend_from_slice(&id.to_le_bytes());
        stream.extend_from_slice(&6u32.to_le_bytes()); // PROPATTR_READABLE | PROPATTR_WRITABLE
        stream.extend_from_slice(&fixed);
        if let Some(bytes) = data {
            file.create_stream(format!("{path}/__substg1.0_{id:04X}{kind:04X}"))
                .unwrap()
                .write_all(&bytes)
                .unwrap();
        }
    }
    file.create_stream(format!("{path}/__properties_version1.0"))
        .unwrap()
        .write_all(&stream)
        .unwrap();
}

fn pad8(bytes: &[u8]) -> [u8; 8] {
    let mut out = [0u8; 8];
    out[..bytes.len()].copy_from_slice(bytes);
    out
}

/// Headers as a receiving Exchange server stores them: two hops, CRLF.
pub const HEADERS: &str = "Received: from mx.example.net (203.0.113.9) by mbx.example.com with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.1; Mon, 2 Mar 2026 10:00:02 +0000\r\n\
Received: from laptop.example.org ([198.51.100.7]) by mx.example.net with ESMTP; Mon, 2 Mar 2026 10:00:01 +0000\r\n\
Subject: Quarterly figures\r\n\
From: Alice <alice@example.org>\r\n\r\n";

/// A received message with headers, subject, sender, class and flags.
pub fn received_message() -> Message {
    Message::new()
        .unicode(MESSAGE_CLASS, "IPM.Note")
        .unicode(SUBJECT, "Quarterly figures")
        .unicode(SENDER_NAME, "Alice")
        .unicode(SENDER_SMTP_ADDRESS, "alice@example.org")
        .with(MESSAGE_FLAGS, Value::Long(MSGFLAG_READ))
        .with(MESSAGE_CODEPAGE, Value::Long(1252))
        .headers(HEADERS)
}

/// A .msg with a bit of everything: headers, an embedded message with its own, an .eml and a
/// plain file attachment. The shared sample for the hostile-input tests.
pub fn rich_message() -> Message {
    let inner = received_message().unicode(SUBJECT, "Inner").headers(
        "Received: from inner.example by mx.example.net; Sun, 1 Mar 2026 09:00:00 +0000\r\n",
    );
    Message::new()
        .unicode(MESSAGE_CLASS, "IPM.Note")
        .unicode(SUBJECT, "Fw: suspicious")
        .with(MESSAGE_FLAGS, Value::Long(MSGFLAG_READ))
        .headers(HEADERS)
        .attach(Attachment::message("Inner.msg", inner))
        .attach(
            Attachment::file(
                "original.eml",
                b"Received: from a by b; Sun, 1 Mar 2026 08:00:00 +0000\r\nSubject: hi\r\n\r\nBody"
                    .to_vec(),
            )
            .with(ATTACH_MIME_TAG, Value::Unicode("message/rfc822".into())),
        )
        .attach(Attachment::file(
            "report.pdf",
            b"%PDF-1.7 not read".repeat(400),
        ))
}

/// A reader that counts the bytes read through it.
pub struct CountingReader<R> {
    pub inner: R,
    pub bytes_read: u64,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes_read += n as u64;
        Ok(n)
    }
}

impl<R: Seek> Seek for CountingReader<R> {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(pos)
    }
}

/// Writes an OLE compound file (not a message) whose root holds these streams.
pub fn ole_with_streams(names: &[&str]) -> Vec<u8> {
    let mut file =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).unwrap();
    for name in names {
        file.create_stream(format!("/{name}"))
            .unwrap()
            .write_all(b"\x00\x01\x02\x03")
            .unwrap();
    }
    file.flush().unwrap();
    file.into_inner().into_inner()
}
