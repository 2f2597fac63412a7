//! Share links of a mailbox audit: the aggregate ([`AuditReport`]) in the URL fragment, the way
//! [`super::encode`] carries one message's report.
//!
//! # What is shared
//!
//! [`prepare_audit`]'s result: the audit as its maker saw it, cut to what a link should carry
//! and redacted.
//!
//! - **Cut:** the organisation tables keep their [`SHARED_ROWS`] biggest rows and the cipher,
//!   version and key-exchange tables their [`SHARED_NAMES`] first rows; the rest is added to the
//!   table's `other` row, so every total still adds up. Months and the worst messages are
//!   already bounded by the aggregate (at most one row per month, [`WORST_MESSAGES`] messages).
//!   A link therefore has the same bounded length for 100 messages or 10 million: a few
//!   kilobytes.
//! - **Redacted** ([`AuditRedaction`]): by default the worst messages' subjects and the file
//!   names (a path names a person's folders) are dropped; organisation names, like host names
//!   in a message report, are shown unless the maker hides them, in which case each becomes a
//!   stand-in (`org-1.example`, …) used consistently across the tables and the worst messages.
//!
//! # The payload
//!
//! `a1.` followed by the unpadded URL-safe base64 of the zlib stream of the binary layout
//! below, in `r1.rs`'s primitives (`uint` LEB128, `str` length and UTF-8 bytes, `bool`, `opt`,
//! `list`). The prefix differs from message links (`r<N>.`), so a page tells them apart before
//! decoding anything.
//!
//! ```text
//! uint schema, bool partial,
//! Totals: uint messages analysed skipped hops encrypted plaintext unknown local
//!              encrypted_every_hop exposed no_route
//! Overall counts: uint all_encrypted exposed plaintext_internal incomplete no_hops local_only
//! Skipped: uint no_headers not_email header_too_long truncated damaged
//! Files: uint files bytes empty without_messages unreadable,
//!        list<(FileKind, uint)> not_mailbox, uint garbage_bytes
//! TLS: uint encrypted_hops, Named versions, uint strong good weak broken ungraded,
//!      Named key_exchanges, uint post_quantum, uint verified not_verified none,
//!      uint client_certificate_not_stated,
//!      list<(str name, uint hops, opt<Grade>)> ciphers, uint other_hops, opt<Grade> other_grade,
//!      uint cipher_not_stated
//! Org table (senders, then receivers): list<(str name, Row)>, Row other, Row unknown
//! list<(str month, Row)> months, Row undated
//! list<Worst> worst
//! opt<Policy> policy
//! byte redaction bits: 1 organisations, 2 subjects, 4 file names
//! list<(uint tag, bytes)> extensions (none yet; readers skip unknown tags, in increasing order)
//!
//! Named = list<(str name, uint hops)>, uint other, uint not_stated
//! Row   = uint messages, Overall counts, uint hops encrypted plaintext unknown,
//!         opt<uint pass fail cannot_tell> policy
//! Policy = str name, str definition, uint pass fail cannot_tell (messages),
//!          uint pass fail cannot_tell not_judged (hops)
//! Worst = uint file, str file_name, uint number offset length, Concern, uint plaintext_hops
//!         unknown_hops, opt<Grade>, opt<str> date sender receiver subject
//! ```
//!
//! Codes: Grade as in `r1`; Concern `0` exposed, `1` broken_tls, `2` plaintext_internal, `3`
//! weak_tls, `4` incomplete; FileKind `0` mail, `1` empty, `2` text, `3` jpeg, `4` png, `5` gif,
//! `6` webp, `7` pdf, `8` zip, `9` gzip, `10` bzip2, `11` xz, `12` zstd, `13` seven_zip, `14`
//! rar, `15` ole, `16` tnef, `17` binary.
//!
//! Frozen like `r1`/`r2`: a layout change makes `a2`; data that fits an extension needs none.
//! [`decode_audit`] never panics and has the same limits as [`super::decode`].

use std::collections::{BTreeMap, HashMap};

use super::r1::{codes, Invalid, Reader, Writer};
use super::{decode_data, deflate_base64, ShareError, ShareErrorKind};
use crate::aggregate::Tally as _;
use crate::aggregate::{
    AuditReport, CipherCount, CipherCounts, CipherRow, Concern, FileCounts, MessageRef, MonthRow,
    NamedCount, NamedCounts, OrgRow, OrgTable, OverallCounts, Row, SkipCounts, TlsReport, Totals,
    WorstMessage, WORST_MESSAGES,
};
use crate::aggregate::{CertCounts, GradeCounts, HopPolicyCounts, PolicyCounts, PolicyTotals};
use crate::model::Grade;
use crate::sniff::FileKind;

