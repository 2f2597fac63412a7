//! Reading messages built like Outlook writes them: headers in both string forms and code pages,
//! the states and their explanations, and attached messages.

mod common;

use common::*;
use hopscope_msg::{AttachedMessage, MessageState, Options};

#[test]
fn unicode_headers_and_the_message_around_them() {
    let msg = hopscope_msg::read(&received_message().build()).unwrap();
    assert_eq!(msg.transport_headers(), Some(HEADERS));
    assert_eq!(msg.no_headers_reason(), None);
    assert_eq!(msg.subject(), Some("Quarterly figures"));
    assert_eq!(msg.sender_name(), Some("Alice"));
    assert_eq!(msg.sender_address(), Some("alice@example.org"));
    assert_eq!(msg.message_class(), Some("IPM.Note"));
    assert_eq!(msg.state(), MessageState::Received);
    assert!(msg.attached_messages().is_empty());
    assert!(msg.notes().is_empty());
}

/// Headers as a PT_STRING8 property, with a non-ASCII byte in a comment, read with a code page.
fn string8_headers(bytes: &[u8], code_page_props: &[(u16, u32)]) -> hopscope_msg::Msg {
    let mut message =
        Message::new().with(TRANSPORT_MESSAGE_HEADERS, Value::String8(bytes.to_vec()));
    for &(id, code_page) in code_page_props {
        message = message.with(id, Value::Long(code_page));
    }
    hopscope_msg::read(&message.build()).unwrap()
}

#[test]
fn string8_headers_are_decoded_with_the_messages_code_page() {
    let raw = b"Received: from a (Jos\xE9 \x93PC\x94) by b; Mon, 2 Mar 2026 10:00:01 +0000\r\n";
    let cases: &[(&[(u16, u32)], &str)] = &[
        (&[(MESSAGE_CODEPAGE, 1252)], "Received: from a (José “PC”) by b; Mon, 2 Mar 2026 10:00:01 +0000\r\n"),
        (&[(INTERNET_CPID, 28591)], "Received: from a (José \u{93}PC\u{94}) by b; Mon, 2 Mar 2026 10:00:01 +0000\r\n"),
        (&[(INTERNET_CPID, 20127)], "Received: from a (Jos\u{FFFD} \u{FFFD}PC\u{FFFD}) by b; Mon, 2 Mar 2026 10:00:01 +0000\r\n"),
        (&[(MESSAGE_CODEPAGE, 1251)], "Received: from a (Josй “PC”) by b; Mon, 2 Mar 2026 10:00:01 +0000\r\n"),
        // PR_MESSAGE_CODEPAGE, the code page of the 8-bit properties, wins over the Internet one.
        (&[(INTERNET_CPID, 28591), (MESSAGE_CODEPAGE, 1252)], "Received: from a (José “PC”) by b; Mon, 2 Mar 2026 10:00:01 +0000\r\n"),
        // No code page: Outlook's Western default.
        (&[], "Received: from a (José “PC”) by b; Mon, 2 Mar 2026 10:00:01 +0000\r\n"),
    ];
    for (code_pages, expected) in cases {
        let msg = string8_headers(raw, code_pages);
        assert_eq!(msg.transport_headers(), Some(*expected), "{code_pages:?}");
        assert!(msg.notes().is_empty());
    }
    let utf8 = string8_headers(
        "Received: from a (José) by b\r\n".as_bytes(),
        &[(INTERNET_CPID, 65001)],
    );
    assert_eq!(
        utf8.transport_headers(),
        Some("Received: from a (José) by b\r\n")
    );
}

#[test]
fn a_code_page_without_a_decoder_keeps_ascii_and_says_so() {
    let msg = string8_headers(
        b"Received: from a (\x93\xfa\x96\x7b) by b\r\n",
        &[(MESSAGE_CODEPAGE, 932)],
    );
    assert_eq!(
        msg.transport_headers(),
        Some("Received: from a (\u{FFFD}\u{FFFD}\u{FFFD}{) by b\r\n")
    );
    assert_eq!(
        msg.notes(),
        ["The headers are stored as 8-bit text in code page 932, which Hopscope does not decode: 3 bytes outside ASCII are shown as \u{FFFD}."]
    );
    // ASCII headers in such a code page lose nothing, so there is nothing to say.
    let ascii = string8_headers(b"Received: from a by b\r\n", &[(MESSAGE_CODEPAGE, 932)]);
    assert!(ascii.notes().is_empty());
}

