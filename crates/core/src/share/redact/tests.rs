//! Redaction's behaviour, case by case.

use super::*;
use crate::model::*;

/// A report with one hop without names or addresses, with the fields `edit` sets,
/// redacted with `red`.
fn redacted(red: Redaction, edit: impl FnOnce(&mut Report)) -> Report<'static> {
    let mut report = crate::analyze(
        "Received: from a.example.org (a.example.org [203.0.113.5])\r\n\
         \tby b.example.net with ESMTPS id 1A2B; Sun, 22 Nov 2026 05:20:40 +0000\r\n",
    );
    let hop = &mut report.hops[0];
    hop.from = Endpoint::default();
    hop.by = None;
    hop.id = None;
    hop.scope_evidence.text = "".into();
    report.summary.headline.clear();
    edit(&mut report);
    apply(&mut report, red);
    report
}

/// `text` as the subject of a report, redacted with `red` (but for the subject option,
/// which would replace it whole: the subject is the free-text field these tests use).
fn subject(red: Redaction, text: &str) -> String {
    let red = Redaction {
        subject: false,
        ..red
    };
    redacted(red, |r| r.message.subject = Some(text.to_owned()))
        .message
        .subject
        .unwrap()
}

#[test]
fn addresses_spelt_in_host_names_are_hidden_with_addresses() {
    for name in [
        "host86-150-12-34.range86-150.btcentralplus.com",
        "ip-10-1-2-3.ec2.internal",
        "c-73-22-11-4.hsd1.ca.comcast.net",
        "1-2-3-4.static.example.net",
        "34.12.150.86.dyn.example.net",
        "host-c0000207.example.net",
        "ppp-203_0_113_9.example.org",
        "2001-db8--7.ipv6.example.net",
        "2001-db8-0-0-0-0-0-7.example.com",
    ] {
        assert!(net::embeds_ip(name), "{name}");
    }
    for name in [
        "mx.example.net",
        "mail-sor-f41.google.com",
        "AM6PR04MB1234.eurprd04.prod.outlook.com",
        "smtp-out-256.example.com",
        "mta-1-2.example.net",
        "deadbeef.example.com",
        "web-2026-11.example.org",
    ] {
        assert!(!net::embeds_ip(name), "{name}");
    }
    let ips_only = Redaction {
        ips: true,
        ..Redaction::NONE
    };
    let r = redacted(ips_only, |r| {
        r.hops[0].from.rdns = Some("c-73-22-11-4.hsd1.ca.comcast.net".into());
        r.hops[0].from.ip = Some("73.22.11.4".into());
        r.hops[0].scope_evidence.text =
            "from c-73-22-11-4.hsd1.ca.comcast.net ([73.22.11.4])".into();
    });
    let hop = &r.hops[0];
    assert_eq!(hop.from.rdns.as_deref(), Some("ip-hidden-1.comcast.net"));
    assert_eq!(
        hop.scope_evidence.text,
        format!(
            "from ip-hidden-1.comcast.net ([{}])",
            hop.from.ip.as_deref().unwrap()
        )
    );
    assert!(!format!("{r:?}").contains("73-22-11-4"));
    // Without `ips`, names stay as written.
    let kept = redacted(Redaction::NONE, |r| {
        r.hops[0].from.rdns = Some("c-73-22-11-4.hsd1.ca.comcast.net".into());
    });
    assert_eq!(
        kept.hops[0].from.rdns.as_deref(),
        Some("c-73-22-11-4.hsd1.ca.comcast.net")
    );
}

#[test]
fn the_subject_can_be_hidden() {
    let hidden = Redaction {
        subject: true,
        ..Redaction::NONE
    };
    let r = redacted(hidden, |r| {
        r.message.subject = Some("Payroll for alice@example.com".into())
    });
    assert_eq!(r.message.subject.as_deref(), Some(SUBJECT_HIDDEN));
    assert_eq!(subject(Redaction::NONE, "Payroll"), "Payroll");
}

#[test]
fn default_is_emails_only() {
    assert_eq!(Redaction::default().kinds(), ["email addresses"]);
}

#[test]
fn nothing_changes_without_redaction() {
    let text = "alice@example.com via mx.example.net [192.0.2.1] <id@x.example>";
    assert_eq!(subject(Redaction::NONE, text), text);
}

#[test]
fn mailboxes_lose_their_local_part_and_keep_their_domain_by_default() {
    assert_eq!(
        subject(
            Redaction::default(),
            "Write to alice@example.com, Bob.Smith+tag@Example.COM or alice@EXAMPLE.com."
        ),
        "Write to user-1@example.com, user-2@Example.COM or user-1@EXAMPLE.com."
    );
}

#[test]
fn everything_redacted_mailbox() {
    assert_eq!(
        subject(Redaction::ALL, "alice@mx.example.com"),
        "user-1@host-1.domain-1.example"
    );
}

