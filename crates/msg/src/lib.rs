//! Hopscope's Outlook `.msg` reader: gets the route (the transport headers) out of a message
//! saved by Outlook, with what a person needs to know when there is none.
//!
//! A `.msg` is an OLE compound file (MS-CFB) laid out as MS-OXMSG describes. [`read`] takes the
//! file's bytes and returns a [`Msg`]: the transport headers (`PR_TRANSPORT_MESSAGE_HEADERS`)
//! as text, ready for `hopscope_core::analyze`, from either the Unicode or the 8-bit form of the
//! property (decoded with the message's code page); the subject, sender, message class and
//! whether it looks like a draft, a sent copy or a received message; a plain-English reason
//! when there are no headers; and the messages attached to it (embedded Outlook messages,
//! recursively, and attached `.eml` files). A file that is not a readable message gives a
//! [`MsgError`] whose text says what the file is and what to do instead.
//!
//! ```
//! use std::io::{Cursor, Write};
//!
//! // A minimal .msg, written with the compound-file crate: the 32-byte header of the
//! // property stream, and the headers as a UTF-16LE string property (0x007D, type 001F).
//! let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
//! file.create_stream("/__properties_version1.0").unwrap().write_all(&[0; 32]).unwrap();
//! let headers = "Received: from a.example by b.example with ESMTPS; Sun, 22 Nov 2026 05:20:40 +0000\r\n";
//! let utf16: Vec<u8> = headers.encode_utf16().flat_map(u16::to_le_bytes).collect();
//! file.create_stream("/__substg1.0_007D001F").unwrap().write_all(&utf16).unwrap();
//! let bytes = file.into_inner().into_inner();
//!
//! let msg = hopscope_msg::read(&bytes).unwrap();
//! assert_eq!(msg.transport_headers(), Some(headers));
//! assert_eq!(msg.no_headers_reason(), None);
//!
//! // Not a .msg at all: the error names what it is.
//! let error = hopscope_msg::read(b"%PDF-1.7\n").unwrap_err();
//! assert!(error.to_string().starts_with("This file is a PDF document, not an Outlook message"));
//! ```
//!
//! # Untrusted input
//!
//! A dropped file may be anything, including a crafted one. For any input, reading promises:
//! no panic; no more memory than a small multiple of the file (every stream is read with a
//! cap and all reads together are bounded by the file's size, so directory entries that share
//! one large chain are refused rather than read again and again; declared lengths are never
//! trusted for allocation); bounded work (files over [`DEFAULT_MAX_FILE_SIZE`] are refused
//! before anything is parsed, attached messages are read to [`DEFAULT_MAX_DEPTH`] levels and at
//! most a thousand in all). The compound-file structure itself is checked by the `cfb` crate,
//! which rejects chains that loop or share sectors. The tests feed truncated, bit-flipped and
//! random files.
//!
//! The content of attachments is never read unless the attachment is a message: a 50 MB .msg
//! whose weight is in file attachments costs the reading of its directory and small property
//! streams only.
//!
//! # Scope
//!
//! This crate reads; it does not analyse (that is `hopscope-core`), does no I/O of its own, and
//! does not decode bodies, recipients or non-message attachments. 8-bit strings in code pages
//! other than UTF-8, US-ASCII, ISO-8859-1 and Windows-1250…1258 keep their ASCII and show other
//! bytes as U+FFFD, with a note (see `codepage.rs` for why no encoding crate).

mod codepage;
mod error;
mod explain;
mod message;
mod props;
mod read;
mod sniff;

use std::io::{Cursor, Read, Seek, SeekFrom};

pub use error::MsgError;
pub use message::{AttachedMessage, MessageState, Msg};

use error::Kind;

/// Files larger than this are refused by [`read`]: 100 MB (MiB). Outlook's own attachment
/// limits keep real messages far below it; the limit is what keeps a browser tab alive.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 100 << 20;

/// How deep attached messages are read by default: a message attached to a message attached
/// to … eight levels. Forwarded-as-attachment chains are rarely more than two deep.
pub const DEFAULT_MAX_DEPTH: usize = 8;

/// The largest depth [`Options::max_depth`] accepts: reading recurses once per level.
const MAX_DEPTH_LIMIT: usize = 32;

/// Reads a .msg file from its bytes, with the default [`Options`].
pub fn read(bytes: &[u8]) -> Result<Msg, MsgError> {
    Options::new().read(bytes)
}

/// Reads a .msg file from a reader (a file, a cursor), with the default [`Options`]. Only the
/// parts that are needed are read; a large attachment's content is never touched.
pub fn read_from<R: Read + Seek>(reader: R) -> Result<Msg, MsgError> {
    Options::new().read_from(reader)
}

/// Limits for reading a .msg.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    max_file_size: u64,
    max_depth: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            max_depth: DEFAULT_MAX_DEPTH,
        }
    }
}

impl Options {
    /// The defaults: [`DEFAULT_MAX_FILE_SIZE`] and [`DEFAULT_MAX_DEPTH`].
    pub fn new() -> Options {
        Options::default()
    }

    /// Files larger than `bytes` are refused with an error that says so.
    pub fn max_file_size(mut self, bytes: u64) -> Options {
        self.max_file_size = bytes;
        self
    }

    /// Attached messages are read to `depth` levels (0: none are read); at most 32.
    pub fn max_depth(mut self, depth: usize) -> Options {
        self.max_depth = depth.min(MAX_DEPTH_LIMIT);
        self
    }

    /// Reads a .msg file from its bytes.
    pub fn read(&self, bytes: &[u8]) -> Result<Msg, MsgError> {
        self.read_from(Cursor::new(bytes))
    }

    /// Reads a .msg file from a reader.
    pub fn read_from<R: Read + Seek>(&self, mut reader: R) -> Result<Msg, MsgError> {
        let size = reader.seek(SeekFrom::End(0)).map_err(read::corrupt)?;
        if size == 0 {
            return Err(MsgError::new(Kind::Empty));
        }
        // What the file is comes before how big it is: "this is a PDF" is the more useful news.
        reader.seek(SeekFrom::Start(0)).map_err(read::corrupt)?;
        let mut head = Vec::new();
        (&mut reader)
            .take(sniff::SNIFF_LEN as u64)
            .read_to_end(&mut head)
            .map_err(read::corrupt)?;
        if !head.starts_with(&sniff::OLE_MAGIC) {
            return Err(MsgError::new(Kind::NotOle(sniff::other_file(&head))));
        }
        if size > self.max_file_size {
            return Err(MsgError::new(Kind::TooLarge {
                size,
                limit: self.max_file_size,
            }));
        }
        reader.seek(SeekFrom::Start(0)).map_err(read::corrupt)?;
        let file = cfb::CompoundFile::open(reader).map_err(read::corrupt)?;
        read::Reader::new(file, size, self.max_depth).read_top()
    }
}