#[test]
fn the_unicode_form_wins_when_both_are_present() {
    let message = Message::new()
        .with(
            TRANSPORT_MESSAGE_HEADERS,
            Value::String8(b"Received: 8-bit\r\n".to_vec()),
        )
        .headers("Received: unicode\r\n");
    assert_eq!(
        hopscope_msg::read(&message.build())
            .unwrap()
            .transport_headers(),
        Some("Received: unicode\r\n")
    );
}

#[test]
fn a_draft_says_it_never_left_outlook() {
    let draft = Message::new()
        .unicode(MESSAGE_CLASS, "IPM.Note")
        .unicode(SUBJECT, "Draft")
        .with(MESSAGE_FLAGS, Value::Long(MSGFLAG_UNSENT | MSGFLAG_READ));
    let msg = hopscope_msg::read(&draft.build()).unwrap();
    assert_eq!(msg.transport_headers(), None);
    assert_eq!(msg.state(), MessageState::Draft);
    assert_eq!(
        msg.no_headers_reason(),
        Some("This .msg is an unsent draft: it never left Outlook, so no mail server added transport headers and there is no route to check. To check a message's route, open the copy its recipient received.")
    );
}

#[test]
fn a_sent_copy_says_to_ask_a_recipient() {
    let sent = Message::new()
        .unicode(MESSAGE_CLASS, "IPM.Note")
        .with(MESSAGE_FLAGS, Value::Long(MSGFLAG_READ))
        .with(CLIENT_SUBMIT_TIME, Value::Time(133_000_000_000_000_000));
    let msg = hopscope_msg::read(&sent.build()).unwrap();
    assert_eq!(msg.state(), MessageState::Sent);
    assert_eq!(
        msg.no_headers_reason(),
        Some("This .msg is a copy of a message sent from this mailbox (as kept in Sent Items): Outlook keeps transport headers only for messages it received from a mail server, so there is no route to check. Ask a recipient for their copy of the message.")
    );
}

#[test]
fn a_received_message_without_headers_says_they_were_removed_or_never_added() {
    let received = Message::new()
        .with(MESSAGE_FLAGS, Value::Long(MSGFLAG_READ))
        .with(CLIENT_SUBMIT_TIME, Value::Time(1))
        .unicode(RECEIVED_BY_NAME, "Bob");
    let msg = hopscope_msg::read(&received.build()).unwrap();
    assert_eq!(msg.state(), MessageState::Received);
    assert_eq!(
        msg.no_headers_reason(),
        Some("This .msg was received by this mailbox but has no transport headers. Outlook keeps them only for messages that came from a mail server: a message delivered inside one Exchange organisation may have none, and some export or archiving tools remove them. Open the original in Outlook and look at File › Properties › Internet headers.")
    );
}

#[test]
fn a_message_that_says_nothing_gets_the_general_explanation() {
    let msg = hopscope_msg::read(&Message::new().unicode(SUBJECT, "?").build()).unwrap();
    assert_eq!(msg.state(), MessageState::Unknown);
    assert_eq!(
        msg.no_headers_reason(),
        Some("This .msg has no transport headers: Outlook saves them only for messages it received from a mail server. Drafts, sent items and messages created in Outlook have none, and some tools that export or archive mail remove them. If this message was received, open it in Outlook and copy its headers (File › Properties › Internet headers).")
    );
}

#[test]
fn a_calendar_item_is_not_an_email() {
    let msg = hopscope_msg::read(
        &Message::new()
            .unicode(MESSAGE_CLASS, "IPM.Appointment")
            .build(),
    )
    .unwrap();
    assert_eq!(
        msg.no_headers_reason(),
        Some("This .msg is a calendar item (IPM.Appointment), not an email: it never travelled between mail servers, so it has no transport headers and no route to check.")
    );
}

#[test]
fn the_sender_address_is_the_smtp_one_never_an_exchange_path() {
    let exchange = "/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=ALICE";
    let only_exchange = Message::new()
        .unicode(SENDER_NAME, "Alice")
        .unicode(SENDER_EMAIL_ADDRESS, exchange);
    assert_eq!(
        hopscope_msg::read(&only_exchange.build())
            .unwrap()
            .sender_address(),
        None
    );
    let both = Message::new()
        .unicode(SENDER_EMAIL_ADDRESS, exchange)
        .unicode(SENDER_SMTP_ADDRESS, "alice@example.org");
    assert_eq!(
        hopscope_msg::read(&both.build()).unwrap().sender_address(),
        Some("alice@example.org")
    );
}

