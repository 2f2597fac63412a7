//! Tests of the aggregate: every field, the bounds, and that merging in any split gives the
//! same result. Reports are built by hand so that each field is exercised on purpose (and the
//! tests do not move when an analysis rule changes); the merge property also runs over the
//! analysed fixture messages.

use super::*;
use crate::mbox::MessagePart;
use crate::model::{
    Authentication, Endpoint, Evidence, Hop, MessageInfo, Summary, Tls, SCHEMA_VERSION,
};

/// A hop with what the aggregate reads; the rest empty.
#[derive(Clone)]
struct H {
    verdict: Verdict,
    scope: Scope,
    trust: Trust,
    by: Option<&'static str>,
    from_ip: Option<&'static str>,
    tls: Option<Tls<'static>>,
    grade: Option<Grade>,
    timestamp: Option<i64>,
}

fn h(verdict: Verdict) -> H {
    H {
        verdict,
        scope: Scope::External,
        trust: Trust::Recipient,
        by: Some("mx.recipient.example"),
        from_ip: Some("192.0.2.1"),
        tls: None,
        grade: None,
        timestamp: None,
    }
}

impl H {
    fn scope(mut self, scope: Scope) -> H {
        self.scope = scope;
        self
    }
    fn unverified(mut self) -> H {
        self.trust = Trust::Unverified;
        self
    }
    fn by(mut self, by: Option<&'static str>) -> H {
        self.by = by;
        self
    }
    fn no_sender(mut self) -> H {
        self.from_ip = None;
        self
    }
    fn tls(mut self, version: &str, cipher: &str, grade: Grade) -> H {
        self.tls = Some(Tls {
            version: Some(version.to_owned().into()),
            cipher: Some(cipher.to_owned().into()),
            ..Tls::default()
        });
        self.grade = Some(grade);
        self
    }
    fn kx(mut self, kx: &str, pq: bool, cert: Option<CertCheck>) -> H {
        let tls = self.tls.get_or_insert_with(Tls::default);
        tls.key_exchange = Some(kx.to_owned().into());
        tls.post_quantum = pq;
        tls.peer_certificate = cert;
        self
    }
    fn at(mut self, timestamp: i64) -> H {
        self.timestamp = Some(timestamp);
        self
    }
}

fn report(from: Option<&str>, overall: Overall, hops: &[H]) -> Report<'static> {
    let hops: Vec<Hop> = hops
        .iter()
        .enumerate()
        .map(|(i, h)| Hop {
            index: i as u32 + 1,
            from: Endpoint {
                ip: h.from_ip.map(Into::into),
                ..Endpoint::default()
            },
            by: h.by.map(Into::into),
            software: None,
            via: None,
            protocol: None,
            id: None,
            for_: None,
            date: h.timestamp.map(|t| format!("@{t}").into()),
            timestamp: h.timestamp,
            delay_seconds: None,
            verdict: h.verdict,
            scope: h.scope,
            scope_evidence: Evidence {
                rule: "test".into(),
                start: 0,
                end: 0,
                text: "".into(),
            },
            trust: h.trust,
            tls: h.tls.clone(),
            grade: h.grade,
            grade_reason: None,
            evidence: Vec::new(),
            diagnostics: Vec::new(),
            raw: "".into(),
            raw_start: 0,
        })
        .collect();
    let count = |v: Verdict| hops.iter().filter(|h| h.verdict == v).count() as u32;
    let wire = |v: Verdict| -> Vec<u32> {
        hops.iter()
            .filter(|h| h.scope != Scope::Local && h.verdict == v)
            .map(|h| h.index)
            .collect()
    };
    Report {
        schema: SCHEMA_VERSION,
        looks_like_email: true,
        summary: Summary {
            overall,
            headline: String::new(),
            hops: hops.len() as u32,
            encrypted: count(Verdict::Encrypted),
            plaintext: count(Verdict::Plaintext),
            unknown: count(Verdict::Unknown),
            local: hops.iter().filter(|h| h.scope == Scope::Local).count() as u32,
            exposed_hops: wire(Verdict::Plaintext),
            unknown_hops: wire(Verdict::Unknown),
            weakest: None,
            transit_seconds: None,
            trusted_from: None,
        },
        hops,
        warnings: Vec::new(),
        authentication: Authentication::default(),
        message: MessageInfo {
            from: from.map(String::from),
            subject: Some("Subject line".into()),
            ..MessageInfo::default()
        },
        diagnostics: Vec::new(),
        redaction: None,
        policy: None,
        part: 0,
        embedded: Vec::new(),
    }
}

