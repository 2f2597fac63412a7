//! Walking the storages of a .msg: the message's properties, then its attachments, reading only
//! the streams that are needed.
//!
//! Streams are opened by name and read with a cap, so an attachment's content (the bulk of a
//! large .msg) is never touched unless it is itself a message. Every read also draws on a
//! budget of the file's own size: a well-formed file cannot need more, and a malicious one
//! whose directory points many entries at the same large chain is refused instead of being
//! read again and again.

use std::io::{self, Read, Seek};

use cfb::CompoundFile;

use crate::codepage;
use crate::error::{Kind, MsgError};
use crate::explain::{self, MissingHeaders};
use crate::message::{AttachedMessage, MessageState, Msg};
use crate::props::{self, FixedProperty, PropertyOwner};
use crate::sniff;

/// Headers longer than this are cut (with a note): real ones are a few KB, and 32 MiB of
/// UTF-16 is still 16 million characters.
const MAX_HEADERS_BYTES: u64 = 32 << 20;
/// Subject, names, addresses, message class and attachment names are cut at this length.
const MAX_SHORT_STRING_BYTES: u64 = 64 << 10;
/// A property stream of 64 Ki records is far more than any message has.
const MAX_PROPERTIES_BYTES: u64 = 1 << 20;
/// Embedded messages read per file, over all depths: bounds the work a crafted file can ask for.
const MAX_ATTACHED_MESSAGES: usize = 1000;

/// One entry of a storage's listing.
struct Entry {
    name: String,
    is_stream: bool,
    len: u64,
}

/// The children of a message or attachment storage, as far as the reader cares.
struct Listing {
    path: String,
    entries: Vec<Entry>,
}

impl Listing {
    fn child_path(&self, name: &str) -> String {
        if self.path == "/" {
            format!("/{name}")
        } else {
            format!("{}/{name}", self.path)
        }
    }

    fn has_stream(&self, name: &str) -> bool {
        self.entries
            .iter()
            .any(|entry| entry.is_stream && entry.name.eq_ignore_ascii_case(name))
    }

    /// The variable-size properties present: (id, type, is a stream).
    fn substg(&self) -> impl Iterator<Item = (u16, u16, bool)> + '_ {
        self.entries.iter().filter_map(|entry| {
            props::parse_substg_name(&entry.name).map(|(id, kind)| (id, kind, entry.is_stream))
        })
    }

    fn substg_entry(&self, id: u16, kind: u16, stream: bool) -> Option<&Entry> {
        let name = props::substg_name(id, kind);
        self.entries
            .iter()
            .find(|entry| entry.is_stream == stream && entry.name.eq_ignore_ascii_case(&name))
    }

    /// Whether this storage holds message properties at all.
    fn looks_like_message(&self) -> bool {
        self.has_stream(props::PROPERTIES_STREAM)
            || self.substg().next().is_some()
            || self
                .entries
                .iter()
                .any(|entry| entry.name.eq_ignore_ascii_case(props::NAMEID_STORAGE))
    }
}

pub(crate) struct Reader<F> {
    file: CompoundFile<F>,
    /// Bytes of stream content that may still be read.
    budget: u64,
    max_depth: usize,
    attached_messages_left: usize,
}

impl<F: Read + Seek> Reader<F> {
    pub(crate) fn new(file: CompoundFile<F>, file_size: u64, max_depth: usize) -> Reader<F> {
        Reader {
            file,
            budget: file_size,
            max_depth,
            attached_messages_left: MAX_ATTACHED_MESSAGES,
        }
    }

    /// Reads the top-level message.
    pub(crate) fn read_top(&mut self) -> Result<Msg, MsgError> {
        let root = self.list("/")?;
        if !root.looks_like_message() {
            let other = sniff::other_ole(root.entries.iter().map(|entry| entry.name.as_str()));
            return Err(MsgError::new(Kind::NotMessage(other)));
        }
        let (msg, missing) = self.read_message(&root, PropertyOwner::TopMessage, 0, None)?;
        // A top-level header property that is empty or not text is an error, unless attached
        // messages have headers to offer: then the person still gets a route, and the reason
        // says why the outer one has none.
        match missing {
            Some(MissingHeaders::Empty) if !has_attached_headers(&msg) => {
                Err(MsgError::new(Kind::HeadersEmpty))
            }
            Some(MissingHeaders::NotText) if !has_attached_headers(&msg) => {
                Err(MsgError::new(Kind::HeadersNotText))
            }
            _ => Ok(msg),
        }
    }

    fn list(&self, path: &str) -> Result<Listing, MsgError> {
        let entries = self
            .file
            .read_storage(path)
            .map_err(corrupt)?
            .map(|entry| Entry {
                name: entry.name().to_owned(),
                is_stream: entry.is_stream(),
                len: entry.len(),
            })
            .collect();
        Ok(Listing {
            path: path.to_owned(),
            entries,
        })
    }