#[test]
fn an_embedded_message_offers_its_own_headers() {
    // Forwarded as an attachment from a draft that was saved, not sent.
    let inner = received_message();
    let outer = Message::new()
        .unicode(SUBJECT, "Fw: look at this")
        .with(MESSAGE_FLAGS, Value::Long(MSGFLAG_UNSENT))
        .attach(Attachment::message("Quarterly figures.msg", inner));
    let msg = hopscope_msg::read(&outer.build()).unwrap();
    assert_eq!(msg.transport_headers(), None);
    assert_eq!(msg.state(), MessageState::Draft);
    let [attached] = msg.attached_messages() else {
        panic!("one attached message: {:?}", msg.attached_messages())
    };
    assert_eq!(attached.name(), Some("Quarterly figures.msg"));
    assert_eq!(attached.transport_headers().as_deref(), Some(HEADERS));
    let AttachedMessage::Msg { msg: inner, .. } = attached else {
        panic!("an embedded message")
    };
    assert_eq!(inner.subject(), Some("Quarterly figures"));
    assert_eq!(inner.state(), MessageState::Received);
}

#[test]
fn nested_messages_are_read_to_the_depth_limit() {
    let level3 = received_message().unicode(SUBJECT, "Level 3");
    let level2 = received_message()
        .unicode(SUBJECT, "Level 2")
        .attach(Attachment::message("three", level3));
    let level1 = Message::new().attach(Attachment::message("two", level2));
    let bytes = level1.build();

    let msg = hopscope_msg::read(&bytes).unwrap();
    let AttachedMessage::Msg { msg: two, .. } = &msg.attached_messages()[0] else {
        panic!()
    };
    let AttachedMessage::Msg { msg: three, .. } = &two.attached_messages()[0] else {
        panic!()
    };
    assert_eq!(three.subject(), Some("Level 3"));
    assert_eq!(three.transport_headers(), Some(HEADERS));

    let shallow = Options::new().max_depth(1).read(&bytes).unwrap();
    let AttachedMessage::Msg { msg: two, .. } = &shallow.attached_messages()[0] else {
        panic!()
    };
    assert!(two.attached_messages().is_empty());
    assert_eq!(
        two.notes(),
        ["An attached message nested more than 1 level deep was not read."]
    );
    assert!(Options::new()
        .max_depth(0)
        .read(&bytes)
        .unwrap()
        .attached_messages()
        .is_empty());
}

#[test]
fn an_embedded_message_without_a_name_is_named_by_its_subject() {
    let attachment = Attachment {
        props: vec![(ATTACH_METHOD, Value::Long(5))],
        content: Content::Message(received_message()),
    };
    let msg = hopscope_msg::read(&Message::new().attach(attachment).build()).unwrap();
    assert_eq!(msg.attached_messages()[0].name(), Some("Quarterly figures"));
}

#[test]
fn an_embedded_message_without_a_code_page_uses_its_parents() {
    let inner = Message::new().with(
        TRANSPORT_MESSAGE_HEADERS,
        Value::String8(b"Received: from \xC0 by b\r\n".to_vec()),
    );
    let outer = Message::new()
        .with(MESSAGE_CODEPAGE, Value::Long(1251))
        .attach(Attachment::message("inner", inner));
    let msg = hopscope_msg::read(&outer.build()).unwrap();
    assert_eq!(
        msg.attached_messages()[0].transport_headers().as_deref(),
        Some("Received: from А by b\r\n")
    );
}

#[test]
fn attached_eml_files_are_returned_whole_and_other_files_are_not_listed() {
    let eml =
        b"Received: from x by y; Mon, 2 Mar 2026 09:00:00 +0000\r\nSubject: original\r\n\r\nbody"
            .to_vec();
    let outer = Message::new()
        .headers(HEADERS)
        .attach(
            Attachment::file("forwarded", eml.clone())
                .with(ATTACH_MIME_TAG, Value::Unicode("message/rfc822".into())),
        )
        .attach(
            Attachment::file("report.pdf", b"%PDF-1.7".to_vec())
                .with(ATTACH_MIME_TAG, Value::Unicode("application/pdf".into())),
        )
        .attach(Attachment::file("Original Message.EML", eml.clone()))
        .attach(
            Attachment::file("noname", eml.clone())
                .with(ATTACH_EXTENSION, Value::Unicode(".eml".into())),
        )
        .attach(Attachment {
            props: vec![
                (ATTACH_METHOD, Value::Long(6)),
                (DISPLAY_NAME, Value::Unicode("Document".into())),
            ],
            content: Content::OleObject,
        });
    let msg = hopscope_msg::read(&outer.build()).unwrap();
    let names: Vec<_> = msg
        .attached_messages()
        .iter()
        .map(|attached| attached.name())
        .collect();
    assert_eq!(
        names,
        [
            Some("forwarded"),
            Some("Original Message.EML"),
            Some("noname")
        ]
    );
    for attached in msg.attached_messages() {
        let AttachedMessage::Eml { bytes, .. } = attached else {
            panic!("an .eml: {attached:?}")
        };
        assert_eq!(bytes, &eml);
        assert_eq!(
            attached.transport_headers().as_deref(),
            Some("Received: from x by y; Mon, 2 Mar 2026 09:00:00 +0000\r\nSubject: original\r\n")
        );
    }
}