#[test]
fn the_same_mailbox_gets_the_same_pseudonym_everywhere() {
    let r = redacted(Redaction::default(), |r| {
        r.hops[0].for_ = Some("<bob@example.net>".into());
        r.message.to = Some("Bob <bob@example.net>".into());
        r.message.from = Some("\"alice@example.org\" <alice@example.org>".into());
        r.warnings.push(Warning {
            code: "x".into(),
            severity: Severity::Info,
            message: "Mail for bob@example.net".into(),
            hops: vec![],
        });
    });
    assert_eq!(r.hops[0].for_.as_deref(), Some("<user-1@example.net>"));
    // Display names go; the address is said once.
    assert_eq!(r.message.to.as_deref(), Some("user-1@example.net"));
    assert_eq!(r.message.from.as_deref(), Some("user-2@example.org"));
    assert_eq!(r.warnings[0].message, "Mail for user-1@example.net");
}

#[test]
fn keys_before_mailboxes_stay() {
    assert_eq!(
        subject(
            Redaction::default(),
            "spf=pass smtp.mailfrom=hugo@example.com header.from=example.com \
             (google.com: domain of hugo@example.com designates 198.51.100.101)"
        ),
        "spf=pass smtp.mailfrom=user-1@example.com header.from=example.com \
         (google.com: domain of user-1@example.com designates 198.51.100.101)"
    );
    assert_eq!(
        subject(
            Redaction::ALL,
            "smtp.mailfrom=hugo@example.com header.i=@example.com"
        ),
        "smtp.mailfrom=user-1@domain-1.example header.i=@domain-1.example"
    );
}

#[test]
fn hosts_keep_their_shared_parent() {
    let r = redacted(Redaction::ALL, |r| {
        let hop = &mut r.hops[0];
        hop.by = Some("mx.example.net".into());
        hop.from.helo = Some("relay.example.net".into());
        hop.from.rdns = Some("example.net".into());
        hop.software = Some("MX.Example.Net.".into());
    });
    let hop = &r.hops[0];
    assert_eq!(hop.from.helo.as_deref(), Some("host-1.domain-1.example"));
    assert_eq!(hop.from.rdns.as_deref(), Some("domain-1.example"));
    assert_eq!(hop.by.as_deref(), Some("host-2.domain-1.example"));
    // Case and the trailing dot do not make another host.
    assert_eq!(hop.software.as_deref(), Some("host-2.domain-1.example."));
}

#[test]
fn names_from_structured_fields_are_found_in_text_even_without_a_tld() {
    let r = redacted(Redaction::ALL, |r| {
        let hop = &mut r.hops[0];
        hop.from.helo = Some("pps.filterd".into());
        hop.from.rdns = Some("laptop".into());
        hop.scope_evidence.text = "from pps.filterd (laptop [10.1.2.3]) via x.pps.filterd".into();
    });
    let hop = &r.hops[0];
    assert_eq!(hop.from.helo.as_deref(), Some("domain-1.example"));
    assert_eq!(hop.from.rdns.as_deref(), Some("host-1"));
    assert_eq!(
        hop.scope_evidence.text,
        "from domain-1.example (host-1 [10.0.0.1]) via host-2.domain-1.example"
    );
}

#[test]
fn placeholders_stay() {
    let r = redacted(Redaction::ALL, |r| {
        let hop = &mut r.hops[0];
        hop.from.helo = Some("localhost".into());
        hop.from.rdns = Some("unknown".into());
        hop.from.ip = Some("127.0.0.1".into());
        hop.by = Some("localhost.localdomain".into());
        hop.scope_evidence.text = "from localhost (unknown [127.0.0.1]) [::1]".into();
    });
    let hop = &r.hops[0];
    assert_eq!(hop.from.helo.as_deref(), Some("localhost"));
    assert_eq!(hop.from.rdns.as_deref(), Some("unknown"));
    assert_eq!(hop.from.ip.as_deref(), Some("127.0.0.1"));
    assert_eq!(hop.by.as_deref(), Some("localhost.localdomain"));
    assert_eq!(
        hop.scope_evidence.text,
        "from localhost (unknown [127.0.0.1]) [::1]"
    );
}

#[test]
fn addresses_keep_their_class() {
    let ips = Redaction {
        ips: true,
        ..Redaction::NONE
    };
    assert_eq!(
        subject(
            ips,
            "[10.9.8.7] (172.16.0.1) 100.64.1.1 8.8.8.8 8.8.8.8 169.254.1.1 127.0.0.2 0.0.0.0"
        ),
        "[10.0.0.1] (10.0.0.2) 10.0.0.3 192.0.2.1 192.0.2.1 10.0.0.4 127.0.0.2 0.0.0.0"
    );
    assert_eq!(
        subject(
            ips,
            "(2a00:1450:4864::5) [IPv6:fe80::a1b2:c3d4%12] fc00::9 ::1 ::ffff:8.8.4.4 \
             2A00:1450:4864:0::5."
        ),
        "(2001:db8::1) [IPv6:fd00::1%12] fd00::2 ::1 ::ffff:192.0.2.1 2001:db8::1."
    );
}