    /// Reads at most `cap` bytes of the stream at `path`, drawing on the budget.
    fn read_stream(
        &mut self,
        path: &str,
        declared_len: u64,
        cap: u64,
    ) -> Result<Vec<u8>, MsgError> {
        let wanted = declared_len.min(cap);
        if wanted > self.budget {
            return Err(MsgError::with_detail(
                Kind::Corrupt,
                "streams add up to more than the file's size",
            ));
        }
        let stream = self.file.open_stream(path).map_err(corrupt)?;
        // Not `with_capacity(wanted)`: the declared length is the file's word, not a fact.
        let mut bytes = Vec::new();
        stream
            .take(wanted)
            .read_to_end(&mut bytes)
            .map_err(corrupt)?;
        self.budget -= bytes.len() as u64;
        Ok(bytes)
    }

    fn read_properties(
        &mut self,
        listing: &Listing,
        owner: PropertyOwner,
    ) -> Result<Vec<FixedProperty>, MsgError> {
        let Some(entry) = listing.entries.iter().find(|entry| {
            entry.is_stream && entry.name.eq_ignore_ascii_case(props::PROPERTIES_STREAM)
        }) else {
            return Ok(Vec::new());
        };
        let path = listing.child_path(&entry.name);
        let bytes = self.read_stream(&path, entry.len, MAX_PROPERTIES_BYTES)?;
        Ok(props::parse_properties(&bytes, owner))
    }

    /// Reads string property `id`, preferring the Unicode form (`001F`) over the 8-bit one
    /// (`001E`, decoded with `code_page`); `None` if neither stream exists.
    fn read_string(
        &mut self,
        listing: &Listing,
        id: u16,
        code_page: u32,
        cap: u64,
    ) -> Result<Option<StringValue>, MsgError> {
        for kind in [props::PT_UNICODE, props::PT_STRING8] {
            let Some(entry) = listing.substg_entry(id, kind, true) else {
                continue;
            };
            let path = listing.child_path(&entry.name);
            let declared_len = entry.len;
            let bytes = self.read_stream(&path, declared_len, cap)?;
            let truncated = declared_len > cap;
            let (text, unknown_bytes) = if kind == props::PT_UNICODE {
                (codepage::decode_utf16le(&bytes), 0)
            } else {
                let decoded = codepage::decode(&bytes, code_page);
                (decoded.text, decoded.unknown_bytes)
            };
            // Strings are stored with their terminating NUL (or several, padded).
            let text = text.trim_end_matches('\0').to_owned();
            return Ok(Some(StringValue {
                text,
                unknown_bytes,
                truncated,
            }));
        }
        Ok(None)
    }

    fn read_short_string(
        &mut self,
        listing: &Listing,
        id: u16,
        code_page: u32,
    ) -> Result<Option<String>, MsgError> {
        let value = self.read_string(listing, id, code_page, MAX_SHORT_STRING_BYTES)?;
        Ok(value
            .map(|value| value.text.trim().to_owned())
            .filter(|text| !text.is_empty() && !text.contains('\0')))
    }

