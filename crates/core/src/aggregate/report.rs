//! The audit report: what `hopscope audit --format json` prints and the page downloads. A
//! public contract, documented in `docs/SCHEMA.md` ("Aggregate (audit) JSON"): fields are only
//! ever added; a change of meaning bumps [`AUDIT_SCHEMA_VERSION`].
//!
//! Counts only, no shares: a share is `count / messages` (or `/ hops`) of the same object, and
//! integers print the same on every platform, which keeps the JSON byte for byte identical
//! between the CLI and the page.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::table::{Table, Tally};
use super::{
    Aggregate, CipherRow, HopCount, HopPolicyCounts, MessageRef, OverallCounts, PolicyCounts, Row,
    SkipReason, AUDIT_SCHEMA_VERSION, REPORT_ROWS,
};
use crate::model::Grade;
use crate::sniff::FileKind;

/// The aggregate of an audit, ready to print or serialise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditReport {
    pub schema: u32,
    /// The audit was cancelled: the counts cover part of the input.
    pub partial: bool,
    pub totals: Totals,
    /// Analysed messages per overall state (see the message report's `summary.overall`).
    pub overall: OverallCounts,
    pub skipped: SkipCounts,
    pub files: FileCounts,
    pub tls: TlsReport,
    /// Per organisation of the From address.
    pub senders: OrgTable,
    /// Per organisation of the server where the message entered the recipient's servers
    /// ([`super::receiving_hop`]).
    pub receivers: OrgTable,
    /// Per month (UTC) of the newest dated hop, oldest month first.
    pub months: Vec<MonthRow>,
    /// Messages without a dated hop (or dated outside 1970–2199).
    pub undated: Row,
    /// The worst messages, worst first: at most [`super::WORST_MESSAGES`].
    pub worst: Vec<WorstMessage>,
    /// The policy checked, and its answers (only when the audit checked one: `hopscope audit
    /// --policy`). Per organisation and month, each [`Row`] then has its own `policy` counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicyTotals>,
}

/// What a policy check said over the audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyTotals {
    /// The policy's short name (`encrypted`, `modern`, a custom one's).
    pub name: String,
    /// Its definition, as people read it.
    pub definition: String,
    /// Analysed messages per answer (`pass + fail + cannot_tell = totals.analysed`).
    pub messages: PolicyCounts,
    /// Hops of those messages per answer, `not_judged` included (the sum is `totals.hops`).
    pub hops: HopPolicyCounts,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Every message found: `analysed + skipped`.
    pub messages: u64,
    pub analysed: u64,
    pub skipped: u64,
    /// Hops of the analysed messages, and their verdicts (sums of each report's `summary`).
    pub hops: u64,
    pub encrypted: u64,
    pub plaintext: u64,
    pub unknown: u64,
    /// Hops inside one machine (counted in the verdicts above too).
    pub local: u64,
    /// Messages encrypted on every hop between servers (`overall.all_encrypted`).
    pub encrypted_every_hop: u64,
    /// Messages with a plaintext hop across the Internet (`overall.exposed`).
    pub exposed: u64,
    /// Messages without any Received header (`overall.no_hops`).
    pub no_route: u64,
}

/// Messages skipped, per reason (see [`SkipReason`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkipCounts {
    pub no_headers: u64,
    pub not_email: u64,
    pub header_too_long: u64,
    pub truncated: u64,
    pub damaged: u64,
}

impl SkipCounts {
    pub fn get(&self, reason: SkipReason) -> u64 {
        match reason {
            SkipReason::NoHeaders => self.no_headers,
            SkipReason::NotEmail => self.not_email,
            SkipReason::HeaderTooLong => self.header_too_long,
            SkipReason::Truncated => self.truncated,
            SkipReason::Damaged => self.damaged,
        }
    }

    pub fn total(&self) -> u64 {
        super::ALL_SKIP_REASONS.iter().map(|r| self.get(*r)).sum()
    }
}

/// The files (or, in the page, the dropped files) the audit read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileCounts {
    pub files: u64,
    pub bytes: u64,
    /// Empty, or only blank lines.
    pub empty: u64,
    /// Text in which no message was found.
    pub without_messages: u64,
    /// Could not be read (or not to the end).
    pub unreadable: u64,
    /// Not a mailbox at all, by what the first bytes look like (`jpeg`, `zip`, `pdf`…).
    pub not_mailbox: BTreeMap<FileKind, u64>,
    /// NUL bytes found (damage; they belong to no message).
    pub garbage_bytes: u64,
}

