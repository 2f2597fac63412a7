//! MS-OXMSG property storage: the names of the streams and storages that hold properties, and
//! the fixed-size values in a `__properties_version1.0` stream.
//!
//! A message, an attachment and a recipient are each a storage. Properties of variable size
//! (strings, binary, embedded objects) are each a stream or storage of their own named
//! `__substg1.0_IIIITTTT` (property id and type in hex); the fixed-size ones (integers,
//! booleans, times) sit in the storage's `__properties_version1.0` stream as 16-byte records
//! after a header whose size depends on what the storage is.

/// The stream of fixed-size property values in every message, attachment and recipient storage.
pub(crate) const PROPERTIES_STREAM: &str = "__properties_version1.0";
/// Prefix of attachment storages: `__attach_version1.0_#` and eight hex digits.
pub(crate) const ATTACHMENT_PREFIX: &str = "__attach_version1.0_#";
/// Prefix of variable-size property streams and storages.
pub(crate) const SUBSTG_PREFIX: &str = "__substg1.0_";
/// The storage of named-property mappings, present in every message file.
pub(crate) const NAMEID_STORAGE: &str = "__nameid_version1.0";

// Property types.
pub(crate) const PT_LONG: u16 = 0x0003;
pub(crate) const PT_OBJECT: u16 = 0x000D;
pub(crate) const PT_STRING8: u16 = 0x001E;
pub(crate) const PT_UNICODE: u16 = 0x001F;
pub(crate) const PT_BINARY: u16 = 0x0102;

// Property ids. Names are those of MS-OXPROPS (PidTag…), with the MAPI PR_ names in comments.
/// PR_TRANSPORT_MESSAGE_HEADERS: the Internet headers as the receiving server delivered them.
pub(crate) const TRANSPORT_MESSAGE_HEADERS: u16 = 0x007D;
/// PR_MESSAGE_CLASS: "IPM.Note", "IPM.Appointment", "REPORT.IPM.Note.NDR", …
pub(crate) const MESSAGE_CLASS: u16 = 0x001A;
pub(crate) const SUBJECT: u16 = 0x0037;
/// PR_CLIENT_SUBMIT_TIME: set when the message was sent.
pub(crate) const CLIENT_SUBMIT_TIME: u16 = 0x0039;
/// PR_RECEIVED_BY_ENTRYID, _NAME, _EMAIL_ADDRESS and _SMTP_ADDRESS: set by delivery, so only
/// on messages this mailbox received.
pub(crate) const RECEIVED_BY: [u16; 4] = [0x003F, 0x0040, 0x0075, 0x5D07];
pub(crate) const SENT_REPRESENTING_NAME: u16 = 0x0042;
pub(crate) const SENT_REPRESENTING_EMAIL_ADDRESS: u16 = 0x0065;
pub(crate) const SENDER_NAME: u16 = 0x0C1A;
pub(crate) const SENDER_EMAIL_ADDRESS: u16 = 0x0C1F;
pub(crate) const SENDER_SMTP_ADDRESS: u16 = 0x5D01;
pub(crate) const SENT_REPRESENTING_SMTP_ADDRESS: u16 = 0x5D02;
/// PR_MESSAGE_FLAGS, whose MSGFLAG_UNSENT bit marks a draft.
pub(crate) const MESSAGE_FLAGS: u16 = 0x0E07;
pub(crate) const MSGFLAG_UNSENT: u32 = 0x0008;
/// PR_INTERNET_CPID: the code page of the message as it came from the Internet.
pub(crate) const INTERNET_CPID: u16 = 0x3FDE;
/// PR_MESSAGE_CODEPAGE: the code page of the message's 8-bit string properties.
pub(crate) const MESSAGE_CODEPAGE: u16 = 0x3FFD;
pub(crate) const DISPLAY_NAME: u16 = 0x3001;
/// PR_ATTACH_DATA_BIN / _OBJ: the attachment's content (a stream, or a storage for an
/// embedded message or OLE object).
pub(crate) const ATTACH_DATA: u16 = 0x3701;
pub(crate) const ATTACH_EXTENSION: u16 = 0x3703;
pub(crate) const ATTACH_FILENAME: u16 = 0x3704;
/// PR_ATTACH_METHOD: 1 by value (a file), 5 an embedded message, 6 an OLE object, …
pub(crate) const ATTACH_METHOD: u16 = 0x3705;
pub(crate) const ATTACH_EMBEDDED_MSG: u32 = 5;
pub(crate) const ATTACH_LONG_FILENAME: u16 = 0x3707;
pub(crate) const ATTACH_MIME_TAG: u16 = 0x370E;

/// The name of the stream or storage of property `id` of type `kind`.
pub(crate) fn substg_name(id: u16, kind: u16) -> String {
    format!("{SUBSTG_PREFIX}{id:04X}{kind:04X}")
}

/// Reads the id and type out of a `__substg1.0_IIIITTTT` name (any case of hex digits: the
/// compound-file format compares names without case, and some writers use lower case).
pub(crate) fn parse_substg_name(name: &str) -> Option<(u16, u16)> {
    let hex = strip_prefix_ignore_case(name, SUBSTG_PREFIX)?;
    // Multi-valued properties add "-0000000N" per value; those are not read.
    if hex.len() != 8 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let id = u16::from_str_radix(hex.get(..4)?, 16).ok()?;
    let kind = u16::from_str_radix(hex.get(4..)?, 16).ok()?;
    Some((id, kind))
}

