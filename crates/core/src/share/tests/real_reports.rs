//! Every fixture and the eight-hop route, shared under every redaction.

use super::*;

// ---------------------------------------------------------------------------------------------
// Real reports

/// Every fixture message of the core's tests, plus the eight-hop route.
pub(super) fn real_inputs() -> Vec<(String, String)> {
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
    Redaction::DEFAULT,
    Redaction {
        ips: true,
        ..Redaction::NONE
    },
    Redaction {
        hostnames: true,
        ..Redaction::NONE
    },
    Redaction {
        message_ids: true,
        ..Redaction::NONE
    },
    Redaction {
        ips: true,
        hostnames: true,
        ..Redaction::DEFAULT
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
        assert_eq!((&*hop.raw, hop.raw_start), ("", 0));
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
pub(super) fn assert_same_findings(a: &Report, b: &Report, context: &str) {
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
