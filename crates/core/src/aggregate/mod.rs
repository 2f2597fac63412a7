//! The audit of many messages: one aggregate, the same for the CLI and the page.
//!
//! Each message's [`Report`] is counted into an [`Aggregate`] with [`Aggregate::add`], together
//! with a [`MessageRef`] saying where the message is (file, number, byte offset and length), so
//! a front end can re-read it later. Messages that cannot be analysed are counted with
//! [`Aggregate::skip`] and a [`SkipReason`]; files that hold no mailbox with
//! [`Aggregate::add_file`]. Nothing is dropped silently: every message found is either analysed
//! or skipped for a stated reason.
//!
//! Aggregates **merge** ([`Aggregate::merge`]): workers each count a share of the messages, and
//! the merged result equals the aggregate of all messages counted in one place, whatever the
//! split and the order. Every count is a sum; every list has a total order (the worst messages
//! by concern, then plaintext hops, then file and number); and the tables that grow with the
//! input (sending and receiving organisations, ciphers…) are bounded in a way that does not
//! depend on order either (see `table.rs`). Memory therefore stays bounded however large the
//! mailbox: at most 20,000 organisations per table, 1,000 names per TLS list, one row per month
//! from 1970 to 2199, and the 50 worst messages.
//!
//! [`Aggregate::report`] turns the state into an [`AuditReport`]: the JSON contract
//! (`docs/SCHEMA.md`, "Aggregate (audit) JSON"), rendered for people by [`render::markdown`] and
//! [`render::text`]. Per-hop CSV rows are written per message, as they are analysed
//! ([`csv::csv_header`], [`csv::csv_rows`]).
//!
//! ```
//! use hopscope_core::aggregate::{Aggregate, MessageRef};
//! use hopscope_core::mbox::split_parts;
//!
//! let mbox = b"From a Fri Nov 22 05:20:40 2024\n\
//!     Received: from a.example.org (a.example.org [192.0.2.1]) by mx.example.net\n\
//!     \x20 with ESMTP id 1; Fri, 22 Nov 2024 05:20:40 +0000\n\
//!     From: Alice <alice@example.org>\n\nHello\n";
//! let mut aggregate = Aggregate::default();
//! let (parts, stats) = split_parts(mbox);
//! for part in &parts {
//!     let source = MessageRef::new(0, "inbox.mbox", part);
//!     match hopscope_core::aggregate::analyze_part(part) {
//!         Ok(report) => aggregate.add(&report, source),
//!         Err(reason) => aggregate.skip(reason, source),
//!     }
//! }
//! aggregate.add_file(&stats);
//! let report = aggregate.report();
//! assert_eq!((report.totals.messages, report.totals.hops, report.totals.plaintext), (1, 1, 1));
//! assert_eq!(report.totals.exposed, 1);
//! assert_eq!(report.worst[0].source.offset, 32);
//! ```

pub mod csv;
pub mod render;
mod report;
mod table;
pub mod view;
pub(crate) use table::Tally;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::mbox::{MessagePart, PartNote, SplitStats};
use crate::model::{CertCheck, Grade, Overall, Report, Scope, Trust, Verdict};
use crate::policy::Outcome;
use crate::sniff::FileKind;

pub use report::*;
use table::Table;

/// Version of the [`AuditReport`] JSON shape. Bumped on any incompatible change.
pub const AUDIT_SCHEMA_VERSION: u32 = 1;

/// Organisations kept per table (sending, receiving) while counting.
pub const ORGANISATIONS_KEPT: usize = 20_000;
/// Rows of the organisation tables in a report; the rest are added into its `other` row.
pub const REPORT_ROWS: usize = 1_000;
/// Names kept per TLS list (versions, key exchanges, ciphers).
pub const TLS_NAMES_KEPT: usize = 1_000;
/// How many of the worst messages are listed.
pub const WORST_MESSAGES: usize = 50;
/// Months from the first of these years to the last are counted per month; other dates count
/// as undated (a date in year 40000 is a broken clock, not a month to chart).
pub const FIRST_YEAR: i64 = 1970;
pub const LAST_YEAR: i64 = 2199;