/// TLS over the encrypted hops of the analysed messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TlsReport {
    pub encrypted_hops: u64,
    /// Weakest version first.
    pub versions: NamedCounts,
    pub grades: GradeCounts,
    /// Encrypted hops whose header says too little to grade.
    pub ungraded: u64,
    /// Most used first.
    pub key_exchanges: NamedCounts,
    /// Encrypted hops with a post-quantum hybrid key exchange.
    pub post_quantum: u64,
    /// Whether the receiving server verified the sending server's certificate, where stated.
    pub client_certificate: CertCounts,
    pub client_certificate_not_stated: u64,
    /// Worst grade first, then most used.
    pub ciphers: CipherCounts,
}

/// Hops per name, with the hops whose name was not kept (`other`) and not stated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedCounts {
    pub rows: Vec<NamedCount>,
    pub other: u64,
    pub not_stated: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedCount {
    pub name: String,
    pub hops: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CipherCounts {
    pub rows: Vec<CipherCount>,
    pub other: CipherRow,
    pub not_stated: u64,
}

/// A cipher suite (its IANA name when known, else as written) on encrypted hops.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CipherCount {
    pub name: String,
    pub hops: u64,
    pub worst_grade: Option<Grade>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeCounts {
    pub strong: u64,
    pub good: u64,
    pub weak: u64,
    pub broken: u64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertCounts {
    pub verified: u64,
    pub not_verified: u64,
    pub none: u64,
}

/// Messages per organisation: the biggest [`REPORT_ROWS`] rows, most messages first; `other`
/// holds the rest; `unknown` the messages without one (no From address; no hop into the
/// recipient's servers from outside).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgTable {
    pub rows: Vec<OrgRow>,
    pub other: Row,
    pub unknown: Row,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgRow {
    pub organisation: String,
    #[serde(flatten)]
    pub counts: Row,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthRow {
    /// `YYYY-MM`, UTC.
    pub month: String,
    #[serde(flatten)]
    pub counts: Row,
}

/// Why a message is among the worst, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Concern {
    /// A plaintext hop across the Internet (`overall: exposed`).
    Exposed,
    /// Encrypted with something known to be breakable (weakest grade `broken`).
    BrokenTls,
    /// A plaintext hop on a private network (`overall: plaintext_internal`).
    PlaintextInternal,
    /// Encrypted with an outdated version or cipher (weakest grade `weak`).
    WeakTls,
    /// No plaintext, but some hops do not say (`overall: incomplete`).
    Incomplete,
}

/// One of the worst messages, with where to re-read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorstMessage {
    pub source: MessageRef,
    pub concern: Concern,
    /// Plaintext hops between servers (`summary.exposed_hops`).
    pub plaintext_hops: u64,
    /// Hops between servers that do not say (`summary.unknown_hops`).
    pub unknown_hops: u64,
    pub weakest_grade: Option<Grade>,
    /// Date of the newest dated hop (RFC 3339, UTC).
    pub date: Option<String>,
    /// Organisation of the From address.
    pub sender: Option<String>,
    /// Organisation where it entered the recipient's servers.
    pub receiver: Option<String>,
    pub subject: Option<String>,
}

impl WorstMessage {
    /// The total order of the list: concern, then more plaintext hops, then file and number.
    pub(crate) fn order_key(&self) -> (Concern, Reverse<u64>, u32, u64) {
        (
            self.concern,
            Reverse(self.plaintext_hops),
            self.source.file,
            self.source.number,
        )
    }
}

impl Aggregate {
    /// The report of what was counted so far.
    pub fn report(&self) -> AuditReport {
        let skipped = SkipCounts {
            no_headers: self.skip_count(SkipReason::NoHeaders),
            not_email: self.skip_count(SkipReason::NotEmail),
            header_too_long: self.skip_count(SkipReason::HeaderTooLong),
            truncated: self.skip_count(SkipReason::Truncated),
            damaged: self.skip_count(SkipReason::Damaged),
        };
        let t = &self.tls;
        AuditReport {
            schema: AUDIT_SCHEMA_VERSION,
            partial: self.partial,
            totals: Totals {
                messages: self.analysed + skipped.total(),
                analysed: self.analysed,
                skipped: skipped.total(),
                hops: self.hops,
                encrypted: self.encrypted,
                plaintext: self.plaintext,
                unknown: self.unknown,
                local: self.local,
                encrypted_every_hop: self.overall.all_encrypted,
                exposed: self.overall.exposed,
                no_route: self.overall.no_hops,
            },
            overall: self.overall,
            skipped,
            files: self.files.clone(),
            tls: TlsReport {
                encrypted_hops: t.encrypted_hops,
                versions: named(&t.versions, t.version_not_stated, |a, b| {
                    version_rank(a).cmp(&version_rank(b))
                }),
                grades: t.grades,
                ungraded: t.ungraded,
                key_exchanges: named(&t.key_exchanges, t.key_exchange_not_stated, |_, _| {
                    std::cmp::Ordering::Equal
                }),
                post_quantum: t.post_quantum,
                client_certificate: t.client_certificate,
                client_certificate_not_stated: t.client_certificate_not_stated,
                ciphers: ciphers(&t.ciphers, t.cipher_not_stated),
            },
            senders: org_table(&self.senders, self.sender_unknown),
            receivers: org_table(&self.receivers, self.receiver_unknown),
            months: self
                .months
                .iter()
                .map(|(m, row)| MonthRow {
                    month: m.clone(),
                    counts: *row,
                })
                .collect(),
            undated: self.undated,
            worst: self.worst.clone(),
            policy: self.policy.as_ref().map(|p| PolicyTotals {
                name: p.name.clone(),
                definition: p.definition.clone(),
                messages: p.messages,
                hops: p.hops,
            }),
        }
    }

    fn skip_count(&self, reason: SkipReason) -> u64 {
        self.skipped.get(&reason).copied().unwrap_or(0)
    }
}

/// The biggest rows, most messages first (then by name); the rest into `other`.
fn org_table(table: &Table<Row>, unknown: Row) -> OrgTable {
    let mut rows: Vec<(&str, &Row)> = table.rows().collect();
    rows.sort_by(|a, b| b.1.messages.cmp(&a.1.messages).then(a.0.cmp(b.0)));
    let mut other = *table.other();
    for (_, row) in rows.iter().skip(REPORT_ROWS) {
        other.absorb(row);
    }
    OrgTable {
        rows: rows
            .into_iter()
            .take(REPORT_ROWS)
            .map(|(name, row)| OrgRow {
                organisation: name.to_owned(),
                counts: *row,
            })
            .collect(),
        other,
        unknown,
    }
}

/// Names by `first` (an order of their own, e.g. weakest version first), then most hops, then
/// name.
fn named(
    table: &Table<HopCount>,
    not_stated: u64,
    first: impl Fn(&str, &str) -> std::cmp::Ordering,
) -> NamedCounts {
    let mut rows: Vec<NamedCount> = table
        .rows()
        .map(|(name, row)| NamedCount {
            name: name.to_owned(),
            hops: row.hops,
        })
        .collect();
    rows.sort_by(|a, b| {
        first(&a.name, &b.name)
            .then(b.hops.cmp(&a.hops))
            .then(a.name.cmp(&b.name))
    });
    NamedCounts {
        rows,
        other: table.other().hops,
        not_stated,
    }
}

fn ciphers(table: &Table<CipherRow>, not_stated: u64) -> CipherCounts {
    let mut rows: Vec<CipherCount> = table
        .rows()
        .map(|(name, row)| CipherCount {
            name: name.to_owned(),
            hops: row.hops,
            worst_grade: row.worst_grade,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.worst_grade
            .cmp(&a.worst_grade)
            .then(b.hops.cmp(&a.hops))
            .then(a.name.cmp(&b.name))
    });
    CipherCounts {
        rows,
        other: *table.other(),
        not_stated,
    }
}

/// Order of TLS versions from weakest to strongest; names it does not know sort last.
pub(crate) fn version_rank(version: &str) -> u8 {
    match version {
        "SSL2" => 0,
        "SSL3" => 1,
        "TLS1.0" => 2,
        "TLS1.1" => 3,
        "TLS1.2" => 4,
        "TLS1.3" => 5,
        _ => 6,
    }
}
