//! Format `r1`: the binary layout of a shared report, before compression.
//!
//! Positional, with no field names: the order below *is* the format. Frozen: a change here is
//! a new format (`r2`, in a file of its own), and this reader stays to open old links.
//!
//! Primitives:
//! - `uint`: unsigned LEB128 (at most 10 bytes, no bits past 64); `u32` fields reject larger
//!   values.
//! - `int`: a zigzag-encoded `uint` (`0, -1, 1, -2, …` → `0, 1, 2, 3, …`).
//! - `bool`, enums: one byte (`0`/`1`; enums by the index listed below).
//! - `str`: `uint` byte length, then that many bytes of UTF-8.
//! - `opt<T>`: a byte `0` (none) or `1` followed by `T`.
//! - `list<T>`: `uint` count, then the items.
//!
//! Report: `uint schema, bool looks_like_email, list<Hop>, Summary, list<Warning>,
//! Authentication, MessageInfo, list<str>` (the last: the messages of the report's
//! diagnostics; their spans are not shared and decode as `0..0`).
//!
//! Hop: `uint index; opt<str> helo, rdns, ip; opt<str> by, software, via, protocol, id, for;
//! Date; opt<int> timestamp, delay_seconds; Verdict; Scope; str scope rule, str scope text;
//! Trust; opt<Tls>; opt<Grade>; opt<str> grade_reason; list<(str rule, str text)> evidence;
//! list<str> diagnostics`. Evidence spans are not shared: they decode as `0..text.len()`, and
//! `raw` as `""` at `raw_start` 0.
//!
//! Timestamps are written as the difference from the previous hop's timestamp (the last one
//! present, starting from 0), with wrapping arithmetic. Date: a byte `0` (none), `1` followed by
//! `str`, or `2`: the hop's timestamp written as `YYYY-MM-DDTHH:MM:SSZ` by [`rfc3339`] (a copy
//! frozen with this format; `2` without a timestamp is an error).
//!
//! Tls: `opt<str> version, cipher, cipher_iana; opt<uint> bits; opt<str> key_exchange;
//! bool post_quantum; opt<CertCheck>`.
//!
//! Summary: `Overall; str headline; uint hops, encrypted, plaintext, unknown, local;
//! list<uint> exposed_hops, unknown_hops; opt<(uint hop, Grade, str reason)> weakest;
//! opt<int> transit_seconds; opt<uint> trusted_from`.
//!
//! Warning: `str code; Severity; str message; list<uint> hops`.
//! Authentication: `list<(str authserv_id, list<(str method, str result, opt<str> detail)>)>,
//! uint arc_sets`. MessageInfo: `opt<str> subject, from, to, date, message_id, tls_required`.
//!
//! Enums: Verdict `encrypted, plaintext, unknown`; Scope `local, internal, external`; Trust
//! `recipient, unverified`; Grade `strong, good, weak, broken`; CertCheck `verified,
//! not verified, none`; Overall `all_encrypted, exposed, plaintext_internal, incomplete,
//! no_hops`; Severity `info, warning`.
//!
//! The reader never trusts a count or a length: every item consumes at least one byte, so a
//! count larger than what is left ends in an error, not in a large allocation.

use crate::model::*;

/// Why the bytes are not an `r1` report. Only ever "corrupt": the caller maps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Invalid;

type Result<T> = std::result::Result<T, Invalid>;

// ---------------------------------------------------------------------------------------------
// Writing

/// Writes a report as `r1` (tests only: links are written as `r2` now; an `r1` payload with
/// the `local_only` state is refused by the reader).
#[cfg(test)]
pub(super) fn write(report: &Report) -> Vec<u8> {
    let mut w = Writer::new();
    w.report(report);
    w.out
}

impl Writer {
    pub(super) fn new() -> Self {
        Writer {
            out: Vec::with_capacity(1024),
            last_timestamp: 0,
        }
    }