/// Where a message is: enough for a front end to re-read it (`offset..offset + length` of the
/// file) and for people to find it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MessageRef {
    /// Index of the file in the audit's input order, from 0.
    pub file: u32,
    /// The file's name as the front end shows it (a path for the CLI).
    pub file_name: String,
    /// 1 for the first message of its file.
    pub number: u64,
    /// Byte offset of the message in its file (after its mbox `From ` line).
    pub offset: u64,
    /// Length in bytes.
    pub length: u64,
}

impl MessageRef {
    pub fn new(file: u32, file_name: &str, part: &MessagePart) -> MessageRef {
        MessageRef {
            file,
            file_name: file_name.to_owned(),
            number: part.number,
            offset: part.offset,
            length: part.length,
        }
    }
}

/// Why a message was counted but not analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// Nothing before the first empty line: an empty message, or a body without headers.
    NoHeaders,
    /// Its header block does not look like email headers.
    NotEmail,
    /// Its header block is longer than `mbox::MAX_HEADER_BYTES`.
    HeaderTooLong,
    /// The file ends in the middle of its header block.
    Truncated,
    /// NUL bytes (damage) in its header block.
    Damaged,
}

/// Every skip reason, in the order reports list them.
pub const ALL_SKIP_REASONS: [SkipReason; 5] = [
    SkipReason::NoHeaders,
    SkipReason::NotEmail,
    SkipReason::HeaderTooLong,
    SkipReason::Truncated,
    SkipReason::Damaged,
];

/// Whether an audit of a folder reads a file named `name` (not a dotfile: the walkers skip
/// those, and a Maildir's `tmp/`, themselves): any file in a Maildir's `cur/` or `new/`
/// (`in_maildir`), a mail name ([`is_mail_name`]), or a file without an extension whose first
/// line is an mbox `From ` line (Thunderbird's `Inbox`, `Sent`…; `starts_with_from` is asked
/// only then). The CLI and the page's audit choose files by this one rule.
pub fn audits_file(name: &str, in_maildir: bool, starts_with_from: impl FnOnce() -> bool) -> bool {
    in_maildir || is_mail_name(name) || (!name.contains('.') && starts_with_from())
}

/// `.eml`, `.msg`, `.mbox`, `.mbx` (any case), or Apple Mail's `mbox` (inside a `.mbox` folder).
pub fn is_mail_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "mbox"
        || [".eml", ".msg", ".mbox", ".mbx"]
            .iter()
            .any(|ext| lower.ends_with(ext))
}

/// Analyses a message found by the splitter, or says why it cannot be: the one rule every
/// front end uses, so that the CLI's per-message JSON and every audit count the same messages.
/// Only the header block is analysed (`part.header`): the report of a whole message re-read
/// from the file can differ only if its body holds header-shaped lines right after the blank
/// line, which the audit deliberately ignores.
pub fn analyze_part(part: &MessagePart) -> Result<Report<'_>, SkipReason> {
    match part.note {
        Some(PartNote::HeaderTooLong) => return Err(SkipReason::HeaderTooLong),
        Some(PartNote::Truncated) => return Err(SkipReason::Truncated),
        Some(PartNote::NulBytes) => return Err(SkipReason::Damaged),
        None => {}
    }
    if part.header.iter().all(u8::is_ascii_whitespace) {
        return Err(SkipReason::NoHeaders);
    }
    let report = crate::analyze_bytes(&part.header);
    if report.looks_like_email {
        Ok(report)
    } else {
        Err(SkipReason::NotEmail)
    }
}

/// Messages per overall state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverallCounts {
    pub all_encrypted: u64,
    pub exposed: u64,
    pub plaintext_internal: u64,
    pub incomplete: u64,
    pub no_hops: u64,
    pub local_only: u64,
}