fn source(file: u32, number: u64) -> MessageRef {
    MessageRef {
        file,
        file_name: format!("file{file}.mbox"),
        number,
        offset: number * 1000,
        length: 900,
    }
}

/// 2024-11-22T05:20:40Z and 2025-01-01T00:00:00Z.
const NOV_2024: i64 = 1_732_252_840;
const JAN_2025: i64 = 1_735_689_600;

/// Six messages, one per overall state, with TLS details on some hops.
fn sample() -> Vec<Report<'static>> {
    use Verdict::*;
    vec![
        report(
            Some("Alice <alice@Mail.Example.org>"),
            Overall::AllEncrypted,
            &[
                h(Encrypted)
                    .unverified()
                    .by(Some("out.example.org"))
                    .tls("TLS1.2", "ECDHE-RSA-AES256-GCM-SHA384", Grade::Good)
                    .kx("X25519", false, Some(CertCheck::NotVerified))
                    .at(NOV_2024 - 10),
                h(Encrypted)
                    .tls("TLS1.3", "TLS_AES_256_GCM_SHA384", Grade::Strong)
                    .kx("X25519MLKEM768", true, Some(CertCheck::Verified))
                    .at(NOV_2024),
                h(Unknown).scope(Scope::Local).by(Some("localhost")),
            ],
        ),
        report(
            Some("bob@example.org"),
            Overall::Exposed,
            &[
                h(Plaintext).at(NOV_2024 + 60),
                h(Encrypted)
                    .scope(Scope::Internal)
                    .tls("TLS1.0", "DES-CBC3-SHA", Grade::Broken)
                    .at(NOV_2024 + 61),
            ],
        ),
        report(
            Some("carol@other.example"),
            Overall::PlaintextInternal,
            &[
                h(Encrypted).at(JAN_2025),
                h(Plaintext).scope(Scope::Internal),
            ],
        ),
        report(
            None,
            Overall::Incomplete,
            &[
                h(Unknown).by(Some("mx.elsewhere.example")),
                h(Encrypted).no_sender(),
            ],
        ),
        report(Some("dave@example.org"), Overall::NoHops, &[]),
        report(
            Some("root@localhost"),
            Overall::LocalOnly,
            &[h(Plaintext)
                .scope(Scope::Local)
                .by(Some("localhost"))
                .at(-5)],
        ),
    ]
}

fn aggregate_of(reports: &[Report]) -> Aggregate {
    let mut agg = Aggregate::default();
    for (i, r) in reports.iter().enumerate() {
        agg.add(r, source(0, i as u64 + 1));
    }
    agg
}

#[test]
fn totals_and_overall_states() {
    let r = aggregate_of(&sample()).report();
    let t = r.totals;
    assert_eq!((t.messages, t.analysed, t.skipped), (6, 6, 0));
    assert_eq!(
        (t.hops, t.encrypted, t.plaintext, t.unknown, t.local),
        (10, 5, 3, 2, 2)
    );
    assert_eq!((t.encrypted_every_hop, t.exposed, t.no_route), (1, 1, 1));
    assert_eq!(
        r.overall,
        OverallCounts {
            all_encrypted: 1,
            exposed: 1,
            plaintext_internal: 1,
            incomplete: 1,
            no_hops: 1,
            local_only: 1
        }
    );
    assert_eq!(r.schema, AUDIT_SCHEMA_VERSION);
    assert!(!r.partial);
}

#[test]
fn skipped_messages_are_counted_by_reason_and_in_the_total() {
    let mut agg = aggregate_of(&sample());
    let mut not_email = report(None, Overall::NoHops, &[]);
    not_email.looks_like_email = false;
    agg.add(&not_email, source(0, 7));
    for (i, reason) in ALL_SKIP_REASONS.iter().enumerate() {
        agg.skip(*reason, source(0, 8 + i as u64));
    }
    let r = agg.report();
    assert_eq!(
        r.skipped,
        SkipCounts {
            no_headers: 1,
            not_email: 2,
            header_too_long: 1,
            truncated: 1,
            damaged: 1
        }
    );
    assert_eq!(
        (r.totals.messages, r.totals.analysed, r.totals.skipped),
        (12, 6, 6)
    );
    assert_eq!(r.totals.hops, 10, "skipped messages add no hops");
    assert_eq!(agg.messages(), 12);
    assert_eq!(agg.analysed(), 6);
}

