//! A message's lookups for people: the "Looked up" section of a report in plain text and in
//! Markdown.
//!
//! Every item gets its own line — what was found, or why nothing could be used (not published,
//! no answer in time, SERVFAIL, failed DNSSEC validation, malformed, a policy file that could
//! not be fetched) — and then the findings in sentences. Everything that came from DNS, a
//! policy file or the message goes through `one_line` (hidden characters made visible), and
//! through the core's Markdown escape for Markdown, so an answer cannot break the layout or the
//! terminal.

use std::fmt::Write as _;

use hopscope_core::render::{markdown::escape, one_line};

use crate::answer::DnssecStatus;
use crate::message::{DomainLookup, MessageLookup, Role};
use crate::model::{Item, Problem};
use crate::mta_sts::policy_url;

/// One item of a domain's lookup: what it is, and what was found or why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// What was looked up: `MTA-STS record (_mta-sts.example.net TXT)`.
    pub label: String,
    /// `found`, or the [`Problem::slug`] of why nothing could be used (`not_published`,
    /// `timeout`, `servfail`, `dnssec_bogus`, `resolver_error`, `malformed`,
    /// `not_fetchable_from_browser`, `fetch_failed`, `not_looked_up`).
    pub status: &'static str,
    /// What was found (with its DNSSEC status), or why not, in words.
    pub found: String,
}

/// The "Looked up" section as plain text (no colour), indented like the report's sections.
pub fn text(lookup: &MessageLookup) -> String {
    let mut out = String::from("Looked up:\n");
    let _ = writeln!(out, "  {}", lookup.note);
    for domain in [&lookup.recipient, &lookup.sender].into_iter().flatten() {
        out.push('\n');
        let _ = writeln!(out, "  {}", one_line(&heading(domain)));
        for line in lines(domain) {
            let _ = writeln!(
                out,
                "    {}: {}",
                one_line(&line.label),
                one_line(&line.found)
            );
        }
        for finding in shown_findings(domain) {
            let _ = writeln!(out, "    - {}", one_line(finding));
        }
    }
    if !lookup.notes.is_empty() {
        out.push('\n');
        for note in &lookup.notes {
            let _ = writeln!(out, "  Note: {}", one_line(note));
        }
    }
    out
}

/// The "Looked up" section as Markdown, starting with its `###` heading.
pub fn markdown(lookup: &MessageLookup) -> String {
    let mut out = String::from("### Looked up\n\n");
    let _ = writeln!(out, "_{}_\n", escape(&lookup.note));
    for domain in [&lookup.recipient, &lookup.sender].into_iter().flatten() {
        let _ = writeln!(out, "**{}**\n", escape(&heading(domain)));
        let lines = lines(domain);
        if !lines.is_empty() {
            out.push_str("| Looked up | Found |\n|---|---|\n");
            for line in lines {
                let _ = writeln!(out, "| {} | {} |", escape(&line.label), escape(&line.found));
            }
            out.push('\n');
        }
        let findings = shown_findings(domain);
        if !findings.is_empty() {
            for finding in findings {
                let _ = writeln!(out, "- {}", escape(finding));
            }
            out.push('\n');
        }
    }
    for note in &lookup.notes {
        let _ = writeln!(out, "_Note:_ {}\n", escape(note));
    }
    out
}

/// `Recipient's domain: example.net, from the route: hop 3 was for bob@example.net.`
pub fn heading(domain: &DomainLookup) -> String {
    let mut out = match domain.role {
        Role::Recipient => format!(
            "Recipient's domain: {}, from {}.",
            domain.domain, domain.found_in_words
        ),
        Role::Sender => format!(
            "Sender's domain: {}, from {}. Its policies protect mail sent to it, such as replies, \
             not this message.",
            domain.domain, domain.found_in_words
        ),
    };
    if let Some(host) = &domain.received_by {
        let _ = write!(
            out,
            " The message entered the recipient's servers at {host}."
        );
    }
    if let Some(problem) = &domain.problem {
        out.push(' ');
        out.push_str(problem);
    }
    out
}

