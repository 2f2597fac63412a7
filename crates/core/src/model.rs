//! The report: what the page shows, what the CLI prints as JSON, what a share link carries.
//!
//! This is a public contract (`schema: 1`, documented in `docs/SCHEMA.md`). Fields are only ever
//! added; a change of meaning bumps [`SCHEMA_VERSION`]. Unknown values are `None` (JSON `null`),
//! never guessed.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// Text of a report: borrowed from the analysed input where it is the input's own text (a host
/// name, a span of evidence, the raw header), owned where it was made (a normalised value, a
/// report read from JSON or from a share link). [`Report::into_owned`] makes a report that no
/// longer borrows from its input.
pub type Text<'a> = Cow<'a, str>;

/// A hop's date as the report writes it, RFC 3339 in UTC (`2026-11-22T05:20:40Z`): kept inline,
/// so that a hop's date costs no allocation (millions of hops in an audit); a longer text (a year
/// past 9999, a date read back from JSON or a link) is kept on the heap. Reads as a `str`
/// (`Deref`), and is written and read as a JSON string, like the `String` it replaces.
#[derive(Clone, PartialEq, Eq)]
pub struct Stamp(StampText);

#[derive(Clone, PartialEq, Eq)]
enum StampText {
    Inline { len: u8, bytes: [u8; Stamp::INLINE] },
    Heap(Box<str>),
}

impl Stamp {
    /// The longest text kept inline: an RFC 3339 date and time in UTC is 20 bytes.
    const INLINE: usize = 22;

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Only ever filled from a `str`, whole: always UTF-8.
            StampText::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            StampText::Heap(text) => text,
        }
    }
}

impl Stamp {
    /// A stamp of bytes that are UTF-8: a `str`'s, or the ASCII digits and separators the date
    /// formatting writes (which then need no check).
    pub(crate) fn from_utf8_bytes(text: &[u8]) -> Stamp {
        debug_assert!(std::str::from_utf8(text).is_ok());
        Stamp(if text.len() <= Stamp::INLINE {
            let mut bytes = [0u8; Stamp::INLINE];
            bytes[..text.len()].copy_from_slice(text);
            StampText::Inline {
                len: text.len() as u8,
                bytes,
            }
        } else {
            StampText::Heap(String::from_utf8_lossy(text).into())
        })
    }
}

impl From<&str> for Stamp {
    fn from(text: &str) -> Stamp {
        Stamp::from_utf8_bytes(text.as_bytes())
    }
}

impl From<String> for Stamp {
    fn from(text: String) -> Stamp {
        if text.len() <= Stamp::INLINE {
            Stamp::from(text.as_str())
        } else {
            Stamp(StampText::Heap(text.into_boxed_str()))
        }
    }
}

impl std::ops::Deref for Stamp {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Stamp {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for Stamp {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Stamp {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Debug for Stamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Stamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Stamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Stamp, D::Error> {
        String::deserialize(deserializer).map(Stamp::from)
    }
}

/// Version of the JSON shape below. Bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// The analysis of one message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report<'a> {
    pub schema: u32,
    /// False when the input does not look like email headers at all (the CLI exits 1, the page
    /// says so); the rest of the report is then empty but still valid.
    pub looks_like_email: bool,
    /// Hops in time order: `hops[0]` is the oldest (bottom-most) Received header.
    pub hops: Vec<Hop<'a>>,
    pub summary: Summary,
    pub warnings: Vec<Warning>,
    pub authentication: Authentication,
    /// A few descriptive headers of the message (decoded), for the report's title.
    pub message: MessageInfo,
    /// Notes about the input as a whole: skipped preamble, trailing text, replaced bytes…
    pub diagnostics: Vec<Diagnostic>,
    /// Present on a report prepared for sharing (`share::prepare`, or opened from a link):
    /// which kinds of value were replaced by pseudonyms. Absent on a report made from
    /// headers, and on one opened from a link made before links recorded it (format `r1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redaction: Option<Redaction>,
    /// A policy this report was checked against, when a front end asked for one
    /// (`policy::check`): carried by share links so the recipient sees the sender's result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<crate::policy::PolicyCheck>,
    /// Which message of the input this report is about: 0 the input's own (outer) message,
    /// 1… a message found inside it (`embedded`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub part: u32,
    /// Messages found inside the input's message: a forward's attachment, or headers quoted in
    /// its body (empty when there are none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub embedded: Vec<crate::embedded::EmbeddedMessage>,
}

impl Report<'_> {
    /// The same report, owning all its text: for keeping a report after its input is gone
    /// (the page's state, a report read back from a share link is already owned).
    pub fn into_owned(self) -> Report<'static> {
        Report {
            schema: self.schema,
            looks_like_email: self.looks_like_email,
            hops: self.hops.into_iter().map(Hop::into_owned).collect(),
            summary: self.summary,
            warnings: self.warnings,
            authentication: self.authentication,
            message: self.message,
            diagnostics: self.diagnostics,
            redaction: self.redaction,
            policy: self.policy,
            part: self.part,
            embedded: self.embedded,
        }
    }
}