#[test]
fn analyze_part_says_why_it_skips() {
    let part = |header: &[u8], note| MessagePart {
        number: 1,
        offset: 0,
        length: header.len() as u64,
        header: header.to_vec(),
        note,
    };
    let good = b"Received: from a (a [192.0.2.1]) by b; Fri, 22 Nov 2024 05:20:40 +0000\n";
    assert!(analyze_part(&part(good, None)).is_ok());
    let cases = [
        (
            part(good, Some(PartNote::HeaderTooLong)),
            SkipReason::HeaderTooLong,
        ),
        (part(good, Some(PartNote::Truncated)), SkipReason::Truncated),
        (part(good, Some(PartNote::NulBytes)), SkipReason::Damaged),
        (part(b"", None), SkipReason::NoHeaders),
        (part(b" \r\n", None), SkipReason::NoHeaders),
        (part(b"Dear Bob,\nhello", None), SkipReason::NotEmail),
        (part(b"\xff\xfe\x01\x02", None), SkipReason::NotEmail),
    ];
    for (p, reason) in cases {
        assert_eq!(analyze_part(&p).unwrap_err(), reason, "{:?}", p.header);
    }
}

#[test]
fn files_are_counted_by_outcome() {
    let mut agg = Aggregate::default();
    let stats = |bytes, messages, garbage, kind| SplitStats {
        bytes,
        messages,
        garbage_bytes: garbage,
        kind: Some(kind),
    };
    agg.add_file(&stats(100, 3, 4, FileKind::Mail));
    agg.add_file(&stats(5000, 0, 0, FileKind::Jpeg));
    agg.add_file(&stats(50, 0, 0, FileKind::Zip));
    agg.add_file(&stats(60, 0, 0, FileKind::Zip));
    agg.add_file(&stats(0, 0, 0, FileKind::Empty));
    agg.add_file(&stats(10, 0, 0, FileKind::Text));
    agg.add_file(&stats(10, 1, 0, FileKind::Text));
    agg.add_unreadable_file();
    let f = agg.report().files;
    assert_eq!(f.files, 8);
    assert_eq!(f.bytes, 5230);
    assert_eq!(f.garbage_bytes, 4);
    assert_eq!(
        f.not_mailbox,
        BTreeMap::from([(FileKind::Jpeg, 1), (FileKind::Zip, 2)])
    );
    assert_eq!((f.empty, f.without_messages, f.unreadable), (1, 1, 1));
}

#[test]
fn tls_counts_cover_encrypted_hops_only() {
    let tls = aggregate_of(&sample()).report().tls;
    assert_eq!(tls.encrypted_hops, 5);
    let names = |n: &NamedCounts| -> Vec<(String, u64)> {
        n.rows.iter().map(|r| (r.name.clone(), r.hops)).collect()
    };
    assert_eq!(
        names(&tls.versions),
        [
            ("TLS1.0".into(), 1),
            ("TLS1.2".into(), 1),
            ("TLS1.3".into(), 1)
        ],
        "weakest first"
    );
    assert_eq!((tls.versions.not_stated, tls.versions.other), (2, 0));
    assert_eq!(
        tls.grades,
        GradeCounts {
            strong: 1,
            good: 1,
            weak: 0,
            broken: 1
        }
    );
    assert_eq!(tls.ungraded, 2);
    assert_eq!(
        names(&tls.key_exchanges),
        [("X25519".into(), 1), ("X25519MLKEM768".into(), 1)]
    );
    assert_eq!(tls.key_exchanges.not_stated, 3);
    assert_eq!(tls.post_quantum, 1);
    assert_eq!(
        tls.client_certificate,
        CertCounts {
            verified: 1,
            not_verified: 1,
            none: 0
        }
    );
    assert_eq!(tls.client_certificate_not_stated, 3);
    let ciphers: Vec<_> = tls
        .ciphers
        .rows
        .iter()
        .map(|c| (c.name.as_str(), c.hops, c.worst_grade))
        .collect();
    assert_eq!(
        ciphers,
        [
            ("DES-CBC3-SHA", 1, Some(Grade::Broken)),
            ("ECDHE-RSA-AES256-GCM-SHA384", 1, Some(Grade::Good)),
            ("TLS_AES_256_GCM_SHA384", 1, Some(Grade::Strong)),
        ]
    );
    assert_eq!(tls.ciphers.not_stated, 2);
}

