//! Every error, word for word: what the file is and what to do instead.

mod common;

use std::io::{self, Read, Seek, SeekFrom};

use common::*;
use hopscope_msg::Options;

fn error(bytes: &[u8]) -> String {
    hopscope_msg::read(bytes).unwrap_err().to_string()
}

const SAVE_OR_PASTE: &str = "In Outlook, save the message with File › Save As › Outlook Message Format (.msg), or copy its headers (File › Properties › Internet headers) and paste them.";

#[test]
fn an_empty_file() {
    assert_eq!(
        error(b""),
        format!("This file is empty (0 bytes), so there is no message in it. {SAVE_OR_PASTE}")
    );
}

#[test]
fn common_files_that_are_not_messages_are_named() {
    assert_eq!(
        error(b"PK\x03\x04\x14\x00\x06\x00word/document.xml"),
        format!("This file is a ZIP archive (a .zip, or a Word, Excel or PowerPoint .docx/.xlsx/.pptx file renamed), not an Outlook message. {SAVE_OR_PASTE}")
    );
    assert_eq!(error(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"), format!("This file is a PDF document, not an Outlook message: a printed email has lost its headers. {SAVE_OR_PASTE}"));
    assert_eq!(
        error(&[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F']),
        "This file is a JPEG image, not an Outlook message: Hopscope cannot read headers from a picture. Copy the header text itself and paste it."
    );
    assert_eq!(
        error(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        "This file is a PNG image, not an Outlook message: Hopscope cannot read headers from a picture. Copy the header text itself and paste it."
    );
    assert_eq!(
        error(&[0x78, 0x9F, 0x3E, 0x22, 0x01, 0x00]),
        "This file is a winmail.dat (TNEF) attachment, not an Outlook .msg: it holds a message's attachments, not its route. Open the message that carried it instead."
    );
    assert_eq!(error(b"Just some notes.\n"), "This file is plain text, not an Outlook .msg message. If it holds email headers, paste them or open the file as an .eml.");
    assert_eq!(
        error(&[0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]),
        format!("This file is not an Outlook .msg message: it is not in Outlook's file format (an OLE compound file). {SAVE_OR_PASTE}")
    );
}

#[test]
fn an_eml_given_as_msg_says_to_open_it_as_eml() {
    let eml =
        hopscope_msg::read(b"Return-Path: <a@example.org>\r\nReceived: from x by y\r\n\r\nbody")
            .unwrap_err();
    assert_eq!(eml.to_string(), "This file is a plain-text email (.eml) or mailbox, not an Outlook .msg. Open it as an .eml file or paste its text: Hopscope reads it directly.");
    assert!(eml.looks_like_email_text());
    assert!(!hopscope_msg::read(b"%PDF")
        .unwrap_err()
        .looks_like_email_text());
}

#[test]
fn office_documents_in_the_same_container_are_named() {
    let expected = |what: &str| {
        format!("This file is {what}, not an Outlook message: it uses the same container format as .msg files but holds no email. {SAVE_OR_PASTE}")
    };
    assert_eq!(
        error(&ole_with_streams(&[
            "\u{5}SummaryInformation",
            "WordDocument",
            "1Table"
        ])),
        expected("a Word document (.doc)")
    );
    assert_eq!(
        error(&ole_with_streams(&["Workbook"])),
        expected("an Excel workbook (.xls)")
    );
    assert_eq!(
        error(&ole_with_streams(&["PowerPoint Document", "Current User"])),
        expected("a PowerPoint presentation (.ppt)")
    );
    assert_eq!(
        error(&ole_with_streams(&["Catalog"])),
        format!("This file is in Outlook's container format (an OLE compound file) but holds no email message: it has none of the properties a .msg has. {SAVE_OR_PASTE}")
    );
}

const CORRUPT: &str = "This .msg file is damaged or incomplete (perhaps cut short while copying or downloading): its internal structure could not be read. Save the message from Outlook again, or copy its headers (File › Properties › Internet headers) and paste them.";

#[test]
fn a_truncated_file_is_damaged() {
    let bytes = received_message().build();
    for len in [8, 100, 511, 512, 1000] {
        let error = hopscope_msg::read(&bytes[..len]).unwrap_err();
        assert_eq!(error.to_string(), CORRUPT, "cut at {len}");
        assert!(error.detail().is_some());
    }
}

#[test]
fn a_header_of_garbage_is_damaged() {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend((0..4096u32).map(|i| (i * 7919 % 251) as u8));
    assert_eq!(error(&bytes), CORRUPT);
}

/// A file of `len` bytes that starts like a compound file, without holding it in memory.
struct SparseFile {
    len: u64,
    position: u64,
}

impl Read for SparseFile {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = (self.len.saturating_sub(self.position)).min(buf.len() as u64) as usize;
        for (i, byte) in buf[..n].iter_mut().enumerate() {
            let at = self.position as usize + i;
            *byte = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
                .get(at)
                .copied()
                .unwrap_or(0);
        }
        self.position += n as u64;
        Ok(n)
    }
}

impl Seek for SparseFile {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.position = match pos {
            SeekFrom::Start(at) => at,
            SeekFrom::End(delta) => self.len.saturating_add_signed(delta),
            SeekFrom::Current(delta) => self.position.saturating_add_signed(delta),
        };
        Ok(self.position)
    }
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_parsed() {
    let huge = SparseFile {
        len: 150 << 20,
        position: 0,
    };
    assert_eq!(
        hopscope_msg::read_from(huge).unwrap_err().to_string(),
        "This file is 150 MB; Hopscope reads .msg files of up to 100 MB. Only the headers matter: in Outlook, open the message, choose File › Properties and copy the Internet headers, then paste them."
    );
    let bytes = received_message().build();
    assert_eq!(
        Options::new().max_file_size(2048).read(&bytes).unwrap_err().to_string(),
        format!("This file is {} KB; Hopscope reads .msg files of up to 2 KB. Only the headers matter: in Outlook, open the message, choose File › Properties and copy the Internet headers, then paste them.", bytes.len().div_ceil(1024))
    );
    // Just at the limit is fine.
    assert!(Options::new()
        .max_file_size(bytes.len() as u64)
        .read(&bytes)
        .is_ok());
}

struct FailingReader;

impl Read for FailingReader {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "permission denied",
        ))
    }
}

impl Seek for FailingReader {
    fn seek(&mut self, _: SeekFrom) -> io::Result<u64> {
        Ok(4096)
    }
}

#[test]
fn a_reader_that_fails_is_not_called_damaged() {
    let error = hopscope_msg::read_from(FailingReader).unwrap_err();
    assert_eq!(error.to_string(), "This file could not be read. Try opening it again, or copy the message's headers and paste them.");
    assert_eq!(error.detail(), Some("permission denied"));
}