#[test]
fn a_large_attachment_is_not_read() {
    // A 50 MB .msg, nearly all attachment: reading must cost the directory, the FAT (4 bytes per
    // 512-byte sector: 400 KB here) and the small streams, not the 50 MB.
    let big = vec![0x5A; 50 << 20];
    let bytes = received_message()
        .attach(Attachment::file("video.mp4", big))
        .build();
    let mut reader = CountingReader {
        inner: std::io::Cursor::new(&bytes),
        bytes_read: 0,
    };
    let msg = hopscope_msg::read_from(&mut reader).unwrap();
    assert_eq!(msg.transport_headers(), Some(HEADERS));
    assert!(msg.attached_messages().is_empty());
    assert!(
        reader.bytes_read < 1 << 20,
        "read {} of {} bytes",
        reader.bytes_read,
        bytes.len()
    );
}

#[test]
fn an_empty_header_property_is_an_error_unless_an_attached_message_has_headers() {
    let empty = Message::new().headers("");
    assert_eq!(
        hopscope_msg::read(&empty.build()).unwrap_err().to_string(),
        "This .msg has a transport-headers property, but it is empty, so there is no route to check. The program that saved or exported the file may have removed the headers: open the original message in Outlook, copy its headers (File › Properties › Internet headers) and paste them."
    );
    assert!(hopscope_msg::read(&Message::new().headers(" \r\n\0").build()).is_err());

    let with_attached = Message::new()
        .headers("")
        .attach(Attachment::message("inner", received_message()));
    let msg = hopscope_msg::read(&with_attached.build()).unwrap();
    assert_eq!(msg.transport_headers(), None);
    assert_eq!(
        msg.no_headers_reason(),
        Some("This .msg's transport-headers property is present but empty, so there is no route to check; the program that saved or exported the file may have removed the headers. Open the original message in Outlook and copy its headers (File › Properties › Internet headers).")
    );
    assert_eq!(
        msg.attached_messages()[0].transport_headers().as_deref(),
        Some(HEADERS)
    );
}

#[test]
fn a_header_property_that_is_not_text_is_an_error() {
    let expected = "This .msg's transport-headers property holds binary data, not text, so Hopscope cannot read a route from it; the file may be damaged or written by an unusual tool. Open the message in Outlook, copy its headers (File › Properties › Internet headers) and paste them.";
    let binary = Message::new().with(
        TRANSPORT_MESSAGE_HEADERS,
        Value::Raw(0x0102, vec![1, 2, 3, 4]),
    );
    assert_eq!(
        hopscope_msg::read(&binary.build()).unwrap_err().to_string(),
        expected
    );
    let integer = Message::new().with(TRANSPORT_MESSAGE_HEADERS, Value::Long(7));
    assert_eq!(
        hopscope_msg::read(&integer.build())
            .unwrap_err()
            .to_string(),
        expected
    );
    // UTF-16 stored in the 8-bit property: NULs between the letters.
    let utf16_as_8bit: Vec<u8> = "Received: x"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let misfiled = Message::new().with(TRANSPORT_MESSAGE_HEADERS, Value::String8(utf16_as_8bit));
    assert_eq!(
        hopscope_msg::read(&misfiled.build())
            .unwrap_err()
            .to_string(),
        expected
    );
}

#[test]
fn recurring_appointment_exceptions_are_not_attached_messages() {
    let exception = Message::new().unicode(
        MESSAGE_CLASS,
        "IPM.OLE.CLASS.{00061055-0000-0000-C000-000000000046}",
    );
    let appointment = Message::new()
        .unicode(MESSAGE_CLASS, "IPM.Appointment")
        .attach(Attachment::message("Untitled", exception));
    assert!(hopscope_msg::read(&appointment.build())
        .unwrap()
        .attached_messages()
        .is_empty());
}

#[test]
fn lower_case_stream_names_are_read() {
    // The compound-file format compares names without case; some writers use lower-case hex.
    use std::io::Write;
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    file.create_stream("/__properties_version1.0")
        .unwrap()
        .write_all(&[0; 32])
        .unwrap();
    file.create_stream("/__substg1.0_007d001e")
        .unwrap()
        .write_all(b"Received: x\0")
        .unwrap();
    let bytes = file.into_inner().into_inner();
    assert_eq!(
        hopscope_msg::read(&bytes).unwrap().transport_headers(),
        Some("Received: x")
    );
}