impl OverallCounts {
    pub fn get(&self, overall: Overall) -> u64 {
        match overall {
            Overall::AllEncrypted => self.all_encrypted,
            Overall::Exposed => self.exposed,
            Overall::PlaintextInternal => self.plaintext_internal,
            Overall::Incomplete => self.incomplete,
            Overall::NoHops => self.no_hops,
            Overall::LocalOnly => self.local_only,
        }
    }

    fn count(&mut self, overall: Overall) {
        let slot = match overall {
            Overall::AllEncrypted => &mut self.all_encrypted,
            Overall::Exposed => &mut self.exposed,
            Overall::PlaintextInternal => &mut self.plaintext_internal,
            Overall::Incomplete => &mut self.incomplete,
            Overall::NoHops => &mut self.no_hops,
            Overall::LocalOnly => &mut self.local_only,
        };
        *slot += 1;
    }

    fn absorb(&mut self, o: &OverallCounts) {
        self.all_encrypted += o.all_encrypted;
        self.exposed += o.exposed;
        self.plaintext_internal += o.plaintext_internal;
        self.incomplete += o.incomplete;
        self.no_hops += o.no_hops;
        self.local_only += o.local_only;
    }
}

/// Messages of one sending organisation, receiving organisation or month.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub messages: u64,
    pub overall: OverallCounts,
    pub hops: u64,
    pub encrypted: u64,
    pub plaintext: u64,
    pub unknown: u64,
    /// The policy's answers for these messages, when the audit checked a policy (absent
    /// otherwise, so an audit without one prints what it always printed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicyCounts>,
}

impl Row {
    fn count(&mut self, report: &Report) {
        let s = &report.summary;
        self.messages += 1;
        self.overall.count(s.overall);
        self.hops += u64::from(s.hops);
        self.encrypted += u64::from(s.encrypted);
        self.plaintext += u64::from(s.plaintext);
        self.unknown += u64::from(s.unknown);
        if let Some(check) = &report.policy {
            self.policy.get_or_insert_default().count(check.outcome);
        }
    }
}

impl Tally for Row {
    fn absorb(&mut self, o: &Row) {
        self.messages += o.messages;
        self.overall.absorb(&o.overall);
        self.hops += o.hops;
        self.encrypted += o.encrypted;
        self.plaintext += o.plaintext;
        self.unknown += o.unknown;
        if let Some(p) = &o.policy {
            self.policy.get_or_insert_default().absorb(p);
        }
    }
}

/// Messages per answer of a policy check (`policy::check`). A message is never "not judged":
/// one with no hop the policy counts passes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyCounts {
    pub pass: u64,
    pub fail: u64,
    pub cannot_tell: u64,
}

impl PolicyCounts {
    fn count(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Pass | Outcome::NotJudged => self.pass += 1,
            Outcome::Fail => self.fail += 1,
            Outcome::CannotTell => self.cannot_tell += 1,
        }
    }

    fn absorb(&mut self, o: &PolicyCounts) {
        self.pass += o.pass;
        self.fail += o.fail;
        self.cannot_tell += o.cannot_tell;
    }

    /// Messages checked.
    pub fn total(&self) -> u64 {
        self.pass + self.fail + self.cannot_tell
    }
}

/// Hops per answer of a policy check, including the hops it does not judge (inside one
/// machine, hand-offs, scopes it does not count).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HopPolicyCounts {
    pub pass: u64,
    pub fail: u64,
    pub cannot_tell: u64,
    pub not_judged: u64,
}

impl HopPolicyCounts {
    fn count(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Pass => self.pass += 1,
            Outcome::Fail => self.fail += 1,
            Outcome::CannotTell => self.cannot_tell += 1,
            Outcome::NotJudged => self.not_judged += 1,
        }
    }

    fn absorb(&mut self, o: &HopPolicyCounts) {
        self.pass += o.pass;
        self.fail += o.fail;
        self.cannot_tell += o.cannot_tell;
        self.not_judged += o.not_judged;
    }
}

/// The policy an audit checked, while counting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct PolicyState {
    name: String,
    definition: String,
    messages: PolicyCounts,
    hops: HopPolicyCounts,
}

