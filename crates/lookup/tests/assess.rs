//! The assessment for each kind of published policy, built from fixture records.

use hopscope_lookup::*;

fn found<T>(value: T, dnssec: DnssecStatus) -> Item<T> {
    Item::Found {
        value,
        dnssec: Some(dnssec),
    }
}

fn missing<T>() -> Item<T> {
    Item::Problem {
        problem: Problem::NotPublished { nxdomain: true },
    }
}

fn tlsa(records: &[&str], dnssec: DnssecStatus) -> Item<Vec<Tlsa>> {
    found(
        records.iter().map(|r| parse_tlsa(r).unwrap()).collect(),
        dnssec,
    )
}

fn policies(policy: &str, tlsa_item: Item<Vec<Tlsa>>, rpt: Item<TlsRptRecord>) -> DomainPolicies {
    DomainPolicies {
        domain: "example.com".into(),
        mta_sts_record: found(
            parse_mta_sts_record(&["v=STSv1; id=1".into()]).unwrap(),
            DnssecStatus::Insecure,
        ),
        mta_sts_policy: match parse_mta_sts_policy(policy.as_bytes()) {
            Ok(value) => Item::Found {
                value,
                dnssec: None,
            },
            Err(e) => Item::Problem {
                problem: Problem::Malformed {
                    reason: e.reason().into(),
                },
            },
        },
        mx: found(
            parse_mx_set(&[
                "10 mx1.example.com.".into(),
                "20 mx2.backup.example.net.".into(),
            ])
            .unwrap(),
            DnssecStatus::Secure,
        ),
        tlsa: vec![MxTlsa {
            mx: "mx1.example.com".into(),
            records: tlsa_item,
        }],
        tls_rpt: rpt,
    }
}

const ENFORCE: &str = "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmx: *.backup.example.net\nmax_age: 604800\n";
const DANE_EE: &str = "3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

fn rpt() -> Item<TlsRptRecord> {
    found(
        parse_tls_rpt_record(&["v=TLSRPTv1; rua=mailto:tls@example.com".into()]).unwrap(),
        DnssecStatus::Secure,
    )
}

fn findings(p: &DomainPolicies, by: Option<&str>) -> Vec<(String, Tone)> {
    assess(p, by)
        .findings
        .into_iter()
        .map(|f| (f.slug, f.tone))
        .collect()
}

fn sentence(p: &DomainPolicies, by: Option<&str>, slug: &str) -> String {
    assess(p, by)
        .findings
        .into_iter()
        .find(|f| f.slug == slug)
        .map(|f| f.sentence)
        .unwrap_or_else(|| panic!("no {slug}"))
}

#[test]
fn enforce_with_dane_and_tls_rpt() {
    let p = policies(ENFORCE, tlsa(&[DANE_EE], DnssecStatus::Secure), rpt());
    assert_eq!(
        findings(&p, Some("MX1.example.com.")),
        [
            ("policy-now".into(), Tone::Neutral),
            ("mta-sts-enforce".into(), Tone::Good),
            ("mx-listed".into(), Tone::Neutral),
            ("mx-matches-policy".into(), Tone::Good),
            ("dane-required".into(), Tone::Good),
            ("tls-rpt-published".into(), Tone::Good),
        ]
    );
    assert_eq!(
        sentence(&p, Some("mx1.example.com"), "policy-now"),
        "These are the policies example.com publishes now, looked up after the message was delivered; they may have been different at delivery time."
    );
    assert_eq!(
        sentence(&p, Some("mx1.example.com"), "mta-sts-enforce"),
        "example.com's MTA-STS policy is in enforce mode: senders that support MTA-STS must use TLS with a valid certificate and deliver only to MX hosts matching mx1.example.com, *.backup.example.net."
    );
    assert_eq!(
        sentence(&p, Some("mx1.example.com"), "dane-required"),
        "The MX host that received the message, mx1.example.com, publishes 1 DNSSEC-validated TLSA record(s) (DANE-EE): a DANE-aware sender had to use TLS and verify its certificate against them."
    );
    assert_eq!(
        sentence(&p, Some("mx1.example.com"), "tls-rpt-published"),
        "example.com publishes a TLS-RPT record: senders report failed TLS connections to mailto:tls@example.com."
    );
}