#[test]
fn ciphers_are_named_by_iana_when_known() {
    let mut r = report(
        None,
        Overall::AllEncrypted,
        &[h(Verdict::Encrypted).tls("TLS1.2", "ECDHE-RSA-AES128-GCM-SHA256", Grade::Good)],
    );
    r.hops[0].tls.as_mut().unwrap().cipher_iana =
        Some("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256".into());
    let tls = aggregate_of(&[r]).report().tls;
    assert_eq!(
        tls.ciphers.rows[0].name,
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
    );
}

#[test]
fn sending_and_receiving_organisations() {
    let r = aggregate_of(&sample()).report();
    let rows = |t: &OrgTable| -> Vec<(String, u64)> {
        t.rows
            .iter()
            .map(|r| (r.organisation.clone(), r.counts.messages))
            .collect()
    };
    // `Mail.Example.org` is example.org; `localhost` has no registrable domain: itself.
    assert_eq!(
        rows(&r.senders),
        [
            ("example.org".into(), 3),
            ("localhost".into(), 1),
            ("other.example".into(), 1)
        ]
    );
    assert_eq!(r.senders.unknown.messages, 1);
    let example = &r.senders.rows[0].counts;
    assert_eq!(
        (
            example.overall.all_encrypted,
            example.overall.exposed,
            example.overall.no_hops
        ),
        (1, 1, 1)
    );
    assert_eq!(
        (
            example.hops,
            example.encrypted,
            example.plaintext,
            example.unknown
        ),
        (5, 3, 1, 1)
    );
    // Entry into the recipient's servers: the oldest trusted external hop that names a sender.
    // Message 1: hop 1 is unverified (the sender's own server), hop 2 is the entry.
    // Message 4: hop 1 (mx.elsewhere.example) is trusted and external; hop 2 names no sender.
    // Messages 2 and 3: hop 1. Message 5 has no hop, message 6 only a local one.
    assert_eq!(
        rows(&r.receivers),
        [
            ("recipient.example".into(), 3),
            ("elsewhere.example".into(), 1)
        ]
    );
    assert_eq!(r.receivers.unknown.messages, 2);
    let only_handoff = report(
        None,
        Overall::Incomplete,
        &[
            h(Verdict::Unknown).no_sender(),
            h(Verdict::Encrypted).by(None),
        ],
    );
    assert!(
        receiving_hop(&only_handoff).is_none()
            || receiving_hop(&only_handoff).unwrap().by.is_none()
    );
    assert_eq!(
        aggregate_of(&[only_handoff])
            .report()
            .receivers
            .unknown
            .messages,
        1
    );
}

#[test]
fn sender_domains() {
    let cases = [
        ("Alice <alice@Example.ORG>", Some("example.org")),
        ("alice@example.org", Some("example.org")),
        ("alice@example.org (Alice)", Some("example.org")),
        (
            "\"a@b.example\" <real@sender.example>",
            Some("sender.example"),
        ),
        ("alice@example.org.", Some("example.org")),
        ("Undisclosed", None),
        ("alice@", None),
        ("<>", None),
        (">@<", None),
    ];
    for (from, domain) in cases {
        assert_eq!(sender_domain(from).as_deref(), domain, "{from}");
    }
    let r = report(Some("x@[192.0.2.1]"), Overall::NoHops, &[]);
    assert_eq!(
        sender_organisation(&r),
        None,
        "an address literal is no organisation"
    );
}

#[test]
fn months_come_from_the_newest_dated_hop() {
    let r = aggregate_of(&sample()).report();
    let months: Vec<_> = r
        .months
        .iter()
        .map(|m| (m.month.as_str(), m.counts.messages))
        .collect();
    // Message 6 is dated 1969-12-31: outside the charted years, so undated.
    assert_eq!(months, [("2024-11", 2), ("2025-01", 1)]);
    assert_eq!(r.undated.messages, 3);
    assert_eq!(month(0).as_deref(), Some("1970-01"));
    assert_eq!(month(-1), None);
    assert_eq!(month(951_782_400).as_deref(), Some("2000-02"), "2000-02-29");
    assert_eq!(
        month(1_709_208_000).as_deref(),
        Some("2024-02"),
        "2024-02-29 12:00"
    );
    assert_eq!(
        month(1_709_251_200).as_deref(),
        Some("2024-03"),
        "2024-03-01"
    );
    assert_eq!(month(7_258_118_400), None, "2200-01-01");
    assert_eq!(month(7_258_118_399).as_deref(), Some("2199-12"));
    assert_eq!(month(i64::MAX), None);
    assert_eq!(month(i64::MIN), None);
}