/// Whether `name` is an attachment storage name, `__attach_version1.0_#` and 8 hex digits.
pub(crate) fn is_attachment_name(name: &str) -> bool {
    strip_prefix_ignore_case(name, ATTACHMENT_PREFIX)
        .is_some_and(|hex| hex.len() == 8 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

pub(crate) fn strip_prefix_ignore_case<'a>(name: &'a str, prefix: &str) -> Option<&'a str> {
    let head = name.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| name.get(prefix.len()..))
        .flatten()
}

/// What a `__properties_version1.0` stream belongs to: its header size differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PropertyOwner {
    /// The top-level message: 32-byte header.
    TopMessage,
    /// A message embedded in an attachment: 24-byte header.
    EmbeddedMessage,
    /// An attachment or a recipient: 8-byte header.
    Attachment,
}

impl PropertyOwner {
    fn header_len(self) -> usize {
        match self {
            PropertyOwner::TopMessage => 32,
            PropertyOwner::EmbeddedMessage => 24,
            PropertyOwner::Attachment => 8,
        }
    }
}

/// One 16-byte record of a property stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FixedProperty {
    pub(crate) id: u16,
    pub(crate) kind: u16,
    /// The 8-byte value field: the value itself for fixed-size types, the size for others.
    pub(crate) value: [u8; 8],
}

impl FixedProperty {
    /// The value of a `PT_LONG` property.
    pub(crate) fn long(&self) -> Option<u32> {
        (self.kind == PT_LONG).then(|| {
            u32::from_le_bytes([self.value[0], self.value[1], self.value[2], self.value[3]])
        })
    }
}

/// The records of a property stream. The header size is taken from `owner`, except that a
/// stream whose length only fits the other message header size is read with that one: some
/// writers give embedded messages the top-level 32-byte header. Trailing bytes that do not
/// make a whole record are ignored.
pub(crate) fn parse_properties(stream: &[u8], owner: PropertyOwner) -> Vec<FixedProperty> {
    let mut header_len = owner.header_len();
    let fits = |header: usize| stream.len() >= header && (stream.len() - header).is_multiple_of(16);
    if !fits(header_len) {
        let other = match owner {
            PropertyOwner::TopMessage => Some(24),
            PropertyOwner::EmbeddedMessage => Some(32),
            PropertyOwner::Attachment => None,
        };
        if let Some(other) = other.filter(|&other| fits(other)) {
            header_len = other;
        }
    }
    stream
        .get(header_len..)
        .unwrap_or_default()
        .chunks_exact(16)
        .map(|record| {
            let mut value = [0u8; 8];
            value.copy_from_slice(&record[8..16]);
            FixedProperty {
                kind: u16::from_le_bytes([record[0], record[1]]),
                id: u16::from_le_bytes([record[2], record[3]]),
                value,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substg_names_round_trip_in_any_case() {
        assert_eq!(substg_name(0x007D, PT_UNICODE), "__substg1.0_007D001F");
        assert_eq!(
            parse_substg_name("__substg1.0_007D001F"),
            Some((0x007D, 0x001F))
        );
        assert_eq!(
            parse_substg_name("__SUBSTG1.0_3701000d"),
            Some((0x3701, 0x000D))
        );
        assert_eq!(parse_substg_name("__substg1.0_0E04101F-00000000"), None);
        assert_eq!(parse_substg_name("__substg1.0_007D00"), None);
        assert_eq!(parse_substg_name("__substg1.0_+07D001F"), None);
        assert_eq!(parse_substg_name("é"), None);
        assert!(is_attachment_name("__attach_version1.0_#0000000A"));
        assert!(!is_attachment_name("__recip_version1.0_#00000000"));
    }

    fn record(id: u16, kind: u16, value: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        bytes.extend_from_slice(&kind.to_le_bytes());
        bytes.extend_from_slice(&id.to_le_bytes());
        bytes.extend_from_slice(&6u32.to_le_bytes());
        bytes.extend_from_slice(&value.to_le_bytes());
        bytes.extend_from_slice(&[0; 4]);
        bytes
    }

    #[test]
    fn reads_records_after_the_owners_header() {
        let mut stream = vec![0u8; 32];
        stream.extend(record(MESSAGE_FLAGS, PT_LONG, 9));
        let props = parse_properties(&stream, PropertyOwner::TopMessage);
        assert_eq!(props.len(), 1);
        assert_eq!((props[0].id, props[0].long()), (MESSAGE_FLAGS, Some(9)));
        // The same stream given as an embedded message's: 32 fits, 24 does not.
        assert_eq!(
            parse_properties(&stream, PropertyOwner::EmbeddedMessage),
            props
        );
        let mut attachment = vec![0u8; 8];
        attachment.extend(record(ATTACH_METHOD, PT_LONG, 5));
        attachment.push(0xFF); // a stray byte is ignored
        assert_eq!(
            parse_properties(&attachment, PropertyOwner::Attachment)[0].long(),
            Some(5)
        );
        assert!(parse_properties(&[1, 2, 3], PropertyOwner::TopMessage).is_empty());
    }
}
