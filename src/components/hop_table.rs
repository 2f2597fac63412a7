//! The route as a dense table, for readers who want every hop on one screen: one row per hop
//! with its verdict, scope, TLS version, cipher, grade, delay and path. Each row carries the
//! same hooks as a card (`id="hop-N"`, `data-hop`, `data-verdict`, `data-scope`), so hop links
//! and tests work in either view. The details (evidence, raw header) stay with the cards.

use hopscope_core::words;
use hopscope_core::{Hop, Report};
use yew::prelude::*;

use super::badges::{grade_badge, post_quantum_badge, scope_badge, trust_badge};
use super::route::hop_icon;
use crate::visible::visible_text;

/// The columns, in order.
const COLUMNS: [&str; 8] = [
    "Hop",
    "Verdict",
    "Scope",
    "Version",
    "Cipher",
    "Grade",
    "Delay",
    "From → by",
];

/// The rows of `hops` (the shown ones) of `report`, with a Policy column when the report was
/// checked against one.
pub fn hop_table(report: &Report, hops: &[Hop]) -> Html {
    let policy = report.policy.is_some();
    html! {
        // Scrolls sideways on a narrow screen; focusable so a keyboard can scroll it too.
        <div class="table-scroll" role="region" aria-labelledby="route-title" tabindex="0">
            <table class="hop-table">
                <thead>
                    <tr>
                        { for COLUMNS.iter().map(|column| html! { <th scope="col">{ *column }</th> }) }
                        if policy { <th scope="col">{ "Policy" }</th> }
                    </tr>
                </thead>
                <tbody>{ for hops.iter().map(|hop| row(report, hop)) }</tbody>
            </table>
        </div>
    }
}

fn row(report: &Report, hop: &Hop) -> Html {
    let policy = crate::policy::hop_outcome(report, hop);
    let verdict = words::verdict_slug(hop.verdict);
    let scope = words::scope_slug(hop.scope);
    let tls = hop.tls.as_ref();
    let cipher = tls.and_then(|t| t.cipher_iana.as_deref().or(t.cipher.as_deref()));
    let delay = match hop.delay_seconds {
        // A minus sign: earlier than the previous hop, the clocks disagree.
        Some(seconds) if seconds < 0 => format!("−{}", words::duration(-seconds)),
        Some(seconds) => format!("+{}", words::duration(seconds)),
        None => NONE.to_owned(),
    };
    html! {
        <tr key={hop.index} id={format!("hop-{}", hop.index)} tabindex="-1"
            class={format!("verdict-{verdict} scope-{scope}")}
            data-hop={hop.index.to_string()} data-verdict={verdict} data-scope={scope}
            data-policy-outcome={policy.map(|p| p.outcome.hook())}>
            <th scope="row">{ hop.index }{ " " }{ trust_badge(hop.trust) }</th>
            <td class="cell-verdict">{ hop_icon(hop) }{ words::verdict_word(hop.verdict) }</td>
            <td>{ scope_badge(hop.scope) }</td>
            <td class="cell-code">{ text_or_none(tls.and_then(|t| t.version.as_deref())) }</td>
            <td class="cell-code">{ text_or_none(cipher) }</td>
            <td>
                if let Some(grade) = hop.grade { { grade_badge(grade) } } else { { NONE } }
                if tls.is_some_and(|t| t.post_quantum) { { " " }{ post_quantum_badge() } }
            </td>
            <td class="cell-delay">{ delay }</td>
            // The core's route words: `sender → receiver`.
            <td class="cell-path">{ visible_text(&words::route(hop)) }</td>
            if let Some(policy) = policy {
                <td class={format!("policy-{}", policy.outcome.hook())} title={policy.reason.clone()}>
                    { policy.outcome.word() }
                </td>
            } else if report.policy.is_some() {
                <td>{ NONE }</td>
            }
        </tr>
    }
}

/// What an empty cell shows: the header does not say.
const NONE: &str = "—";

fn text_or_none(value: Option<&str>) -> Html {
    match value {
        Some(value) if !value.is_empty() => visible_text(value),
        _ => Html::from(NONE),
    }
}
