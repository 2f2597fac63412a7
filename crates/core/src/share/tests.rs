//! Share links: round trips on real reports, size, the frozen `r1` vector, damaged links, and
//! property tests over generated reports.

use super::*;
use crate::model::*;

/// A typical eight-hop route: Exchange mailbox → Exchange hub → edge relay → the sender's
/// gateway → the recipient's MX (TLS 1.3) → content filter and back (local) → LMTP delivery.
const EIGHT_HOPS: &str = "\
Return-Path: <yara@sender.example.com>
Delivered-To: zoe@recipient.example.net
Received: from mx1.recipient.example.net (mx1.recipient.example.net [10.20.0.5])
\tby mailstore2.recipient.example.net (Dovecot) with LMTP id 8J2kLq5vbmcR7wAAcU2Y2g
\t(envelope-from <yara@sender.example.com>)
\tfor <zoe@recipient.example.net>; Tue, 14 Jul 2026 07:02:16 +0000
Received: from localhost (localhost [127.0.0.1])
\tby mx1.recipient.example.net (Postfix) with ESMTP id 4bV3Rk1Qx2z9sQn
\tfor <zoe@recipient.example.net>; Tue, 14 Jul 2026 07:02:15 +0000 (UTC)
Received: from mx1.recipient.example.net ([127.0.0.1])
\tby localhost (mx1.recipient.example.net [127.0.0.1]) (amavis, port 10024) with ESMTP
\tid 7kQ2zW9xYb3c for <zoe@recipient.example.net>;
\tTue, 14 Jul 2026 07:02:14 +0000 (UTC)
Authentication-Results: mx1.recipient.example.net;
\tdkim=pass (2048-bit key; unprotected) header.d=sender.example.com header.i=@sender.example.com header.s=s2026 header.b=lnH+qjsE;
\tdmarc=pass (p=quarantine dis=none) header.from=sender.example.com;
\tspf=pass (mx1.recipient.example.net: domain of yara@sender.example.com designates 198.51.100.23 as permitted sender) smtp.mailfrom=yara@sender.example.com
Received: from gw.sender.example.com (gw.sender.example.com [198.51.100.23])
\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)
\t key-exchange X25519MLKEM768 server-signature RSA-PSS (2048 bits) server-digest SHA256)
\t(No client certificate requested)
\tby mx1.recipient.example.net (Postfix) with ESMTPS id 4bV3Rk0Zp7z9sQm
\tfor <zoe@recipient.example.net>; Tue, 14 Jul 2026 07:02:14 +0000 (UTC)
Received: from edge.sender.example.com (edge.sender.example.com [10.0.9.5])
\t(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits))
\t(Client CN \"edge.sender.example.com\", Issuer \"Sender Example CA\" (verified OK))
\tby gw.sender.example.com (Postfix) with ESMTPS id 4bV3Rj6Wn1z1xyz
\tfor <zoe@recipient.example.net>; Tue, 14 Jul 2026 09:02:13 +0200 (CEST)
Received: from EXCH02.corp.sender.example.com (10.0.1.22) by edge.sender.example.com
 (10.0.9.5) with Microsoft SMTP Server (version=TLS1_2,
 cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.2.1544.4; Tue, 14 Jul
 2026 09:02:13 +0200
Received: from EXCH01.corp.sender.example.com (10.0.1.21) by EXCH02.corp.sender.example.com
 (10.0.1.22) with Microsoft SMTP Server (version=TLS1_2,
 cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.2.1544.4; Tue, 14 Jul
 2026 09:02:12 +0200
Received: from EXCH01.corp.sender.example.com ([fe80::a1b2:c3d4:e5f6:1234]) by
 EXCH01.corp.sender.example.com ([fe80::a1b2:c3d4:e5f6:1234%12]) with mapi id
 15.02.1544.004; Tue, 14 Jul 2026 09:02:11 +0200
From: Yara Example <yara@sender.example.com>
To: Zoe <zoe@recipient.example.net>
Subject: Purchase order 7731 approved
Date: Tue, 14 Jul 2026 07:02:10 +0000
Message-ID: <8a1f4c2b7e3d4f6a9b0c1d2e3f405162@EXCH01.corp.sender.example.com>
MIME-Version: 1.0

Approved.
";

/// Evidence as shared: its span is its own text.
fn evidence(rule: &str, text: &str) -> Evidence {
    Evidence {
        rule: rule.into(),
        start: 0,
        end: text.len(),
        text: text.into(),
    }
}

/// A small report written by hand (not by `analyze`, whose rules may change): the content of
/// the committed `r1` test vector.
fn vector_report() -> Report {
    let hop = |index: u32, verdict, scope, tls: Option<Tls>| Hop {
        index,
        from: Endpoint {
            helo: Some("host-1.domain-1.example".into()),
            rdns: None,
            ip: Some("192.0.2.1".into()),
        },
        by: Some("host-2.domain-2.example".into()),
        software: Some("Postfix".into()),
        via: None,
        protocol: Some(if tls.is_some() { "ESMTPS" } else { "SMTP" }.into()),
        id: Some("4Xy1Zt2abcz9sVq".into()),
        for_: Some("<user-1@example.net>".into()),
        date: Some("2026-11-22T05:20:40Z".into()),
        timestamp: Some(1_795_324_840 + i64::from(index)),
        delay_seconds: (index > 1).then_some(1),
        verdict,
        scope,
        scope_evidence: evidence(
            "external-public-address",
            "from host-1.domain-1.example ([192.0.2.1]) ü",
        ),
        trust: Trust::Recipient,
        grade: tls.as_ref().map(|_| Grade::Strong),
        grade_reason: tls
            .as_ref()
            .map(|_| "TLS 1.3 with AES-256-GCM: modern and strong.".into()),
        tls,
        evidence: vec![evidence("rfc3848-keyword", "with ESMTPS")],
        diagnostics: vec!["The date \"soon\" could not be read.".into()],
        raw: String::new(),
        raw_start: 0,
    };
    let tls = Tls {
        version: Some("TLS1.3".into()),
        cipher: Some("TLS_AES_256_GCM_SHA384".into()),
        cipher_iana: Some("TLS_AES_256_GCM_SHA384".into()),
        bits: Some(256),
        key_exchange: Some("X25519MLKEM768".into()),
        post_quantum: true,
        peer_certificate: Some(CertCheck::NotVerified),
    };
    Report {
        schema: 1,
        looks_like_email: true,
        hops: vec![
            hop(1, Verdict::Plaintext, Scope::Local, None),
            hop(2, Verdict::Encrypted, Scope::External, Some(tls)),
        ],
        summary: Summary {
            overall: Overall::AllEncrypted,
            headline:
                "Encrypted on every hop between servers (1 of 1); 1 more hop stayed on one machine."
                    .into(),
            hops: 2,
            encrypted: 1,
            plaintext: 1,
            unknown: 0,
            local: 1,
            exposed_hops: vec![],
            unknown_hops: vec![2],
            weakest: Some(Weakest {
                hop: 2,
                grade: Grade::Strong,
                reason: "TLS 1.3 with AES-256-GCM: modern and strong.".into(),
            }),
            transit_seconds: Some(-1),
            trusted_from: Some(1),
        },
        warnings: vec![Warning {
            code: "unverified_hops".into(),
            severity: Severity::Warning,
            message: "Hop 1 was written before the message reached the recipient's own servers."
                .into(),
            hops: vec![1],
        }],
        authentication: Authentication {
            results: vec![AuthResults {
                authserv_id: "host-2.domain-2.example".into(),
                results: vec![AuthResult {
                    method: "spf".into(),
                    result: "pass".into(),
                    detail: Some("smtp.mailfrom=user-2@example.org".into()),
                }],
            }],
            arc_sets: 2,
        },
        message: MessageInfo {
            subject: Some("Lunch on Friday? <b>yes</b>".into()),
            from: Some("user-2@example.org".into()),
            to: None,
            date: Some("Sun, 22 Nov 2026 05:20:38 +0000".into()),
            message_id: Some("<id-1@redacted.example>".into()),
            tls_required: Some("No".into()),
        },
        diagnostics: vec![Diagnostic {
            message: "Skipped 2 lines before the headers.".into(),
            start: 0,
            end: 0,
        }],
        redaction: None,
    }
}

/// A real `r1` payload of [`vector_report`], made once and frozen. If this test fails, a
/// change broke links that people already shared: make a new format instead (see the module
/// documentation), and keep this vector decoding.
const R1_VECTOR: &str = "r1.eNqtUs1u00AQ9hhUhBBUQhU9cGBUDrSiNvG2KWkJgQoFimiqCkeoKkLRxruurca7ZnfT1Jx4B16EB-DGG_AgPAPj9EdIqAfUzsXW7nw73_fNB-ADzGfauiAKhS54ruhHHvOiHEkPbkbrLGyELIxOm9hZEztrghu7dJHmxx5cj3v9XZhd3auifcf4MPmybj98hrn22EoTRC9PEaGSrgNzrMHWgigKGOs3mhussbHa2Idfv799v-2BNy-PnTSKj4JyPBzlScCFMNLaIDW6wAv44uLHc76flvDnD48KZk2arLRWW8GhrCbaiFuT3GXYrbnGsNDPJAruJC5YrdUCJno8Eqi0w6FEI7kI_SvzZ-Z06KUc8sH3_CuyB2Cmvx1H4Qrco-9gsxsPWHNt8OZVbxBvbZJpF55_9eHOHms2o_Xe9rtu7-laC6g8WKZ-pAdxajIBAwIGBNzAQguijFwJtM5odRBeejXe-65KTFU6KVArlEfSVKS-pAY3kVIhuUpnFhcj1ClGS88wIh5GTpus49UJUCuJBU-yXElaN8nwpjb_n5i6ZseK5uVpLsWARlh4u0WDIpxwixOTO0echjKtGThSV9DK-MFUTJIRlfrMyCQvc6ncI4t6ci6hfv_CiF2zZXq95NYC2sKVIV2P6iQ8n8aKncdKmwMf7m-PVZLVsl-bXPDqBbaHnUra9pNhB-7-i_DgQTxWy8gY7ugjrEOJJ3FcaeHjBhXMt3NB6TVS8IR2ccarA_6OhofxYV6WpI7hiAy2fxuQ0RZrcX8AXjxcRA";

#[test]
fn r1_test_vector_still_decodes() {
    assert_eq!(decode(R1_VECTOR), Ok(vector_report()));
    assert_eq!(decode(&format!("#{R1_VECTOR}")), Ok(vector_report()));
    let link = format!("https://hopscope.example/#{R1_VECTOR}");
    assert_eq!(decode(&link), Ok(vector_report()));
}

#[test]
fn encoding_the_vector_report_gives_a_payload_that_decodes_to_it() {
    let payload = encode(&vector_report(), Redaction::NONE);
    assert!(payload.starts_with("r2.eNq"), "{payload}");
    let decoded = decode(&payload).unwrap();
    assert_eq!(decoded.redaction, Some(Redaction::NONE));
    assert_eq!(
        Report {
            redaction: None,
            ..decoded
        },
        vector_report()
    );
}

// ---------------------------------------------------------------------------------------------
// Real reports

/// Every fixture message of the core's tests, plus the eight-hop route.
fn real_inputs() -> Vec<(String, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "eml") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path.display().to_string(), text));
            }
        }
    }
    let mut inputs = vec![("eight hops".to_string(), EIGHT_HOPS.to_string())];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    walk(&root, &mut inputs);
    assert!(inputs.len() > 50, "fixtures found: {}", inputs.len());
    inputs
}

