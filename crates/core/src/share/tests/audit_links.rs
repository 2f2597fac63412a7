//! Audit links: round trips of real aggregates, the cut to a bounded size, redaction, the
//! frozen `a1` layout and damaged links.

use super::real_reports::real_inputs;
use super::*;
use crate::aggregate::{Aggregate, AuditReport, MessageRef};
use crate::mbox::MessagePart;

fn source(file: u32, number: u64, name: &str) -> MessageRef {
    let part = MessagePart {
        number,
        offset: number * 1000,
        length: 900,
        header: Vec::new(),
        note: None,
    };
    MessageRef::new(file, name, &part)
}

/// Every fixture message, counted as if read from two files of a person's home folder, and
/// checked against the `modern` policy.
fn real_audit() -> AuditReport {
    let mut agg = Aggregate::default();
    let modern = crate::policy::Policy::modern();
    for (i, (_, text)) in real_inputs().iter().enumerate() {
        let file = (i % 2) as u32;
        let name = ["/home/alice/Mail/Inbox", "/home/alice/Mail/Archive 2025"][file as usize];
        let mut report = crate::analyze(text);
        report.policy = Some(crate::policy::check(&report, &modern, None));
        agg.add(&report, source(file, i as u64 + 1, name));
    }
    agg.report()
}

/// `n` messages from `n` different organisations, each through a plaintext hop across the
/// Internet (so they fill the worst list too), over 36 months.
fn wide_audit(n: u64) -> AuditReport {
    let mut agg = Aggregate::default();
    for i in 0..n {
        let text = format!(
            "Received: from mail.sender{i}.example (mail.sender{i}.example [198.51.100.{}])\r\n\
             \tby mx{}.receiver{}.example with ESMTP id {i}; {} Jan 2024 10:00:00 +0000\r\n\
             From: someone@sender{i}.example\r\nTo: alice@receiver.example\r\n\
             Subject: Invoice {i} for Alice Example\r\nDate: 1 Jan 2024 10:00:00 +0000\r\n",
            i % 250,
            i % 3,
            i % 700,
            1 + i % 28,
        );
        agg.add(&crate::analyze(&text), source(0, i + 1, "/home/alice/mbox"));
    }
    agg.report()
}

fn row_sum(t: &crate::aggregate::OrgTable) -> (u64, u64) {
    let rows = t.rows.iter().map(|r| &r.counts);
    let all: Vec<_> = rows.chain([&t.other, &t.unknown]).collect();
    (
        all.iter().map(|r| r.messages).sum(),
        all.iter().map(|r| r.plaintext).sum(),
    )
}

#[test]
fn real_audits_round_trip_under_every_redaction() {
    let report = real_audit();
    assert!(report.totals.analysed > 50);
    let policy = report.policy.as_ref().expect("policy counts");
    assert!(policy.messages.fail > 0 && policy.messages.pass > 0);
    for redaction in [
        AuditRedaction::NONE,
        AuditRedaction::DEFAULT,
        AuditRedaction::ALL,
    ] {
        let payload = encode_audit(&report, redaction);
        assert!(payload.starts_with("a1."), "{payload}");
        let shared = decode_audit(&payload).unwrap();
        assert_eq!(shared.report, prepare_audit(&report, redaction));
        assert_eq!(shared.redaction, redaction);
        // A whole link, wrapped by a mail program and quoted, reads the same.
        let link = format!("<https://hopscope.example/#{}>", payload);
        let wrapped: String = link
            .chars()
            .enumerate()
            .flat_map(|(i, c)| (i % 70 == 69).then_some('\n').into_iter().chain([c]))
            .collect();
        assert_eq!(decode_audit(&wrapped).unwrap(), shared);
    }
    // With nothing hidden and nothing to cut, the link carries the audit exactly.
    let whole = decode_audit(&encode_audit(&report, AuditRedaction::NONE)).unwrap();
    assert_eq!(whole.report, report);
}

