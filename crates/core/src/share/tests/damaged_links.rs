//! Links cut, altered, wrapped, quoted, oversized or made of the wrong data.

use super::*;

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
pub(super) fn wrap(bytes: &[u8]) -> String {
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
    report.hops[1].from.helo = Some(strings[0].clone().into());
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