/// The findings worth a line: all but the "policies now" sentence, which the section says once.
pub fn shown_findings(domain: &DomainLookup) -> Vec<&str> {
    domain
        .findings
        .iter()
        .filter(|f| f.slug != "policy-now")
        .map(|f| f.sentence.as_str())
        .collect()
}

/// One line per item looked up for `domain` (none when it was not looked up), as the text and
/// Markdown sections show them; the page lists the same.
pub fn lines(domain: &DomainLookup) -> Vec<Line> {
    let Some(p) = &domain.policies else {
        return Vec::new();
    };
    let d = p.domain.as_str();
    let mut out = vec![
        Line {
            label: format!("MTA-STS record (_mta-sts.{d} TXT)"),
            status: status(&p.mta_sts_record),
            found: item(&p.mta_sts_record, |r| {
                let mut s = format!("v=STSv1, id {}", r.id);
                for (k, v) in &r.extensions {
                    let _ = write!(s, ", {k}={v}");
                }
                s
            }),
        },
        Line {
            label: format!("MTA-STS policy ({})", policy_url(d)),
            status: status(&p.mta_sts_policy),
            found: item(&p.mta_sts_policy, |policy| {
                let mx = if policy.mx.is_empty() {
                    "no mx patterns".to_owned()
                } else {
                    format!("mx {}", policy.mx.join(", "))
                };
                format!(
                    "mode {}, {mx}, max_age {} s ({})",
                    policy.mode.as_str(),
                    policy.max_age,
                    duration(policy.max_age)
                )
            }),
        },
        Line {
            label: format!("MX ({d} MX)"),
            status: status(&p.mx),
            found: item(&p.mx, |list| {
                if list.is_empty() {
                    return "none".to_owned();
                }
                list.iter()
                    .map(|mx| {
                        if mx.is_null() {
                            format!("{} . (null MX: accepts no mail)", mx.preference)
                        } else {
                            format!("{} {}", mx.preference, mx.exchange)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        },
    ];
    for t in &p.tlsa {
        out.push(Line {
            label: format!("DANE (_25._tcp.{} TLSA)", t.mx),
            status: status(&t.records),
            found: item(&t.records, |records| {
                records
                    .iter()
                    .map(|r| {
                        format!(
                            "{} {} {} {} ({})",
                            r.usage,
                            r.selector,
                            r.matching_type,
                            short_hex(&r.data),
                            r.usage_name()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        });
    }
    if p.tlsa.is_empty() {
        let why = match &p.mx {
            Item::Found { .. } => "there is no MX host to ask about (a null MX)",
            Item::Problem {
                problem: Problem::NotPublished { nxdomain: true },
            } => "the domain does not exist",
            Item::Problem { .. } => {
                "the MX hosts are needed first, and the MX records could not be used"
            }
        };
        out.push(Line {
            label: "DANE (TLSA)".to_owned(),
            status: "not_looked_up",
            found: format!("not looked up: {why}"),
        });
    }
    out.push(Line {
        label: format!("TLS-RPT (_smtp._tls.{d} TXT)"),
        status: status(&p.tls_rpt),
        found: item(&p.tls_rpt, |r| format!("rua {}", r.rua.join(", "))),
    });
    out
}

/// `id 1; DNSSEC-validated`, or why there is nothing: `not published`, `no answer in time`…
fn item<T>(item: &Item<T>, show: impl FnOnce(&T) -> String) -> String {
    match item {
        Item::Found { value, dnssec } => {
            let shown = show(value);
            match dnssec {
                None => shown,
                Some(status) => format!("{shown}; {}", dnssec_words(*status)),
            }
        }
        Item::Problem { problem } => problem.describe(),
    }
}

/// `found`, or the problem's slug.
fn status<T>(item: &Item<T>) -> &'static str {
    item.problem().map_or("found", Problem::slug)
}

fn dnssec_words(status: DnssecStatus) -> &'static str {
    match status {
        DnssecStatus::Secure => "DNSSEC-validated",
        DnssecStatus::Insecure => "not DNSSEC-validated",
        DnssecStatus::Bogus => "failed DNSSEC validation",
        DnssecStatus::Indeterminate => "DNSSEC status not known",
    }
}

/// `abababab…abab` for long hex data.
fn short_hex(hex: &str) -> String {
    if hex.len() <= 20 || !hex.is_ascii() {
        return hex.to_owned();
    }
    format!("{}…{}", &hex[..8], &hex[hex.len() - 4..])
}

/// `7 days`, `1 day`, `5 hours`, `30 minutes`, `10 seconds`.
fn duration(seconds: u64) -> String {
    let (n, one, many) = match seconds {
        s if s >= 86_400 && s % 86_400 == 0 => (s / 86_400, "day", "days"),
        s if s >= 3_600 && s % 3_600 == 0 => (s / 3_600, "hour", "hours"),
        s if s >= 60 && s % 60 == 0 => (s / 60, "minute", "minutes"),
        s => (s, "second", "seconds"),
    };
    hopscope_core::words::count(n, one, many)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{Finding, Tone, Topic};
    use crate::model::{DomainPolicies, MxTlsa};
    use crate::{parse_mta_sts_policy, parse_mx, parse_tlsa, MtaStsRecord, TlsRptRecord};
    use hopscope_core::domains::DomainSource;

    fn lookup(domain: &str, rua: &str) -> MessageLookup {
        let policies = DomainPolicies {
            domain: domain.into(),
            mta_sts_record: Item::Found {
                value: MtaStsRecord {
                    id: "20240101".into(),
                    extensions: vec![],
                },
                dnssec: Some(DnssecStatus::Secure),
            },
            mta_sts_policy: Item::Found {
                value: parse_mta_sts_policy(
                    b"version: STSv1\nmode: enforce\nmx: *.example.net\nmax_age: 604800\n",
                )
                .unwrap(),
                dnssec: None,
            },
            mx: Item::Found {
                value: vec![parse_mx("10 mx.example.net.").unwrap()],
                dnssec: Some(DnssecStatus::Insecure),
            },
            tlsa: vec![MxTlsa {
                mx: "mx.example.net".into(),
                records: Item::Found {
                    value: vec![parse_tlsa(&format!("3 1 1 {}", "ab".repeat(32))).unwrap()],
                    dnssec: Some(DnssecStatus::Secure),
                },
            }],
            tls_rpt: Item::Found {
                value: TlsRptRecord {
                    rua: vec![rua.into()],
                    extensions: vec![],
                },
                dnssec: Some(DnssecStatus::Indeterminate),
            },
        };
        MessageLookup {
            note: crate::message::POLICIES_NOW.into(),
            recipient: Some(DomainLookup {
                role: Role::Recipient,
                domain: domain.into(),
                found_in: DomainSource::Route,
                found_in_words: "the route: hop 1 was for bob@example.net".into(),
                received_by: Some("mx.example.net".into()),
                problem: None,
                policies: Some(policies),
                findings: vec![Finding {
                    topic: Topic::MtaSts,
                    slug: "mta-sts-enforce".into(),
                    tone: Tone::Good,
                    sentence: "Enforced | *really*.".into(),
                }],
                requirement: None,
            }),
            sender: Some(DomainLookup {
                role: Role::Sender,
                domain: "example.org".into(),
                found_in: DomainSource::From,
                found_in_words: "the From header (a@example.org)".into(),
                received_by: None,
                problem: None,
                policies: None,
                findings: vec![],
                requirement: None,
            }),
            notes: vec!["The To header names 2 domains.".into()],
        }
    }

    #[test]
    fn text_has_a_line_per_item() {
        let looked_up = lookup("example.net", "mailto:tls@example.net");
        let recipient = looked_up.recipient.as_ref().unwrap();
        assert!(lines(recipient).iter().all(|line| line.status == "found"));
        let text = text(&looked_up);
        assert_eq!(
            text,
            format!(
                "Looked up:\n  {}\n\n  Recipient's domain: example.net, from the route: hop 1 was for bob@example.net. The message entered the recipient's servers at mx.example.net.\n    MTA-STS record (_mta-sts.example.net TXT): v=STSv1, id 20240101; DNSSEC-validated\n    MTA-STS policy (https://mta-sts.example.net/.well-known/mta-sts.txt): mode enforce, mx *.example.net, max_age 604800 s (7 days)\n    MX (example.net MX): 10 mx.example.net; not DNSSEC-validated\n    DANE (_25._tcp.mx.example.net TLSA): 3 1 1 abababab…abab (DANE-EE); DNSSEC-validated\n    TLS-RPT (_smtp._tls.example.net TXT): rua mailto:tls@example.net; DNSSEC status not known\n    - Enforced | *really*.\n\n  Sender's domain: example.org, from the From header (a@example.org). Its policies protect mail sent to it, such as replies, not this message.\n\n  Note: The To header names 2 domains.\n",
                crate::message::POLICIES_NOW
            )
        );
    }

    #[test]
    fn answers_are_made_visible_and_escaped() {
        let hostile = lookup("example.net", "mailto:a@b.example\u{202e}|**x**\n<script>");
        let text = text(&hostile);
        assert!(
            text.contains("rua mailto:a@b.example⟨U+202E⟩|**x** <script>;"),
            "{text}"
        );
        let md = markdown(&hostile);
        assert!(
            md.contains("| TLS-RPT (\\_smtp.\\_tls.example.net TXT) | rua mailto:a@b.example⟨U+202E⟩\\|\\*\\*x\\*\\* &lt;script&gt;; DNSSEC status not known |"),
            "{md}"
        );
        assert!(md.contains("- Enforced \\| \\*really\\*."), "{md}");
        assert!(
            md.starts_with("### Looked up\n\n_These are the policies"),
            "{md}"
        );
    }

    #[test]
    fn problems_read_per_item() {
        let mut l = lookup("example.net", "x");
        let p = l.recipient.as_mut().unwrap().policies.as_mut().unwrap();
        p.mta_sts_record = Item::Problem {
            problem: Problem::Timeout,
        };
        p.mta_sts_policy = Item::Problem {
            problem: Problem::FetchFailed {
                reason: "the policy file is larger than 65536 bytes".into(),
            },
        };
        p.mx = Item::Problem {
            problem: Problem::ServFail { detail: None },
        };
        p.tlsa[0].records = Item::Problem {
            problem: Problem::DnssecBogus { detail: None },
        };
        p.tls_rpt = Item::Problem {
            problem: Problem::NotPublished { nxdomain: true },
        };
        let statuses: Vec<&str> = lines(l.recipient.as_ref().unwrap())
            .iter()
            .map(|line| line.status)
            .collect();
        assert_eq!(
            statuses,
            [
                "timeout",
                "fetch_failed",
                "servfail",
                "dnssec_bogus",
                "not_published"
            ]
        );
        let text = text(&l);
        for line in [
            "MTA-STS record (_mta-sts.example.net TXT): no answer in time",
            "MTA-STS policy (https://mta-sts.example.net/.well-known/mta-sts.txt): the policy file is larger than 65536 bytes",
            "MX (example.net MX): the resolver failed to get an answer (SERVFAIL)",
            "DANE (_25._tcp.mx.example.net TLSA): the answer failed DNSSEC validation, so it may have been forged",
            "TLS-RPT (_smtp._tls.example.net TXT): not published (the name does not exist)",
        ] {
            assert!(text.contains(line), "{line}\n{text}");
        }
        let p = l.recipient.as_mut().unwrap().policies.as_mut().unwrap();
        p.tlsa.clear();
        let text = super::text(&l);
        let line = "    MX (example.net MX): the resolver failed to get an answer (SERVFAIL)\n    DANE (TLSA): not looked up: the MX hosts are needed first, and the MX records could not be used\n";
        assert!(text.contains(line), "{text}");
    }

    #[test]
    fn durations() {
        assert_eq!(duration(604_800), "7 days");
        assert_eq!(duration(86_400), "1 day");
        assert_eq!(duration(7_200), "2 hours");
        assert_eq!(duration(90), "90 seconds");
    }
}
