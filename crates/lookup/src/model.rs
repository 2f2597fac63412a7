//! What was found for one domain: per item, the value or the reason it is missing.
//!
//! Plain data (serde), so the CLI can print it as JSON and the page can keep it in its state.
//! Every item is looked up independently: a timeout on one never hides what the others said.

use serde::{Deserialize, Serialize};

use crate::answer::{DnsAnswer, DnssecStatus};
use crate::mta_sts::{MtaStsPolicy, MtaStsRecord};
use crate::mx::MxRecord;
use crate::tls_rpt::TlsRptRecord;
use crate::tlsa::Tlsa;
use crate::Malformed;

/// The TLS policies one domain publishes, as looked up now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainPolicies {
    /// The normalised domain (`example.com`).
    pub domain: String,
    /// `_mta-sts.<domain>` TXT.
    pub mta_sts_record: Item<MtaStsRecord>,
    /// `https://mta-sts.<domain>/.well-known/mta-sts.txt`; its `dnssec` is always `None`.
    pub mta_sts_policy: Item<MtaStsPolicy>,
    /// `<domain>` MX, in the order senders try them.
    pub mx: Item<Vec<MxRecord>>,
    /// `_25._tcp.<mx>` TLSA for each MX host (or for the domain itself when it has no MX).
    pub tlsa: Vec<MxTlsa>,
    /// `_smtp._tls.<domain>` TXT.
    pub tls_rpt: Item<TlsRptRecord>,
}

/// The TLSA records of one MX host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MxTlsa {
    /// The MX host name (the TLSA name is `_25._tcp.<mx>`).
    pub mx: String,
    pub records: Item<Vec<Tlsa>>,
}

/// One looked-up item: its value, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Item<T> {
    Found {
        value: T,
        /// How far DNSSEC vouches for it; `None` for what came over HTTPS.
        dnssec: Option<DnssecStatus>,
    },
    Problem {
        problem: Problem,
    },
}

impl<T> Item<T> {
    /// The value, if found.
    pub fn value(&self) -> Option<&T> {
        match self {
            Item::Found { value, .. } => Some(value),
            Item::Problem { .. } => None,
        }
    }

    /// The problem, if any.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            Item::Found { .. } => None,
            Item::Problem { problem } => Some(problem),
        }
    }

    pub(crate) fn problem_of(problem: Problem) -> Self {
        Item::Problem { problem }
    }

    /// Reads a DNS answer with `parse`: records become the value (or `Malformed`), every other
    /// outcome becomes the matching problem. Records that failed DNSSEC are never used.
    pub(crate) fn from_answer(
        answer: &DnsAnswer,
        parse: impl FnOnce(&[String]) -> Result<T, Malformed>,
    ) -> Self {
        match answer {
            DnsAnswer::Records {
                dnssec: DnssecStatus::Bogus,
                ..
            } => Item::problem_of(Problem::DnssecBogus { detail: None }),
            DnsAnswer::Records { records, dnssec } => match parse(records) {
                Ok(value) => Item::Found {
                    value,
                    dnssec: Some(*dnssec),
                },
                Err(e) => Item::problem_of(Problem::Malformed {
                    reason: e.reason().to_owned(),
                }),
            },
            DnsAnswer::NoRecords { nxdomain, .. } => Item::problem_of(Problem::NotPublished {
                nxdomain: *nxdomain,
            }),
            DnsAnswer::ServFail { detail } => Item::problem_of(Problem::ServFail {
                detail: detail.clone(),
            }),
            DnsAnswer::DnssecBogus { detail } => Item::problem_of(Problem::DnssecBogus {
                detail: detail.clone(),
            }),
            DnsAnswer::Timeout => Item::problem_of(Problem::Timeout),
            DnsAnswer::Failed { reason } => Item::problem_of(Problem::ResolverError {
                reason: reason.clone(),
            }),
        }
    }
}