#[test]
fn worst_messages_in_their_total_order() {
    let r = aggregate_of(&sample()).report();
    let worst: Vec<_> = r
        .worst
        .iter()
        .map(|w| (w.concern, w.source.number))
        .collect();
    assert_eq!(
        worst,
        [
            (Concern::Exposed, 2),
            (Concern::PlaintextInternal, 3),
            (Concern::Incomplete, 4)
        ]
    );
    let w = &r.worst[0];
    assert_eq!((w.plaintext_hops, w.unknown_hops), (1, 0));
    assert_eq!(w.weakest_grade, Some(Grade::Broken));
    assert_eq!(
        w.date.as_deref(),
        Some(format!("@{}", NOV_2024 + 61).as_str())
    );
    assert_eq!(w.sender.as_deref(), Some("example.org"));
    assert_eq!(w.receiver.as_deref(), Some("recipient.example"));
    assert_eq!(w.subject.as_deref(), Some("Subject line"));
    assert_eq!(w.source, source(0, 2));

    // Broken and weak TLS on messages otherwise all encrypted are listed too, in between.
    let tls = |grade| {
        report(
            None,
            Overall::AllEncrypted,
            &[h(Verdict::Encrypted).tls("TLS1.0", "X", grade)],
        )
    };
    let mut agg = aggregate_of(&sample());
    agg.add(&tls(Grade::Weak), source(1, 1));
    agg.add(&tls(Grade::Broken), source(1, 2));
    agg.add(&tls(Grade::Good), source(1, 3));
    let concerns: Vec<_> = agg.report().worst.iter().map(|w| w.concern).collect();
    assert_eq!(
        concerns,
        [
            Concern::Exposed,
            Concern::BrokenTls,
            Concern::PlaintextInternal,
            Concern::WeakTls,
            Concern::Incomplete
        ]
    );
}

#[test]
fn worst_list_is_capped_and_ordered_by_plaintext_hops_then_place() {
    let mut agg = Aggregate::default();
    for i in 0..120u64 {
        let plaintext = (i % 3) as usize + 1;
        let hops = vec![h(Verdict::Plaintext); plaintext];
        agg.add(
            &report(None, Overall::Exposed, &hops),
            source((i % 2) as u32, i),
        );
    }
    let worst = agg.report().worst;
    assert_eq!(worst.len(), WORST_MESSAGES);
    let keys: Vec<_> = worst.iter().map(|w| w.order_key()).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    // 40 messages have three plaintext hops; the next ten have two.
    assert!(worst[..40].iter().all(|w| w.plaintext_hops == 3));
    assert!(worst[40..].iter().all(|w| w.plaintext_hops == 2));
    assert_eq!((worst[0].source.file, worst[0].source.number), (0, 2));
}

#[test]
fn report_tables_are_cut_with_an_other_row() {
    let mut agg = Aggregate::default();
    let n = REPORT_ROWS as u64 + 5;
    for i in 0..n {
        let from = format!("a@org{i:05}.example");
        // The first organisation gets a second message: it comes first.
        for _ in 0..if i == 0 { 2 } else { 1 } {
            agg.add(&report(Some(&from), Overall::NoHops, &[]), source(0, i));
        }
    }
    let senders = agg.report().senders;
    assert_eq!(senders.rows.len(), REPORT_ROWS);
    assert_eq!(senders.rows[0].organisation, "org00000.example");
    assert_eq!(
        senders.rows[1].organisation, "org00001.example",
        "then by name"
    );
    assert_eq!(senders.other.messages, 5);
    let total: u64 =
        senders.rows.iter().map(|r| r.counts.messages).sum::<u64>() + senders.other.messages;
    assert_eq!(total, n + 1);
}

