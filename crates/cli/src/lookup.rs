//! `analyze --lookup`: the TLS policies the recipient's and the sender's domains publish now.
//!
//! Glue only: `hopscope_core::domains` chooses the domains from each message,
//! `hopscope_lookup::net::Lookup` asks DNS (the system's resolver, or `--resolver`) and fetches
//! MTA-STS policy files over HTTPS, and `hopscope_lookup::MessageLookup` puts the answers
//! together. Each distinct domain is looked up once per run, however many messages name it (an
//! mbox of 10,000 messages from three partners makes a handful of lookups, not 20,000).
//!
//! What leaves the machine, and only with `--lookup`: DNS questions for `_mta-sts.<domain>`
//! TXT, `<domain>` MX, `_25._tcp.<mx>` TLSA (at most ten MX hosts) and `_smtp._tls.<domain>`
//! TXT, to the resolver; and, for a domain whose `_mta-sts` record announces a policy, one
//! HTTPS GET of `https://mta-sts.<domain>/.well-known/mta-sts.txt`. Nothing from the message
//! but the domain names.
//!
//! Test hooks: built with the `test-hooks` feature (the CLI's lookup tests only, never a
//! release), the environment can point the lookups at the local fixture servers:
//! `HOPSCOPE_TEST_TRUST_ANCHOR` (a DNSKEY in zone-file form, trusted instead of the root's),
//! `HOPSCOPE_TEST_POLICY_BASE` (policy files from `{base}/{domain}/.well-known/mta-sts.txt`)
//! and `HOPSCOPE_TEST_CA` (a DER certificate file, the only CA trusted for them).

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use hopscope_core::domains::lookup_domains;
use hopscope_core::Report;
use hopscope_lookup::net::{Lookup, LookupOptions};
use hopscope_lookup::{DomainPolicies, Item, Malformed, MessageLookup, Problem};

/// How long one DNS question (per attempt) and the policy fetch may take by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// Every lookup of a run, and the answers so far.
pub struct Lookups {
    /// The resolver, or why it could not be set up (then every item says so).
    lookup: Result<Lookup, String>,
    /// Answers by normalised domain.
    cache: HashMap<String, Result<DomainPolicies, Malformed>>,
}

impl Lookups {
    /// Sets up the resolver and HTTPS client; sends nothing yet. A resolver that cannot be set
    /// up (no `/etc/resolv.conf` and no `--resolver`) is said once here and in every lookup,
    /// never an error that stops the reports.
    pub fn new(resolver: Option<SocketAddr>, timeout: Duration) -> Lookups {
        let mut options = LookupOptions::default();
        options.resolver = resolver;
        options.timeout = timeout;
        test_hooks(&mut options);
        let lookup = Lookup::new(options).map_err(|e| e.to_string());
        if let Err(why) = &lookup {
            eprintln!("hopscope: --lookup: {why}; every lookup will say so.");
        }
        Lookups {
            lookup,
            cache: HashMap::new(),
        }
    }

    /// The lookups for one message made from `text`.
    pub fn message(&mut self, report: &Report, text: &str) -> MessageLookup {
        let domains = lookup_domains(report, text);
        MessageLookup::new(&domains, |domain| self.domain(domain))
    }

    fn domain(&mut self, domain: &str) -> Result<DomainPolicies, Malformed> {
        let key = hopscope_lookup::normalize_domain(domain)?;
        if let Some(done) = self.cache.get(&key) {
            return done.clone();
        }
        let result = match &self.lookup {
            Ok(lookup) => lookup.domain_policies(&key),
            Err(why) => Ok(unavailable(&key, why)),
        };
        self.cache.insert(key, result.clone());
        result
    }
}

/// The policies of a domain that could not be looked up because the resolver could not be set
/// up: every item says why.
fn unavailable(domain: &str, why: &str) -> DomainPolicies {
    fn problem<T>(why: &str) -> Item<T> {
        Item::Problem {
            problem: Problem::ResolverError {
                reason: why.to_owned(),
            },
        }
    }
    DomainPolicies {
        domain: domain.to_owned(),
        mta_sts_record: problem(why),
        mta_sts_policy: Item::Problem {
            problem: Problem::NotLookedUp {
                reason: "there is no valid _mta-sts record announcing a policy".into(),
            },
        },
        mx: problem(why),
        tlsa: Vec::new(),
        tls_rpt: problem(why),
    }
}