#[test]
fn pseudonyms_never_equal_an_original() {
    let ips = Redaction {
        ips: true,
        ..Redaction::NONE
    };
    // 192.0.2.1 is itself an original: 203.0.113.9 must not become it.
    assert_eq!(
        subject(
            ips,
            "203.0.113.9 then 192.0.2.1, 2001:db8::1 and 2001:db8::7"
        ),
        "192.0.2.2 then 192.0.2.3, 2001:db8::2 and 2001:db8::3"
    );
    assert_eq!(
        subject(
            Redaction::ALL,
            "user-1@domain-1.example and bob@example.com"
        ),
        "user-2@domain-2.example and user-3@domain-3.example"
    );
}

#[test]
fn tls_notations_and_version_numbers_are_not_names_or_addresses() {
    let texts = [
        "(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
        "key-exchange X25519MLKEM768 server-signature RSA-PSS (2048 bits) server-digest SHA256",
        "(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8489.25",
        "with mapi id 15.02.1544.004",
        "(TLS1.2:ECDHE_RSA_AES_128_GCM_SHA256:128)",
        "(TLS: TLSv1.3,256bits,TLS_AES_256_GCM_SHA384)",
        "(version=TLSv1.2 cipher=ECDHE-RSA-AES256-GCM-SHA384 bits=256 verify=NOT)",
        "by relay (8.16.0.42/8.16.0.42) with ESMTP id 6596mKqQ019284",
        "(Exim 4.97.1) SSLv3 TLSv1 DHE-RSA-AES128-SHA RC4-MD5",
        "id d75a77b69052e-4f2b7c9a1a2si1234567cf.412.2026.04.08.07.30.12",
        "dkim=pass header.b=kFXlhppo header.s=selector2 header.i header.from dis=NONE",
        "Wed, 8 Apr 2026 14:30:11 +0000; 05:20:40 e.g. i.e. 1.2.3.4.5 v1.2.3.4",
        "TLS 1.2 with ECDHE key exchange and AES-256-GCM: good, with forward secrecy.",
    ];
    for text in texts {
        assert_eq!(subject(Redaction::ALL, text), text);
    }
}

#[test]
fn message_ids_go_whole_or_keep_all_but_their_domain() {
    let edit = |r: &mut Report| {
        r.message.message_id = Some("<CAF=abc+1@mail.example.com>".into());
        r.diagnostics.push(Diagnostic {
            message: "In reply to <CAF=abc+1@mail.example.com>".into(),
            start: 0,
            end: 0,
        });
    };
    let r = redacted(Redaction::ALL, edit);
    assert_eq!(
        r.message.message_id.as_deref(),
        Some("<id-1@redacted.example>")
    );
    assert_eq!(
        r.diagnostics[0].message,
        "In reply to <id-1@redacted.example>"
    );
    // Not a mailbox, so `emails` alone keeps it.
    let r = redacted(Redaction::default(), edit);
    assert_eq!(
        r.message.message_id.as_deref(),
        Some("<CAF=abc+1@mail.example.com>")
    );
    let hostnames = Redaction {
        hostnames: true,
        ..Redaction::NONE
    };
    let r = redacted(hostnames, edit);
    assert_eq!(
        r.message.message_id.as_deref(),
        Some("<CAF=abc+1@host-1.domain-1.example>")
    );
    // An id without `@` goes whole.
    let r = redacted(Redaction::ALL, |r| {
        r.message.message_id = Some("<12345>".into())
    });
    assert_eq!(
        r.message.message_id.as_deref(),
        Some("<id-1@redacted.example>")
    );
}

#[test]
fn logins_are_mailboxes() {
    assert_eq!(
        subject(
            Redaction::default(),
            "(SquirrelMail authenticated user frida) (Authenticated sender: bob@example.org)"
        ),
        "(SquirrelMail authenticated user user-1) (Authenticated sender: user-2@example.org)"
    );
}

#[test]
fn internationalised_names_and_any_text_around_them() {
    assert_eq!(
        subject(
            Redaction::ALL,
            "«mail.bücher.de» — ünïcode — xn--bcher-kva.example"
        ),
        "«host-1.domain-1.example» — ünïcode — domain-2.example"
    );
    // Multi-byte characters next to every kind of value.
    let text = "é192.0.2.1é ✓alice@example.com✓ 🦀mx.example.net🦀 ∷fe80::1∷";
    let out = subject(Redaction::ALL, text);
    assert!(
        !out.contains("example.com") && !out.contains("mx.example.net"),
        "{out}"
    );
}

#[test]
fn verdicts_tls_and_rules_are_never_touched() {
    let before = redacted(Redaction::NONE, |_| {});
    let after = redacted(Redaction::ALL, |_| {});
    for (a, b) in before.hops.iter().zip(&after.hops) {
        assert_eq!(
            (a.verdict, a.scope, a.grade, a.trust),
            (b.verdict, b.scope, b.grade, b.trust)
        );
        assert_eq!(a.tls, b.tls);
        assert_eq!(a.protocol, b.protocol);
        assert_eq!(a.scope_evidence.rule, b.scope_evidence.rule);
    }
    assert_eq!(before.summary.overall, after.summary.overall);
}
