//! The proof: each rule that fired with the text it read, and the raw header with those spans
//! highlighted. Spans come from the core as input offsets; `crate::highlight` maps them into
//! the raw header safely. A shared report carries no raw header (`raw` is empty): the rules and
//! their texts are then the whole proof, and the page says why the header is missing.

use hopscope_core::Hop;
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
                        <li>
                            <span class="rule">{ visible_text(&evidence.rule) }</span>{ ": " }
                            <mark class="mark-tls"><code>{ visible_text(&evidence.text) }</code></mark>
                        </li>
                    }) }
                </ul>
            }
            if hop.raw.is_empty() {
                <p class="raw-missing muted">
                    { "The original header is not part of a shared report." }
                    if !hop.evidence.is_empty() { { " The evidence above is the text the rules read in it." } }
                </p>
            } else {
                <details class="raw">
                    <summary>{ "Raw header, evidence highlighted" }</summary>
                    <pre class="raw-header" translate="no">{ raw_with_marks(hop) }</pre>
                </details>
            }
        </div>
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
                let class = match kind {
                    MarkKind::Tls => "mark-tls",
                    MarkKind::Scope => "mark-scope",
                };
                html! { <mark class={class} title={segment.rules.join(", ")}>{ visible_text(segment.text) }</mark> }
            }
        })
        .collect()
}