    /// The report's body, shared by `r1` and `r2`.
    pub(super) fn report(&mut self, report: &Report) {
        let w = self;
        w.uint(report.schema.into());
        w.bool(report.looks_like_email);
        w.list(&report.hops, Writer::hop);
        w.summary(&report.summary);
        w.list(&report.warnings, |w, x| {
            w.str(&x.code);
            w.byte(severity_code(x.severity));
            w.str(&x.message);
            w.list(&x.hops, |w, h| w.uint((*h).into()));
        });
        w.list(&report.authentication.results, |w, x| {
            w.str(&x.authserv_id);
            w.list(&x.results, |w, r| {
                w.str(&r.method);
                w.str(&r.result);
                w.opt_str(&r.detail);
            });
        });
        w.uint(report.authentication.arc_sets.into());
        let m = &report.message;
        for field in [
            &m.subject,
            &m.from,
            &m.to,
            &m.date,
            &m.message_id,
            &m.tls_required,
        ] {
            w.opt_str(field);
        }
        w.list(&report.diagnostics, |w, d| w.str(&d.message));
    }
}

pub(super) struct Writer {
    pub(super) out: Vec<u8>,
    last_timestamp: i64,
}

impl Writer {
    pub(super) fn byte(&mut self, b: u8) {
        self.out.push(b);
    }

    pub(super) fn bool(&mut self, b: bool) {
        self.byte(u8::from(b));
    }

    pub(super) fn uint(&mut self, mut v: u64) {
        loop {
            let low = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.byte(low);
                return;
            }
            self.byte(low | 0x80);
        }
    }

    fn int(&mut self, v: i64) {
        self.uint(((v << 1) ^ (v >> 63)) as u64);
    }

    pub(super) fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.out.extend_from_slice(s.as_bytes());
    }

    pub(super) fn opt<T>(&mut self, v: &Option<T>, f: impl FnOnce(&mut Self, &T)) {
        match v {
            None => self.byte(0),
            Some(x) => {
                self.byte(1);
                f(self, x);
            }
        }
    }

    pub(super) fn opt_str(&mut self, v: &Option<impl AsRef<str>>) {
        self.opt(v, |w, s| w.str(s.as_ref()));
    }

    pub(super) fn list<T>(&mut self, items: &[T], mut f: impl FnMut(&mut Self, &T)) {
        self.uint(items.len() as u64);
        for item in items {
            f(self, item);
        }
    }

    pub(super) fn hop(&mut self, h: &Hop) {
        self.uint(h.index.into());
        for field in [&h.from.helo, &h.from.rdns, &h.from.ip] {
            self.opt_str(field);
        }
        for field in [&h.by, &h.software, &h.via, &h.protocol, &h.id, &h.for_] {
            self.opt_str(field);
        }
        match (&h.date, h.timestamp) {
            (None, _) => self.byte(0),
            (Some(date), Some(t)) if date.as_str() == rfc3339(t) => self.byte(2),
            (Some(date), _) => {
                self.byte(1);
                self.str(date);
            }
        }
        self.opt(&h.timestamp, |w, t| {
            w.int(t.wrapping_sub(w.last_timestamp));
            w.last_timestamp = *t;
        });
        self.opt(&h.delay_seconds, |w, t| w.int(*t));
        self.byte(verdict_code(h.verdict));
        self.byte(scope_code(h.scope));
        self.str(&h.scope_evidence.rule);
        self.str(&h.scope_evidence.text);
        self.byte(trust_code(h.trust));
        self.opt(&h.tls, |w, t| {
            for field in [&t.version, &t.cipher, &t.cipher_iana] {
                w.opt_str(field);
            }
            w.opt(&t.bits, |w, b| w.uint((*b).into()));
            w.opt_str(&t.key_exchange);
            w.bool(t.post_quantum);
            w.opt(&t.peer_certificate, |w, c| w.byte(cert_code(*c)));
        });
        self.opt(&h.grade, |w, g| w.byte(grade_code(*g)));
        self.opt_str(&h.grade_reason);
        self.list(&h.evidence, |w, e| {
            w.str(&e.rule);
            w.str(&e.text);
        });
        self.list(&h.diagnostics, |w, d| w.str(d));
    }

    fn summary(&mut self, s: &Summary) {
        self.byte(overall_code(s.overall));
        self.str(&s.headline);
        for n in [s.hops, s.encrypted, s.plaintext, s.unknown, s.local] {
            self.uint(n.into());
        }
        self.list(&s.exposed_hops, |w, h| w.uint((*h).into()));
        self.list(&s.unknown_hops, |w, h| w.uint((*h).into()));
        self.opt(&s.weakest, |w, x| {
            w.uint(x.hop.into());
            w.byte(grade_code(x.grade));
            w.str(&x.reason);
        });
        self.opt(&s.transit_seconds, |w, t| w.int(*t));
        self.opt(&s.trusted_from, |w, t| w.uint((*t).into()));
    }
}

