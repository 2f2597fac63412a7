//! The small labels on a hop (Local/Internal/External, Strong/Good/Weak/Broken, Post-quantum,
//! Unverified) and what they mean.
//!
//! Every badge carries its meaning twice: in a `title` for a pointer, and in the legend
//! ("What do these mean?"), a disclosure that opens by touch, keyboard or click and lists the
//! badges this report uses. A `title` alone would be hover-only. The words are the core's
//! (`hopscope_core::words`).

use hopscope_core::words;
use hopscope_core::{Grade, Report, Scope, Trust, Verdict};
use yew::prelude::*;

/// One badge: its classes, its word, and its meaning as a tooltip.
fn badge(class: &'static str, word: &'static str, meaning: &'static str) -> Html {
    html! { <span class={class} title={meaning}>{ word }</span> }
}

fn scope_class(scope: Scope) -> &'static str {
    match scope {
        Scope::Local => "badge scope-badge-local",
        Scope::Internal => "badge scope-badge-internal",
        Scope::External => "badge scope-badge-external",
    }
}

fn grade_class(grade: Grade) -> &'static str {
    match grade {
        Grade::Strong => "badge grade-strong",
        Grade::Good => "badge grade-good",
        Grade::Weak => "badge grade-weak",
        Grade::Broken => "badge grade-broken",
    }
}

fn verdict_class(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Encrypted => "verdict-word verdict-encrypted",
        Verdict::Plaintext => "verdict-word verdict-plaintext",
        Verdict::Unknown => "verdict-word verdict-unknown",
    }
}

const PQ_CLASS: &str = "badge badge-pq";
const UNVERIFIED_CLASS: &str = "badge badge-unverified";

pub fn scope_badge(scope: Scope) -> Html {
    badge(
        scope_class(scope),
        words::scope_word(scope),
        words::scope_meaning(scope),
    )
}

pub fn grade_badge(grade: Grade) -> Html {
    badge(
        grade_class(grade),
        words::grade_word(grade),
        words::grade_meaning(grade),
    )
}

pub fn post_quantum_badge() -> Html {
    badge(PQ_CLASS, words::POST_QUANTUM, words::POST_QUANTUM_MEANING)
}

/// The badge of a hop written before the recipient's servers; nothing for trusted hops.
pub fn trust_badge(trust: Trust) -> Html {
    match words::trust_badge(trust) {
        Some(word) => badge(UNVERIFIED_CLASS, word, words::trust_meaning(trust)),
        None => html! {},
    }
}

/// The legend's rows for `report`: each word or badge its hops use, in the vocabulary's
/// order, as `(classes, word, meaning)`.
pub fn legend_rows(report: &Report) -> Vec<(&'static str, &'static str, &'static str)> {
    let hops = &report.hops;
    let mut rows = Vec::new();
    // A fixed order, filtered by what is used (rather than collected and sorted).
    for v in [Verdict::Encrypted, Verdict::Plaintext, Verdict::Unknown] {
        if hops.iter().any(|h| h.verdict == v) {
            rows.push((
                verdict_class(v),
                words::verdict_word(v),
                words::verdict_meaning(v),
            ));
        }
    }
    for s in [Scope::Local, Scope::Internal, Scope::External] {
        if hops.iter().any(|h| h.scope == s) {
            rows.push((
                scope_class(s),
                words::scope_word(s),
                words::scope_meaning(s),
            ));
        }
    }
    for g in [Grade::Strong, Grade::Good, Grade::Weak, Grade::Broken] {
        if hops.iter().any(|h| h.grade == Some(g)) {
            rows.push((
                grade_class(g),
                words::grade_word(g),
                words::grade_meaning(g),
            ));
        }
    }
    if hops
        .iter()
        .any(|h| h.tls.as_ref().is_some_and(|tls| tls.post_quantum))
    {
        rows.push((PQ_CLASS, words::POST_QUANTUM, words::POST_QUANTUM_MEANING));
    }
    let unverified = Trust::Unverified;
    if let (true, Some(word)) = (
        hops.iter().any(|h| h.trust == unverified),
        words::trust_badge(unverified),
    ) {
        rows.push((UNVERIFIED_CLASS, word, words::trust_meaning(unverified)));
    }
    rows
}

/// "What do these mean?": the words and badges of this report, each with its meaning.
pub fn legend(report: &Report) -> Html {
    html! {
        <details class="legend" data-legend="">
            <summary>{ "What do these mean?" }</summary>
            <dl class="legend-list">
                { for legend_rows(report).into_iter().map(|(class, word, meaning)| html! {
                    <><dt><span class={class}>{ word }</span></dt><dd>{ meaning }</dd></>
                }) }
            </dl>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_lists_what_the_report_uses_once_in_order() {
        let report = hopscope_core::analyze(include_str!("../../tests/e2e/inputs/mixed-chain.txt"));
        let words: Vec<&str> = legend_rows(&report).iter().map(|row| row.1).collect();
        assert_eq!(
            words,
            [
                "Encrypted",
                "Not encrypted",
                "Not stated",
                "Local",
                "Internal",
                "External",
                "Strong",
                "Post-quantum",
                "Unverified"
            ]
        );
        for (_, word, meaning) in legend_rows(&report) {
            assert!(meaning.ends_with('.'), "{word}: {meaning}");
        }
        assert!(legend_rows(&hopscope_core::analyze("")).is_empty());
    }
}