#[test]
fn the_default_hides_subjects_and_file_names_only() {
    let report = real_audit();
    assert!(report.worst.iter().any(|w| w.subject.is_some()));
    let shared = decode_audit(&encode_audit(&report, AuditRedaction::default()))
        .unwrap()
        .report;
    assert_eq!(shared.senders, report.senders);
    assert!(shared.worst.iter().all(|w| w.subject.is_none()));
    let names: Vec<_> = shared.worst.iter().map(|w| &w.source.file_name).collect();
    assert!(
        names.iter().all(|n| *n == "file 1" || *n == "file 2"),
        "{names:?}"
    );
    assert_eq!(
        AuditRedaction::default().kinds(),
        ["subjects", "file names"]
    );
}

#[test]
fn hidden_organisations_are_consistent_stand_ins() {
    let report = wide_audit(300);
    let shared = prepare_audit(&report, AuditRedaction::ALL);
    let json = format!("{shared:?}");
    for i in 0..300 {
        assert!(!json.contains(&format!("sender{i}.example")), "sender{i}");
        assert!(
            !json.contains(&format!("receiver{i}.example")),
            "receiver{i}"
        );
    }
    assert!(!json.contains("Alice") && !json.contains("/home/alice"));
    // The same organisation has the same stand-in in the tables and the worst list.
    let names: std::collections::HashSet<_> = shared
        .senders
        .rows
        .iter()
        .chain(&shared.receivers.rows)
        .map(|r| r.organisation.clone())
        .collect();
    for w in &shared.worst {
        for org in [&w.sender, &w.receiver].into_iter().flatten() {
            assert!(
                org.starts_with("org-") && org.ends_with(".example"),
                "{org}"
            );
            assert!(names.contains(org) || shared.senders.other.messages > 0);
        }
    }
    let original_first = &report.senders.rows[0].organisation;
    let stand_in = &shared.senders.rows[0].organisation;
    for (w, s) in report.worst.iter().zip(&shared.worst) {
        assert_eq!(
            w.sender.as_ref() == Some(original_first),
            s.sender.as_ref() == Some(stand_in)
        );
    }
}

#[test]
fn a_hundred_thousand_organisations_make_a_link_of_bounded_length() {
    // 3,000 messages from 3,000 organisations fill the report's tables as a mailbox of any
    // size would (the aggregate keeps at most REPORT_ROWS rows per table).
    let report = wide_audit(3_000);
    assert!(report.senders.rows.len() > SHARED_ROWS);
    let payload = encode_audit(&report, AuditRedaction::default());
    let shared = decode_audit(&payload).unwrap().report;
    assert_eq!(shared.senders.rows.len(), SHARED_ROWS);
    assert_eq!(shared.receivers.rows.len(), SHARED_ROWS);
    // Nothing is lost from the totals: the cut rows are in `other`.
    assert_eq!(row_sum(&shared.senders), row_sum(&report.senders));
    assert_eq!(row_sum(&shared.receivers), row_sum(&report.receivers));
    assert_eq!(shared.totals, report.totals);
    println!(
        "audit link of {} messages, {} sender organisations: {} characters",
        report.totals.messages,
        report.senders.rows.len(),
        payload.len()
    );
    assert!(payload.len() < 16 * 1024, "{} characters", payload.len());
}

#[test]
fn audit_and_message_links_are_told_apart() {
    let audit = encode_audit(&real_audit(), AuditRedaction::default());
    let message = super::encode(&crate::analyze(EIGHT_HOPS), Redaction::default());
    assert!(is_audit_link(&audit) && is_audit_link(&format!("https://x.example/#{audit}")));
    assert!(!is_audit_link(&message) && !is_audit_link("#example=gmail"));
    assert_eq!(
        decode_audit(&message).unwrap_err().kind(),
        ShareErrorKind::NotAShareLink
    );
    assert_eq!(
        super::decode(&audit).unwrap_err().kind(),
        ShareErrorKind::NotAShareLink
    );
}