const REDACTIONS: [Redaction; 7] = [
    Redaction::NONE,
    Redaction {
        emails: true,
        ips: false,
        hostnames: false,
        message_ids: false,
        subject: false,
    },
    Redaction {
        emails: false,
        ips: true,
        hostnames: false,
        message_ids: false,
        subject: false,
    },
    Redaction {
        emails: false,
        ips: false,
        hostnames: true,
        message_ids: false,
        subject: false,
    },
    Redaction {
        emails: false,
        ips: false,
        hostnames: false,
        message_ids: true,
        subject: false,
    },
    Redaction {
        emails: true,
        ips: true,
        hostnames: true,
        message_ids: false,
        subject: false,
    },
    Redaction::ALL,
];

#[test]
fn real_reports_round_trip_under_every_redaction() {
    for (name, text) in real_inputs() {
        let report = crate::analyze(&text);
        for red in REDACTIONS {
            let payload = encode(&report, red);
            let shared = prepare(&report, red);
            assert_eq!(decode(&payload).as_ref(), Ok(&shared), "{name} {red:?}");
            let link = link("https://hopscope.example/#example=gmail", &report, red);
            assert_eq!(
                link,
                format!("https://hopscope.example/#{payload}"),
                "the base's own fragment is replaced"
            );
            assert_eq!(decode(&link), Ok(shared), "{name} {red:?}");
        }
    }
}

