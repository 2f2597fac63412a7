//! What a .msg file holds, as far as Hopscope cares: its route (the transport headers) and
//! what to say when there is none, and the messages attached to it.

use std::borrow::Cow;

/// An Outlook message read from a .msg file (or from an attachment of one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    pub(crate) transport_headers: Option<String>,
    pub(crate) no_headers_reason: Option<String>,
    pub(crate) subject: Option<String>,
    pub(crate) sender_name: Option<String>,
    pub(crate) sender_address: Option<String>,
    pub(crate) message_class: Option<String>,
    pub(crate) state: MessageState,
    pub(crate) attached_messages: Vec<AttachedMessage>,
    pub(crate) notes: Vec<String>,
}

impl Msg {
    /// The Internet headers as the receiving server delivered them (`PR_TRANSPORT_MESSAGE_HEADERS`),
    /// decoded to text: what a person would paste into Hopscope. `None` for drafts, sent items,
    /// items created in Outlook, and files whose header property is empty or not text; then
    /// [`no_headers_reason`](Msg::no_headers_reason) says why.
    pub fn transport_headers(&self) -> Option<&str> {
        self.transport_headers.as_deref()
    }

    /// When there are no transport headers: a plain-English explanation of why, as specific as
    /// the file allows (a draft, a sent copy, a contact or calendar item, an empty property, …).
    /// `None` when there are headers.
    pub fn no_headers_reason(&self) -> Option<&str> {
        self.no_headers_reason.as_deref()
    }

    /// The subject line (`PR_SUBJECT`).
    pub fn subject(&self) -> Option<&str> {
        self.subject.as_deref()
    }

    /// The sender's display name (`PR_SENDER_NAME`, else the "sent representing" name).
    pub fn sender_name(&self) -> Option<&str> {
        self.sender_name.as_deref()
    }

    /// The sender's email address (the SMTP address; an Exchange-internal X.500 address,
    /// which means nothing outside the organisation, is left out).
    pub fn sender_address(&self) -> Option<&str> {
        self.sender_address.as_deref()
    }

    /// The Outlook item type (`PR_MESSAGE_CLASS`): `IPM.Note` for an email, `IPM.Appointment`,
    /// `IPM.Contact`, `REPORT.IPM.Note.NDR`, `IPM.Note.SMIME`, …
    pub fn message_class(&self) -> Option<&str> {
        self.message_class.as_deref()
    }

    /// Whether the message looks like a draft, a sent copy or a received message.
    pub fn state(&self) -> MessageState {
        self.state
    }

    /// The messages attached to this one, in attachment order: embedded Outlook messages (read
    /// recursively, to a bounded depth) and attached .eml files. Other attachments are not
    /// listed, and their content is never read.
    pub fn attached_messages(&self) -> &[AttachedMessage] {
        &self.attached_messages
    }

    /// Things the reader could not do fully, in plain English: headers in a code page it does
    /// not decode, an attachment it could not read, attachments nested too deep. Empty for most
    /// files.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }
}

/// What the message's properties say about where it has been.
///
/// Outlook marks a message it has not sent as unsent (`MSGFLAG_UNSENT`); delivery adds the
/// "received by" properties; sending adds a submit time. These are what the file says, not
/// proof: a tool that writes .msg files may set them differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MessageState {
    /// Marked unsent: a draft, a template, or a message composed and saved without sending.
    Draft,
    /// Sent from this mailbox and not received by it: a Sent Items copy.
    Sent,
    /// Delivered to this mailbox (it has "received by" properties or transport headers).
    Received,
    /// The file says too little to tell.
    Unknown,
}

/// A message attached to another: an embedded Outlook message, or an attached .eml file.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AttachedMessage {
    /// An Outlook message embedded as an attachment (a message forwarded "as attachment" from
    /// Outlook, or dragged into another message).
    Msg {
        /// The attachment's file or display name, else the embedded message's subject.
        name: Option<String>,
        /// The embedded message, read like the outer one.
        msg: Box<Msg>,
    },
    /// An attached email file (`message/rfc822`, or a name ending in `.eml`): its raw bytes,
    /// for the core to analyse like a dropped .eml.
    Eml {
        /// The attachment's file or display name.
        name: Option<String>,
        /// The whole file, headers and body.
        bytes: Vec<u8>,
    },
}

impl AttachedMessage {
    /// The attachment's name, as Outlook shows it.
    pub fn name(&self) -> Option<&str> {
        match self {
            AttachedMessage::Msg { name, .. } | AttachedMessage::Eml { name, .. } => {
                name.as_deref()
            }
        }
    }

    /// This message's transport headers: an embedded message's property, or an .eml's header
    /// block (everything before the first empty line, invalid UTF-8 shown as U+FFFD). `None`
    /// when there are none.
    pub fn transport_headers(&self) -> Option<Cow<'_, str>> {
        match self {
            AttachedMessage::Msg { msg, .. } => msg.transport_headers().map(Cow::Borrowed),
            AttachedMessage::Eml { bytes, .. } => {
                let block = header_block(bytes);
                (!block.iter().all(u8::is_ascii_whitespace)).then(|| String::from_utf8_lossy(block))
            }
        }
    }
}

/// The bytes before the first empty line (LF or CRLF line endings).
fn header_block(bytes: &[u8]) -> &[u8] {
    let mut line_start = 0;
    while line_start < bytes.len() {
        let rest = &bytes[line_start..];
        if rest.starts_with(b"\n") || rest.starts_with(b"\r\n") {
            return &bytes[..line_start];
        }
        match rest.iter().position(|&b| b == b'\n') {
            Some(end) => line_start += end + 1,
            None => break,
        }
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_eml_attachment_offers_its_header_block() {
        let eml = |bytes: &[u8]| AttachedMessage::Eml {
            name: None,
            bytes: bytes.to_vec(),
        };
        let crlf = eml(b"Received: a\r\n\tb\r\nSubject: x\r\n\r\nBody\r\n\r\nmore");
        assert_eq!(
            crlf.transport_headers().as_deref(),
            Some("Received: a\r\n\tb\r\nSubject: x\r\n")
        );
        assert_eq!(
            eml(b"Subject: \xFF\n\nBody").transport_headers().as_deref(),
            Some("Subject: \u{FFFD}\n")
        );
        assert_eq!(
            eml(b"Subject: no body").transport_headers().as_deref(),
            Some("Subject: no body")
        );
        assert_eq!(eml(b"\r\nBody only").transport_headers(), None);
        assert_eq!(eml(b"").transport_headers(), None);
    }
}
