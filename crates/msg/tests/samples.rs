//! Files saved by Outlook itself (see `tests/data/README.md` for where they come from and their
//! licence): what the built files assume about the format must hold for real ones.

use hopscope_msg::{AttachedMessage, MessageState};

fn sample(name: &str) -> hopscope_msg::Msg {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    hopscope_msg::read(&bytes).unwrap_or_else(|error| panic!("{path}: {error}"))
}

#[test]
fn a_received_message_with_unicode_headers() {
    let msg = sample("vote-yes.msg");
    assert_eq!(msg.state(), MessageState::Received);
    assert_eq!(msg.message_class(), Some("IPM.Note"));
    assert_eq!(
        msg.subject(),
        Some("はい: 3 vote items: はい;いいえ;たぶん")
    );
    assert_eq!(msg.sender_address(), Some("xmailuser@xmailserver.test"));
    let headers = msg.transport_headers().unwrap();
    assert!(
        headers.starts_with("Return-Path: <xmailuser@xmailserver.test>\r\n"),
        "{headers}"
    );
    assert!(headers.contains("Received: from H270 ([127.0.0.1]:54153)\r\n\tby xmailserver.test with [XMail 1.27 ESMTP Server]\r\n"), "{headers}");
    assert_eq!(msg.no_headers_reason(), None);
}

#[test]
fn an_unsent_message_with_a_received_one_inside() {
    let msg = sample("msg-in-msg.msg");
    assert_eq!(msg.state(), MessageState::Draft);
    assert_eq!(msg.transport_headers(), None);
    assert!(msg
        .no_headers_reason()
        .unwrap()
        .starts_with("This .msg is an unsent draft"));
    let [AttachedMessage::Msg { name, msg: inner }] = msg.attached_messages() else {
        panic!("{:?}", msg.attached_messages())
    };
    assert_eq!(name.as_deref(), Some("Microsoft Outlook テスト メッセージ"));
    assert_eq!(inner.state(), MessageState::Received);
    assert!(inner
        .transport_headers()
        .unwrap()
        .contains("\r\nReceived: from H270 ([127.0.0.1]:56695)\r\n"));
}

#[test]
fn a_sent_copy_with_an_attached_eml() {
    let msg = sample("attach-sample-eml-sent.msg");
    assert_eq!(msg.state(), MessageState::Sent);
    assert!(msg
        .no_headers_reason()
        .unwrap()
        .starts_with("This .msg is a copy of a message sent from this mailbox"));
    let [attached @ AttachedMessage::Eml { name, bytes }] = msg.attached_messages() else {
        panic!("{:?}", msg.attached_messages())
    };
    assert_eq!(name.as_deref(), Some("sample.eml"));
    assert_eq!(bytes.len(), 741);
    // The attached file is a Thunderbird draft: a header block, but no Received line.
    let headers = attached.transport_headers().unwrap();
    assert!(
        headers.starts_with("X-Mozilla-Status: 0001\r\n")
            && headers.contains("\r\nSubject: sample\r\n"),
        "{headers}"
    );
    assert!(!headers.contains("Received:"));
}

#[test]
fn a_sent_copy() {
    let msg = sample("sent.msg");
    assert_eq!(msg.state(), MessageState::Sent);
    assert_eq!(msg.subject(), Some("Sent time"));
    assert_eq!(msg.transport_headers(), None);
    assert!(msg.attached_messages().is_empty());
}