#[test]
fn mx_matching_edge_cases() {
    let p = policies(ENFORCE, missing(), missing());
    let slug_for = |by: Option<&str>| -> Vec<String> {
        assess(&p, by)
            .findings
            .into_iter()
            .filter(|f| f.topic == Topic::Mx)
            .map(|f| f.slug)
            .collect()
    };
    // One label under the wildcard: allowed, though not an MX now.
    assert_eq!(
        slug_for(Some("mx9.backup.example.net")),
        ["mx-not-listed", "mx-matches-policy"]
    );
    // Two labels under it, the bare parent, a look-alike: not allowed.
    for host in [
        "a.mx9.backup.example.net",
        "backup.example.net",
        "mx1.example.com.evil.example",
    ] {
        assert_eq!(
            slug_for(Some(host)),
            ["mx-not-listed", "mx-not-in-policy"],
            "{host}"
        );
    }
    assert_eq!(slug_for(None), ["mx-unknown"]);
    // A host name that is not a name at all is treated as unknown, not matched.
    assert_eq!(slug_for(Some("[192.0.2.1]")), ["mx-unknown"]);
    assert_eq!(
        sentence(&p, Some("mx.other.example"), "mx-not-in-policy"),
        "The MX host that received the message, mx.other.example, matches none of the policy's mx patterns (mx1.example.com, *.backup.example.net): a sender enforcing this policy would not deliver to it (or the policy changed since)."
    );
}

#[test]
fn testing_none_and_malformed_policies() {
    let testing = policies(
        "version: STSv1\nmode: testing\nmx: mx1.example.com\nmax_age: 86400\n",
        missing(),
        missing(),
    );
    let slugs = |p: &DomainPolicies| -> Vec<String> {
        assess(p, Some("mx1.example.com"))
            .findings
            .into_iter()
            .map(|f| f.slug)
            .collect()
    };
    assert_eq!(
        slugs(&testing),
        [
            "policy-now",
            "mta-sts-testing",
            "mx-listed",
            "mx-matches-policy",
            "dane-none",
            "tls-rpt-none"
        ]
    );
    let none = policies(
        "version: STSv1\nmode: none\nmax_age: 86400\n",
        missing(),
        missing(),
    );
    assert_eq!(
        slugs(&none),
        [
            "policy-now",
            "mta-sts-mode-none",
            "mx-listed",
            "dane-none",
            "tls-rpt-none"
        ]
    );
    let malformed = policies("version: STSv1\nmode: strict\n", missing(), missing());
    assert_eq!(
        sentence(&malformed, None, "mta-sts-policy-malformed"),
        "example.com announces an MTA-STS policy, but the policy file is malformed (line 2 of the policy file: the mode is \"strict\"; it must be enforce, testing or none); senders without a cached copy treat the domain as having no policy."
    );
    let mut unavailable = policies(ENFORCE, missing(), missing());
    unavailable.mta_sts_policy = Item::Problem {
        problem: Problem::Timeout,
    };
    assert_eq!(
        sentence(&unavailable, None, "mta-sts-policy-unavailable"),
        "example.com announces an MTA-STS policy, but the policy file could not be fetched (no answer in time); senders without a cached copy treat the domain as having no policy."
    );
}

