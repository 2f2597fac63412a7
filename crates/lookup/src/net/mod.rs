//! Real lookups for the command-line tool (feature `net`): a DNS resolver that validates
//! DNSSEC itself, and an HTTPS client for MTA-STS policy files.
//!
//! [`Lookup::domain_policies`] runs the same [`LookupPlan`](crate::LookupPlan) as the page, with
//! the queries of each round asked concurrently. Nothing here ever fails the whole lookup: a
//! timeout, SERVFAIL or bad certificate becomes that item's [`Problem`](crate::Problem).
//!
//! ```no_run
//! use hopscope_lookup::{assess, net::{Lookup, LookupOptions}};
//!
//! // `--resolver 127.0.0.53:53`; without it, the system's resolver (/etc/resolv.conf).
//! let lookup = Lookup::new(LookupOptions::with_resolver("127.0.0.53:53".parse().unwrap()))?;
//! let policies = lookup.domain_policies("example.com")?;
//! for finding in assess(&policies, Some("mx1.example.com")).findings {
//!     println!("{}: {}", finding.slug, finding.sentence);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # DNSSEC
//!
//! The resolver (hickory) validates answers itself from the IANA root trust anchor, rather than
//! trusting the AD bit of whatever resolver it talks to: an AD bit over plain UDP proves nothing
//! to a client (RFC 6840 §5.7), and DANE is only as good as that proof. The price: a resolver
//! that strips DNSSEC records (some home routers) makes every status `indeterminate`, and the
//! findings say DANE could not be judged rather than guessing.
//!
//! # Runtime
//!
//! hickory is async; the CLI is not. [`Lookup`] owns a single-threaded tokio runtime and its
//! methods block, so callers need no async code.

mod dns;
mod https;

use std::fmt;
use std::net::SocketAddr;
use std::time::Duration;

use crate::{DnsAnswer, DomainPolicies, LookupPlan, Malformed, Problem, Query};

/// How to look things up.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct LookupOptions {
    /// The DNS server to ask (`--resolver ADDR`); `None` reads the system configuration.
    pub resolver: Option<SocketAddr>,
    /// How long one DNS question may take (per attempt) and how long the policy fetch may take
    /// as a whole. Default 5 s.
    pub timeout: Duration,
    /// Validate DNSSEC (default true). When false, every DNSSEC status is `indeterminate`.
    pub validate_dnssec: bool,
    /// DNSSEC trust anchors as DNSKEY records in zone-file form; `None` uses the IANA root keys.
    /// For tests against a local signed zone.
    pub trust_anchor: Option<String>,
    /// Fetch policy files from `{policy_base}/{domain}/.well-known/mta-sts.txt` instead of
    /// `https://mta-sts.{domain}/…`. For tests against a local HTTPS server.
    pub policy_base: Option<String>,
    /// When not empty, the only root certificates (DER) trusted for policy fetches, instead of
    /// the Mozilla roots built in. For tests with a local CA.
    pub root_certificates: Vec<Vec<u8>>,
    /// Honour `HTTPS_PROXY`/`ALL_PROXY` from the environment (default true).
    pub use_env_proxy: bool,
}

impl Default for LookupOptions {
    fn default() -> Self {
        LookupOptions {
            resolver: None,
            timeout: Duration::from_secs(5),
            validate_dnssec: true,
            trust_anchor: None,
            policy_base: None,
            root_certificates: Vec::new(),
            use_env_proxy: true,
        }
    }
}

impl LookupOptions {
    /// Defaults, asking the DNS server at `addr` (UDP, with TCP for long answers).
    pub fn with_resolver(addr: SocketAddr) -> Self {
        LookupOptions {
            resolver: Some(addr),
            ..LookupOptions::default()
        }
    }
}

/// Why a [`Lookup`] could not be set up (no system resolver configuration, a bad trust anchor,
/// no async runtime).
#[derive(Debug)]
pub struct NetError {
    reason: String,
}

impl NetError {
    fn new(reason: impl Into<String>) -> Self {
        NetError {
            reason: reason.into(),
        }
    }
}

impl fmt::Display for NetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for NetError {}

/// A resolver and an HTTPS client, ready to look up domains.
pub struct Lookup {
    runtime: tokio::runtime::Runtime,
    dns: dns::Dns,
    https: https::PolicyClient,
}

impl Lookup {
    /// Sets up the resolver and HTTPS client. Sends nothing yet.
    pub fn new(options: LookupOptions) -> Result<Self, NetError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| NetError::new(format!("could not start the async runtime: {e}")))?;
        // hickory's constructor registers with the runtime, so it is built inside it.
        let dns = {
            let _guard = runtime.enter();
            dns::Dns::new(&options)?
        };
        let https = https::PolicyClient::new(&options)?;
        Ok(Lookup {
            runtime,
            dns,
            https,
        })
    }

    /// Asks one DNS question. Never fails: errors are answers ([`DnsAnswer::Timeout`], …).
    pub fn query(&self, query: &Query) -> DnsAnswer {
        self.runtime.block_on(self.dns.query(query))
    }

    /// Fetches `domain`'s MTA-STS policy file: the body (at most
    /// [`MAX_POLICY_BYTES`](crate::MAX_POLICY_BYTES)), or why not. Redirects are refused (RFC 8461
    /// §3.3), the certificate must be valid for `mta-sts.<domain>`, and the response must be
    /// `200` with `text/plain`.
    pub fn fetch_policy(&self, domain: &str) -> Result<Vec<u8>, Problem> {
        let domain = crate::normalize_domain(domain).map_err(|e| Problem::FetchFailed {
            reason: e.reason().to_owned(),
        })?;
        self.https.fetch(&domain)
    }

    /// Looks up everything [`LookupPlan`] asks for `domain`, then fetches the policy file if the
    /// `_mta-sts` record announces one. Fails only for a name that cannot be looked up.
    pub fn domain_policies(&self, domain: &str) -> Result<DomainPolicies, Malformed> {
        let mut plan = LookupPlan::new(domain)?;
        loop {
            let queries = plan.next_queries();
            if queries.is_empty() {
                break;
            }
            let answers = self.runtime.block_on(self.dns.query_all(&queries));
            for (query, answer) in queries.iter().zip(answers) {
                plan.record(query, answer);
            }
        }
        if plan.policy_to_fetch().is_some() {
            let fetched = self.https.fetch(plan.domain());
            plan.record_policy(fetched.as_deref().map_err(Clone::clone));
        }
        Ok(plan.finish())
    }
}