/// Text that no longer borrows.
fn own(text: Text<'_>) -> Text<'static> {
    Cow::Owned(text.into_owned())
}

fn own_opt(text: Option<Text<'_>>) -> Option<Text<'static>> {
    text.map(own)
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// What to hide before sharing or exporting a report. Default: email addresses only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Redaction {
    /// Local parts of mailboxes (`alice@…` → `user-1@…`), and display names in From and To.
    pub emails: bool,
    /// IPv4 and IPv6 addresses (loopback stays), also where a host name embeds one
    /// (`host-192-0-2-7.example.net`).
    pub ips: bool,
    /// Host and domain names, including the domains of mailboxes and Message-IDs.
    pub hostnames: bool,
    /// Message-IDs, whole.
    pub message_ids: bool,
    /// The message's Subject, whole.
    #[serde(default)]
    pub subject: bool,
}

impl Default for Redaction {
    fn default() -> Self {
        Redaction::DEFAULT
    }
}

impl Redaction {
    /// Nothing hidden.
    pub const NONE: Redaction = Redaction {
        emails: false,
        ips: false,
        hostnames: false,
        message_ids: false,
        subject: false,
    };
    /// What a share link hides unless the person chooses otherwise: email addresses only.
    pub const DEFAULT: Redaction = Redaction {
        emails: true,
        ..Redaction::NONE
    };
    /// Everything hidden.
    pub const ALL: Redaction = Redaction {
        emails: true,
        ips: true,
        hostnames: true,
        message_ids: true,
        subject: true,
    };

    /// Hides what either hides: a shared report shared again keeps what was hidden before.
    pub fn union(self, other: Redaction) -> Redaction {
        Redaction {
            emails: self.emails || other.emails,
            ips: self.ips || other.ips,
            hostnames: self.hostnames || other.hostnames,
            message_ids: self.message_ids || other.message_ids,
            subject: self.subject || other.subject,
        }
    }

    /// The kinds of value this redaction replaces, as words for people (`email addresses`,
    /// `IP addresses`…), in a fixed order.
    pub fn kinds(self) -> Vec<&'static str> {
        [
            (self.emails, "email addresses"),
            (self.ips, "IP addresses"),
            (self.hostnames, "host names"),
            (self.message_ids, "message IDs"),
            (self.subject, "the subject"),
        ]
        .into_iter()
        .filter_map(|(on, word)| on.then_some(word))
        .collect()
    }
}

/// One Received header: one server saying how the message came into it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hop<'a> {
    /// 1 = oldest hop.
    pub index: u32,
    pub from: Endpoint<'a>,
    /// The receiving server, as it names itself.
    pub by: Option<Text<'a>>,
    /// Receiving software, when the header names it (`Postfix`, `Exim 4.97`, `Microsoft SMTP Server`…).
    pub software: Option<Text<'a>>,
    pub via: Option<Text<'a>>,
    /// The `with` keyword as written (`ESMTPS`, `Microsoft SMTP Server`, `HTTP`…).
    pub protocol: Option<Text<'a>>,
    pub id: Option<Text<'a>>,
    #[serde(rename = "for")]
    pub for_: Option<Text<'a>>,
    /// RFC 3339, UTC (`2026-11-22T05:20:40Z`).
    pub date: Option<Stamp>,
    /// Seconds since the Unix epoch, UTC.
    pub timestamp: Option<i64>,
    /// Seconds since the previous hop (negative when clocks disagree).
    pub delay_seconds: Option<i64>,
    pub verdict: Verdict,
    pub scope: Scope,
    /// Why this scope: the rule and the text it read.
    pub scope_evidence: Evidence<'a>,
    /// Whether the recipient's own servers wrote this line (see `Summary::trusted_from`).
    pub trust: Trust,
    pub tls: Option<Tls<'a>>,
    pub grade: Option<Grade>,
    /// One sentence a non-expert understands, present with `grade` (one of the grading's fixed
    /// sentences, or naming a cipher; owned when read back from JSON or a link).
    pub grade_reason: Option<Text<'static>>,
    /// What decided the verdict and the TLS details: rule names and spans of the input.
    pub evidence: Vec<Evidence<'a>>,
    /// What could not be read in this header.
    pub diagnostics: Vec<String>,
    /// The header as it appears in the input (name, colon and folded value).
    pub raw: Text<'a>,
    /// Byte offset of `raw` in the input text.
    pub raw_start: usize,
}

