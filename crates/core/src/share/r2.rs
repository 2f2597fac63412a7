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
//!
//! Extensions are written in increasing tag order, each tag at most once; a reader refuses a
//! repeated or out-of-order tag (that is not something Hopscope writes).

use super::r1::{Invalid, Reader, Writer};
use super::Redaction;
use crate::model::Report;

type Result<T> = std::result::Result<T, Invalid>;

const TAG_REDACTION: u64 = 1;

pub(super) fn write(report: &Report) -> Vec<u8> {
    let mut w = Writer::new();
    w.report(report);
    let mut extensions: Vec<(u64, Vec<u8>)> = Vec::new();
    if let Some(red) = report.redaction {
        extensions.push((TAG_REDACTION, vec![redaction_bits(red)]));
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
pub(super) fn read(bytes: &[u8]) -> Result<Report> {
    let mut r = Reader::new(bytes, true);
    let mut report = r.report()?;
    let count = r.uint()?;
    let mut last_tag = 0;
    for _ in 0..count {
        let tag = r.uint()?;
        if tag <= last_tag {
            return Err(Invalid);
        }
        last_tag = tag;
        let data = r.bytes()?;
        if tag == TAG_REDACTION {
            let [bits] = data else {
                return Err(Invalid);
            };
            report.redaction = Some(redaction_of(*bits)?);
        }
    }
    if !r.at_end() {
        return Err(Invalid);
    }
    Ok(report)
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
    fn redaction_bits_round_trip() {
        for bits in 0..32u8 {
            assert_eq!(redaction_bits(redaction_of(bits).unwrap()), bits);
        }
        assert!(redaction_of(32).is_err());
    }
}
