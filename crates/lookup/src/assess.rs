//! What the looked-up policies mean for the message: one plain-English sentence per point, each
//! with a stable slug for tests, styling and JSON consumers.
//!
//! The headers say whether each hop *was* encrypted; these findings say whether the recipient's
//! domain *asks* senders to insist on it (MTA-STS enforce, DANE) — as published now, which may
//! differ from what it published when the message was delivered. Every assessment says so first.

use serde::{Deserialize, Serialize};

use crate::answer::DnssecStatus;
use crate::model::{DomainPolicies, Item, MxTlsa, Problem};
use crate::mta_sts::{policy_url, Mode};
use crate::name::normalize_domain;

/// The findings for one domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub domain: String,
    /// The MX host that received the message, from the route, normalised.
    pub received_by: Option<String>,
    pub findings: Vec<Finding>,
}

/// One point of the assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub topic: Topic,
    /// Stable machine name, e.g. `mta-sts-enforce`, `mx-not-in-policy`, `dane-required`.
    pub slug: String,
    pub tone: Tone,
    /// One or two plain-English sentences.
    pub sentence: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Topic {
    /// When the policies were looked up.
    Timing,
    MtaSts,
    /// Whether the receiving MX fits the MX records and the MTA-STS patterns.
    Mx,
    Dane,
    TlsRpt,
}

/// How a front end may colour a finding. `Good`: senders must use authenticated TLS;
/// `Warning`: TLS could have been stripped, or something is broken; `Neutral`: information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    Good,
    Neutral,
    Warning,
}

struct Findings(Vec<Finding>);

impl Findings {
    fn add(&mut self, topic: Topic, slug: &str, tone: Tone, sentence: String) {
        self.0.push(Finding {
            topic,
            slug: slug.to_owned(),
            tone,
            sentence,
        });
    }
}

/// Assesses `policies` for a message received by `received_by` (the `by` host of the hop that
/// entered the domain, if the route names it).
///
/// ```
/// use hopscope_lookup::*;
///
/// let policies = DomainPolicies {
///     domain: "example.com".into(),
///     mta_sts_record: Item::Found {
///         value: MtaStsRecord { id: "1".into(), extensions: vec![] },
///         dnssec: Some(DnssecStatus::Insecure),
///     },
///     mta_sts_policy: Item::Found {
///         value: parse_mta_sts_policy(b"version: STSv1\nmode: enforce\nmx: *.example.com\nmax_age: 86400\n").unwrap(),
///         dnssec: None,
///     },
///     mx: Item::Found {
///         value: vec![parse_mx("10 mx1.example.com.").unwrap()],
///         dnssec: Some(DnssecStatus::Insecure),
///     },
///     tlsa: vec![MxTlsa {
///         mx: "mx1.example.com".into(),
///         records: Item::Problem { problem: Problem::NotPublished { nxdomain: true } },
///     }],
///     tls_rpt: Item::Problem { problem: Problem::NotPublished { nxdomain: true } },
/// };
/// let slugs: Vec<String> = assess(&policies, Some("MX1.example.com"))
///     .findings.into_iter().map(|f| f.slug).collect();
/// assert_eq!(slugs, ["policy-now", "mta-sts-enforce", "mx-listed", "mx-matches-policy", "dane-none", "tls-rpt-none"]);
/// ```
pub fn assess(policies: &DomainPolicies, received_by: Option<&str>) -> Assessment {
    let domain = policies.domain.as_str();
    let received_by = received_by.and_then(|h| normalize_domain(h).ok());
    let mut out = Findings(Vec::new());
    out.add(
        Topic::Timing,
        "policy-now",
        Tone::Neutral,
        format!(
            "These are the policies {domain} publishes now, looked up after the message was delivered; \
             they may have been different at delivery time."
        ),
    );
    mta_sts(&mut out, policies, received_by.as_deref());
    dane(&mut out, policies, received_by.as_deref());
    tls_rpt(&mut out, policies);
    Assessment {
        domain: domain.to_owned(),
        received_by,
        findings: out.0,
    }
}