impl Hop<'_> {
    /// The same hop, owning all its text (see [`Report::into_owned`]).
    pub fn into_owned(self) -> Hop<'static> {
        Hop {
            index: self.index,
            from: self.from.into_owned(),
            by: own_opt(self.by),
            software: own_opt(self.software),
            via: own_opt(self.via),
            protocol: own_opt(self.protocol),
            id: own_opt(self.id),
            for_: own_opt(self.for_),
            date: self.date,
            timestamp: self.timestamp,
            delay_seconds: self.delay_seconds,
            verdict: self.verdict,
            scope: self.scope,
            scope_evidence: self.scope_evidence.into_owned(),
            trust: self.trust,
            tls: self.tls.map(Tls::into_owned),
            grade: self.grade,
            grade_reason: self.grade_reason,
            evidence: self
                .evidence
                .into_iter()
                .map(Evidence::into_owned)
                .collect(),
            diagnostics: self.diagnostics,
            raw: own(self.raw),
            raw_start: self.raw_start,
        }
    }

    /// A hand-off that names no sender (Google's `by 2002:a05:… with SMTP id` delivery line,
    /// `by host with ESMTP` without `from`): the line describes no connection, so its verdict
    /// is not stated and it never decides the overall status. Local hops are not hand-offs.
    pub fn is_handoff(&self) -> bool {
        self.scope != Scope::Local
            && self.verdict == Verdict::Unknown
            && self.from == Endpoint::default()
    }
}

/// The sending side of a hop, as the receiving server recorded it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint<'a> {
    /// The name the client gave in HELO/EHLO.
    pub helo: Option<Text<'a>>,
    /// The name the receiving server found by reverse DNS.
    pub rdns: Option<Text<'a>>,
    pub ip: Option<Text<'a>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The header positively shows TLS.
    Encrypted,
    /// The header positively shows an unencrypted protocol and nothing in it says TLS.
    Plaintext,
    /// The header does not say. Never shown as plaintext.
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Inside one machine: loopback, LMTP delivery, content filters, pickup.
    Local,
    /// Between servers of one organisation or on private addresses.
    Internal,
    /// Across the Internet.
    External,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Trust {
    /// Written by the recipient's own servers (or below them on a private path).
    Recipient,
    /// Written before the message reached the recipient's servers: cannot be verified.
    Unverified,
}

/// Strength of what was negotiated, ordered from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    Strong,
    Good,
    Weak,
    Broken,
}

/// TLS parameters as written in the header. Every field is `None` unless the header says it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tls<'a> {
    /// Normalised: `TLS1.3`, `TLS1.2`, `TLS1.1`, `TLS1.0`, `SSL3`, `SSL2`.
    pub version: Option<Text<'a>>,
    /// The cipher suite exactly as written.
    pub cipher: Option<Text<'a>>,
    /// The IANA name of that suite, when known.
    pub cipher_iana: Option<Text<'a>>,
    /// Symmetric key bits.
    pub bits: Option<u32>,
    /// Key exchange group or method (`X25519`, `X25519MLKEM768`, `ECDHE`…).
    pub key_exchange: Option<Text<'a>>,
    /// True when the key exchange is a post-quantum hybrid (ML-KEM / Kyber).
    pub post_quantum: bool,
    pub peer_certificate: Option<CertCheck>,
}

impl Tls<'_> {
    /// The same details, owning their text.
    pub fn into_owned(self) -> Tls<'static> {
        Tls {
            version: own_opt(self.version),
            cipher: own_opt(self.cipher),
            cipher_iana: own_opt(self.cipher_iana),
            bits: self.bits,
            key_exchange: own_opt(self.key_exchange),
            post_quantum: self.post_quantum,
            peer_certificate: self.peer_certificate,
        }
    }

    /// The version as a value (`None` when the header does not state one).
    pub fn version(&self) -> Option<crate::tls::Version> {
        self.version.as_deref().and_then(crate::tls::parse_version)
    }
}

impl Endpoint<'_> {
    /// The same endpoint, owning its text.
    pub fn into_owned(self) -> Endpoint<'static> {
        Endpoint {
            helo: own_opt(self.helo),
            rdns: own_opt(self.rdns),
            ip: own_opt(self.ip),
        }
    }
}

impl Evidence<'_> {
    /// The same evidence, owning its text.
    pub fn into_owned(self) -> Evidence<'static> {
        Evidence {
            rule: self.rule,
            start: self.start,
            end: self.end,
            text: own(self.text),
        }
    }
}

