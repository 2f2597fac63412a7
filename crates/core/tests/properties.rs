//! Property tests of the analysis (the share-link properties live in `src/share/tests.rs`):
//! it never panics, it is deterministic, every report keeps its invariants, and there is one
//! hop per Received header.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;

/// Pieces that real Received headers are made of, so generated text reaches deep into the
/// grammar and the dialect scanners instead of stopping at "not a header".
const PIECES: &[&str] = &[
    "from ", "by ", "with ", "via ", "id ", "for ", "tls ", "; ", "ESMTPS ", "ESMTP ", "SMTP ", "LMTP ",
    "mail.example.org ", "[192.0.2.1] ", "[IPv6:2001:db8::1] ", "(localhost [127.0.0.1]) ", "helo=x ",
    "(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519MLKEM768) ",
    "(version=TLS1_2 cipher=ECDHE-RSA-AES256-GCM-SHA384 bits=256 verify=NOT) ", "(TLS1.3) ",
    "(TLSv1.2:ECDHE-RSA-AES128-GCM-SHA256:128:NO) ", "(TLS) ", "over TLS secured channel ",
    "Microsoft SMTP Server ", "(Google Transport Security) ", "ESMTP/TLS/AES256-SHA ", "encrypted ",
    "(cipher=TLS_AES_128_GCM_SHA256) ", "with STARTTLS ", "ESMTP-TLS ", "(TLS: TLS1.3,256bits,X) ",
    "(Postfix, from userid 1000) ", "(qmail 1 invoked by uid 2) ", "Sun, 22 Nov 2026 05:20:40 +0000",
    "(", ")", "[", "]", "<", ">", "\"", "\r\n\t", "\n ", "\u{202E}", "é", "\0",
];

fn received_value() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_text_gives_a_consistent_report(text in any::<String>()) {
        let report = hopscope_core::analyze(&text);
        hopscope_core::check_invariants(&text, &report);
        prop_assert_eq!(&report, &hopscope_core::analyze(&text), "deterministic");
    }

    #[test]
    fn header_shaped_text_gives_a_consistent_report(values in prop::collection::vec(received_value(), 0..12)) {
        let text: String = values.iter().map(|v| format!("Received: {v}\n")).collect();
        let report = hopscope_core::analyze(&text);
        hopscope_core::check_invariants(&text, &report);
    }

    #[test]
    fn one_hop_per_received_header(fields in prop::collection::vec((any::<bool>(), "[ -~]{0,60}"), 1..30)) {
        // Single-line values; a field is a Received header or another one.
        let mut text = String::new();
        let mut received = 0;
        for (is_received, value) in &fields {
            if *is_received {
                received += 1;
                text.push_str("Received: ");
            } else {
                text.push_str("X-Other: ");
            }
            text.push_str(value);
            text.push_str("\r\n");
        }
        let report = hopscope_core::analyze(&text);
        prop_assert_eq!(report.hops.len(), received);
        hopscope_core::check_invariants(&text, &report);
    }
}