/// Why an item has no value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// NXDOMAIN or no record of that type: the domain does not publish it.
    NotPublished { nxdomain: bool },
    /// The resolver or server did not answer in time.
    Timeout,
    /// The resolver answered SERVFAIL. (`servfail` in JSON, like its [`slug`](Self::slug).)
    #[serde(rename = "servfail")]
    ServFail { detail: Option<String> },
    /// DNSSEC validation failed: the answer may have been tampered with.
    DnssecBogus { detail: Option<String> },
    /// The resolver refused, the network failed, or its answer could not be read.
    ResolverError { reason: String },
    /// It was published but does not follow its RFC; the reason says how.
    Malformed { reason: String },
    /// The MTA-STS policy file: a browser page cannot fetch it from another origin.
    NotFetchableFromBrowser,
    /// The MTA-STS policy file could not be fetched (HTTP status, TLS, redirect, size, …).
    FetchFailed { reason: String },
    /// Not looked up: the lookup was stopped, or an earlier item made it pointless.
    NotLookedUp { reason: String },
}

impl Problem {
    /// A stable machine name: `not_published`, `timeout`, `servfail`, `dnssec_bogus`,
    /// `resolver_error`, `malformed`, `not_fetchable_from_browser`, `fetch_failed`,
    /// `not_looked_up`.
    pub fn slug(&self) -> &'static str {
        match self {
            Problem::NotPublished { .. } => "not_published",
            Problem::Timeout => "timeout",
            Problem::ServFail { .. } => "servfail",
            Problem::DnssecBogus { .. } => "dnssec_bogus",
            Problem::ResolverError { .. } => "resolver_error",
            Problem::Malformed { .. } => "malformed",
            Problem::NotFetchableFromBrowser => "not_fetchable_from_browser",
            Problem::FetchFailed { .. } => "fetch_failed",
            Problem::NotLookedUp { .. } => "not_looked_up",
        }
    }

    /// A plain-English phrase completing "… could not be used: ".
    pub fn describe(&self) -> String {
        let with = |base: &str, detail: &Option<String>| match detail {
            Some(d) => format!("{base} ({d})"),
            None => base.to_owned(),
        };
        match self {
            Problem::NotPublished { nxdomain: true } => "not published (the name does not exist)".into(),
            Problem::NotPublished { nxdomain: false } => "not published".into(),
            Problem::Timeout => "no answer in time".into(),
            Problem::ServFail { detail } => with("the resolver failed to get an answer (SERVFAIL)", detail),
            Problem::DnssecBogus { detail } => with("the answer failed DNSSEC validation, so it may have been forged", detail),
            Problem::ResolverError { reason } => reason.clone(),
            Problem::Malformed { reason } => format!("malformed: {reason}"),
            Problem::NotFetchableFromBrowser => {
                "a web page cannot fetch the policy file from another site; the command-line tool can".into()
            }
            Problem::FetchFailed { reason } => reason.clone(),
            Problem::NotLookedUp { reason } => format!("not looked up: {reason}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shape() {
        let found: Item<u32> = Item::Found {
            value: 7,
            dnssec: Some(DnssecStatus::Secure),
        };
        assert_eq!(
            serde_json::to_string(&found).unwrap(),
            r#"{"status":"found","value":7,"dnssec":"secure"}"#
        );
        let missing: Item<u32> = Item::problem_of(Problem::NotPublished { nxdomain: true });
        let json = serde_json::to_string(&missing).unwrap();
        assert_eq!(
            json,
            r#"{"status":"problem","problem":{"kind":"not_published","nxdomain":true}}"#
        );
        assert_eq!(serde_json::from_str::<Item<u32>>(&json).unwrap(), missing);
    }

    #[test]
    fn json_kinds_are_the_slugs() {
        for problem in [
            Problem::NotPublished { nxdomain: false },
            Problem::Timeout,
            Problem::ServFail { detail: None },
            Problem::DnssecBogus { detail: None },
            Problem::ResolverError { reason: "x".into() },
            Problem::Malformed { reason: "x".into() },
            Problem::NotFetchableFromBrowser,
            Problem::FetchFailed { reason: "x".into() },
            Problem::NotLookedUp { reason: "x".into() },
        ] {
            let json = serde_json::to_value(&problem).unwrap();
            assert_eq!(json["kind"], problem.slug());
            assert_eq!(serde_json::from_value::<Problem>(json).unwrap(), problem);
        }
    }

    #[test]
    fn bogus_records_are_never_used() {
        let answer = DnsAnswer::Records {
            records: vec!["x".into()],
            dnssec: DnssecStatus::Bogus,
        };
        let item: Item<usize> = Item::from_answer(&answer, |r| Ok(r.len()));
        assert_eq!(item.problem().map(Problem::slug), Some("dnssec_bogus"));
    }
}