impl PolicyState {
    /// The same policy whatever the order: an audit checks one policy, and should two ever
    /// meet, the one that sorts first names the counts.
    fn absorb(&mut self, o: PolicyState) {
        if (&o.name, &o.definition) < (&self.name, &self.definition) {
            self.name = o.name;
            self.definition = o.definition;
        }
        self.messages.absorb(&o.messages);
        self.hops.absorb(&o.hops);
    }
}

/// Encrypted hops that used one cipher suite, and the worst grade any of them got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CipherRow {
    pub hops: u64,
    pub worst_grade: Option<Grade>,
}

impl Tally for CipherRow {
    fn absorb(&mut self, o: &CipherRow) {
        self.hops += o.hops;
        // `Grade` is ordered best to worst, so the maximum is the worst.
        self.worst_grade = self.worst_grade.max(o.worst_grade);
    }
}

/// A count of hops (TLS versions, key exchanges).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HopCount {
    pub hops: u64,
}

impl Tally for HopCount {
    fn absorb(&mut self, o: &HopCount) {
        self.hops += o.hops;
    }
}

/// The running state of an audit. Add reports, merge states, then call [`report`](Self::report).
///
/// It serialises (for passing a worker's state to the thread that merges), but that form is not
/// the contract: [`AuditReport`] is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Aggregate {
    /// Set by a front end when the audit was cancelled: the counts cover part of the input.
    pub partial: bool,
    analysed: u64,
    hops: u64,
    encrypted: u64,
    plaintext: u64,
    unknown: u64,
    local: u64,
    overall: OverallCounts,
    skipped: BTreeMap<SkipReason, u64>,
    files: FileCounts,
    tls: TlsState,
    senders: Table<Row>,
    sender_unknown: Row,
    receivers: Table<Row>,
    receiver_unknown: Row,
    months: BTreeMap<String, Row>,
    undated: Row,
    /// Sorted worst first, at most [`WORST_MESSAGES`].
    worst: Vec<WorstMessage>,
    /// Counted when the reports carry a policy check (`Report::policy`).
    #[serde(default)]
    policy: Option<PolicyState>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct TlsState {
    encrypted_hops: u64,
    versions: Table<HopCount>,
    version_not_stated: u64,
    grades: GradeCounts,
    ungraded: u64,
    key_exchanges: Table<HopCount>,
    key_exchange_not_stated: u64,
    post_quantum: u64,
    client_certificate: CertCounts,
    client_certificate_not_stated: u64,
    ciphers: Table<CipherRow>,
    cipher_not_stated: u64,
}

impl Default for TlsState {
    fn default() -> Self {
        TlsState {
            encrypted_hops: 0,
            versions: Table::new(TLS_NAMES_KEPT),
            version_not_stated: 0,
            grades: GradeCounts::default(),
            ungraded: 0,
            key_exchanges: Table::new(TLS_NAMES_KEPT),
            key_exchange_not_stated: 0,
            post_quantum: 0,
            client_certificate: CertCounts::default(),
            client_certificate_not_stated: 0,
            ciphers: Table::new(TLS_NAMES_KEPT),
            cipher_not_stated: 0,
        }
    }
}

impl Default for Aggregate {
    fn default() -> Self {
        Aggregate {
            partial: false,
            analysed: 0,
            hops: 0,
            encrypted: 0,
            plaintext: 0,
            unknown: 0,
            local: 0,
            overall: OverallCounts::default(),
            skipped: BTreeMap::new(),
            files: FileCounts::default(),
            tls: TlsState::default(),
            senders: Table::new(ORGANISATIONS_KEPT),
            sender_unknown: Row::default(),
            receivers: Table::new(ORGANISATIONS_KEPT),
            receiver_unknown: Row::default(),
            months: BTreeMap::new(),
            undated: Row::default(),
            worst: Vec::new(),
            policy: None,
        }
    }
}