type Result<T> = std::result::Result<T, Invalid>;

/// The format [`encode_audit`] writes: `a1.`.
pub const AUDIT_FORMAT: u32 = 1;

/// Rows an organisation table keeps in a link (the rest is added to `other`).
pub const SHARED_ROWS: usize = 50;

/// Rows a cipher, version or key-exchange table keeps in a link (the rest is added to `other`).
pub const SHARED_NAMES: usize = 50;

/// What a shared audit hides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AuditRedaction {
    /// Sending and receiving organisations become `org-N.example`.
    pub organisations: bool,
    /// The worst messages' subjects are dropped.
    pub subjects: bool,
    /// File names become `file N`.
    pub file_names: bool,
}

impl AuditRedaction {
    /// Nothing hidden.
    pub const NONE: AuditRedaction = AuditRedaction {
        organisations: false,
        subjects: false,
        file_names: false,
    };
    /// What an audit link hides unless its maker chooses otherwise: subjects and file names.
    pub const DEFAULT: AuditRedaction = AuditRedaction {
        subjects: true,
        file_names: true,
        ..AuditRedaction::NONE
    };
    /// Everything hidden.
    pub const ALL: AuditRedaction = AuditRedaction {
        organisations: true,
        subjects: true,
        file_names: true,
    };

    /// The kinds of value hidden, as words for people, in a fixed order.
    pub fn kinds(self) -> Vec<&'static str> {
        [
            (self.organisations, "organisation names"),
            (self.subjects, "subjects"),
            (self.file_names, "file names"),
        ]
        .into_iter()
        .filter_map(|(on, word)| on.then_some(word))
        .collect()
    }

    fn bits(self) -> u8 {
        u8::from(self.organisations) | u8::from(self.subjects) << 1 | u8::from(self.file_names) << 2
    }

    fn from_bits(bits: u8) -> Result<AuditRedaction> {
        if bits > 7 {
            return Err(Invalid);
        }
        Ok(AuditRedaction {
            organisations: bits & 1 != 0,
            subjects: bits & 2 != 0,
            file_names: bits & 4 != 0,
        })
    }
}

impl Default for AuditRedaction {
    fn default() -> Self {
        AuditRedaction::DEFAULT
    }
}

/// An audit read back from a link: the shared aggregate and what its maker hid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedAudit {
    pub report: AuditReport,
    pub redaction: AuditRedaction,
}

/// The audit as a link carries it: cut to [`SHARED_ROWS`] / [`SHARED_NAMES`] rows per table
/// (the rest added to `other`) and redacted. Counts and totals are unchanged.
pub fn prepare_audit(report: &AuditReport, redaction: AuditRedaction) -> AuditReport {
    let mut out = report.clone();
    cut_orgs(&mut out.senders);
    cut_orgs(&mut out.receivers);
    cut_named(&mut out.tls.versions);
    cut_named(&mut out.tls.key_exchanges);
    cut_ciphers(&mut out.tls.ciphers);
    out.worst.truncate(WORST_MESSAGES);
    if redaction.organisations {
        let mut names = Pseudonyms::default();
        for row in out.senders.rows.iter_mut().chain(&mut out.receivers.rows) {
            row.organisation = names.of(&row.organisation);
        }
        for w in &mut out.worst {
            for org in [&mut w.sender, &mut w.receiver].into_iter().flatten() {
                *org = names.of(org);
            }
        }
    }
    for w in &mut out.worst {
        if redaction.subjects {
            w.subject = None;
        }
        if redaction.file_names {
            w.source.file_name = format!("file {}", u64::from(w.source.file) + 1);
        }
    }
    out
}

/// `a1.` + the payload of [`prepare_audit`]`(report, redaction)`.
pub fn encode_audit(report: &AuditReport, redaction: AuditRedaction) -> String {
    let mut w = Writer::new();
    w.audit(&prepare_audit(report, redaction));
    w.byte(redaction.bits());
    // No extensions yet.
    w.uint(0);
    format!("a{AUDIT_FORMAT}.{}", deflate_base64(&w.out))
}