    /// Reads one message storage: its properties, then (below the depth limit) its attachments.
    fn read_message(
        &mut self,
        listing: &Listing,
        owner: PropertyOwner,
        depth: usize,
        inherited_code_page: Option<u32>,
    ) -> Result<(Msg, Option<MissingHeaders>), MsgError> {
        let fixed = self.read_properties(listing, owner)?;
        let long = |id: u16| {
            fixed
                .iter()
                .find(|prop| prop.id == id)
                .and_then(FixedProperty::long)
        };
        // The code page of 8-bit strings: the message's own, else the one it arrived in, else
        // its parent's (an embedded message often names none), else Outlook's Western default.
        let code_page = [
            long(props::MESSAGE_CODEPAGE),
            long(props::INTERNET_CPID),
            inherited_code_page,
        ]
        .into_iter()
        .flatten()
        .find(|&cp| cp != 0)
        .unwrap_or(codepage::DEFAULT_CODE_PAGE);
        let mut notes = Vec::new();

        let (transport_headers, missing) =
            self.read_headers(listing, &fixed, code_page, &mut notes)?;
        let subject = self.read_short_string(listing, props::SUBJECT, code_page)?;
        let message_class = self.read_short_string(listing, props::MESSAGE_CLASS, code_page)?;
        let sender_name = match self.read_short_string(listing, props::SENDER_NAME, code_page)? {
            Some(name) => Some(name),
            None => self.read_short_string(listing, props::SENT_REPRESENTING_NAME, code_page)?,
        };
        let mut sender_address = None;
        for id in [
            props::SENDER_SMTP_ADDRESS,
            props::SENDER_EMAIL_ADDRESS,
            props::SENT_REPRESENTING_SMTP_ADDRESS,
            props::SENT_REPRESENTING_EMAIL_ADDRESS,
        ] {
            // An Exchange-internal address ("/O=EXCHANGELABS/OU=…") has no '@'.
            if let Some(address) = self
                .read_short_string(listing, id, code_page)?
                .filter(|address| address.contains('@'))
            {
                sender_address = Some(address);
                break;
            }
        }

        let present = |id: u16| {
            listing.substg().any(|(prop, _, _)| prop == id)
                || fixed.iter().any(|prop| prop.id == id)
        };
        let state =
            if long(props::MESSAGE_FLAGS).is_some_and(|flags| flags & props::MSGFLAG_UNSENT != 0) {
                MessageState::Draft
            } else if transport_headers.is_some() || props::RECEIVED_BY.into_iter().any(present) {
                MessageState::Received
            } else if present(props::CLIENT_SUBMIT_TIME) {
                MessageState::Sent
            } else {
                MessageState::Unknown
            };

        let attached_messages = self.read_attachments(listing, depth, code_page, &mut notes)?;
        let no_headers_reason = missing
            .map(|missing| explain::no_headers_reason(missing, state, message_class.as_deref()));
        let msg = Msg {
            transport_headers,
            no_headers_reason,
            subject,
            sender_name,
            sender_address,
            message_class,
            state,
            attached_messages,
            notes,
        };
        Ok((msg, missing))
    }

    fn read_headers(
        &mut self,
        listing: &Listing,
        fixed: &[FixedProperty],
        code_page: u32,
        notes: &mut Vec<String>,
    ) -> Result<(Option<String>, Option<MissingHeaders>), MsgError> {
        let id = props::TRANSPORT_MESSAGE_HEADERS;
        match self.read_string(listing, id, code_page, MAX_HEADERS_BYTES)? {
            Some(value) => {
                if value.text.contains('\0') {
                    return Ok((None, Some(MissingHeaders::NotText)));
                }
                if value.text.trim().is_empty() {
                    return Ok((None, Some(MissingHeaders::Empty)));
                }
                if value.unknown_bytes > 0 {
                    notes.push(format!(
                        "The headers are stored as 8-bit text in code page {code_page}, which Hopscope does not decode: {} {} outside ASCII {} shown as \u{FFFD}.",
                        value.unknown_bytes,
                        if value.unknown_bytes == 1 { "byte" } else { "bytes" },
                        if value.unknown_bytes == 1 { "is" } else { "are" },
                    ));
                }
                if value.truncated {
                    notes.push(format!("The transport headers are longer than {} MB; only the first {} MB were read.", MAX_HEADERS_BYTES >> 20, MAX_HEADERS_BYTES >> 20));
                }
                Ok((Some(value.text), None))
            }
            None => {
                // The property under another type (binary, an integer): there, but not text.
                let other_type = listing.substg().any(|(prop, _, _)| prop == id)
                    || fixed.iter().any(|prop| prop.id == id);
                Ok((
                    None,
                    Some(if other_type {
                        MissingHeaders::NotText
                    } else {
                        MissingHeaders::Absent
                    }),
                ))
            }
        }
    }

    fn read_attachments(
        &mut self,
        listing: &Listing,
        depth: usize,
        code_page: u32,
        notes: &mut Vec<String>,
    ) -> Result<Vec<AttachedMessage>, MsgError> {
        // No sort: cfb lists a storage in directory-tree order, which compares names by length
        // and then without case, so the equal-length `__attach_version1.0_#0000000N` names come
        // in attachment order (sorting again cost several KB of wasm for nothing).
        let names: Vec<&str> = listing
            .entries
            .iter()
            .filter(|entry| !entry.is_stream && props::is_attachment_name(&entry.name))
            .map(|entry| entry.name.as_str())
            .collect();
        let mut attached = Vec::new();
        for (number, name) in names.into_iter().enumerate() {
            let path = listing.child_path(name);
            match self.read_attachment(&path, depth, code_page, notes) {
                Ok(Some(message)) => attached.push(message),
                Ok(None) => {}
                // A damaged attachment must not hide the message's own route.
                Err(error) => notes.push(format!(
                    "Attachment {} could not be read: {error}",
                    number + 1
                )),
            }
        }
        Ok(attached)
    }