impl Aggregate {
    /// Counts one analysed message. A report that does not look like email is counted as
    /// skipped ([`SkipReason::NotEmail`]), so every report can be added as it comes.
    pub fn add(&mut self, report: &Report, source: MessageRef) {
        if !report.looks_like_email {
            self.skip(SkipReason::NotEmail, source);
            return;
        }
        let s = &report.summary;
        self.analysed += 1;
        self.hops += u64::from(s.hops);
        self.encrypted += u64::from(s.encrypted);
        self.plaintext += u64::from(s.plaintext);
        self.unknown += u64::from(s.unknown);
        self.local += u64::from(s.local);
        self.overall.count(s.overall);
        self.count_tls(report);
        if let Some(check) = &report.policy {
            let mut counted = PolicyState {
                name: check.policy.name.clone(),
                definition: check.definition.clone(),
                messages: PolicyCounts::default(),
                hops: HopPolicyCounts::default(),
            };
            counted.messages.count(check.outcome);
            for hop in &check.hops {
                counted.hops.count(hop.outcome);
            }
            match &mut self.policy {
                Some(state) => state.absorb(counted),
                None => self.policy = Some(counted),
            }
        }

        let sender = sender_organisation(report);
        match &sender {
            Some(org) => self.senders.add(org, |r| r.count(report)),
            None => self.sender_unknown.count(report),
        }
        let receiver = receiving_hop(report)
            .and_then(|h| h.by.as_deref())
            .and_then(organisation_of_host);
        match &receiver {
            Some(org) => self.receivers.add(org, |r| r.count(report)),
            None => self.receiver_unknown.count(report),
        }
        let newest = report.hops.iter().rev().find(|h| h.timestamp.is_some());
        match newest.and_then(|h| h.timestamp).and_then(month) {
            Some(m) => self.months.entry(m).or_default().count(report),
            None => self.undated.count(report),
        }
        if let Some(concern) = concern(report) {
            let entry = WorstMessage {
                concern,
                plaintext_hops: s.exposed_hops.len() as u64,
                unknown_hops: s.unknown_hops.len() as u64,
                weakest_grade: report.hops.iter().filter_map(|h| h.grade).max(),
                date: newest.and_then(|h| h.date.as_deref().map(String::from)),
                sender,
                receiver,
                subject: report.message.subject.clone(),
                source,
            };
            self.consider_worst(entry);
        }
    }

    /// Counts a message that could not be analysed.
    pub fn skip(&mut self, reason: SkipReason, _source: MessageRef) {
        *self.skipped.entry(reason).or_default() += 1;
    }

    /// Counts a file once it has been split: its bytes, NUL bytes, and whether it held no
    /// mailbox at all (empty, or not a mailbox: a JPEG, a ZIP…).
    pub fn add_file(&mut self, stats: &SplitStats) {
        let f = &mut self.files;
        f.files += 1;
        f.bytes += stats.bytes;
        f.garbage_bytes += stats.garbage_bytes;
        match stats.kind {
            Some(kind) if kind.rules_out_mailbox() => {
                *f.not_mailbox.entry(kind).or_default() += 1;
            }
            _ if stats.messages > 0 => {}
            Some(FileKind::Empty) | None => f.empty += 1,
            Some(_) => f.without_messages += 1,
        }
    }

    /// Counts a file that could not be read (its messages read before the error stay counted).
    pub fn add_unreadable_file(&mut self) {
        self.files.files += 1;
        self.files.unreadable += 1;
    }