/// Whether a fragment (or whole link) is an audit link (`a<N>.…`) rather than a message's.
pub fn is_audit_link(payload: &str) -> bool {
    let fragment = payload.split_once('#').map_or(payload, |(_, f)| f);
    let fragment = fragment.trim_start();
    fragment
        .strip_prefix('a')
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// Reads an audit link back: `a1.…`, `#a1.…` or a whole link, with the same tolerance and
/// limits as [`super::decode`].
pub fn decode_audit(payload: &str) -> std::result::Result<SharedAudit, ShareError> {
    let compact = super::fragment_of(payload)?;
    let Some(rest) = compact.strip_prefix('a') else {
        return Err(ShareError::new(ShareErrorKind::NotAShareLink));
    };
    let (version, data) =
        super::split_number(rest, AUDIT_FORMAT).map_err(|e| e.with_letter('a'))?;
    if version != AUDIT_FORMAT {
        return Err(ShareError::unknown_version(version).with_letter('a'));
    }
    let bytes = decode_data(data)?;
    read(&bytes).map_err(|_| ShareError::new(ShareErrorKind::Corrupt))
}

fn read(bytes: &[u8]) -> Result<SharedAudit> {
    let mut r = Reader::new(bytes, true);
    let report = r.audit()?;
    let redaction = AuditRedaction::from_bits(r.byte()?)?;
    // No tag is known yet: every extension is skipped.
    r.extensions(|_, _| Ok(()))?;
    if !r.at_end() {
        return Err(Invalid);
    }
    Ok(SharedAudit { report, redaction })
}

fn cut_orgs(table: &mut OrgTable) {
    if table.rows.len() > SHARED_ROWS {
        for row in table.rows.drain(SHARED_ROWS..) {
            table.other.absorb(&row.counts);
        }
    }
}

fn cut_named(named: &mut NamedCounts) {
    if named.rows.len() > SHARED_NAMES {
        named.other += named
            .rows
            .drain(SHARED_NAMES..)
            .map(|r| r.hops)
            .sum::<u64>();
    }
}

fn cut_ciphers(ciphers: &mut CipherCounts) {
    if ciphers.rows.len() > SHARED_NAMES {
        for row in ciphers.rows.drain(SHARED_NAMES..) {
            ciphers.other.absorb(&CipherRow {
                hops: row.hops,
                worst_grade: row.worst_grade,
            });
        }
    }
}

/// `org-1.example`, `org-2.example`… in order of first appearance.
#[derive(Default)]
struct Pseudonyms(HashMap<String, String>);

impl Pseudonyms {
    fn of(&mut self, name: &str) -> String {
        let next = self.0.len() + 1;
        self.0
            .entry(name.to_owned())
            .or_insert_with(|| format!("org-{next}.example"))
            .clone()
    }
}

codes!(
    concern_code,
    concern_of,
    Concern,
    [
        Concern::Exposed = 0,
        Concern::BrokenTls = 1,
        Concern::PlaintextInternal = 2,
        Concern::WeakTls = 3,
        Concern::Incomplete = 4,
    ]
);
codes!(
    file_kind_code,
    file_kind_of,
    FileKind,
    [
        FileKind::Mail = 0,
        FileKind::Empty = 1,
        FileKind::Text = 2,
        FileKind::Jpeg = 3,
        FileKind::Png = 4,
        FileKind::Gif = 5,
        FileKind::Webp = 6,
        FileKind::Pdf = 7,
        FileKind::Zip = 8,
        FileKind::Gzip = 9,
        FileKind::Bzip2 = 10,
        FileKind::Xz = 11,
        FileKind::Zstd = 12,
        FileKind::SevenZip = 13,
        FileKind::Rar = 14,
        FileKind::Ole = 15,
        FileKind::Tnef = 16,
        FileKind::Binary = 17,
    ]
);

// ---------------------------------------------------------------------------------------------
// Writing

impl Writer {
    fn uints(&mut self, values: &[u64]) {
        for &v in values {
            self.uint(v);
        }
    }

    fn audit(&mut self, a: &AuditReport) {
        self.uint(a.schema.into());
        self.bool(a.partial);
        let t = &a.totals;
        self.uints(&[
            t.messages,
            t.analysed,
            t.skipped,
            t.hops,
            t.encrypted,
            t.plaintext,
            t.unknown,
            t.local,
            t.encrypted_every_hop,
            t.exposed,
            t.no_route,
        ]);
        self.overall_counts(&a.overall);
        let s = &a.skipped;
        self.uints(&[
            s.no_headers,
            s.not_email,
            s.header_too_long,
            s.truncated,
            s.damaged,
        ]);
        let f = &a.files;
        self.uints(&[f.files, f.bytes, f.empty, f.without_messages, f.unreadable]);
        let kinds: Vec<_> = f.not_mailbox.iter().collect();
        self.list(&kinds, |w, (kind, n)| {
            w.byte(file_kind_code(**kind));
            w.uint(**n);
        });
        self.uint(f.garbage_bytes);
        self.tls_report(&a.tls);
        self.org_table(&a.senders);
        self.org_table(&a.receivers);
        self.list(&a.months, |w, m| {
            w.str(&m.month);
            w.row(&m.counts);
        });
        self.row(&a.undated);
        self.list(&a.worst, |w, m| w.worst(m));
        self.opt(&a.policy, |w, p| {
            w.str(&p.name);
            w.str(&p.definition);
            w.policy_counts(&p.messages);
            let h = &p.hops;
            w.uints(&[h.pass, h.fail, h.cannot_tell, h.not_judged]);
        });
    }

    fn policy_counts(&mut self, p: &PolicyCounts) {
        self.uints(&[p.pass, p.fail, p.cannot_tell]);
    }

    fn overall_counts(&mut self, o: &OverallCounts) {
        self.uints(&[
            o.all_encrypted,
            o.exposed,
            o.plaintext_internal,
            o.incomplete,
            o.no_hops,
            o.local_only,
        ]);
    }

    fn row(&mut self, r: &Row) {
        self.uint(r.messages);
        self.overall_counts(&r.overall);
        self.uints(&[r.hops, r.encrypted, r.plaintext, r.unknown]);
        self.opt(&r.policy, |w, p| w.policy_counts(p));
    }

    fn named(&mut self, n: &NamedCounts) {
        self.list(&n.rows, |w, r| {
            w.str(&r.name);
            w.uint(r.hops);
        });
        self.uints(&[n.other, n.not_stated]);
    }

    fn opt_grade(&mut self, g: &Option<Grade>) {
        self.opt(g, |w, g| w.byte(super::r1::grade_code(*g)));
    }

    fn tls_report(&mut self, t: &TlsReport) {
        self.uint(t.encrypted_hops);
        self.named(&t.versions);
        let g = &t.grades;
        self.uints(&[g.strong, g.good, g.weak, g.broken, t.ungraded]);
        self.named(&t.key_exchanges);
        self.uint(t.post_quantum);
        let c = &t.client_certificate;
        self.uints(&[
            c.verified,
            c.not_verified,
            c.none,
            t.client_certificate_not_stated,
        ]);
        self.list(&t.ciphers.rows, |w, r| {
            w.str(&r.name);
            w.uint(r.hops);
            w.opt_grade(&r.worst_grade);
        });
        self.uint(t.ciphers.other.hops);
        self.opt_grade(&t.ciphers.other.worst_grade);
        self.uint(t.ciphers.not_stated);
    }

    fn org_table(&mut self, t: &OrgTable) {
        self.list(&t.rows, |w, r| {
            w.str(&r.organisation);
            w.row(&r.counts);
        });
        self.row(&t.other);
        self.row(&t.unknown);
    }

    fn worst(&mut self, m: &WorstMessage) {
        let s = &m.source;
        self.uint(s.file.into());
        self.str(&s.file_name);
        self.uints(&[s.number, s.offset, s.length]);
        self.byte(concern_code(m.concern));
        self.uints(&[m.plaintext_hops, m.unknown_hops]);
        self.opt_grade(&m.weakest_grade);
        for text in [&m.date, &m.sender, &m.receiver, &m.subject] {
            self.opt_str(text);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

impl Reader<'_> {
    fn uints<const N: usize>(&mut self) -> Result<[u64; N]> {
        let mut out = [0; N];
        for v in &mut out {
            *v = self.uint()?;
        }
        Ok(out)
    }

    fn audit(&mut self) -> Result<AuditReport> {
        let schema = self.u32()?;
        let partial = self.bool()?;
        let [messages, analysed, skipped, hops, encrypted, plaintext, unknown, local, encrypted_every_hop, exposed, no_route] =
            self.uints()?;
        let totals = Totals {
            messages,
            analysed,
            skipped,
            hops,
            encrypted,
            plaintext,
            unknown,
            local,
            encrypted_every_hop,
            exposed,
            no_route,
        };
        let overall = self.overall_counts()?;
        let [no_headers, not_email, header_too_long, truncated, damaged] = self.uints()?;
        let skipped = SkipCounts {
            no_headers,
            not_email,
            header_too_long,
            truncated,
            damaged,
        };
        let [files, bytes, empty, without_messages, unreadable] = self.uints()?;
        let mut not_mailbox = BTreeMap::new();
        for (kind, n) in self.list(|r| Ok((r.code(file_kind_of)?, r.uint()?)))? {
            if not_mailbox.insert(kind, n).is_some() {
                return Err(Invalid);
            }
        }
        let files = FileCounts {
            files,
            bytes,
            empty,
            without_messages,
            unreadable,
            not_mailbox,
            garbage_bytes: self.uint()?,
        };
        Ok(AuditReport {
            schema,
            partial,
            totals,
            overall,
            skipped,
            files,
            tls: self.tls_report()?,
            senders: self.org_table()?,
            receivers: self.org_table()?,
            months: self.list(|r| {
                Ok(MonthRow {
                    month: r.str()?,
                    counts: r.row()?,
                })
            })?,
            undated: self.row()?,
            worst: self.list(Self::worst)?,
            policy: self.opt(|r| {
                let name = r.str()?;
                let definition = r.str()?;
                let messages = r.policy_counts()?;
                let [pass, fail, cannot_tell, not_judged] = r.uints()?;
                Ok(PolicyTotals {
                    name,
                    definition,
                    messages,
                    hops: HopPolicyCounts {
                        pass,
                        fail,
                        cannot_tell,
                        not_judged,
                    },
                })
            })?,
        })
    }

    fn policy_counts(&mut self) -> Result<PolicyCounts> {
        let [pass, fail, cannot_tell] = self.uints()?;
        Ok(PolicyCounts {
            pass,
            fail,
            cannot_tell,
        })
    }

    fn overall_counts(&mut self) -> Result<OverallCounts> {
        let [all_encrypted, exposed, plaintext_internal, incomplete, no_hops, local_only] =
            self.uints()?;
        Ok(OverallCounts {
            all_encrypted,
            exposed,
            plaintext_internal,
            incomplete,
            no_hops,
            local_only,
        })
    }

    fn row(&mut self) -> Result<Row> {
        let messages = self.uint()?;
        let overall = self.overall_counts()?;
        let [hops, encrypted, plaintext, unknown] = self.uints()?;
        Ok(Row {
            messages,
            overall,
            hops,
            encrypted,
            plaintext,
            unknown,
            policy: self.opt(Self::policy_counts)?,
        })
    }

    fn named(&mut self) -> Result<NamedCounts> {
        let rows = self.list(|r| {
            Ok(NamedCount {
                name: r.str()?,
                hops: r.uint()?,
            })
        })?;
        let [other, not_stated] = self.uints()?;
        Ok(NamedCounts {
            rows,
            other,
            not_stated,
        })
    }

    fn opt_grade(&mut self) -> Result<Option<Grade>> {
        self.opt(Self::grade)
    }

    fn tls_report(&mut self) -> Result<TlsReport> {
        let encrypted_hops = self.uint()?;
        let versions = self.named()?;
        let [strong, good, weak, broken, ungraded] = self.uints()?;
        let key_exchanges = self.named()?;
        let post_quantum = self.uint()?;
        let [verified, not_verified, none, client_certificate_not_stated] = self.uints()?;
        let rows = self.list(|r| {
            Ok(CipherCount {
                name: r.str()?,
                hops: r.uint()?,
                worst_grade: r.opt_grade()?,
            })
        })?;
        let other = CipherRow {
            hops: self.uint()?,
            worst_grade: self.opt_grade()?,
        };
        Ok(TlsReport {
            encrypted_hops,
            versions,
            grades: GradeCounts {
                strong,
                good,
                weak,
                broken,
            },
            ungraded,
            key_exchanges,
            post_quantum,
            client_certificate: CertCounts {
                verified,
                not_verified,
                none,
            },
            client_certificate_not_stated,
            ciphers: CipherCounts {
                rows,
                other,
                not_stated: self.uint()?,
            },
        })
    }

    fn org_table(&mut self) -> Result<OrgTable> {
        Ok(OrgTable {
            rows: self.list(|r| {
                Ok(OrgRow {
                    organisation: r.str()?,
                    counts: r.row()?,
                })
            })?,
            other: self.row()?,
            unknown: self.row()?,
        })
    }

    fn worst(&mut self) -> Result<WorstMessage> {
        let file = self.u32()?;
        let file_name = self.str()?;
        let [number, offset, length] = self.uints()?;
        Ok(WorstMessage {
            source: MessageRef {
                file,
                file_name,
                number,
                offset,
                length,
            },
            concern: self.code(concern_of)?,
            plaintext_hops: self.uint()?,
            unknown_hops: self.uint()?,
            weakest_grade: self.opt_grade()?,
            date: self.opt_str()?,
            sender: self.opt_str()?,
            receiver: self.opt_str()?,
            subject: self.opt_str()?,
        })
    }
}
