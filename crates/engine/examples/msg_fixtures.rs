//! Writes the Outlook `.msg` files the page's end-to-end tests open (`tests/e2e/msg.test.mjs`),
//! with the msg crate's own test builder (compound files written by `cfb`, laid out as Outlook
//! writes them):
//!
//! ```sh
//! cargo run -p hopscope-engine --example msg_fixtures -- DIR
//! ```
//!
//! Every file is built here rather than committed, so that what each one holds is readable
//! below. The real Outlook samples the tests also open are in `crates/msg/tests/data`.

#[path = "../../msg/tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};

use common::*;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("usage: msg_fixtures DIR"));
    std::fs::create_dir_all(&dir).expect("the fixtures folder");
    let write = |name: &str, bytes: Vec<u8>| write(&dir, name, &bytes);

    // A received message: Unicode (001F) transport headers.
    write("received.msg", received_message().build());

    // The same route stored as 8-bit text (001E) in code page 1252, with a non-ASCII subject.
    let latin1: Vec<u8> = HEADERS
        .replace("Quarterly figures", "R\u{e9}sum\u{e9} des chiffres")
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    write(
        "eight-bit.msg",
        Message::new()
            .unicode(MESSAGE_CLASS, "IPM.Note")
            .with(MESSAGE_CODEPAGE, Value::Long(1252))
            .with(TRANSPORT_MESSAGE_HEADERS, Value::String8(latin1))
            .build(),
    );

    // A draft: never sent, so no transport headers.
    write(
        "draft.msg",
        Message::new()
            .unicode(MESSAGE_CLASS, "IPM.Note")
            .unicode(SUBJECT, "Unsent")
            .with(MESSAGE_FLAGS, Value::Long(MSGFLAG_UNSENT))
            .build(),
    );

    // The header property there, but empty; and there, but binary.
    write(
        "empty-headers.msg",
        Message::new()
            .unicode(MESSAGE_CLASS, "IPM.Note")
            .headers("  \r\n")
            .build(),
    );
    write(
        "binary-headers.msg",
        Message::new()
            .unicode(MESSAGE_CLASS, "IPM.Note")
            .with(
                TRANSPORT_MESSAGE_HEADERS,
                Value::Raw(0x0102, vec![0, 159, 146, 150, 0, 1]),
            )
            .build(),
    );

    // A message forwarded "as attachment" from Outlook: the outer one is a draft, the attached
    // one was received (headers), and it carries an attached .eml of its own.
    let original = received_message().attach(
        Attachment::file(
            "original.eml",
            b"Received: from a.example.org by b.example.net with ESMTPS; Sun, 1 Mar 2026 08:00:00 +0000\r\nSubject: hi\r\n\r\nBody"
                .to_vec(),
        )
        .with(ATTACH_MIME_TAG, Value::Unicode("message/rfc822".into())),
    );
    write(
        "forwarded.msg",
        Message::new()
            .unicode(MESSAGE_CLASS, "IPM.Note")
            .unicode(SUBJECT, "Fw: Quarterly figures")
            .with(MESSAGE_FLAGS, Value::Long(MSGFLAG_UNSENT))
            .attach(Attachment::message("Quarterly figures.msg", original))
            .build(),
    );

    // An OLE compound file that is not a message: a Word document.
    write(
        "report.doc",
        ole_with_streams(&["WordDocument", "1Table", "\u{5}SummaryInformation"]),
    );

    // 60 MB, nearly all of it one attachment: the page must read its headers without reading
    // the attachment.
    write(
        "large.msg",
        received_message()
            .attach(Attachment::file("video.bin", vec![0x5A; 60 << 20]))
            .build(),
    );
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    println!("{} ({} bytes)", path.display(), bytes.len());
}
