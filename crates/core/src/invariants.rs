//! What every report promises about itself, checked by the fuzz targets, the property tests
//! and the fixture tests. Panics with a message naming the broken promise.

use crate::model::{Report, Verdict, SCHEMA_VERSION};

/// Panics unless `report` (the analysis of `text`) keeps every promise of the model.
#[doc(hidden)]
pub fn check_invariants(text: &str, report: &Report) {
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
            Some(hop.raw.as_str()),
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
                Some(e.text.as_str()),
                "hop {}: evidence {} is the input's text",
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
                hop.evidence.iter().any(|e| e.rule == "plaintext-protocol"),
                "hop {}: plaintext only on a plaintext protocol",
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
            hop.verdict == Verdict::Plaintext && hop.scope != crate::model::Scope::Local,
            "exposed hop {i} is plaintext and not local"
        );
    }
}