    /// Adds another aggregate: the result is the aggregate of both inputs, whatever the split.
    pub fn merge(&mut self, other: Aggregate) {
        self.partial |= other.partial;
        self.analysed += other.analysed;
        self.hops += other.hops;
        self.encrypted += other.encrypted;
        self.plaintext += other.plaintext;
        self.unknown += other.unknown;
        self.local += other.local;
        self.overall.absorb(&other.overall);
        for (reason, n) in other.skipped {
            *self.skipped.entry(reason).or_default() += n;
        }
        self.files.absorb(other.files);
        let (t, o) = (&mut self.tls, other.tls);
        t.encrypted_hops += o.encrypted_hops;
        t.versions.merge(o.versions);
        t.version_not_stated += o.version_not_stated;
        t.grades.absorb(&o.grades);
        t.ungraded += o.ungraded;
        t.key_exchanges.merge(o.key_exchanges);
        t.key_exchange_not_stated += o.key_exchange_not_stated;
        t.post_quantum += o.post_quantum;
        t.client_certificate.absorb(&o.client_certificate);
        t.client_certificate_not_stated += o.client_certificate_not_stated;
        t.ciphers.merge(o.ciphers);
        t.cipher_not_stated += o.cipher_not_stated;
        self.senders.merge(other.senders);
        self.sender_unknown.absorb(&other.sender_unknown);
        self.receivers.merge(other.receivers);
        self.receiver_unknown.absorb(&other.receiver_unknown);
        for (m, row) in other.months {
            self.months.entry(m).or_default().absorb(&row);
        }
        self.undated.absorb(&other.undated);
        for entry in other.worst {
            self.consider_worst(entry);
        }
        match (&mut self.policy, other.policy) {
            (Some(mine), Some(theirs)) => mine.absorb(theirs),
            (None, theirs) => self.policy = theirs,
            (Some(_), None) => {}
        }
    }

    /// Messages found so far (analysed and skipped).
    pub fn messages(&self) -> u64 {
        self.analysed + self.skipped.values().sum::<u64>()
    }

    /// Messages analysed so far.
    pub fn analysed(&self) -> u64 {
        self.analysed
    }

    fn count_tls(&mut self, report: &Report) {
        let t = &mut self.tls;
        for hop in report
            .hops
            .iter()
            .filter(|h| h.verdict == Verdict::Encrypted)
        {
            t.encrypted_hops += 1;
            match hop.grade {
                Some(g) => t.grades.count(g),
                None => t.ungraded += 1,
            }
            let tls = hop.tls.as_ref();
            match tls.and_then(|t| t.version.as_deref()) {
                Some(v) => t.versions.add(v, |r| r.hops += 1),
                None => t.version_not_stated += 1,
            }
            match tls.and_then(|t| t.key_exchange.as_deref()) {
                Some(k) => t.key_exchanges.add(k, |r| r.hops += 1),
                None => t.key_exchange_not_stated += 1,
            }
            if tls.is_some_and(|t| t.post_quantum) {
                t.post_quantum += 1;
            }
            match tls.and_then(|t| t.peer_certificate) {
                Some(c) => t.client_certificate.count(c),
                None => t.client_certificate_not_stated += 1,
            }
            match tls.and_then(|t| t.cipher_iana.as_deref().or(t.cipher.as_deref())) {
                Some(c) => t.ciphers.add(c, |r| {
                    r.hops += 1;
                    r.worst_grade = r.worst_grade.max(hop.grade);
                }),
                None => t.cipher_not_stated += 1,
            }
        }
    }

    fn consider_worst(&mut self, entry: WorstMessage) {
        let key = entry.order_key();
        let at = self.worst.partition_point(|w| w.order_key() < key);
        if at < WORST_MESSAGES {
            self.worst.insert(at, entry);
            self.worst.truncate(WORST_MESSAGES);
        }
    }
}

/// The hop where the message entered the recipient's own servers: the oldest hop written by
/// them (trusted) that came across the Internet (external) and describes a connection (not a
/// hand-off that names no sender). `None` for mail that never crossed into them from outside
/// (internal mail, local delivery) or whose chain does not say.
pub fn receiving_hop<'r, 'a>(report: &'r Report<'a>) -> Option<&'r crate::model::Hop<'a>> {
    report
        .hops
        .iter()
        .find(|h| h.trust == Trust::Recipient && h.scope == Scope::External && !h.is_handoff())
}