#[test]
fn prepare_drops_the_raw_text_and_spans_refer_to_the_evidence_itself() {
    let report = crate::analyze(EIGHT_HOPS);
    assert!(report.hops.iter().all(|h| !h.raw.is_empty()));
    let shared = prepare(&report, Redaction::NONE);
    assert_eq!(shared.hops.len(), report.hops.len());
    for (original, hop) in report.hops.iter().zip(&shared.hops) {
        assert_eq!((hop.raw.as_str(), hop.raw_start), ("", 0));
        for (before, after) in original
            .evidence
            .iter()
            .chain([&original.scope_evidence])
            .zip(hop.evidence.iter().chain([&hop.scope_evidence]))
        {
            assert_eq!(before.text, after.text, "no redaction, same text");
            assert_eq!(&after.text[after.start..after.end], after.text);
        }
        let mut same = hop.clone();
        same.raw = original.raw.clone();
        same.raw_start = original.raw_start;
        same.evidence = original.evidence.clone();
        same.scope_evidence = original.scope_evidence.clone();
        assert_eq!(&same, original, "nothing else changes");
    }
    assert_eq!(shared.summary, report.summary);
    assert_eq!(shared.message, report.message);
    assert_eq!(shared.authentication, report.authentication);
}

/// Verdicts, scopes, trust, grades, TLS details, dates and every count are the sender's.
fn assert_same_findings(a: &Report, b: &Report, context: &str) {
    assert_eq!(a.hops.len(), b.hops.len(), "{context}");
    for (x, y) in a.hops.iter().zip(&b.hops) {
        assert_eq!(
            (x.index, x.verdict, x.scope, x.trust, x.grade),
            (y.index, y.verdict, y.scope, y.trust, y.grade),
            "{context}"
        );
        assert_eq!(x.tls, y.tls, "{context}");
        assert_eq!(
            (&x.protocol, &x.date, x.timestamp, x.delay_seconds),
            (&y.protocol, &y.date, y.timestamp, y.delay_seconds),
            "{context}"
        );
        assert_eq!(x.scope_evidence.rule, y.scope_evidence.rule, "{context}");
        let rules = |h: &Hop| {
            h.evidence
                .iter()
                .map(|e| e.rule.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(rules(x), rules(y), "{context}");
    }
    let (s, t) = (&a.summary, &b.summary);
    assert_eq!(
        (
            s.overall,
            s.hops,
            s.encrypted,
            s.plaintext,
            s.unknown,
            s.local
        ),
        (
            t.overall,
            t.hops,
            t.encrypted,
            t.plaintext,
            t.unknown,
            t.local
        ),
        "{context}"
    );
    assert_eq!(
        (
            &s.exposed_hops,
            &s.unknown_hops,
            s.transit_seconds,
            s.trusted_from
        ),
        (
            &t.exposed_hops,
            &t.unknown_hops,
            t.transit_seconds,
            t.trusted_from
        ),
        "{context}"
    );
    let codes = |r: &Report| {
        r.warnings
            .iter()
            .map(|w| (w.code.clone(), w.severity, w.hops.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(a), codes(b), "{context}");
}

#[test]
fn redaction_never_changes_a_finding_of_a_real_report() {
    for (name, text) in real_inputs() {
        let report = crate::analyze(&text);
        for red in REDACTIONS {
            let shared = decode(&encode(&report, red)).unwrap();
            assert_same_findings(&report, &shared, &format!("{name} {red:?}"));
        }
    }
}

/// Whether `needle` occurs in `haystack` as a whole name or address (not inside a longer one).
fn contains_whole(haystack: &str, needle: &str) -> bool {
    let part = |c: char| c.is_alphanumeric() || c == '-' || c == '_' || c == '@';
    haystack.match_indices(needle).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + needle.len()..].chars().next();
        let continues_after = match after {
            Some('.') => haystack[i + needle.len() + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric),
            Some(':') => needle.contains(':'),
            Some(c) => part(c),
            None => false,
        };
        let continues_before = match before {
            Some('.') | Some(':') => true,
            Some(c) => part(c),
            None => false,
        };
        !continues_before && !continues_after
    })
}

/// The names, addresses and mailboxes of an input, as the unredacted report and the input text
/// show them (found independently of the redactor's scanner).
fn originals(text: &str, report: &Report) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut add = |value: &str| {
        let value = value
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .trim_start_matches("IPv6:")
            .trim_end_matches('.');
        let value = value.split('%').next().unwrap_or(value).to_lowercase();
        let ip = value.parse::<std::net::IpAddr>().ok();
        let keep = !value.is_empty()
            && !["localhost", "localhost.localdomain", "unknown"].contains(&value.as_str())
            && !ip.is_some_and(|ip| ip.is_loopback() || ip.is_unspecified())
            && (ip.is_some() || value.contains('.'));
        if keep && !found.contains(&value) {
            found.push(value);
        }
    };
    for hop in &report.hops {
        for value in [&hop.from.helo, &hop.from.rdns, &hop.from.ip, &hop.by]
            .into_iter()
            .flatten()
        {
            add(value);
        }
    }
    for results in &report.authentication.results {
        add(results.authserv_id.split_whitespace().next().unwrap_or(""));
    }
    // Mailboxes anywhere in the input: `local@domain`, and their domains.
    let is_mailbox_char = |c: char| c.is_ascii_alphanumeric() || "._%+-=".contains(c);
    for (i, _) in text.match_indices('@') {
        let local: String = text[..i]
            .chars()
            .rev()
            .take_while(|&c| is_mailbox_char(c) && c != '=')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let domain: String = text[i + 1..]
            .chars()
            .take_while(|&c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
            .collect();
        let domain = domain.trim_end_matches('.');
        let local = local.trim_start_matches('.');
        if domain.contains('.') {
            add(domain);
            if !local.is_empty() {
                add(&format!("{local}@{domain}"));
            }
        }
    }
    found
}

#[test]
fn full_redaction_leaves_no_original_name_address_or_mailbox() {
    let mut checked = 0;
    for (name, text) in real_inputs() {
        let report = crate::analyze(&text);
        let shared = decode(&encode(&report, Redaction::ALL)).unwrap();
        let json = serde_json::to_string(&shared).unwrap().to_lowercase();
        for original in originals(&text, &report) {
            // JSON escapes nothing in names and addresses.
            assert!(
                !contains_whole(&json, &original),
                "{name}: {original} is still in the shared report: {json}"
            );
            checked += 1;
        }
        if let Some(id) = &report.message.message_id {
            let id = id.trim().trim_start_matches('<').trim_end_matches('>');
            if id.contains('@') {
                assert!(!json.contains(&id.to_lowercase()), "{name}: {id}");
            }
        }
    }
    assert!(checked > 300, "only {checked} originals checked");
}

#[test]
fn eight_hop_link_length() {
    let report = crate::analyze(EIGHT_HOPS);
    assert_eq!(report.hops.len(), 8);
    let base = "https://hopscope.example/";
    let mut lengths = Vec::new();
    for (label, red) in [
        ("no redaction", Redaction::NONE),
        ("default redaction (emails)", Redaction::default()),
        ("full redaction", Redaction::ALL),
    ] {
        let link = link(base, &report, red);
        let json = serde_json::to_string(&prepare(&report, red)).unwrap().len();
        println!(
            "8-hop link, {label}: {} characters ({} of payload; the shared report is {json} bytes \
             of JSON)",
            link.len(),
            link.len() - base.len() - 1,
        );
        lengths.push(link.len());
    }
    // About 1,900 today; the bound only keeps the size from silently exploding.
    for length in lengths {
        assert!(length <= 2_600, "{length}");
    }
}

// ---------------------------------------------------------------------------------------------
// Damaged and hostile links

fn kind(payload: &str) -> ShareErrorKind {
    match decode(payload) {
        Ok(_) => panic!("{payload:?} decoded"),
        Err(e) => {
            assert!(!e.to_string().is_empty());
            e.kind()
        }
    }
}

fn eight_hop_payload() -> String {
    encode(&crate::analyze(EIGHT_HOPS), Redaction::default())
}

#[test]
fn a_link_cut_anywhere_is_incomplete() {
    let payload = eight_hop_payload();
    assert_eq!(kind(""), ShareErrorKind::NotAShareLink);
    for cut in 1..payload.len() {
        assert_eq!(
            kind(&payload[..cut]),
            ShareErrorKind::Truncated,
            "cut at {cut}: {}",
            &payload[..cut]
        );
    }
    let err = decode(&payload[..payload.len() / 2]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "This link is incomplete: it was probably cut off when it was copied."
    );
}

#[test]
fn a_link_with_one_character_changed_is_damaged_never_another_report() {
    let payload = eight_hop_payload();
    let original = decode(&payload).unwrap();
    let (mut damaged, mut unchanged) = (0, 0);
    for i in 3..payload.len() {
        for replacement in ['A', 'z', '7', '-', '_'] {
            let mut altered: Vec<char> = payload.chars().collect();
            if altered[i] == replacement {
                continue;
            }
            altered[i] = replacement;
            let altered: String = altered.into_iter().collect();
            match decode(&altered) {
                // Only bits the format ignores can change without effect: the unused low bits
                // of the last character, padding before a stored deflate block.
                Ok(report) => {
                    assert_eq!(report, original, "{i}: {replacement}");
                    unchanged += 1;
                }
                Err(e) => {
                    assert!(
                        matches!(
                            e.kind(),
                            ShareErrorKind::Corrupt
                                | ShareErrorKind::Truncated
                                | ShareErrorKind::TooLarge
                        ),
                        "{i}: {e:?}"
                    );
                    damaged += 1;
                }
            }
        }
    }
    assert!(unchanged < 20, "{unchanged} changes had no effect");
    assert!(damaged > 4 * (payload.len() - 4) - 20, "{damaged}");
    let mut altered = payload.clone().into_bytes();
    let middle = altered.len() / 2;
    altered[middle] = if altered[middle] == b'Q' { b'R' } else { b'Q' };
    let err = decode(std::str::from_utf8(&altered).unwrap()).unwrap_err();
    assert_eq!(err.kind(), ShareErrorKind::Corrupt);
    assert_eq!(
        err.to_string(),
        "This link is damaged: its data is not valid."
    );
}

#[test]
fn other_formats_and_other_fragments() {
    let err = decode("r3.eNqrrgUAAXUA-Q").unwrap_err();
    assert_eq!(err.kind(), ShareErrorKind::UnknownVersion);
    assert_eq!(
        err.to_string(),
        "This link was made by a newer version of Hopscope (format r3); this page reads formats up to r2."
    );
    assert!(decode("#r9.abc")
        .unwrap_err()
        .to_string()
        .contains("(format r9)"));
    assert_eq!(kind("r12"), ShareErrorKind::UnknownVersion);
    for truncated in ["r", "#r", "r1", "r1.", "https://hopscope.example/#r1."] {
        assert_eq!(kind(truncated), ShareErrorKind::Truncated, "{truncated}");
    }
    for other in [
        "#",
        "example=gmail",
        "#example=gmail",
        "r0.abc",
        "r01.abc",
        "r1x.abc",
        "r99999999999.abc",
        "R1.abc",
        "share=r1.abc",
        "https://hopscope.example/",
        "javascript:alert(1)",
        "#<script>alert(1)</script>",
        "\u{202e}r1.abc",
    ] {
        assert_eq!(kind(other), ShareErrorKind::NotAShareLink, "{other}");
    }
    assert_eq!(
        decode("#top").unwrap_err().to_string(),
        "This is not a Hopscope share link."
    );
}

#[test]
fn characters_that_base64url_does_not_use() {
    for bad in [
        "r1.abc$def",
        "r1.eNq+/w",
        "r1.eNqrrgUAAXUA-Q==",
        "r1.%65%4E",
        "r1.eNq\u{e9}",
        "#r1.<script>alert(1)</script>",
        "r1.eNqr\u{0}rgU",
    ] {
        assert_eq!(kind(bad), ShareErrorKind::NotBase64, "{bad:?}");
    }
    assert_eq!(
        decode("r1.a$b").unwrap_err().to_string(),
        "This link is damaged: it contains characters that a Hopscope link never has."
    );
}

#[test]
fn oversized_links_are_refused_before_decoding() {
    let long = format!("r1.{}", "A".repeat(MAX_PAYLOAD));
    assert_eq!(kind(&long), ShareErrorKind::TooLarge);
    assert_eq!(
        kind(&format!("https://x.example/#{long}")),
        ShareErrorKind::TooLarge
    );
    assert_eq!(
        decode(&long).unwrap_err().to_string(),
        "This link is too large to open safely."
    );
}

#[test]
fn a_decompression_bomb_is_refused() {
    let zeros = vec![0u8; 10 * 1024 * 1024];
    let bomb = miniz_oxide::deflate::compress_to_vec_zlib(&zeros, 10);
    let payload = format!("r1.{}", BASE64.encode(&bomb));
    assert!(payload.len() < MAX_PAYLOAD, "{}", payload.len());
    assert_eq!(kind(&payload), ShareErrorKind::TooLarge);
    // Just over the limit, too; just under is only not a report.
    let just_over = miniz_oxide::deflate::compress_to_vec_zlib(&zeros[..MAX_DECODED + 1], 10);
    assert_eq!(
        kind(&format!("r1.{}", BASE64.encode(&just_over))),
        ShareErrorKind::TooLarge
    );
    let under = miniz_oxide::deflate::compress_to_vec_zlib(&zeros[..MAX_DECODED], 10);
    assert_eq!(
        kind(&format!("r1.{}", BASE64.encode(&under))),
        ShareErrorKind::Corrupt
    );
}

/// `r1.` + base64url(zlib(`bytes`)).
fn wrap(bytes: &[u8]) -> String {
    format!(
        "r1.{}",
        BASE64.encode(miniz_oxide::deflate::compress_to_vec_zlib(bytes, 6))
    )
}

#[test]
fn well_formed_links_whose_data_is_not_a_report() {
    let mut bytes = r1::write(&vector_report());
    assert_eq!(decode(&wrap(&bytes)), Ok(vector_report()));
    bytes.push(0);
    assert_eq!(
        kind(&wrap(&bytes)),
        ShareErrorKind::Corrupt,
        "trailing byte"
    );
    bytes.truncate(bytes.len() - 2);
    assert_eq!(kind(&wrap(&bytes)), ShareErrorKind::Corrupt, "missing byte");
    assert_eq!(kind(&wrap(b"")), ShareErrorKind::Corrupt);
    assert_eq!(kind(&wrap(b"{\"schema\":1}")), ShareErrorKind::Corrupt);
    // Raw deflate without the zlib header, and a zlib stream with bytes after it.
    let raw = miniz_oxide::deflate::compress_to_vec(&r1::write(&vector_report()), 6);
    assert_eq!(
        kind(&format!("r1.{}", BASE64.encode(raw))),
        ShareErrorKind::Corrupt
    );
    let mut extra = miniz_oxide::deflate::compress_to_vec_zlib(&r1::write(&vector_report()), 6);
    extra.extend_from_slice(b"xyz");
    assert_eq!(
        kind(&format!("r1.{}", BASE64.encode(extra))),
        ShareErrorKind::Corrupt
    );
}

#[test]
fn markup_in_a_report_travels_as_data() {
    let mut report = vector_report();
    report.message.subject = Some("<script>alert(document.cookie)</script>".into());
    report.hops[0].diagnostics = vec!["<img src=x onerror=alert(1)> & \"quotes\" ' \u{0}".into()];
    report.summary.headline = "</textarea><svg onload=alert(1)>".into();
    let all_but_subject = Redaction {
        subject: false,
        ..Redaction::ALL
    };
    let shared = decode(&encode(&report, all_but_subject)).unwrap();
    assert_eq!(
        shared.message.subject.as_deref(),
        Some("<script>alert(document.cookie)</script>")
    );
    assert_eq!(shared.hops[0].diagnostics, report.hops[0].diagnostics);
    assert_eq!(shared.summary.headline, report.summary.headline);
}

#[test]
fn links_survive_wrapping_and_quoting() {
    let payload = eight_hop_payload();
    let expected = decode(&payload).unwrap();
    let wrapped: String = payload
        .as_bytes()
        .chunks(70)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join("\r\n  ");
    assert_eq!(decode(&wrapped), Ok(expected.clone()));
    for quoted in [
        format!("<https://hopscope.example/#{payload}>"),
        format!("(see https://hopscope.example/#{payload})."),
        format!("  #{payload}  \n"),
    ] {
        assert_eq!(decode(&quoted), Ok(expected.clone()));
    }
}

#[test]
fn every_error_has_a_kind_and_a_sentence() {
    let cases = [
        ("r1.eNq", ShareErrorKind::Truncated),
        ("r1.e$", ShareErrorKind::NotBase64),
        ("r3.eNq", ShareErrorKind::UnknownVersion),
        ("r1.eNqrrgUAAXUA-Q", ShareErrorKind::Corrupt),
        ("hello", ShareErrorKind::NotAShareLink),
    ];
    for (payload, expected) in cases {
        let err = decode(payload).unwrap_err();
        assert_eq!(err.kind(), expected, "{payload}");
        let message = err.to_string();
        assert!(message.starts_with("This "), "{message}");
        assert!(message.ends_with('.'), "{message}");
        let _: &dyn std::error::Error = &err;
    }
}

/// Strings shaped to make a careless scanner quadratic: runs of dots, colons, `@`, labels,
/// dotted numbers. `size` bytes each.
fn pathological(size: usize) -> Vec<String> {
    let fill = |unit: &str| unit.repeat(size / unit.len());
    vec![
        fill("a."),
        fill(":"),
        fill("@"),
        fill("a@"),
        fill("1.1.1.1."),
        fill("fe80::"),
        fill("authenticated user "),
        fill("smtp.mailfrom=a"),
        fill("x-"),
        fill("\u{e9}."),
    ]
}

#[test]
fn redaction_stays_linear_on_hostile_strings() {
    // A quarter megabyte each: quadratic work here would not finish.
    let mut report = crate::analyze(EIGHT_HOPS);
    let strings = pathological(1 << 18);
    report.hops[0].diagnostics = strings.clone();
    report.hops[1].from.helo = Some(strings[0].clone());
    report.message.subject = Some(strings.concat());
    let shared = prepare(&report, Redaction::ALL);
    assert_eq!(shared.hops.len(), 8);
    // Small enough to travel: the same shapes round trip.
    let mut small = crate::analyze(EIGHT_HOPS);
    small.hops[0].diagnostics = pathological(12 * 1024);
    for red in [Redaction::NONE, Redaction::ALL] {
        let payload = encode(&small, red);
        assert!(payload.len() < MAX_PAYLOAD, "{}", payload.len());
        assert_eq!(decode(&payload), Ok(prepare(&small, red)));
    }
}

/// xorshift64*: a fixed sequence, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn decoding_never_panics_on_random_cut_or_mutated_links() {
    const ALPHABET: &[u8] =
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.#r=+/ %<>\n";
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let valid = [eight_hop_payload(), R1_VECTOR.to_string()];
    let valid_bytes = r1::write(&prepare(&crate::analyze(EIGHT_HOPS), Redaction::ALL));
    let mut opened = 0;
    for round in 0..6_000 {
        let payload = match round % 4 {
            // Random text, often with a valid prefix.
            0 => {
                let len = rng.below(300);
                let body: String = (0..len)
                    .map(|_| ALPHABET[rng.below(ALPHABET.len())] as char)
                    .collect();
                if rng.below(2) == 0 {
                    format!("r1.{body}")
                } else {
                    body
                }
            }
            // A valid link, cut, with characters changed, inserted or removed.
            1 => {
                let mut bytes = valid[rng.below(2)].clone().into_bytes();
                for _ in 0..1 + rng.below(4) {
                    let i = rng.below(bytes.len());
                    match rng.below(4) {
                        0 => bytes[i] = ALPHABET[rng.below(64)],
                        1 => bytes.insert(i, ALPHABET[rng.below(64)]),
                        2 if bytes.len() > 1 => {
                            bytes.remove(i);
                        }
                        _ => bytes.truncate(i.max(1)),
                    }
                }
                String::from_utf8(bytes).unwrap()
            }
            // Random bytes behind a valid zlib stream: the report reader's turn.
            2 => {
                let len = rng.below(200);
                let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
                wrap(&bytes)
            }
            // A valid report's bytes, mutated, behind a valid zlib stream.
            _ => {
                let mut bytes = valid_bytes.clone();
                for _ in 0..1 + rng.below(3) {
                    let i = rng.below(bytes.len());
                    bytes[i] = rng.next() as u8;
                }
                if rng.below(3) == 0 {
                    bytes.truncate(rng.below(bytes.len()));
                }
                wrap(&bytes)
            }
        };
        if decode(&payload).is_ok() {
            opened += 1;
        }
    }
    // Some mutations of the report's bytes still make a report (a changed letter of a name).
    println!("{opened} of 6000 random payloads opened");
}