    /// Reads one attachment storage if it holds a message; `None` for any other attachment,
    /// whose content is not opened.
    fn read_attachment(
        &mut self,
        path: &str,
        depth: usize,
        code_page: u32,
        notes: &mut Vec<String>,
    ) -> Result<Option<AttachedMessage>, MsgError> {
        let listing = self.list(path)?;
        let fixed = self.read_properties(&listing, PropertyOwner::Attachment)?;
        let method = fixed
            .iter()
            .find(|prop| prop.id == props::ATTACH_METHOD)
            .and_then(FixedProperty::long);
        let mut name = None;
        for id in [
            props::ATTACH_LONG_FILENAME,
            props::ATTACH_FILENAME,
            props::DISPLAY_NAME,
        ] {
            if let Some(value) = self.read_short_string(&listing, id, code_page)? {
                name = Some(value);
                break;
            }
        }

        if listing
            .substg_entry(props::ATTACH_DATA, props::PT_OBJECT, false)
            .is_some()
        {
            let inner = self.list(
                &listing.child_path(&props::substg_name(props::ATTACH_DATA, props::PT_OBJECT)),
            )?;
            // The same storage holds OLE objects (method 6, an embedded Word document, …):
            // only an embedded message (method 5), or a storage shaped like one, is read.
            let is_message = method == Some(props::ATTACH_EMBEDDED_MSG)
                || (method.is_none() && inner.looks_like_message());
            if !is_message {
                return Ok(None);
            }
            if depth + 1 > self.max_depth {
                let levels = if self.max_depth == 1 {
                    "level"
                } else {
                    "levels"
                };
                notes.push(format!(
                    "An attached message nested more than {} {levels} deep was not read.",
                    self.max_depth
                ));
                return Ok(None);
            }
            if self.attached_messages_left == 0 {
                notes.push(format!(
                    "Only the first {MAX_ATTACHED_MESSAGES} attached messages were read."
                ));
                return Ok(None);
            }
            self.attached_messages_left -= 1;
            let (msg, _) = self.read_message(
                &inner,
                PropertyOwner::EmbeddedMessage,
                depth + 1,
                Some(code_page),
            )?;
            // The exceptions of a recurring appointment are stored as embedded messages of class
            // IPM.OLE.CLASS.{…}: parts of the appointment, not messages anyone attached.
            if msg
                .message_class
                .as_deref()
                .and_then(|class| props::strip_prefix_ignore_case(class, "IPM.OLE.CLASS."))
                .is_some()
            {
                return Ok(None);
            }
            let name = name.or_else(|| msg.subject.clone());
            return Ok(Some(AttachedMessage::Msg {
                name,
                msg: Box::new(msg),
            }));
        }

        let mime = self.read_short_string(&listing, props::ATTACH_MIME_TAG, code_page)?;
        let extension = self.read_short_string(&listing, props::ATTACH_EXTENSION, code_page)?;
        let is_eml = mime
            .as_deref()
            .is_some_and(|mime| mime.eq_ignore_ascii_case("message/rfc822"))
            || extension
                .as_deref()
                .is_some_and(|ext| ext.eq_ignore_ascii_case(".eml"))
            || name.as_deref().is_some_and(|name| {
                name.len() > 4
                    && name
                        .get(name.len() - 4..)
                        .is_some_and(|ext| ext.eq_ignore_ascii_case(".eml"))
            });
        let data = listing
            .substg_entry(props::ATTACH_DATA, props::PT_BINARY, true)
            .map(|entry| (listing.child_path(&entry.name), entry.len));
        match data {
            Some((data_path, len)) if is_eml => {
                let bytes = self.read_stream(&data_path, len, u64::MAX)?;
                Ok(Some(AttachedMessage::Eml { name, bytes }))
            }
            _ => Ok(None),
        }
    }
}

struct StringValue {
    text: String,
    /// Bytes in a code page that is not decoded, shown as U+FFFD.
    unknown_bytes: usize,
    /// The stream was longer than the cap and was cut.
    truncated: bool,
}

fn has_attached_headers(msg: &Msg) -> bool {
    msg.attached_messages.iter().any(|attached| match attached {
        AttachedMessage::Msg { msg, .. } => {
            msg.transport_headers.is_some() || has_attached_headers(msg)
        }
        AttachedMessage::Eml { .. } => attached.transport_headers().is_some(),
    })
}

/// An error of the compound-file layer: the file's structure is broken. The reader's own
/// failures (a disk error) are told apart by their kind.
pub(crate) fn corrupt(error: io::Error) -> MsgError {
    match error.kind() {
        io::ErrorKind::InvalidData
        | io::ErrorKind::UnexpectedEof
        | io::ErrorKind::InvalidInput
        | io::ErrorKind::NotFound => MsgError::with_detail(Kind::Corrupt, error),
        _ => MsgError::with_detail(Kind::ReadFailed, error),
    }
}