// Enum codes: listed here rather than taken from the declaration order, so that reordering a
// model enum cannot change the format. One list per enum serves both directions.

macro_rules! codes {
    ($encode:ident, $decode:ident, $ty:ty, [$($variant:path = $code:literal),* $(,)?]) => {
        pub(super) fn $encode(value: $ty) -> u8 {
            match value {
                $($variant => $code,)*
            }
        }

        pub(super) fn $decode(code: u8) -> Option<$ty> {
            match code {
                $($code => Some($variant),)*
                _ => None,
            }
        }
    };
}
pub(super) use codes;

codes!(
    verdict_code,
    verdict_of,
    Verdict,
    [
        Verdict::Encrypted = 0,
        Verdict::Plaintext = 1,
        Verdict::Unknown = 2,
    ]
);
codes!(
    scope_code,
    scope_of,
    Scope,
    [Scope::Local = 0, Scope::Internal = 1, Scope::External = 2]
);
codes!(
    trust_code,
    trust_of,
    Trust,
    [Trust::Recipient = 0, Trust::Unverified = 1]
);
codes!(
    grade_code,
    grade_of,
    Grade,
    [
        Grade::Strong = 0,
        Grade::Good = 1,
        Grade::Weak = 2,
        Grade::Broken = 3,
    ]
);
codes!(
    cert_code,
    cert_of,
    CertCheck,
    [
        CertCheck::Verified = 0,
        CertCheck::NotVerified = 1,
        CertCheck::None = 2,
    ]
);
codes!(
    overall_code,
    overall_of,
    Overall,
    [
        Overall::AllEncrypted = 0,
        Overall::Exposed = 1,
        Overall::PlaintextInternal = 2,
        Overall::Incomplete = 3,
        Overall::NoHops = 4,
        // Only in `r2` and later: `r1` readers refuse it.
        Overall::LocalOnly = 5,
    ]
);
codes!(
    severity_code,
    severity_of,
    Severity,
    [Severity::Info = 0, Severity::Warning = 1]
);

/// RFC 3339 in UTC (`2026-11-22T05:20:40Z`): the rule behind date code `2`. The layout is
/// frozen here, so that `r1` never depends on how reports format dates later; the calendar
/// arithmetic is [`crate::date::Civil`], which is exact. Defined for every `i64`.
pub(super) fn rfc3339(ts: i64) -> String {
    let c = crate::date::Civil::from_unix(ts);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Reads a whole `r1` report; trailing bytes are an error.
pub(super) fn read(bytes: &[u8]) -> Result<Report<'static>> {
    let mut r = Reader::new(bytes, false);
    let report = r.report()?;
    if !r.at_end() {
        return Err(Invalid);
    }
    Ok(report)
}

impl<'a> Reader<'a> {
    /// A reader of `bytes`; `extended` accepts the enum values added after `r1` (`r2`).
    pub(super) fn new(bytes: &'a [u8], extended: bool) -> Self {
        Reader {
            bytes,
            pos: 0,
            last_timestamp: 0,
            extended,
        }
    }