fn mta_sts(out: &mut Findings, p: &DomainPolicies, received_by: Option<&str>) {
    let domain = p.domain.as_str();
    let record = match &p.mta_sts_record {
        Item::Found { value, .. } => value,
        Item::Problem {
            problem: Problem::NotPublished { .. },
        } => {
            out.add(
                Topic::MtaSts,
                "mta-sts-not-published",
                Tone::Warning,
                format!(
                    "{domain} publishes no MTA-STS policy (no _mta-sts TXT record), so senders are not told \
                     to insist on TLS; an attacker on the path could have stripped it."
                ),
            );
            mx_listed(out, p, received_by);
            return;
        }
        Item::Problem {
            problem: Problem::Malformed { reason },
        } => {
            out.add(
                Topic::MtaSts,
                "mta-sts-record-malformed",
                Tone::Warning,
                format!("{domain}'s MTA-STS record is malformed ({reason}), so senders ignore MTA-STS for it."),
            );
            mx_listed(out, p, received_by);
            return;
        }
        Item::Problem { problem } => {
            out.add(
                Topic::MtaSts,
                "mta-sts-lookup-failed",
                Tone::Neutral,
                format!(
                    "The MTA-STS record of {domain} could not be looked up: {}.",
                    problem.describe()
                ),
            );
            mx_listed(out, p, received_by);
            return;
        }
    };
    let policy = match &p.mta_sts_policy {
        Item::Found { value, .. } => value,
        Item::Problem {
            problem: Problem::NotFetchableFromBrowser,
        } => {
            out.add(
                Topic::MtaSts,
                "mta-sts-policy-not-fetched",
                Tone::Neutral,
                format!(
                    "{domain} announces an MTA-STS policy (id {}), but a web page cannot fetch the policy file \
                     ({}) from another site, so its mode and MX patterns are not known here; the command-line \
                     tool can fetch it.",
                    record.id,
                    policy_url(domain)
                ),
            );
            mx_listed(out, p, received_by);
            return;
        }
        Item::Problem {
            problem: Problem::Malformed { reason },
        } => {
            out.add(
                Topic::MtaSts,
                "mta-sts-policy-malformed",
                Tone::Warning,
                format!(
                    "{domain} announces an MTA-STS policy, but the policy file is malformed ({reason}); senders \
                     without a cached copy treat the domain as having no policy."
                ),
            );
            mx_listed(out, p, received_by);
            return;
        }
        Item::Problem { problem } => {
            out.add(
                Topic::MtaSts,
                "mta-sts-policy-unavailable",
                Tone::Warning,
                format!(
                    "{domain} announces an MTA-STS policy, but the policy file could not be fetched ({}); senders \
                     without a cached copy treat the domain as having no policy.",
                    problem.describe()
                ),
            );
            mx_listed(out, p, received_by);
            return;
        }
    };
    let patterns = policy.mx.join(", ");
    match policy.mode {
        Mode::Enforce => out.add(
            Topic::MtaSts,
            "mta-sts-enforce",
            Tone::Good,
            format!(
                "{domain}'s MTA-STS policy is in enforce mode: senders that support MTA-STS must use TLS with a \
                 valid certificate and deliver only to MX hosts matching {patterns}."
            ),
        ),
        Mode::Testing => out.add(
            Topic::MtaSts,
            "mta-sts-testing",
            Tone::Warning,
            format!(
                "{domain}'s MTA-STS policy is in testing mode: senders report TLS failures but still deliver, so \
                 TLS could have been stripped without stopping the message."
            ),
        ),
        Mode::None => out.add(
            Topic::MtaSts,
            "mta-sts-mode-none",
            Tone::Warning,
            format!("{domain}'s MTA-STS policy has mode none: the domain has withdrawn its policy."),
        ),
    }
    mx_listed(out, p, received_by);
    if policy.mode == Mode::None {
        return;
    }
    match received_by {
        None => out.add(
            Topic::Mx,
            "mx-unknown",
            Tone::Neutral,
            "The route does not say which MX host received the message, so it cannot be checked against the \
             policy's mx patterns."
                .into(),
        ),
        Some(host) => match policy.matching_pattern(host) {
            Some(pattern) => out.add(
                Topic::Mx,
                "mx-matches-policy",
                Tone::Good,
                format!("The MX host that received the message, {host}, matches the policy's mx pattern {pattern}."),
            ),
            None => out.add(
                Topic::Mx,
                "mx-not-in-policy",
                Tone::Warning,
                format!(
                    "The MX host that received the message, {host}, matches none of the policy's mx patterns \
                     ({patterns}): a sender enforcing this policy would not deliver to it (or the policy changed \
                     since)."
                ),
            ),
        },
    }
}

/// Whether the receiving host is among the domain's MX hosts now (a null MX is said here too).
fn mx_listed(out: &mut Findings, p: &DomainPolicies, received_by: Option<&str>) {
    let domain = p.domain.as_str();
    let Some(list) = p.mx.value() else { return };
    if list.iter().any(|mx| mx.is_null()) {
        out.add(
            Topic::Mx,
            "mx-null",
            Tone::Neutral,
            format!("{domain} publishes a null MX (RFC 7505): it says it accepts no mail."),
        );
        return;
    }
    let Some(host) = received_by else { return };
    let hosts = list
        .iter()
        .map(|mx| mx.exchange.as_str())
        .collect::<Vec<_>>();
    if hosts.contains(&host) {
        out.add(
            Topic::Mx,
            "mx-listed",
            Tone::Neutral,
            format!("{host} is one of {domain}'s MX hosts now."),
        );
    } else {
        out.add(
            Topic::Mx,
            "mx-not-listed",
            Tone::Neutral,
            format!(
                "{host} is not among {domain}'s MX hosts now ({}): the message may have come another way, or the \
                 MX records changed since.",
                hosts.join(", ")
            ),
        );
    }
}