#[test]
fn organisation_tables_are_bounded_in_memory() {
    let mut agg = Aggregate::default();
    let n = ORGANISATIONS_KEPT + 2_000;
    for i in 0..n {
        let from = format!("a@org{i}.example");
        agg.add(
            &report(Some(&from), Overall::NoHops, &[]),
            source(0, i as u64),
        );
    }
    assert_eq!(agg.senders.len(), ORGANISATIONS_KEPT);
    let r = agg.report();
    assert_eq!(r.senders.rows.len(), REPORT_ROWS);
    let total: u64 = r
        .senders
        .rows
        .iter()
        .map(|r| r.counts.messages)
        .sum::<u64>()
        + r.senders.other.messages;
    assert_eq!(total, n as u64, "nothing lost: the rest is in `other`");
}

#[test]
fn merging_equals_counting_in_one_place() {
    let reports: Vec<Report> = sample().into_iter().cycle().take(40).collect();
    let whole = aggregate_of(&reports);
    for cut in [0, 1, 7, 20, 39, 40] {
        let (a, b) = reports.split_at(cut);
        let mut left = Aggregate::default();
        for (i, r) in a.iter().enumerate() {
            left.add(r, source(0, i as u64 + 1));
        }
        let mut right = Aggregate::default();
        for (i, r) in b.iter().enumerate().rev() {
            right.add(r, source(0, (cut + i) as u64 + 1));
        }
        let mut merged = right.clone();
        merged.merge(left.clone());
        assert_eq!(merged, whole, "right + left, cut at {cut}");
        let mut merged = left;
        merged.merge(right);
        assert_eq!(merged, whole, "left + right, cut at {cut}");
    }
}

#[test]
fn partial_survives_a_merge() {
    let mut a = Aggregate::default();
    let b = Aggregate {
        partial: true,
        ..Aggregate::default()
    };
    a.merge(b);
    assert!(a.report().partial);
}

#[test]
fn state_and_report_serialise() {
    let agg = aggregate_of(&sample());
    let state = serde_json::to_string(&agg).unwrap();
    let back: Aggregate = serde_json::from_str(&state).unwrap();
    assert_eq!(back, agg);
    let report = agg.report();
    let json = serde_json::to_value(&report).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "files",
            "months",
            "overall",
            "partial",
            "receivers",
            "schema",
            "senders",
            "skipped",
            "tls",
            "totals",
            "undated",
            "worst"
        ]
    );
    assert_eq!(json["senders"]["rows"][0]["organisation"], "example.org");
    assert_eq!(json["senders"]["rows"][0]["overall"]["exposed"], 1);
    assert_eq!(json["months"][0]["month"], "2024-11");
    assert_eq!(json["worst"][0]["concern"], "exposed");
    assert_eq!(json["worst"][0]["source"]["offset"], 2000);
    let back: AuditReport = serde_json::from_value(json).unwrap();
    assert_eq!(back, report);
}

/// The sample, each message checked against `policy` (as `hopscope audit --policy` does).
fn checked(policy: &crate::policy::Policy) -> Vec<Report<'static>> {
    sample()
        .into_iter()
        .map(|mut r| {
            r.policy = Some(crate::policy::check(&r, policy, None));
            r
        })
        .collect()
}

#[test]
fn policy_counts_overall_and_per_organisation() {
    let reports = checked(&crate::policy::Policy::encrypted());
    let outcomes: Vec<_> = reports
        .iter()
        .map(|r| r.policy.as_ref().unwrap().outcome)
        .collect();
    use crate::policy::Outcome::*;
    assert_eq!(outcomes, [Pass, Fail, Fail, CannotTell, CannotTell, Pass]);
    let r = aggregate_of(&reports).report();
    let p = r.policy.as_ref().unwrap();
    assert_eq!(p.name, "encrypted");
    assert_eq!(
        p.messages,
        PolicyCounts {
            pass: 2,
            fail: 2,
            cannot_tell: 2
        }
    );
    assert_eq!(p.messages.total(), r.totals.analysed);
    let h = p.hops;
    assert_eq!(
        h.pass + h.fail + h.cannot_tell + h.not_judged,
        r.totals.hops
    );
    // example.org sent three: all encrypted, exposed, no route.
    let example = &r.senders.rows[0];
    assert_eq!(example.organisation, "example.org");
    assert_eq!(
        example.counts.policy,
        Some(PolicyCounts {
            pass: 1,
            fail: 1,
            cannot_tell: 1
        })
    );
    assert_eq!(
        r.senders.unknown.policy,
        Some(PolicyCounts {
            pass: 0,
            fail: 0,
            cannot_tell: 1
        })
    );
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["policy"]["messages"]["fail"], 2);
    assert_eq!(json["policy"]["hops"]["not_judged"], h.not_judged);
    assert_eq!(json["senders"]["rows"][0]["policy"]["cannot_tell"], 1);
    assert_eq!(json["months"][0]["policy"]["pass"], 1);
    let back: AuditReport = serde_json::from_value(json).unwrap();
    assert_eq!(back, r);
}

