//! Runs every domain of `tests/doh-stub/` (the page's end-to-end DoH fixtures) through the
//! library as the page would, with both services' files, and pins the findings. The table
//! here and the one in `tests/doh-stub/README.md` say the same thing.

use std::path::{Path, PathBuf};

use hopscope_lookup::{assess, doh, DnsAnswer, LookupPlan, Problem};

const CASES: &[(&str, &[&str])] = &[
    (
        "dane.example",
        &[
            "policy-now",
            "mta-sts-policy-not-fetched",
            "mx-listed",
            "dane-required",
            "tls-rpt-published",
        ],
    ),
    (
        "nodnssec.example",
        &[
            "policy-now",
            "mta-sts-not-published",
            "mx-listed",
            "dane-not-validated",
            "tls-rpt-none",
        ],
    ),
    (
        "malformed.example",
        &[
            "policy-now",
            "mta-sts-record-malformed",
            "mx-listed",
            "dane-none",
            "tls-rpt-malformed",
        ],
    ),
    (
        "none.example",
        &[
            "policy-now",
            "mta-sts-not-published",
            "mx-listed",
            "dane-none",
            "tls-rpt-none",
        ],
    ),
    (
        "servfail.example",
        &[
            "policy-now",
            "mta-sts-lookup-failed",
            "tls-rpt-lookup-failed",
        ],
    ),
    (
        "bogus.example",
        &[
            "policy-now",
            "mta-sts-not-published",
            "mx-listed",
            "dane-bogus",
            "tls-rpt-none",
        ],
    ),
    (
        "garbage.example",
        &[
            "policy-now",
            "mta-sts-lookup-failed",
            "tls-rpt-lookup-failed",
        ],
    ),
];

fn stub_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/doh-stub")
}

/// What the page does: ask, parse, record, until the plan has no questions left.
fn run(service: &str, domain: &str) -> Vec<String> {
    let mut plan = LookupPlan::new(domain).unwrap();
    loop {
        let queries = plan.next_queries();
        if queries.is_empty() {
            break;
        }
        for query in &queries {
            let file = stub_dir()
                .join(service)
                .join(&query.name)
                .join(format!("{}.json", query.record_type.as_str()));
            let answer = match std::fs::read_to_string(&file) {
                Ok(json) => doh::parse_response(&json, query).unwrap_or_else(DnsAnswer::garbage),
                Err(_) => panic!("no stub file {}", file.display()),
            };
            plan.record(query, answer);
        }
    }
    if plan.policy_to_fetch().is_some() {
        plan.record_policy(Err(Problem::NotFetchableFromBrowser));
    }
    let policies = plan.finish();
    // The JSON the page keeps (and the CLI prints) survives a round trip.
    let json = serde_json::to_string(&policies).unwrap();
    assert_eq!(
        serde_json::from_str::<hopscope_lookup::DomainPolicies>(&json).unwrap(),
        policies
    );
    assess(&policies, Some(&format!("mx1.{domain}")))
        .findings
        .into_iter()
        .map(|f| f.slug)
        .collect()
}

#[test]
fn every_stub_domain_with_both_services() {
    let mut ran = 0;
    for service in ["google", "cloudflare"] {
        for (domain, expected) in CASES {
            assert_eq!(run(service, domain), *expected, "{service} {domain}");
            ran += 1;
        }
    }
    assert_eq!(ran, 14);
}

#[test]
fn every_stub_file_is_used() {
    // A file no case reads is a fixture nobody checks.
    let mut files = 0;
    for service in ["google", "cloudflare"] {
        for name in std::fs::read_dir(stub_dir().join(service)).unwrap() {
            let name = name.unwrap().file_name().into_string().unwrap();
            assert!(
                CASES
                    .iter()
                    .any(|(d, _)| name == *d || name.ends_with(&format!(".{d}"))),
                "{service}/{name} belongs to no case"
            );
            files += std::fs::read_dir(stub_dir().join(service).join(&name))
                .unwrap()
                .count();
        }
    }
    assert_eq!(files, 54);
}