fn dane(out: &mut Findings, p: &DomainPolicies, received_by: Option<&str>) {
    let mx_secure = matches!(
        p.mx,
        Item::Found {
            dnssec: Some(DnssecStatus::Secure),
            ..
        }
    );
    let chosen: Vec<&MxTlsa> = match received_by {
        Some(host) => match p.tlsa.iter().find(|t| t.mx == host) {
            Some(t) => vec![t],
            None if p.tlsa.is_empty() => Vec::new(),
            None => {
                out.add(
                    Topic::Dane,
                    "dane-not-looked-up",
                    Tone::Neutral,
                    format!(
                        "The TLSA records of {host} were not looked up because it is not one of {}'s MX hosts; \
                         the MX hosts' own findings follow.",
                        p.domain
                    ),
                );
                p.tlsa.iter().collect()
            }
        },
        None => p.tlsa.iter().collect(),
    };
    for t in chosen {
        dane_host(out, t, mx_secure, received_by == Some(t.mx.as_str()));
    }
}

fn dane_host(out: &mut Findings, t: &MxTlsa, mx_secure: bool, received: bool) {
    let host = t.mx.as_str();
    let who = if received {
        format!("The MX host that received the message, {host},")
    } else {
        format!("MX host {host}")
    };
    match &t.records {
        Item::Found { value, dnssec } if *dnssec == Some(DnssecStatus::Secure) => {
            let usable: Vec<_> = value.iter().filter(|r| r.is_dane_usable()).collect();
            if usable.is_empty() {
                let why = value
                    .iter()
                    .filter_map(|r| r.unusable_reason())
                    .next()
                    .unwrap_or("no records");
                out.add(
                    Topic::Dane,
                    "dane-unusable",
                    Tone::Warning,
                    format!(
                        "{who} publishes DNSSEC-validated TLSA records, but none is usable for SMTP ({why}): a \
                         DANE-aware sender must use TLS but cannot check the certificate against them."
                    ),
                );
            } else {
                let mut names: Vec<_> = usable.iter().map(|r| r.usage_name()).collect();
                names.dedup();
                let caveat = if mx_secure {
                    ""
                } else {
                    " The domain's MX records are not DNSSEC-validated, so DANE protects the connection to this \
                     host but not the choice of host."
                };
                out.add(
                    Topic::Dane,
                    "dane-required",
                    Tone::Good,
                    format!(
                        "{who} publishes {} DNSSEC-validated TLSA record(s) ({}): a DANE-aware sender had to use \
                         TLS and verify its certificate against them.{caveat}",
                        usable.len(),
                        names.join(", ")
                    ),
                );
            }
        }
        Item::Found { dnssec, .. } => out.add(
            Topic::Dane,
            "dane-not-validated",
            Tone::Warning,
            format!(
                "{who} publishes TLSA records, but the answer was not DNSSEC-validated ({}), so DANE-aware senders \
                 ignore them.",
                match dnssec {
                    Some(DnssecStatus::Indeterminate) => "the resolver could not tell",
                    _ => "the zone is not signed, or the resolver did not vouch for it",
                }
            ),
        ),
        Item::Problem {
            problem: Problem::NotPublished { .. },
        } => out.add(
            Topic::Dane,
            "dane-none",
            Tone::Neutral,
            format!("{who} publishes no TLSA record: DANE does not apply to it."),
        ),
        Item::Problem {
            problem: problem @ Problem::DnssecBogus { .. },
        } => out.add(
            Topic::Dane,
            "dane-bogus",
            Tone::Warning,
            format!(
                "The TLSA lookup for {host} failed DNSSEC validation ({}): a DANE-aware sender would not deliver \
                 to it.",
                problem.describe()
            ),
        ),
        Item::Problem {
            problem: problem @ Problem::Malformed { .. },
        } => out.add(
            Topic::Dane,
            "dane-malformed",
            Tone::Warning,
            format!("The TLSA records of {host} are {}.", problem.describe()),
        ),
        Item::Problem { problem } => out.add(
            Topic::Dane,
            "dane-lookup-failed",
            Tone::Neutral,
            format!("The TLSA records of {host} could not be looked up: {}.", problem.describe()),
        ),
    }
}

fn tls_rpt(out: &mut Findings, p: &DomainPolicies) {
    let domain = p.domain.as_str();
    match &p.tls_rpt {
        Item::Found { value, .. } => out.add(
            Topic::TlsRpt,
            "tls-rpt-published",
            Tone::Good,
            format!(
                "{domain} publishes a TLS-RPT record: senders report failed TLS connections to {}.",
                value.rua.join(", ")
            ),
        ),
        Item::Problem {
            problem: Problem::NotPublished { .. },
        } => out.add(
            Topic::TlsRpt,
            "tls-rpt-none",
            Tone::Neutral,
            format!("{domain} publishes no TLS-RPT record, so it gets no reports of failed TLS connections."),
        ),
        Item::Problem {
            problem: Problem::Malformed { reason },
        } => out.add(
            Topic::TlsRpt,
            "tls-rpt-malformed",
            Tone::Warning,
            format!("{domain}'s TLS-RPT record is malformed ({reason}), so senders send no reports."),
        ),
        Item::Problem { problem } => out.add(
            Topic::TlsRpt,
            "tls-rpt-lookup-failed",
            Tone::Neutral,
            format!("The TLS-RPT record of {domain} could not be looked up: {}.", problem.describe()),
        ),
    }
}