    pub(super) fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }

    /// The report's body, shared by `r1` and `r2`.
    pub(super) fn report(&mut self) -> Result<Report<'static>> {
        let r = self;
        let schema = r.u32()?;
        let looks_like_email = r.bool()?;
        let hops = r.list(Reader::hop)?;
        let summary = r.summary()?;
        let warnings = r.list(|r| {
            Ok(Warning {
                code: r.str()?,
                severity: r.severity()?,
                message: r.str()?,
                hops: r.list(Reader::u32)?,
            })
        })?;
        let results = r.list(|r| {
            Ok(AuthResults {
                authserv_id: r.str()?,
                results: r.list(|r| {
                    Ok(AuthResult {
                        method: r.str()?,
                        result: r.str()?,
                        detail: r.opt_str()?,
                    })
                })?,
            })
        })?;
        let authentication = Authentication {
            results,
            arc_sets: r.u32()?,
        };
        let message = MessageInfo {
            subject: r.opt_str()?,
            from: r.opt_str()?,
            to: r.opt_str()?,
            date: r.opt_str()?,
            message_id: r.opt_str()?,
            tls_required: r.opt_str()?,
        };
        let diagnostics = r.list(|r| {
            Ok(Diagnostic {
                message: r.str()?,
                start: 0,
                end: 0,
            })
        })?;
        Ok(Report {
            schema,
            looks_like_email,
            hops,
            summary,
            warnings,
            authentication,
            message,
            diagnostics,
            redaction: None,
            policy: None,
            part: 0,
            embedded: Vec::new(),
        })
    }
}

pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    last_timestamp: i64,
    extended: bool,
}

impl<'a> Reader<'a> {
    pub(super) fn byte(&mut self) -> Result<u8> {
        let b = *self.bytes.get(self.pos).ok_or(Invalid)?;
        self.pos += 1;
        Ok(b)
    }

