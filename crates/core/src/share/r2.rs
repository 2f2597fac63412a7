//! Format `r2`: `r1`'s layout, room for new enum values, and tagged extensions.
//!
//! Frozen like `r1`. The body is exactly `r1`'s (see `r1.rs`), with one more value: Overall
//! code `5` is `local_only`. After the body comes `list<(uint tag, str data)>`: extensions,
//! each a tag and its bytes (written as a `str`-style length and bytes, but not UTF-8 unless
//! the tag says so). Readers skip tags they do not know, so a later version can add data to a
//! link without a new format, and an older page still opens it.
//!
//! Tags:
//! - `1` redaction: one byte, a bit per kind of value that was replaced before sharing:
//!   `1` email addresses, `2` IP addresses, `4` host names, `8` Message-IDs, `16` the subject.
//!   Present in every `r2` link that Hopscope writes; the recipient is told what was hidden.
//! - `2` policy check, when the sender checked one (`policy::PolicyCheck`), in `r1`'s
//!   primitives: `str name, str description, list<Scope> scopes, opt<Version> min_version,
//!   bool version_must_be_stated, bool no_weak_ciphers, bool
//!   verified_client_certificate_external, opt<Requirement> recipient_policy, str definition,
//!   Outcome outcome, str reason, list<(uint hop, Outcome, str reason)> hops`. Codes: Scope as in
//!   `r1`; Version `0` SSL2 … `5` TLS1.3; Requirement `0` mta_sts_enforce, `1` dane, `2`
//!   mta_sts_enforce_or_dane; Outcome `0` pass, `1` cannot_tell, `2` fail, `3` not_judged.
//!
//! Extensions are written in increasing tag order, each tag at most once; a reader refuses a
//! repeated or out-of-order tag (that is not something Hopscope writes).

use super::r1::{Invalid, Reader, Writer};
use super::Redaction;
use crate::model::Report;

type Result<T> = std::result::Result<T, Invalid>;

const TAG_REDACTION: u64 = 1;
const TAG_POLICY: u64 = 2;

pub(super) fn write(report: &Report) -> Vec<u8> {
    let mut w = Writer::new();
    w.report(report);
    let mut extensions: Vec<(u64, Vec<u8>)> = Vec::new();
    if let Some(red) = report.redaction {
        extensions.push((TAG_REDACTION, vec![redaction_bits(red)]));
    }
    if let Some(check) = &report.policy {
        let mut p = Writer::new();
        p.policy(check);
        extensions.push((TAG_POLICY, p.out));
    }
    w.uint(extensions.len() as u64);
    for (tag, data) in extensions {
        w.uint(tag);
        w.uint(data.len() as u64);
        w.out.extend_from_slice(&data);
    }
    w.out
}

/// Reads a whole `r2` report; trailing bytes are an error.
pub(super) fn read(bytes: &[u8]) -> Result<Report<'static>> {
    let mut r = Reader::new(bytes, true);
    let report = read_from(&mut r)?;
    if !r.at_end() {
        return Err(Invalid);
    }
    Ok(report)
}

/// Reads an `r2` report (body and extensions) and stops after it: the page's transfer format
/// (`transfer.rs`) carries more after it.
pub(super) fn read_from(r: &mut Reader<'_>) -> Result<Report<'static>> {
    let mut report = r.report()?;
    r.extensions(|tag, data| {
        if tag == TAG_REDACTION {
            let [bits] = data else {
                return Err(Invalid);
            };
            report.redaction = Some(redaction_of(*bits)?);
        } else if tag == TAG_POLICY {
            let mut p = Reader::new(data, true);
            report.policy = Some(p.policy()?);
            if !p.at_end() {
                return Err(Invalid);
            }
        }
        Ok(())
    })?;
    Ok(report)
}

impl<'a> Reader<'a> {
    /// The tagged extensions that end a payload: `list<(uint tag, bytes)>` in increasing tag
    /// order (a repeated or out-of-order tag is refused), each handed to `read` (which ignores
    /// tags it does not know). The caller checks what follows (nothing, in a share link).
    pub(super) fn extensions(
        &mut self,
        mut read: impl FnMut(u64, &'a [u8]) -> Result<()>,
    ) -> Result<()> {
        let count = self.uint()?;
        let mut last_tag = 0;
        for _ in 0..count {
            let tag = self.uint()?;
            if tag <= last_tag {
                return Err(Invalid);
            }
            last_tag = tag;
            read(tag, self.bytes()?)?;
        }
        Ok(())
    }
}

fn redaction_bits(r: Redaction) -> u8 {
    u8::from(r.emails)
        | u8::from(r.ips) << 1
        | u8::from(r.hostnames) << 2
        | u8::from(r.message_ids) << 3
        | u8::from(r.subject) << 4
}

fn redaction_of(bits: u8) -> Result<Redaction> {
    if bits >> 5 != 0 {
        return Err(Invalid);
    }
    Ok(Redaction {
        emails: bits & 1 != 0,
        ips: bits & 2 != 0,
        hostnames: bits & 4 != 0,
        message_ids: bits & 8 != 0,
        subject: bits & 16 != 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_policy_check_travels_with_the_link() {
        let mut report = crate::analyze(
            "Received: from a.example.org (a.example.org [192.0.2.1]) by b.example.net with ESMTP; Sun, 22 Nov 2026 05:20:40 +0000\n",
        );
        report.policy = Some(crate::policy::check(
            &report,
            &crate::policy::Policy::modern(),
            None,
        ));
        let shared = crate::share::Shared::new(&report, Redaction::NONE);
        let back = crate::share::decode(&shared.payload).unwrap();
        assert_eq!(back.policy, report.policy);
        assert_eq!(back, shared.report);
    }

    #[test]
    fn redaction_bits_round_trip() {
        for bits in 0..32u8 {
            assert_eq!(redaction_bits(redaction_of(bits).unwrap()), bits);
        }
        assert!(redaction_of(32).is_err());
    }
}