#[test]
fn damaged_audit_links_say_what_is_wrong() {
    let payload = encode_audit(&real_audit(), AuditRedaction::default());
    let kind = |p: &str| decode_audit(p).unwrap_err().kind();
    assert_eq!(
        kind(&payload[..payload.len() / 2]),
        ShareErrorKind::Truncated
    );
    assert_eq!(kind("a1."), ShareErrorKind::Truncated);
    assert_eq!(kind("a"), ShareErrorKind::Truncated);
    assert_eq!(kind("a1.<script>"), ShareErrorKind::NotBase64);
    let newer = decode_audit(&payload.replacen("a1.", "a7.", 1)).unwrap_err();
    assert_eq!(newer.kind(), ShareErrorKind::UnknownVersion);
    assert!(newer.to_string().contains("format a7"), "{newer}");
    assert!(newer.to_string().contains("up to a1"), "{newer}");
    let mut altered = payload.clone().into_bytes();
    // A character of the checksum: the data no longer matches it.
    let i = altered.len() - 3;
    altered[i] = if altered[i] == b'A' { b'B' } else { b'A' };
    assert_eq!(
        kind(std::str::from_utf8(&altered).unwrap()),
        ShareErrorKind::Corrupt
    );
    let bomb = format!(
        "a1.{}",
        BASE64.encode(miniz_oxide::deflate::compress_to_vec_zlib(
            &vec![0u8; MAX_DECODED + 1],
            10
        ))
    );
    assert_eq!(kind(&bomb), ShareErrorKind::TooLarge);
    // Random bodies never panic.
    for seed in 0..2_000u32 {
        let bytes: Vec<u8> = (0..seed % 300)
            .map(|i| {
                (i.wrapping_mul(2_654_435_761) ^ seed.wrapping_mul(40_503)) as u8 >> (seed % 3)
            })
            .collect();
        let _ = decode_audit(&format!(
            "a1.{}",
            BASE64.encode(miniz_oxide::deflate::compress_to_vec_zlib(&bytes, 1))
        ));
    }
}

/// A real `a1` payload. The layout is frozen: if this stops decoding to the same report, a
/// link people already sent stops opening.
#[test]
fn a1_test_vector_still_decodes() {
    let mut report = wide_audit(3);
    report.policy = real_audit().policy;
    report.senders.rows[0].counts.policy = Some(crate::aggregate::PolicyCounts {
        pass: 1,
        fail: 2,
        cannot_tell: 3,
    });
    let payload = encode_audit(&report, AuditRedaction::default());
    const VECTOR: &str = concat!(
        "a1.eNqVkE1OwzAQhT2NSCQ2FRIS2zlAiWLTFRtW7GBFV-zSZKBWWzuyI0L2nIKTcAyOwTHwQFohOYDqH",
        "1me9-Ybe0AkieApePPx_0imnkxNrsjpudw2GwIBHOcDYLKT5YgsBk2Nab_WO3FUkX4aryj2qvxTPagkZ",
        "KpQ8_NCfrdm6NDPN4n0QW8IJXxkLxmj4HRICWshi8uC1z1EvYo_I3asyfs0YqmYJWOWjFjJ21nEuohZK",
        "mbtQwLSrQ0e01-HcI8r2-CS2o7IoCcXYh61RzKV65uW6hnSl8-3Zbjh4uYO2aOtYZvMFVqHhjpyMyxNj",
        "cZipZsVOZYfXVmHpI7KNduWzq7J5PP86BWujm9T8QlZA5OA",
    );
    // The same report, encoded today, reads back the same (compression may differ by version
    // of the deflate crate; the layout may not).
    assert_eq!(
        decode_audit(&payload).unwrap().report,
        decode_audit(VECTOR).unwrap().report
    );
    assert_eq!(
        decode_audit(VECTOR).unwrap().report,
        prepare_audit(&report, AuditRedaction::default())
    );
}
