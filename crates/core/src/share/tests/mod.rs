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
fn evidence(rule: &str, text: &str) -> Evidence<'static> {
    Evidence {
        rule: rule.to_owned().into(),
        start: 0,
        end: text.len(),
        text: text.to_owned().into(),
    }
}

/// A small report written by hand (not by `analyze`, whose rules may change): the content of
/// the committed `r1` test vector.
fn vector_report() -> Report<'static> {
    let hop = |index: u32, verdict, scope, tls: Option<Tls<'static>>| -> Hop<'static> {
        Hop {
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
            raw: "".into(),
            raw_start: 0,
        }
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
        policy: None,
        part: 0,
        embedded: Vec::new(),
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
            policy: None,
            part: 0,
            embedded: Vec::new(),
            ..decoded
        },
        vector_report()
    );
}

mod audit_links;
mod damaged_links;
// proptest needs an OS random source: host only (the core is also checked for wasm32).
#[cfg(not(target_arch = "wasm32"))]
mod properties;
mod real_reports;