#[test]
fn tlsa_with_and_without_dnssec() {
    let by = Some("mx1.example.com");
    let slug = |item: Item<Vec<Tlsa>>| -> String {
        let p = policies(ENFORCE, item, missing());
        assess(&p, by)
            .findings
            .into_iter()
            .find(|f| f.topic == Topic::Dane)
            .unwrap()
            .slug
    };
    assert_eq!(
        slug(tlsa(&[DANE_EE], DnssecStatus::Secure)),
        "dane-required"
    );
    assert_eq!(
        slug(tlsa(&[DANE_EE], DnssecStatus::Insecure)),
        "dane-not-validated"
    );
    assert_eq!(
        slug(tlsa(&[DANE_EE], DnssecStatus::Indeterminate)),
        "dane-not-validated"
    );
    // PKIX-EE only: published and validated, but unusable for SMTP.
    let pkix = "1 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    assert_eq!(slug(tlsa(&[pkix], DnssecStatus::Secure)), "dane-unusable");
    assert_eq!(
        slug(Item::Problem {
            problem: Problem::DnssecBogus { detail: None }
        }),
        "dane-bogus"
    );
    assert_eq!(
        slug(Item::Problem {
            problem: Problem::ServFail { detail: None }
        }),
        "dane-lookup-failed"
    );
    assert_eq!(slug(missing()), "dane-none");

    let p = policies(ENFORCE, tlsa(&[pkix], DnssecStatus::Secure), missing());
    assert_eq!(
        sentence(&p, by, "dane-unusable"),
        "The MX host that received the message, mx1.example.com, publishes DNSSEC-validated TLSA records, but none is usable for SMTP (PKIX usages (0 and 1) are not used for SMTP (RFC 7672 §3.1.3)): a DANE-aware sender must use TLS but cannot check the certificate against them."
    );
    // DANE on a host whose MX records are not signed: the caveat is said.
    let mut p = policies(ENFORCE, tlsa(&[DANE_EE], DnssecStatus::Secure), missing());
    p.mx = found(p.mx.value().unwrap().clone(), DnssecStatus::Insecure);
    assert!(sentence(&p, by, "dane-required").ends_with(
        "The domain's MX records are not DNSSEC-validated, so DANE protects the connection to this host but not the choice of host."
    ));
}

#[test]
fn tls_rpt_present_absent_malformed() {
    let slug = |rpt: Item<TlsRptRecord>| {
        assess(&policies(ENFORCE, missing(), rpt), None)
            .findings
            .last()
            .unwrap()
            .slug
            .clone()
    };
    assert_eq!(slug(rpt()), "tls-rpt-published");
    assert_eq!(slug(missing()), "tls-rpt-none");
    assert_eq!(
        slug(Item::Problem {
            problem: Problem::Malformed { reason: "x".into() }
        }),
        "tls-rpt-malformed"
    );
    assert_eq!(
        slug(Item::Problem {
            problem: Problem::Timeout
        }),
        "tls-rpt-lookup-failed"
    );
}

#[test]
fn no_mta_sts_and_null_mx() {
    let mut p = policies(ENFORCE, missing(), missing());
    p.mta_sts_record = missing();
    p.mx = found(vec![parse_mx("0 .").unwrap()], DnssecStatus::Secure);
    p.tlsa.clear();
    let slugs: Vec<String> = assess(&p, Some("mx1.example.com"))
        .findings
        .into_iter()
        .map(|f| f.slug)
        .collect();
    assert_eq!(
        slugs,
        [
            "policy-now",
            "mta-sts-not-published",
            "mx-null",
            "tls-rpt-none"
        ]
    );
}

#[test]
fn assessment_json_shape() {
    let p = policies(ENFORCE, tlsa(&[DANE_EE], DnssecStatus::Secure), rpt());
    let json = serde_json::to_value(assess(&p, Some("mx1.example.com"))).unwrap();
    assert_eq!(json["received_by"], "mx1.example.com");
    assert_eq!(json["findings"][1]["topic"], "mta-sts");
    assert_eq!(json["findings"][1]["tone"], "good");
    assert_eq!(json["findings"][1]["slug"], "mta-sts-enforce");
}