// ---------------------------------------------------------------------------------------------
// Property tests over generated reports

// proptest needs an OS random source: host only (the core is also checked for wasm32).
#[cfg(not(target_arch = "wasm32"))]
mod properties {
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

    fn evidence() -> impl Strategy<Value = Evidence> {
        (text(), text(), any::<usize>(), any::<usize>()).prop_map(|(rule, text, start, end)| {
            Evidence {
                rule,
                start,
                end,
                text,
            }
        })
    }

    fn tls() -> impl Strategy<Value = Tls> {
        (
            (opt_text(), opt_text(), opt_text()),
            option::of(any::<u32>()),
            opt_text(),
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

    fn hop() -> impl Strategy<Value = Hop> {
        let names = (opt_text(), opt_text(), opt_text(), opt_text());
        let more = (opt_text(), opt_text(), opt_text(), opt_text(), opt_text());
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
                };
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
                    grade_reason,
                    evidence,
                    diagnostics,
                    raw,
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

    fn report() -> impl Strategy<Value = Report> {
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
                let versions = |h: &Hop| h.tls.as_ref().map(|t| (t.version.clone(), t.cipher_iana.clone()));
                prop_assert_eq!(versions(a), versions(b));
            }
            prop_assert_eq!(&report.summary.exposed_hops, &shared.summary.exposed_hops);
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