#[test]
fn without_a_policy_the_report_is_unchanged() {
    let plain = aggregate_of(&sample()).report();
    assert_eq!(plain.policy, None);
    let json = serde_json::to_string(&plain).unwrap();
    assert!(!json.contains("policy"), "{json}");
    // Counting checked reports changes nothing else.
    let mut with = aggregate_of(&checked(&crate::policy::Policy::modern())).report();
    with.policy = None;
    for table in [&mut with.senders, &mut with.receivers] {
        for row in &mut table.rows {
            row.counts.policy = None;
        }
        table.other.policy = None;
        table.unknown.policy = None;
    }
    for m in &mut with.months {
        m.counts.policy = None;
    }
    with.undated.policy = None;
    assert_eq!(with, plain);
}

#[test]
fn policy_renderings() {
    let r = aggregate_of(&checked(&crate::policy::Policy::encrypted())).report();
    let text = render::text(&r);
    assert!(
        text.contains("  Policy “encrypted”: Every hop between servers (not inside one machine) is encrypted.\n    Messages: 2 pass (33.3%), 2 fail (33.3%), 2 cannot tell (33.3%)\n    Hops: "),
        "{text}"
    );
    assert!(
        text.contains("  Policy per sending organisation, most failures first:\n    example.org               3 messages  1 pass, 1 fail, 1 cannot tell\n    other.example             1 message   0 pass, 1 fail, 0 cannot tell\n"),
        "{text}"
    );
    let md = render::markdown(&r);
    assert!(
        md.contains("**Policy “encrypted”: Every hop between servers (not inside one machine) is encrypted.** Messages: 2 pass (33.3%), 2 fail (33.3%), 2 cannot tell (33.3%). Hops: "),
        "{md}"
    );
    assert!(
        md.contains("| Policy per sending organisation | Messages | Pass | Fail | Cannot tell |\n|---|--:|--:|--:|--:|\n| example.org | 3 | 1 | 1 | 1 |\n"),
        "{md}"
    );
    // Without a policy, none of it.
    let plain = aggregate_of(&sample()).report();
    assert!(!render::text(&plain).contains("Policy"));
    assert!(!render::markdown(&plain).contains("Policy"));
}

#[test]
fn text_rendering() {
    let mut agg = aggregate_of(&sample());
    agg.skip(SkipReason::Truncated, source(0, 7));
    agg.add_file(&SplitStats {
        bytes: 3_200_000,
        messages: 7,
        garbage_bytes: 0,
        kind: Some(FileKind::Mail),
    });
    agg.add_file(&SplitStats {
        bytes: 10,
        messages: 0,
        garbage_bytes: 0,
        kind: Some(FileKind::Jpeg),
    });
    let text = render::text(&agg.report());
    let expected_start = "\
Audit: 7 messages, 10 hops (2 files, 3.2 MB)
  Analysed 6 of 7 messages; skipped 1: 1 cut off inside the headers (the file ends there).
  Files: 1 file is not a mailbox (a JPEG image).
  Messages:
";
    assert!(text.starts_with(expected_start), "{text}");
    assert!(
        text.contains("    Encrypted on every hop between servers"),
        "{text}"
    );
    assert!(text.contains("  Hops: 50.0% encrypted, 30.0% not encrypted, 20.0% not stated"));
    assert!(
        text.contains("    Versions (weakest first): TLS1.0 1, TLS1.2 1, TLS1.3 1, not stated 2")
    );
    assert!(text.contains("post-quantum 1 (20.0%)"), "{text}");
    assert!(text.contains("    example.org  "), "{text}");
    assert!(text.contains("    2024-11  "), "{text}");
    assert!(text.contains("     1. Not encrypted across the Internet: file0.mbox message 2 (byte 2000), 1 plaintext hop"), "{text}");
    assert!(!text.contains('\x1b'));
}

