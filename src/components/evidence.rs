//! The proof: what each rule found, in the core's plain sentences with the header text it read
//! quoted, and the raw header with those spans highlighted (and a legend saying what the two
//! highlights mean). Rule names stay out of sight: they are in the JSON and in `data-rule`
//! attributes for tools, never in text or tooltips.
//!
//! Spans come from the core as input offsets; `crate::highlight` maps them into the raw header
//! safely. A shared report carries no raw header (`raw` is empty): the sentences and their
//! quotes are then the whole proof, and the page says why the header is missing.

use hopscope_core::rules::{self, Describe};
use hopscope_core::{Evidence, Hop};
use yew::prelude::*;

use super::HopRef;
use crate::highlight::{segments, Mark, MarkKind};
use crate::visible::visible_text;

#[derive(Properties, PartialEq)]
pub struct EvidenceViewProps {
    pub hop: HopRef,
}

#[function_component]
pub fn EvidenceView(props: &EvidenceViewProps) -> Html {
    let hop = props.hop.hop();
    html! {
        <div class="evidence">
            if !hop.evidence.is_empty() {
                <h4>{ "Evidence" }</h4>
                <ul class="evidence-list">
                    { for hop.evidence.iter().map(|evidence| html! {
                        <li data-rule={evidence.rule.clone()}>{ evidence_words(evidence, MarkKind::Tls) }</li>
                    }) }
                </ul>
            }
            if hop.raw.is_empty() {
                <p class="raw-missing muted">
                    { "The original header is not part of a shared report." }
                    if !hop.evidence.is_empty() { { " The evidence above quotes the text that was read in it." } }
                </p>
            } else {
                <details class="raw">
                    <summary>{ "Raw header, evidence highlighted" }</summary>
                    <p class="mark-legend">
                        <mark class="mark-tls">{ "Highlighted like this" }</mark>{ ": decided whether the hop was encrypted. " }
                        <mark class="mark-scope">{ "Like this" }</mark>{ ": decided where the hop ran (local, internal or external)." }
                    </p>
                    <pre class="raw-header" translate="no">{ raw_with_marks(hop) }</pre>
                </details>
            }
        </div>
    }
}

/// A piece of what a rule found: the core's words, or the header text it read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'a> {
    Words(&'static str),
    Quote(&'a str),
    /// A quote set apart after a sentence that does not quote (`Describe::Plain`).
    QuoteAfter(&'a str),
}

/// What `words::evidence_sentence` says, in pieces, so the quote can be shown as header text
/// (in full, highlighted like the raw header) rather than cut to a line. A rule this version
/// does not know (from a newer share link) gets a sentence of its own instead of its name.
pub fn evidence_parts<'e>(evidence: &'e Evidence<'_>) -> Vec<Part<'e>> {
    let text: &str = &evidence.text;
    let mut parts = match rules::describe(&evidence.rule) {
        Some(Describe::Quoting(before, after)) => {
            return vec![Part::Words(before), Part::Quote(text), Part::Words(after)]
        }
        Some(Describe::Plain(sentence)) => vec![Part::Words(sentence)],
        None => vec![Part::Words(
            "A rule of a newer version of Hopscope read this text.",
        )],
    };
    if !text.trim().is_empty() {
        parts.push(Part::QuoteAfter(text));
    }
    parts
}

/// A rule's finding as page content; `kind` picks the highlight that matches the raw header.
pub fn evidence_words(evidence: &Evidence, kind: MarkKind) -> Html {
    let class = mark_class(kind);
    evidence_parts(evidence)
        .into_iter()
        .map(|part| match part {
            Part::Words(words) => Html::from(words),
            Part::Quote(text) => quote(text, class, None),
            Part::QuoteAfter(text) => quote(text, class, Some("evidence-quote")),
        })
        .collect()
}

/// Header text in quotation marks, highlighted like the raw header.
fn quote(text: &str, mark: &'static str, block: Option<&'static str>) -> Html {
    html! {
        <span class={block}>{ "“" }<mark class={mark}><code>{ visible_text(text) }</code></mark>{ "”" }</span>
    }
}

fn mark_class(kind: MarkKind) -> &'static str {
    match kind {
        MarkKind::Tls => "mark-tls",
        MarkKind::Scope => "mark-scope",
    }
}

fn raw_with_marks(hop: &Hop) -> Html {
    let scope = &hop.scope_evidence;
    let marks: Vec<Mark<'_>> = hop
        .evidence
        .iter()
        .map(|e| Mark {
            rule: &e.rule,
            start: e.start,
            end: e.end,
            kind: MarkKind::Tls,
        })
        .chain([Mark {
            rule: &scope.rule,
            start: scope.start,
            end: scope.end,
            kind: MarkKind::Scope,
        }])
        .collect();
    segments(&hop.raw, hop.raw_start, &marks)
        .into_iter()
        .map(|segment| match segment.kind {
            None => visible_text(segment.text),
            Some(kind) => {
                // A tooltip in words; the rule names are for tools.
                let title = match kind {
                    MarkKind::Tls => "Decided whether the hop was encrypted",
                    MarkKind::Scope => "Decided where the hop ran",
                };
                html! {
                    <mark class={mark_class(kind)} title={title} data-rule={segment.rules.join(" ")}>
                        { visible_text(segment.text) }
                    </mark>
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use hopscope_core::words::evidence_sentence;

    fn evidence(rule: &str, text: &str) -> Evidence<'static> {
        Evidence {
            rule: rule.to_owned().into(),
            start: 0,
            end: text.len(),
            text: text.to_owned().into(),
        }
    }

    /// The parts joined as the page shows them (quotes in “ ”).
    fn joined(parts: &[Part<'_>]) -> String {
        parts
            .iter()
            .map(|part| match part {
                Part::Words(words) => words.to_string(),
                Part::Quote(text) => format!("“{text}”"),
                Part::QuoteAfter(text) => format!(" “{text}”"),
            })
            .collect()
    }

    #[test]
    fn every_rule_reads_as_the_cores_sentence() {
        for rule in rules::ALL {
            let e = evidence(rule, "with ESMTPS");
            let shown = joined(&evidence_parts(&e));
            let sentence = evidence_sentence(&e);
            match rules::describe(rule).unwrap() {
                Describe::Quoting(..) => assert_eq!(shown, sentence, "{rule}"),
                Describe::Plain(_) => {
                    assert_eq!(shown, format!("{sentence} “with ESMTPS”"), "{rule}")
                }
            }
            assert!(
                !shown.contains(rule),
                "{rule} is named on the page: {shown}"
            );
        }
    }

    #[test]
    fn a_rule_from_a_newer_version_is_not_named() {
        let e = evidence("made-up-rule", "x");
        let shown = joined(&evidence_parts(&e));
        assert!(!shown.contains("made-up-rule"), "{shown}");
        assert!(shown.ends_with("“x”"));
        let empty = evidence("no-tls-statement", "");
        assert_eq!(evidence_parts(&empty).len(), 1, "no empty quote");
    }
}