    pub(super) fn bool(&mut self) -> Result<bool> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Invalid),
        }
    }

    pub(super) fn uint(&mut self) -> Result<u64> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let bits = u64::from(b & 0x7f);
            // The tenth byte may only carry the 64th bit.
            if shift == 63 && bits > 1 {
                return Err(Invalid);
            }
            v |= bits << shift;
            if b & 0x80 == 0 {
                // One canonical form: no trailing zero bytes (`0x80 0x00` for 0).
                if b == 0 && shift > 0 {
                    return Err(Invalid);
                }
                return Ok(v);
            }
        }
        Err(Invalid)
    }

    pub(super) fn u32(&mut self) -> Result<u32> {
        u32::try_from(self.uint()?).map_err(|_| Invalid)
    }

    fn int(&mut self) -> Result<i64> {
        let v = self.uint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    pub(super) fn str(&mut self) -> Result<String> {
        let len = usize::try_from(self.uint()?).map_err(|_| Invalid)?;
        let end = self.pos.checked_add(len).ok_or(Invalid)?;
        let slice = self.bytes.get(self.pos..end).ok_or(Invalid)?;
        let s = std::str::from_utf8(slice).map_err(|_| Invalid)?;
        self.pos = end;
        Ok(s.to_owned())
    }

    /// `uint` length, then that many bytes (an `r2` extension's data).
    pub(super) fn bytes(&mut self) -> Result<&'a [u8]> {
        let len = usize::try_from(self.uint()?).map_err(|_| Invalid)?;
        let end = self.pos.checked_add(len).ok_or(Invalid)?;
        let slice = self.bytes.get(self.pos..end).ok_or(Invalid)?;
        self.pos = end;
        Ok(slice)
    }

    pub(super) fn opt<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<Option<T>> {
        match self.byte()? {
            0 => Ok(None),
            1 => f(self).map(Some),
            _ => Err(Invalid),
        }
    }

    pub(super) fn opt_str(&mut self) -> Result<Option<String>> {
        self.opt(Self::str)
    }

    /// An optional string of a hop (owned: the bytes it was read from are dropped after).
    pub(super) fn opt_text(&mut self) -> Result<Option<Text<'static>>> {
        Ok(self.opt_str()?.map(Text::Owned))
    }

    pub(super) fn list<T>(&mut self, mut f: impl FnMut(&mut Self) -> Result<T>) -> Result<Vec<T>> {
        let count = self.uint()?;
        // Every item takes at least one byte: a larger count is a lie.
        let left = (self.bytes.len() - self.pos) as u64;
        if count > left {
            return Err(Invalid);
        }
        let mut items = Vec::with_capacity(count as usize);
        for _ in 0..count {
            items.push(f(self)?);
        }
        Ok(items)
    }

    pub(super) fn code<T>(&mut self, decode: fn(u8) -> Option<T>) -> Result<T> {
        decode(self.byte()?).ok_or(Invalid)
    }

    fn verdict(&mut self) -> Result<Verdict> {
        self.code(verdict_of)
    }

    fn scope(&mut self) -> Result<Scope> {
        self.code(scope_of)
    }

    fn trust(&mut self) -> Result<Trust> {
        self.code(trust_of)
    }

    pub(super) fn grade(&mut self) -> Result<Grade> {
        self.code(grade_of)
    }

    fn cert(&mut self) -> Result<CertCheck> {
        self.code(cert_of)
    }

    fn overall(&mut self) -> Result<Overall> {
        match self.code(overall_of)? {
            Overall::LocalOnly if !self.extended => Err(Invalid),
            overall => Ok(overall),
        }
    }

    fn severity(&mut self) -> Result<Severity> {
        self.code(severity_of)
    }

    pub(super) fn hop(&mut self) -> Result<Hop<'static>> {
        let index = self.u32()?;
        let from = Endpoint {
            helo: self.opt_text()?,
            rdns: self.opt_text()?,
            ip: self.opt_text()?,
        };
        let by = self.opt_text()?;
        let software = self.opt_text()?;
        let via = self.opt_text()?;
        let protocol = self.opt_text()?;
        let id = self.opt_text()?;
        let for_ = self.opt_text()?;
        let date_code = self.byte()?;
        let date = match date_code {
            0 | 2 => None,
            1 => Some(Stamp::from(self.str()?)),
            _ => return Err(Invalid),
        };
        let timestamp = self.opt(|r| {
            let t = r.last_timestamp.wrapping_add(r.int()?);
            r.last_timestamp = t;
            Ok(t)
        })?;
        let date = match (date_code, timestamp) {
            (2, Some(t)) => Some(Stamp::from(rfc3339(t))),
            (2, None) => return Err(Invalid),
            _ => date,
        };
        let delay_seconds = self.opt(Self::int)?;
        let verdict = self.verdict()?;
        let scope = self.scope()?;
        let scope_evidence = self.evidence()?;
        let trust = self.trust()?;
        let tls = self.opt(|r| {
            Ok(Tls {
                version: r.opt_text()?,
                cipher: r.opt_text()?,
                cipher_iana: r.opt_text()?,
                bits: r.opt(Self::u32)?,
                key_exchange: r.opt_text()?,
                post_quantum: r.bool()?,
                peer_certificate: r.opt(Self::cert)?,
            })
        })?;
        let grade = self.opt(Self::grade)?;
        let grade_reason = self.opt_text()?;
        let evidence = self.list(Self::evidence)?;
        let diagnostics = self.list(Self::str)?;
        Ok(Hop {
            index,
            from,
            by,
            software,
            via,
            protocol,
            id,
            for_,
            date,
            timestamp,
            delay_seconds,
            verdict,
            scope,
            scope_evidence,
            trust,
            tls,
            grade,
            grade_reason,
            evidence,
            diagnostics,
            raw: Text::Borrowed(""),
            raw_start: 0,
        })
    }

    /// Rule and text; the span is the text itself (the input is not shared).
    fn evidence(&mut self) -> Result<Evidence<'static>> {
        let rule = self.str()?;
        let text = self.str()?;
        Ok(Evidence {
            rule: rule.into(),
            start: 0,
            end: text.len(),
            text: text.into(),
        })
    }

    fn summary(&mut self) -> Result<Summary> {
        Ok(Summary {
            overall: self.overall()?,
            headline: self.str()?,
            hops: self.u32()?,
            encrypted: self.u32()?,
            plaintext: self.u32()?,
            unknown: self.u32()?,
            local: self.u32()?,
            exposed_hops: self.list(Self::u32)?,
            unknown_hops: self.list(Self::u32)?,
            weakest: self.opt(|r| {
                Ok(Weakest {
                    hop: r.u32()?,
                    grade: r.grade()?,
                    reason: r.str()?,
                })
            })?,
            transit_seconds: self.opt(Self::int)?,
            trusted_from: self.opt(Self::u32)?,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// A policy check, for `r2`'s extension 2 (see `r2.rs`). Written with `r1`'s primitives; not part
// of the `r1` body.

use crate::policy::{HopOutcome, Outcome, Policy, PolicyCheck, RecipientRequirement};
use crate::tls::Version;

codes!(
    version_code,
    version_of,
    Version,
    [
        Version::Ssl2 = 0,
        Version::Ssl3 = 1,
        Version::Tls10 = 2,
        Version::Tls11 = 3,
        Version::Tls12 = 4,
        Version::Tls13 = 5,
    ]
);
codes!(
    requirement_code,
    requirement_of,
    RecipientRequirement,
    [
        RecipientRequirement::MtaStsEnforce = 0,
        RecipientRequirement::Dane = 1,
        RecipientRequirement::MtaStsEnforceOrDane = 2,
    ]
);
codes!(
    outcome_code,
    outcome_of,
    Outcome,
    [
        Outcome::Pass = 0,
        Outcome::CannotTell = 1,
        Outcome::Fail = 2,
        Outcome::NotJudged = 3,
    ]
);

impl Writer {
    pub(super) fn policy(&mut self, c: &PolicyCheck) {
        let p = &c.policy;
        self.str(&p.name);
        self.str(&p.description);
        self.list(&p.scopes, |w, s| w.byte(scope_code(*s)));
        self.opt(&p.min_version, |w, v| w.byte(version_code(*v)));
        self.bool(p.version_must_be_stated);
        self.bool(p.no_weak_ciphers);
        self.bool(p.verified_client_certificate_external);
        self.opt(&p.recipient_policy, |w, r| w.byte(requirement_code(*r)));
        self.str(&c.definition);
        self.byte(outcome_code(c.outcome));
        self.str(&c.reason);
        self.list(&c.hops, |w, h| {
            w.uint(h.hop.into());
            w.byte(outcome_code(h.outcome));
            w.str(&h.reason);
        });
    }
}

impl Reader<'_> {
    pub(super) fn policy(&mut self) -> Result<PolicyCheck> {
        let policy = Policy {
            name: self.str()?,
            description: self.str()?,
            scopes: self.list(Self::scope)?,
            min_version: self.opt(|r| r.code(version_of))?,
            version_must_be_stated: self.bool()?,
            no_weak_ciphers: self.bool()?,
            verified_client_certificate_external: self.bool()?,
            recipient_policy: self.opt(|r| r.code(requirement_of))?,
        };
        Ok(PolicyCheck {
            policy,
            definition: self.str()?,
            outcome: self.code(outcome_of)?,
            reason: self.str()?,
            hops: self.list(|r| {
                Ok(HopOutcome {
                    hop: r.u32()?,
                    outcome: r.code(outcome_of)?,
                    reason: r.str()?,
                })
            })?,
        })
    }
}