#[test]
fn markdown_rendering_escapes_header_text() {
    let mut agg = aggregate_of(&sample());
    let mut hostile = report(
        Some("x@evil|`*&.example"),
        Overall::Exposed,
        &[h(Verdict::Plaintext)],
    );
    hostile.message.subject = Some("<script>|\u{202e}".into());
    agg.add(&hostile, source(0, 9));
    let md = render::markdown(&agg.report());
    assert!(
        md.starts_with("## Audit: 7 messages, 11 hops (0 files, 0 bytes)\n\n"),
        "{md}"
    );
    assert!(
        md.contains("| Encrypted on every hop between servers | 1 | 14.3% |\n"),
        "{md}"
    );
    assert!(md.contains("| example.org | 3 | 33.3% | 33.3% |"), "{md}");
    assert!(md.contains("evil\\|\\`\\*&amp;.example"), "{md}");
    assert!(md.contains("&lt;script&gt;\\|⟨U+202E⟩"), "{md}");
    assert!(!md.contains("<script>"));
    assert!(md.ends_with("_Generated by Hopscope — analysed locally_\n"));
}

#[test]
fn nothing_to_count() {
    let r = Aggregate::default().report();
    assert_eq!(r.totals, Totals::default());
    assert_eq!(
        render::text(&r),
        "Audit: 0 messages, 0 hops (0 files, 0 bytes)\n"
    );
    assert_eq!(render::percent(0, 0), "—");
    assert_eq!(render::size(999), "999 bytes");
    assert_eq!(render::size(1_500_000_000), "1.5 GB");
}

/// Merging in any split and order gives the aggregate of the whole, for the analysed fixture
/// messages (real reports) mixed with the hand-built ones.
#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn pool() -> &'static [Report<'static>] {
        static POOL: OnceLock<Vec<Report<'static>>> = OnceLock::new();
        POOL.get_or_init(|| {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
            let mut paths: Vec<_> = std::fs::read_dir(&dir)
                .unwrap()
                .flatten()
                .filter(|d| d.path().is_dir())
                .flat_map(|d| std::fs::read_dir(d.path()).unwrap().flatten())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "eml"))
                .collect();
            paths.sort();
            let mut reports: Vec<Report> = paths
                .iter()
                .map(|p| crate::analyze_bytes(&std::fs::read(p).unwrap()).into_owned())
                .collect();
            assert!(reports.len() > 50);
            reports.extend(sample());
            // Some checked against a policy, as `audit --policy` does, mixed with the rest.
            let checked: Vec<Report> = reports
                .iter()
                .step_by(3)
                .map(|r| {
                    let mut r = r.clone();
                    r.policy = Some(crate::policy::check(
                        &r,
                        &crate::policy::Policy::modern(),
                        None,
                    ));
                    r
                })
                .collect();
            reports.extend(checked);
            reports
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn any_split_and_order_merges_to_the_whole(
            picks in prop::collection::vec(any::<prop::sample::Index>(), 0..80),
            cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..5),
            order in any::<u64>(),
        ) {
            let pool = pool();
            let messages: Vec<(MessageRef, &Report)> = picks
                .iter()
                .enumerate()
                .map(|(i, p)| (source((i % 3) as u32, i as u64 + 1), &pool[p.index(pool.len())]))
                .collect();
            let mut whole = Aggregate::default();
            for (s, r) in &messages {
                whole.add(r, s.clone());
            }
            // Cut into chunks, count each, merge them in a shuffled order.
            let mut bounds: Vec<usize> = cuts.iter().map(|c| c.index(messages.len() + 1)).collect();
            bounds.extend([0, messages.len()]);
            bounds.sort();
            let mut parts: Vec<Aggregate> = bounds
                .windows(2)
                .map(|w| {
                    let mut a = Aggregate::default();
                    for (s, r) in &messages[w[0]..w[1]] {
                        a.add(r, s.clone());
                    }
                    a
                })
                .collect();
            let n = parts.len();
            parts.rotate_left((order as usize) % n);
            if order & 1 == 1 {
                parts.reverse();
            }
            let mut merged = Aggregate::default();
            for p in parts {
                merged.merge(p);
            }
            prop_assert_eq!(&merged, &whole);
            prop_assert_eq!(merged.report(), whole.report());
        }
    }
}
