//! Property tests of sharing.

use super::damaged_links::wrap;
use super::real_reports::assert_same_findings;
use super::*;

// ---------------------------------------------------------------------------------------------
// Property tests over generated reports

// proptest needs an OS random source: host only (the core is also checked for wasm32).
#[cfg(not(target_arch = "wasm32"))]
mod generated {
    use super::*;
    use proptest::collection::vec;
    use proptest::option;
    use proptest::prelude::*;
    use proptest::sample::select;

    /// Values that trouble scanners and renderers.
    const TRICKY: &[&str] = &[
        "",
        " ",
        "mx.example.net",
        "MX.Example.NET.",
        "relay.example.net",
        "alice@example.com",
        "<bob@example.net>",
        "smtp.mailfrom=carol@example.org",
        "header.i=@example.org",
        "192.0.2.1",
        "10.1.2.3",
        "[203.0.113.5]",
        "fe80::1%eth0",
        "IPv6:2001:db8::5",
        "::ffff:198.51.100.7",
        "localhost",
        "unknown",
        "TLSv1.3",
        "TLS_AES_256_GCM_SHA384",
        "ECDHE-RSA-AES256-GCM-SHA384",
        "15.20.8158.12",
        "8.16.0.42/8.16.0.42",
        "<script>alert('x')</script>",
        "&lt;b&gt;",
        "\u{202e}evil\u{202c}",
        "a\u{0}b\u{7f}",
        "héllo.bücher.de",
        "🦀.example",
        "authenticated user frida",
        "<id-1@redacted.example>",
        "user-1@domain-1.example",
        "@",
        "@@..",
        "a@b",
        "....",
        ":::",
        "1.2.3.4.5",
        "2001:db8::",
        "\r\n\t",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => any::<String>(),
            3 => select(TRICKY).prop_map(String::from),
            2 => vec(prop_oneof![select(TRICKY).prop_map(String::from), any::<String>()], 0..5)
                .prop_map(|parts| parts.join(" ")),
        ]
    }

    fn opt_text() -> impl Strategy<Value = Option<String>> {
        option::of(text())
    }

    /// An optional string of a hop (owned, as a report read from a link holds it).
    fn opt_cow() -> impl Strategy<Value = Option<Text<'static>>> {
        option::of(text().prop_map(Text::Owned))
    }

    fn evidence() -> impl Strategy<Value = Evidence<'static>> {
        (text(), text(), any::<usize>(), any::<usize>()).prop_map(|(rule, text, start, end)| {
            Evidence {
                rule: rule.into(),
                start,
                end,
                text: text.into(),
            }
        })
    }

    fn tls() -> impl Strategy<Value = Tls<'static>> {
        (
            (opt_cow(), opt_cow(), opt_cow()),
            option::of(any::<u32>()),
            opt_cow(),
            any::<bool>(),
            option::of(select(vec![
                CertCheck::Verified,
                CertCheck::NotVerified,
                CertCheck::None,
            ])),
        )
            .prop_map(
                |((version, cipher, cipher_iana), bits, key_exchange, post_quantum, cert)| Tls {
                    version,
                    cipher,
                    cipher_iana,
                    bits,
                    key_exchange,
                    post_quantum,
                    peer_certificate: cert,
                },
            )
    }

    fn grade() -> impl Strategy<Value = Grade> {
        select(vec![Grade::Strong, Grade::Good, Grade::Weak, Grade::Broken])
    }

    fn hop() -> impl Strategy<Value = Hop<'static>> {
        let names = (opt_cow(), opt_cow(), opt_cow(), opt_cow());
        let more = (opt_cow(), opt_cow(), opt_cow(), opt_cow(), opt_cow());
        let time = (
            option::of(prop_oneof![any::<i64>(), 0i64..4_000_000_000]),
            option::of(any::<i64>()),
            0u8..3,
            text(),
        );
        let verdict = (
            select(vec![
                Verdict::Encrypted,
                Verdict::Plaintext,
                Verdict::Unknown,
            ]),
            select(vec![Scope::Local, Scope::Internal, Scope::External]),
            select(vec![Trust::Recipient, Trust::Unverified]),
            evidence(),
        );
        let tls = (option::of(tls()), option::of(grade()), opt_text());
        let rest = (
            vec(evidence(), 0..4),
            vec(text(), 0..3),
            text(),
            any::<u32>(),
            any::<usize>(),
        );
        (names, more, time, verdict, tls, rest).prop_map(
            |(
                (helo, rdns, ip, by),
                (software, via, protocol, id, for_),
                (timestamp, delay_seconds, date_kind, date_text),
                (verdict, scope, trust, scope_evidence),
                (tls, grade, grade_reason),
                (evidence, diagnostics, raw, index, raw_start),
            )| {
                // Dates as reports write them (from the timestamp), or anything, or none.
                let date = match (date_kind, timestamp) {
                    (0, _) => None,
                    (1, Some(t)) => Some(r1::rfc3339(t)),
                    _ => Some(date_text),
                }
                .map(Stamp::from);
                Hop {
                    index,
                    from: Endpoint { helo, rdns, ip },
                    by,
                    software,
                    via,
                    protocol,
                    id,
                    for_,
                    date,
                    timestamp,
                    delay_seconds,
                    verdict,
                    scope,
                    scope_evidence,
                    trust,
                    tls,
                    grade,
                    grade_reason: grade_reason.map(Into::into),
                    evidence,
                    diagnostics,
                    raw: raw.into(),
                    raw_start,
                }
            },
        )
    }

    fn summary() -> impl Strategy<Value = Summary> {
        (
            select(vec![
                Overall::AllEncrypted,
                Overall::Exposed,
                Overall::PlaintextInternal,
                Overall::Incomplete,
                Overall::NoHops,
            ]),
            text(),
            any::<[u32; 5]>(),
            (vec(any::<u32>(), 0..4), vec(any::<u32>(), 0..4)),
            option::of((any::<u32>(), grade(), text())),
            option::of(any::<i64>()),
            option::of(any::<u32>()),
        )
            .prop_map(
                |(
                    overall,
                    headline,
                    counts,
                    (exposed_hops, unknown_hops),
                    weakest,
                    transit,
                    trusted,
                )| {
                    Summary {
                        overall,
                        headline,
                        hops: counts[0],
                        encrypted: counts[1],
                        plaintext: counts[2],
                        unknown: counts[3],
                        local: counts[4],
                        exposed_hops,
                        unknown_hops,
                        weakest: weakest.map(|(hop, grade, reason)| Weakest { hop, grade, reason }),
                        transit_seconds: transit,
                        trusted_from: trusted,
                    }
                },
            )
    }

    fn report() -> impl Strategy<Value = Report<'static>> {
        let warning = (
            text(),
            select(vec![Severity::Info, Severity::Warning]),
            text(),
            vec(any::<u32>(), 0..3),
        )
            .prop_map(|(code, severity, message, hops)| Warning {
                code,
                severity,
                message,
                hops,
            });
        let result = (text(), text(), opt_text()).prop_map(|(method, result, detail)| AuthResult {
            method,
            result,
            detail,
        });
        let results = (text(), vec(result, 0..3)).prop_map(|(authserv_id, results)| AuthResults {
            authserv_id,
            results,
        });
        let message = (
            (opt_text(), opt_text(), opt_text()),
            (opt_text(), opt_text(), opt_text()),
        )
            .prop_map(
                |((subject, from, to), (date, message_id, tls_required))| MessageInfo {
                    subject,
                    from,
                    to,
                    date,
                    message_id,
                    tls_required,
                },
            );
        let diagnostic =
            (text(), any::<usize>(), any::<usize>()).prop_map(|(message, start, end)| Diagnostic {
                message,
                start,
                end,
            });
        (
            (any::<u32>(), any::<bool>()),
            vec(hop(), 0..6),
            summary(),
            vec(warning, 0..3),
            (vec(results, 0..3), any::<u32>()),
            message,
            vec(diagnostic, 0..3),
        )
            .prop_map(
                |(
                    (schema, looks_like_email),
                    hops,
                    summary,
                    warnings,
                    (results, arc_sets),
                    message,
                    diagnostics,
                )| {
                    Report {
                        schema,
                        looks_like_email,
                        hops,
                        summary,
                        warnings,
                        authentication: Authentication { results, arc_sets },
                        message,
                        diagnostics,
                        redaction: None,
                        policy: None,
                        part: 0,
                        embedded: Vec::new(),
                    }
                },
            )
    }

    fn redaction() -> impl Strategy<Value = Redaction> {
        any::<[bool; 5]>().prop_map(|[emails, ips, hostnames, message_ids, subject]| Redaction {
            emails,
            ips,
            hostnames,
            message_ids,
            subject,
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn the_recipient_sees_what_the_sender_saw(report in report(), red in redaction()) {
            let shared = prepare(&report, red);
            prop_assert_eq!(decode(&encode(&report, red)), Ok(shared.clone()));
            // Deterministic: the same report gives the same link.
            prop_assert_eq!(encode(&report, red), encode(&report, red));
            prop_assert_eq!(prepare(&report, red), shared);
        }

        #[test]
        fn redaction_never_changes_a_finding(report in report(), red in redaction()) {
            let shared = prepare(&report, red);
            assert_same_findings(&report, &shared, "generated");
            for (a, b) in report.hops.iter().zip(&shared.hops) {
                let versions = |h: &Hop| h.tls.as_ref().map(|t| (t.version.as_deref().map(str::to_owned), t.cipher_iana.as_deref().map(str::to_owned)));
                prop_assert_eq!(versions(a), versions(b));
            }
            prop_assert_eq!(&report.summary.exposed_hops, &shared.summary.exposed_hops);
        }

        #[test]
        fn a_transfer_gives_back_the_whole_report(
            report in report(),
            red in option::of(redaction()),
            part in 0u32..3,
            labels in vec(opt_text(), 0..3),
            per_piece in 1usize..4,
        ) {
            let embedded = labels
                .into_iter()
                .enumerate()
                .map(|(i, label)| crate::EmbeddedMessage {
                    part: i as u32 + 1,
                    kind: [
                        crate::EmbeddedKind::Attached,
                        crate::EmbeddedKind::AttachedFile,
                        crate::EmbeddedKind::Quoted,
                    ][i % 3],
                    has_route: i % 2 == 0,
                    label,
                })
                .collect();
            let report = Report { redaction: red, part, embedded, ..report };
            let pieces = transfer::encode(&report, per_piece);
            let slices: Vec<&[u8]> = pieces.iter().map(Vec::as_slice).collect();
            prop_assert_eq!(transfer::decode(&slices), Ok(report));
        }

        #[test]
        fn reading_any_transfer_bytes_never_panics(head in vec(any::<u8>(), 0..300), piece in vec(any::<u8>(), 0..300)) {
            let _ = transfer::decode(&[&head, &piece]);
        }

        #[test]
        fn decoding_any_text_never_panics(text in any::<String>()) {
            let _ = decode(&text);
            let _ = decode(&format!("r1.{text}"));
        }

        #[test]
        fn reading_any_bytes_never_panics(bytes in vec(any::<u8>(), 0..600)) {
            let _ = r1::read(&bytes);
            let _ = decode(&wrap(&bytes));
        }
    }
}