/// `--resolver ADDR`: an IP address (port 53), or `ip:port`, `[v6]:port`.
pub fn parse_resolver(text: &str) -> Result<SocketAddr, String> {
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(addr);
    }
    let bare = text.trim_start_matches('[').trim_end_matches(']');
    bare.parse::<IpAddr>()
        .map(|ip| SocketAddr::new(ip, 53))
        .map_err(|_| {
            format!(
                "\"{}\" is not an IP address: write 192.0.2.53, 192.0.2.53:5353 or [2001:db8::53]:53 \
                 (a DNS server is named by address, not by name)",
                hopscope_core::render::one_line(text)
            )
        })
}

/// `--lookup-timeout SECONDS`: a number of seconds from 0.1 to 60 (decimals allowed).
pub fn parse_timeout(text: &str) -> Result<Duration, String> {
    match text.parse::<f64>() {
        Ok(s) if (0.1..=60.0).contains(&s) => Ok(Duration::from_secs_f64(s)),
        _ => Err("write a number of seconds from 0.1 to 60, e.g. 5 or 1.5".into()),
    }
}

#[cfg(feature = "test-hooks")]
fn test_hooks(options: &mut LookupOptions) {
    if let Ok(anchor) = std::env::var("HOPSCOPE_TEST_TRUST_ANCHOR") {
        options.trust_anchor = Some(anchor);
    }
    if let Ok(base) = std::env::var("HOPSCOPE_TEST_POLICY_BASE") {
        options.policy_base = Some(base);
        options.use_env_proxy = false;
    }
    if let Ok(path) = std::env::var("HOPSCOPE_TEST_CA") {
        match std::fs::read(&path) {
            Ok(der) => options.root_certificates = vec![der],
            Err(e) => eprintln!("hopscope: HOPSCOPE_TEST_CA: cannot read {path}: {e}"),
        }
    }
}

#[cfg(not(feature = "test-hooks"))]
fn test_hooks(_options: &mut LookupOptions) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolver_addresses() {
        assert_eq!(
            parse_resolver("192.0.2.53").unwrap(),
            "192.0.2.53:53".parse().unwrap()
        );
        assert_eq!(
            parse_resolver("127.0.0.1:5353").unwrap(),
            "127.0.0.1:5353".parse().unwrap()
        );
        assert_eq!(
            parse_resolver("2001:db8::53").unwrap(),
            "[2001:db8::53]:53".parse().unwrap()
        );
        assert_eq!(
            parse_resolver("[2001:db8::53]").unwrap(),
            "[2001:db8::53]:53".parse().unwrap()
        );
        assert_eq!(
            parse_resolver("[2001:db8::53]:5300").unwrap(),
            "[2001:db8::53]:5300".parse().unwrap()
        );
        let err = parse_resolver("dns.google").unwrap_err();
        assert!(err.contains("is not an IP address"), "{err}");
        assert!(parse_resolver("1.2.3.4:99999").is_err());
    }

    #[test]
    fn timeouts() {
        assert_eq!(parse_timeout("5").unwrap(), Duration::from_secs(5));
        assert_eq!(parse_timeout("1.5").unwrap(), Duration::from_millis(1500));
        for bad in ["0", "61", "-1", "five", "NaN", "inf"] {
            assert!(parse_timeout(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_unusable_resolver_is_said_per_item() {
        let p = unavailable("example.net", "no resolv.conf");
        assert_eq!(
            p.mx.problem().map(Problem::describe).as_deref(),
            Some("no resolv.conf")
        );
        let lookup = hopscope_lookup::recipient_lookup(&p, None);
        assert!(matches!(
            lookup.mta_sts_enforce,
            hopscope_core::policy::Looked::CannotTell { .. }
        ));
    }
}