/// Whether the receiving server verified the sending side's certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CertCheck {
    #[serde(rename = "verified")]
    Verified,
    #[serde(rename = "not verified")]
    NotVerified,
    /// No certificate was presented or requested.
    #[serde(rename = "none")]
    None,
}

/// A rule that fired and the text it read: `input[start..end] == text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence<'a> {
    /// The rule's name: one of the fixed names in `rules.rs` (owned only when read back from
    /// JSON or a share link).
    pub rule: Text<'static>,
    pub start: usize,
    pub end: usize,
    pub text: Text<'a>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Overall {
    /// Every hop that left a machine was encrypted.
    AllEncrypted,
    /// At least one hop across organisations (external) was plaintext.
    Exposed,
    /// Every external hop was encrypted, but a hop inside one organisation was plaintext (by
    /// the header's own word: Google's internal `with SMTP`, webmail `with HTTP`).
    PlaintextInternal,
    /// No plaintext, but some hops do not say (hand-offs that name no sender aside), or no
    /// hop between servers describes its connection at all.
    Incomplete,
    /// No Received header at all.
    NoHops,
    /// Every hop stayed inside one machine: there is no network hop to judge. (Added in
    /// schema 1; older reports called this `all_encrypted`.)
    LocalOnly,
}

/// Every overall state, for tests and tables.
pub const ALL_OVERALLS: [Overall; 6] = [
    Overall::AllEncrypted,
    Overall::Exposed,
    Overall::PlaintextInternal,
    Overall::Incomplete,
    Overall::NoHops,
    Overall::LocalOnly,
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub overall: Overall,
    /// One plain-English sentence, shared by the page and the CLI.
    pub headline: String,
    pub hops: u32,
    pub encrypted: u32,
    pub plaintext: u32,
    pub unknown: u32,
    pub local: u32,
    /// Plaintext hops that were not local (external and internal).
    pub exposed_hops: Vec<u32>,
    /// Non-local hops whose header does not say whether TLS was used.
    pub unknown_hops: Vec<u32>,
    pub weakest: Option<Weakest>,
    /// Seconds from the first to the last dated hop.
    pub transit_seconds: Option<i64>,
    /// Oldest hop written by the recipient's own servers; hops below it are unverified.
    pub trusted_from: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weakest {
    pub hop: u32,
    pub grade: Grade,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// Stable machine name: `clock_skew`, `tls_required_no`, `unparsed_received`,
    /// `unverified_hops`, `chain_break`, `no_received`, `long_delay`.
    pub code: String,
    pub severity: Severity,
    pub message: String,
    /// Hops concerned (may be empty).
    pub hops: Vec<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authentication {
    /// One entry per Authentication-Results header, newest first as in the message.
    pub results: Vec<AuthResults>,
    /// Number of ARC sets (highest `i=` among ARC-Seal headers).
    pub arc_sets: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthResults {
    pub authserv_id: String,
    pub results: Vec<AuthResult>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthResult {
    /// `spf`, `dkim`, `dmarc`, `arc`, … (lowercase).
    pub method: String,
    /// `pass`, `fail`, `none`, … (lowercase).
    pub result: String,
    /// The rest of the statement (`smtp.mailfrom=…`, `header.d=…`), as written.
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageInfo {
    pub subject: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub date: Option<String>,
    pub message_id: Option<String>,
    /// `TLS-Required` header value, if present (RFC 8689).
    pub tls_required: Option<String>,
}

/// A note about the input: what was skipped or could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub message: String,
    pub start: usize,
    pub end: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_read_and_serialise_as_their_text_inline_or_not() {
        let long = "a date read back from a link, far longer than 22 bytes";
        for text in [
            "",
            "2026-11-22T05:20:40Z",
            "0123456789012345678901",
            long,
            "été 2026",
        ] {
            for stamp in [Stamp::from(text), Stamp::from(text.to_string())] {
                assert_eq!(stamp.as_str(), text);
                assert_eq!(&*stamp, text);
                assert_eq!(stamp, text);
                assert_eq!(format!("{stamp}"), text);
                assert_eq!(format!("{stamp:?}"), format!("{text:?}"));
                let json = serde_json::to_string(&stamp).unwrap();
                assert_eq!(json, serde_json::to_string(text).unwrap());
                assert_eq!(serde_json::from_str::<Stamp>(&json).unwrap(), stamp);
            }
        }
        assert!(matches!(
            Stamp::from("2026-11-22T05:20:40Z").0,
            StampText::Inline { .. }
        ));
        assert!(matches!(Stamp::from(long).0, StampText::Heap(_)));
        // As small as the `Option<String>` it replaces.
        assert_eq!(
            std::mem::size_of::<Option<Stamp>>(),
            std::mem::size_of::<Option<String>>()
        );
    }
}
