//! What every report promises about itself, checked by the fuzz targets, the property tests
//! and the fixture tests. Panics with a message naming the broken promise.

use crate::model::{Overall, Report, Scope, Verdict, SCHEMA_VERSION};

/// Panics unless `report` (the analysis of `text`) keeps every promise of the model.
#[doc(hidden)]
pub fn check_invariants(text: &str, report: &Report) {
    // A report about a message found inside the input refers to that message's text.
    let text = &*crate::part_text(text, report.part);
    assert_eq!(report.schema, SCHEMA_VERSION);
    let s = &report.summary;
    assert_eq!(
        s.hops as usize,
        report.hops.len(),
        "summary.hops counts the hops"
    );
    assert_eq!(
        s.encrypted + s.plaintext + s.unknown,
        s.hops,
        "every hop has one verdict"
    );
    let mut previous_ts: Option<i64> = None;
    for (i, hop) in report.hops.iter().enumerate() {
        assert_eq!(hop.index as usize, i + 1, "hops are numbered 1.. in order");
        assert_eq!(
            text.get(hop.raw_start..hop.raw_start + hop.raw.len()),
            Some(&*hop.raw),
            "hop {}: raw is the input",
            hop.index
        );
        for e in hop
            .evidence
            .iter()
            .chain(std::iter::once(&hop.scope_evidence))
        {
            assert!(
                e.start <= e.end && e.end <= text.len(),
                "hop {}: span {}..{} inside the input",
                hop.index,
                e.start,
                e.end
            );
            assert_eq!(
                text.get(e.start..e.end),
                Some(&*e.text),
                "hop {}: evidence {} is the input's text",
                hop.index,
                e.rule
            );
            assert!(
                crate::rules::describe(&e.rule).is_some(),
                "hop {}: rule {} is listed in rules.rs",
                hop.index,
                e.rule
            );
        }
        assert!(
            !hop.evidence.is_empty(),
            "hop {}: every verdict carries evidence",
            hop.index
        );
        assert_eq!(
            hop.verdict == Verdict::Encrypted,
            hop.tls.is_some(),
            "hop {}: TLS details exactly when encrypted",
            hop.index
        );
        assert_eq!(
            hop.grade.is_some(),
            hop.grade_reason.is_some(),
            "hop {}: a grade comes with its reason",
            hop.index
        );
        if hop.verdict == Verdict::Plaintext {
            assert!(
                hop.evidence
                    .iter()
                    .any(|e| e.rule == crate::rules::PLAINTEXT_PROTOCOL),
                "hop {}: plaintext only on a plaintext protocol",
                hop.index
            );
            assert!(
                hop.from != crate::model::Endpoint::default(),
                "hop {}: plaintext only where a sender is recorded",
                hop.index
            );
        }
        if let Some(ts) = hop.timestamp {
            assert_eq!(
                hop.delay_seconds,
                previous_ts.map(|p| ts.saturating_sub(p)),
                "hop {}: delay from the previous dated hop",
                hop.index
            );
            previous_ts = Some(ts);
        } else {
            assert_eq!(hop.delay_seconds, None);
        }
    }
    for i in &s.exposed_hops {
        let hop = &report.hops[*i as usize - 1];
        assert!(
            hop.verdict == Verdict::Plaintext && hop.scope != Scope::Local,
            "exposed hop {i} is plaintext and not local"
        );
    }
    // What a person reads: the counts shown add up, and the overall state is exactly as
    // strong as the hops.
    let shown: u32 = crate::words::hop_counts(&report.hops)
        .iter()
        .map(|(_, n)| n)
        .sum();
    assert_eq!(shown, s.hops, "the counts shown add up to the hop count");
    let network = |v: Verdict| {
        report
            .hops
            .iter()
            .any(|h| h.scope != Scope::Local && h.verdict == v)
    };
    let judged_unknown = report
        .hops
        .iter()
        .any(|h| h.scope != Scope::Local && h.verdict == Verdict::Unknown && !h.is_handoff());
    match s.overall {
        Overall::NoHops => assert!(report.hops.is_empty(), "no_hops only without hops"),
        Overall::LocalOnly => assert!(
            !report.hops.is_empty() && report.hops.iter().all(|h| h.scope == Scope::Local),
            "local_only exactly when every hop is local"
        ),
        Overall::AllEncrypted => assert!(
            network(Verdict::Encrypted) && !network(Verdict::Plaintext) && !judged_unknown,
            "all_encrypted: something was encrypted, nothing plaintext or unstated between servers"
        ),
        Overall::Exposed => assert!(
            report
                .hops
                .iter()
                .any(|h| h.scope == Scope::External && h.verdict == Verdict::Plaintext),
            "exposed: a plaintext external hop"
        ),
        Overall::PlaintextInternal => assert!(
            network(Verdict::Plaintext)
                && !report
                    .hops
                    .iter()
                    .any(|h| h.scope == Scope::External && h.verdict == Verdict::Plaintext),
            "plaintext_internal: plaintext, none of it external"
        ),
        Overall::Incomplete => assert!(
            !network(Verdict::Plaintext) && (judged_unknown || !network(Verdict::Encrypted)),
            "incomplete: nothing plaintext, something unstated"
        ),
    }
    if let Some(w) = &s.weakest {
        let hop = &report.hops[w.hop as usize - 1];
        assert_eq!(
            hop.verdict,
            Verdict::Encrypted,
            "the weakest hop named is encrypted"
        );
    }
}
