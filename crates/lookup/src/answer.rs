//! What one DNS question and its answer look like, whichever way they travelled.
//!
//! The page asks a DNS-over-HTTPS service ([`crate::doh`]); the CLI asks a resolver (the `net`
//! feature). Both turn what they got into a [`DnsAnswer`] holding each record's data in DNS
//! presentation form (`10 mx.example.net.`, `3 1 1 ab…`, TXT strings already joined), so one
//! set of parsers and one [`crate::LookupPlan`] serve both.

use serde::{Deserialize, Serialize};

/// The record types this crate asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum RecordType {
    Txt,
    Mx,
    Tlsa,
}

impl RecordType {
    /// The mnemonic, as DNS tools and DoH URLs write it: `TXT`, `MX`, `TLSA`.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordType::Txt => "TXT",
            RecordType::Mx => "MX",
            RecordType::Tlsa => "TLSA",
        }
    }

    /// The type code on the wire (RFC 1035, RFC 6698): 16, 15, 52.
    pub fn code(self) -> u16 {
        match self {
            RecordType::Txt => 16,
            RecordType::Mx => 15,
            RecordType::Tlsa => 52,
        }
    }
}

/// One DNS question: a normalised name (see [`crate::normalize_domain`]) and a type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Query {
    pub name: String,
    pub record_type: RecordType,
}

impl Query {
    pub fn new(name: impl Into<String>, record_type: RecordType) -> Self {
        Query {
            name: name.into(),
            record_type,
        }
    }
}

/// Whether DNSSEC vouched for an answer.
///
/// Through a resolver's AD bit (the page's DoH services, which validate) only two values are
/// seen: `Secure` (AD set) and `Insecure` (AD clear: the resolver did not vouch, usually because
/// the zone is unsigned), plus `Bogus` when the service says validation failed. The CLI's
/// resolver validates itself and can also answer `Indeterminate` (it could not tell, e.g. a
/// forwarder stripped the signatures).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DnssecStatus {
    /// Validated from a trust anchor: an attacker on the path could not have forged it.
    Secure,
    /// Not signed (or not vouched for): anyone on the path could have forged or removed it.
    Insecure,
    /// Signed, but the signatures do not verify: a validating sender treats it as an attack.
    Bogus,
    /// The validator could not tell.
    Indeterminate,
}

impl DnssecStatus {
    pub fn is_secure(self) -> bool {
        self == DnssecStatus::Secure
    }
}

/// What came back for one [`Query`]. Never an error type: every outcome is information.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum DnsAnswer {
    /// NOERROR with records of the asked type, each in presentation form (TXT: the strings of
    /// one record joined without separator, unquoted).
    Records {
        records: Vec<String>,
        dnssec: DnssecStatus,
    },
    /// NOERROR without records of that type (NODATA), or NXDOMAIN: nothing is published.
    NoRecords {
        nxdomain: bool,
        dnssec: DnssecStatus,
    },
    /// SERVFAIL: the resolver could not get an answer (not a DNSSEC failure, as far as it said).
    ServFail { detail: Option<String> },
    /// The resolver (or our own validator) found the answer's DNSSEC signatures invalid.
    DnssecBogus { detail: Option<String> },
    /// No answer in time.
    Timeout,
    /// Anything else: REFUSED, a network error, an answer that could not be read.
    Failed { reason: String },
}

impl DnsAnswer {
    /// The answer for a reply that could not be read at all (garbage JSON, a wrong name…).
    pub fn garbage(why: crate::Malformed) -> Self {
        DnsAnswer::Failed {
            reason: why.reason().to_owned(),
        }
    }
}
