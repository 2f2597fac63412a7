//! Hopscope lookups: what a domain's MTA-STS, DANE (TLSA) and TLS-RPT records say now, and
//! what that means for a message its MX received.
//!
//! The headers tell whether each hop *was* encrypted; only DNS can tell whether the recipient's
//! domain *asks* senders to insist on authenticated TLS. This crate reads and judges those
//! records. By default it does no I/O at all and builds for `wasm32-unknown-unknown`: the page
//! asks a DNS-over-HTTPS service itself ([`doh::request_url`], `fetch()`) and hands the JSON to
//! [`doh::parse_response`]; the CLI enables the `net` feature for a real resolver and an HTTPS
//! client (`net::Lookup`). Both drive the same [`LookupPlan`], so they ask the same questions
//! and read answers the same way; [`assess`] then turns the [`DomainPolicies`] into sentences.
//! For one message, [`MessageLookup`] puts together the lookups of the domains the core chose
//! from it (`hopscope_core::domains`: the recipient's and the sender's), with what a policy's
//! recipient requirement can use ([`recipient_lookup`]), and [`render`] writes them as the
//! "Looked up" section of a report.
//!
//! ```
//! use hopscope_lookup::{assess, doh, LookupPlan, Problem};
//!
//! // What a page would do, with canned DoH answers instead of fetch().
//! let mut plan = LookupPlan::new("example.com").unwrap();
//! while let queries @ [_, ..] = plan.next_queries().as_slice() {
//!     for query in queries {
//!         let json = match (query.name.as_str(), query.record_type.as_str()) {
//!             ("_mta-sts.example.com", "TXT") => r#"{"Status":0,"AD":true,"Answer":[{"type":16,"data":"v=STSv1; id=2024"}]}"#,
//!             ("example.com", "MX") => r#"{"Status":0,"AD":true,"Answer":[{"type":15,"data":"10 mx.example.com."}]}"#,
//!             ("_25._tcp.mx.example.com", "TLSA") => r#"{"Status":0,"AD":true,"Answer":[{"type":52,"data":"3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}]}"#,
//!             _ => r#"{"Status":3,"AD":true}"#,
//!         };
//!         let answer = doh::parse_response(json, query).unwrap_or_else(hopscope_lookup::DnsAnswer::garbage);
//!         plan.record(query, answer);
//!     }
//! }
//! if plan.policy_to_fetch().is_some() {
//!     plan.record_policy(Err(Problem::NotFetchableFromBrowser));
//! }
//! let assessment = assess(&plan.finish(), Some("mx.example.com"));
//! let slugs: Vec<&str> = assessment.findings.iter().map(|f| f.slug.as_str()).collect();
//! assert_eq!(slugs, ["policy-now", "mta-sts-policy-not-fetched", "mx-listed", "dane-required", "tls-rpt-none"]);
//! ```
//!
//! # What is sent where
//!
//! Only DNS names derived from the domain the person chose: `_mta-sts.<domain>` TXT,
//! `<domain>` MX, `_25._tcp.<mx>` TLSA for at most [`MAX_MX_HOSTS`] MX hosts, `_smtp._tls.<domain>`
//! TXT, and (CLI only) one HTTPS GET of `https://mta-sts.<domain>/.well-known/mta-sts.txt`.
//! Nothing from the message itself is sent. The results are the domain's policies *now*, not
//! at delivery time, and every [`Assessment`] says so.
//!
//! # Untrusted input
//!
//! DNS answers, DoH responses and policy files come from strangers. Every parser returns a
//! value or a [`Malformed`] reason and never panics; sizes are bounded (policy files
//! [`MAX_POLICY_BYTES`], DoH responses [`doh::MAX_RESPONSE_BYTES`], TLSA lookups
//! [`MAX_MX_HOSTS`]); no parser recurses or backtracks. Reasons quote at most 60 characters of
//! the input with control characters escaped. Text from answers must be shown as text.
//!
//! # Cost
//!
//! Measured 2026-12-07 on the 2-core machine (shared, load about 5): a cdylib using everything
//! the page needs (DoH parsing, plan, policy parser, assessment; no JSON output) is 114 KB of
//! wasm after `wasm-opt -Oz`, 45 KB brotli — of which serde_json's parser with alloc and
//! formatting, alone, is 50 KB / 22 KB (new to the page: it has no serde_json yet). The `net`
//! feature builds from clean in 135 s (76 s CPU; 143 crates, ring rather than aws-lc-rs to
//! avoid a C build); its test servers (hickory-server, rcgen) add 88 s.
//!
//! # Scope
//!
//! DANE is judged from the `_25._tcp.<mx>` TLSA RRset and its DNSSEC status; the crate does not
//! follow CNAMEs of MX hosts to a TLSA base name, check the DNSSEC status of their address
//! records (RFC 7672 §2.2.2), or connect to the MX to match certificates. MTA-STS caching by
//! senders (a policy fetched earlier still applies until `max_age`) cannot be seen from here.

mod answer;
mod assess;
pub mod doh;
mod malformed;
mod message;
mod model;
mod mta_sts;
mod mx;
mod name;
mod plan;
pub mod render;
mod tls_rpt;
mod tlsa;

pub use answer::{DnsAnswer, DnssecStatus, Query, RecordType};
pub use assess::{assess, Assessment, Finding, Tone, Topic};
pub use malformed::Malformed;
pub use message::{recipient_lookup, DomainLookup, MessageLookup, Role, POLICIES_NOW};
pub use model::{DomainPolicies, Item, MxTlsa, Problem};
pub use mta_sts::{
    mx_pattern_matches, parse_mta_sts_policy, parse_mta_sts_record, policy_url, Mode, MtaStsPolicy,
    MtaStsRecord, MAX_POLICY_BYTES,
};
pub use mx::{parse_mx, parse_mx_set, MxRecord};
pub use name::normalize_domain;
pub use plan::{LookupPlan, MAX_MX_HOSTS};
pub use tls_rpt::{parse_tls_rpt_record, TlsRptRecord};
pub use tlsa::{parse_tlsa, Tlsa};

#[cfg(feature = "net")]
pub mod net;