/// The organisation of the sender's address (From header): `example.org` for
/// `Alice <alice@mail.example.org>`. This is who the message says it is from, as people know
/// their partners; the server that actually connected may be a mailing service.
pub fn sender_organisation(report: &Report) -> Option<String> {
    organisation_of_host(&sender_domain(report.message.from.as_deref()?)?)
}

/// The registrable domain of a host name (lowercase), or the name itself for names that have
/// none (a single label); `None` for addresses and empty names.
fn organisation_of_host(host: &str) -> Option<String> {
    let host = host.trim().trim_end_matches('.');
    if host.is_empty() || host.starts_with('[') || crate::net::parse_ip(host).is_some() {
        return None;
    }
    Some(match crate::net::organisation(host) {
        Some(org) => org.into_owned(),
        None => host.to_ascii_lowercase(),
    })
}

/// The domain of the address in a From header value, lowercase: `example.org` for
/// `"Alice" <alice@Example.org>` or `alice@example.org (Alice)`. `None` without an `@`.
pub fn sender_domain(from: &str) -> Option<String> {
    // Prefer the address in angle brackets: a display name may itself contain `@`.
    let address = match (from.rfind('<'), from.rfind('>')) {
        (Some(open), Some(close)) if open < close => &from[open + 1..close],
        _ => from,
    };
    let at = address.rfind('@')?;
    let domain: String = address[at + 1..]
        .trim_start()
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '>' | '<' | '(' | ')' | ',' | ';' | '"'))
        .collect();
    let domain = domain.trim_end_matches('.').to_lowercase();
    (!domain.is_empty()).then_some(domain)
}

/// `YYYY-MM` (UTC) of a Unix timestamp, for years [`FIRST_YEAR`]..=[`LAST_YEAR`].
fn month(timestamp: i64) -> Option<String> {
    let crate::date::Civil { year, month, .. } = crate::date::Civil::from_unix(timestamp);
    (FIRST_YEAR..=LAST_YEAR)
        .contains(&year)
        .then(|| format!("{year:04}-{month:02}"))
}

/// What puts a message among the worst, if anything: see [`Concern`].
fn concern(report: &Report) -> Option<Concern> {
    let s = &report.summary;
    let weakest = report.hops.iter().filter_map(|h| h.grade).max();
    Some(match s.overall {
        Overall::Exposed => Concern::Exposed,
        _ if weakest == Some(Grade::Broken) => Concern::BrokenTls,
        Overall::PlaintextInternal => Concern::PlaintextInternal,
        _ if weakest == Some(Grade::Weak) => Concern::WeakTls,
        Overall::Incomplete => Concern::Incomplete,
        Overall::AllEncrypted | Overall::NoHops | Overall::LocalOnly => return None,
    })
}

impl GradeCounts {
    fn count(&mut self, grade: Grade) {
        match grade {
            Grade::Strong => self.strong += 1,
            Grade::Good => self.good += 1,
            Grade::Weak => self.weak += 1,
            Grade::Broken => self.broken += 1,
        }
    }

    fn absorb(&mut self, o: &GradeCounts) {
        self.strong += o.strong;
        self.good += o.good;
        self.weak += o.weak;
        self.broken += o.broken;
    }
}

impl CertCounts {
    fn count(&mut self, check: CertCheck) {
        match check {
            CertCheck::Verified => self.verified += 1,
            CertCheck::NotVerified => self.not_verified += 1,
            CertCheck::None => self.none += 1,
        }
    }

    fn absorb(&mut self, o: &CertCounts) {
        self.verified += o.verified;
        self.not_verified += o.not_verified;
        self.none += o.none;
    }
}

impl FileCounts {
    fn absorb(&mut self, o: FileCounts) {
        self.files += o.files;
        self.bytes += o.bytes;
        self.empty += o.empty;
        self.without_messages += o.without_messages;
        self.unreadable += o.unreadable;
        self.garbage_bytes += o.garbage_bytes;
        for (kind, n) in o.not_mailbox {
            *self.not_mailbox.entry(kind).or_default() += n;
        }
    }
}

#[cfg(test)]
mod tests;
