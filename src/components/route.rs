//! The route: hops oldest first, as a timeline of cards or as a dense table (one row per hop),
//! with a switch between the two and a legend of the badges.
//!
//! With a policy, each hop's answer is shown on it and in `data-policy-outcome` (`pass`,
//! `fail`, `cannot-tell`, `not-judged`).
//!
//! Only the chosen view is rendered, so the stable test hooks `data-hop`, `data-verdict` and
//! `data-scope` (on each card's `<li>`, or each table row) select exactly one element per hop
//! whichever view is shown. Long chains are shown a page at a time so a pathological input
//! (thousands of Received lines) cannot freeze the page.

use std::rc::Rc;

use hopscope_core::words::{self, Tone};
use hopscope_core::{Hop, Scope, Verdict};
use yew::prelude::*;

use super::badges::{self, grade_badge, post_quantum_badge, scope_badge, trust_badge};
use super::evidence::evidence_words;
use super::hop_card::HopCard;
use super::hop_table::hop_table;
use super::icons::{tone_icon, verdict_icon};
use super::{HopRef, ReportRef};
use crate::format::{self, DELAY_BAR_WIDTH};
use crate::highlight::MarkKind;
use crate::state::{View, HOPS_PER_PAGE};
use crate::visible::visible_text;

#[derive(Properties, PartialEq)]
pub struct RouteProps {
    pub report: ReportRef,
    pub shown: usize,
    pub view: View,
    pub on_view: Callback<View>,
    pub on_show_more: Callback<()>,
}

#[function_component]
pub fn Route(props: &RouteProps) -> Html {
    let report = &props.report;
    let hops = &report.hops;
    let shown = props.shown.min(hops.len());
    let hidden = hops.len() - shown;
    let switch = |view: View, label: &'static str| {
        let pressed = props.view == view;
        html! {
            <button type="button" class="button button-small" data-action={format!("view-{}", view.slug())}
                data-view={view.slug()} aria-pressed={if pressed { "true" } else { "false" }}
                onclick={props.on_view.reform(move |_| view)}>
                { label }
            </button>
        }
    };
    html! {
        <section id="route" class={classes!("panel", "route", format!("route-{}", props.view.slug()))}
            aria-labelledby="route-title">
            <div class="route-head">
                <h2 id="route-title">{ "Route, oldest hop first" }</h2>
                <div class="view-switch" role="group" aria-label="Show the route as">
                    { switch(View::Cards, "Cards") }
                    { switch(View::Table, "Table") }
                </div>
            </div>
            { badges::legend(report) }
            if props.view == View::Table {
                { hop_table(report, &hops[..shown]) }
            } else {
                <ol class="timeline">
                    { for (0..shown).map(|position| hop_item(HopRef { report: Rc::clone(&report.0), position })) }
                </ol>
            }
            if hidden > 0 {
                <p class="show-more">
                    <button id="show-more" type="button" class="button" onclick={props.on_show_more.reform(|_| ())}>
                        { format!("Show {} more hops", hidden.min(HOPS_PER_PAGE)) }
                    </button>
                    { format!(" {hidden} not shown yet.") }
                </p>
            }
            if let Some(seconds) = report.summary.transit_seconds {
                <p class="transit">{ format!("Total transit time: {}", words::duration(seconds)) }</p>
            }
        </section>
    }
}

/// A hop's marker: its lock, or, for a hop that stayed inside one machine without TLS, the
/// neutral machine (no lock, no alarm: nothing crossed a network).
pub fn hop_icon(hop: &Hop) -> Html {
    if hop.scope == Scope::Local && hop.verdict != Verdict::Encrypted {
        tone_icon(Tone::Neutral)
    } else {
        verdict_icon(hop.verdict)
    }
}

fn hop_item(hop_ref: HopRef) -> Html {
    let hop = hop_ref.hop();
    let verdict = words::verdict_slug(hop.verdict);
    let scope = words::scope_slug(hop.scope);
    let policy = crate::policy::hop_outcome(&hop_ref.report, hop);
    html! {
        <li key={hop.index} id={format!("hop-{}", hop.index)} tabindex="-1"
            class={classes!("hop", format!("verdict-{verdict}"), format!("scope-{scope}"))}
            data-hop={hop.index.to_string()} data-verdict={verdict} data-scope={scope}
            data-policy-outcome={policy.map(|p| p.outcome.hook())}>
            <div class="hop-marker">{ hop_icon(hop) }</div>
            <div class="hop-body">
                <h3 class="hop-title">
                    <span class="hop-number">{ format!("Hop {}", hop.index) }</span>
                    <span class="verdict-word">{ words::verdict_word(hop.verdict) }</span>
                    if hop.verdict != Verdict::Encrypted && hop.scope == Scope::Local {
                        <span class="verdict-note">{ "(stayed on one machine)" }</span>
                    }
                    { scope_badge(hop.scope) }
                    if let Some(grade) = hop.grade { { grade_badge(grade) } }
                    if hop.tls.as_ref().is_some_and(|tls| tls.post_quantum) { { post_quantum_badge() } }
                    { trust_badge(hop.trust) }
                </h3>
                { path(hop) }
                // A hand-off names no sender: say what the line is, not only "Not stated".
                if hop.is_handoff() {
                    if let Some(evidence) = hop.evidence.first() {
                        <p class="hop-note">{ evidence_words(evidence, MarkKind::Tls) }</p>
                    }
                }
                if let Some(policy) = policy {
                    <p class={classes!("hop-policy", format!("policy-{}", policy.outcome.hook()))}>
                        { format!("Policy: {}. ", policy.outcome.word()) }{ visible_text(&policy.reason) }
                    </p>
                }
                { timing(hop) }
                <HopCard hop={hop_ref.clone()} />
            </div>
        </li>
    }
}

/// `sender → receiver`, in the core's words (`words::route`), as in every rendering.
fn path(hop: &Hop) -> Html {
    html! { <p class="hop-path host">{ visible_text(&words::route(hop)) }</p> }
}

fn timing(hop: &Hop) -> Html {
    let when = match &hop.date {
        // From a share link, a date is any text the link holds: shown like header text.
        Some(date) => {
            html! { <time datetime={date.to_string()}>{ visible_text(&format::utc_time(date)) }</time> }
        }
        None => html! { <span class="muted">{ "no date" }</span> },
    };
    let delay = match hop.delay_seconds {
        Some(seconds) if seconds < 0 => html! {
            <span class="delay delay-negative">{ format!("{} before the previous hop (clocks disagree)", words::duration(-seconds)) }</span>
        },
        Some(seconds) => html! {
            <span class="delay">
                { delay_bar(seconds) }
                { format!("+{}", words::duration(seconds)) }
                <span class="visually-hidden">{ " after the previous hop" }</span>
            </span>
        },
        None => html! {},
    };
    html! { <p class="hop-time">{ when }{ delay }</p> }
}

fn delay_bar(seconds: i64) -> Html {
    let full = DELAY_BAR_WIDTH.to_string();
    html! {
        <svg class="delay-bar" viewBox={format!("0 0 {full} 6")} width={full.clone()} height="6"
            aria-hidden="true" focusable="false">
            <rect class="delay-track" x="0" y="0" width={full} height="6" rx="3" />
            <rect class="delay-fill" x="0" y="0" width={format::delay_bar_width(seconds).to_string()} height="6" rx="3" />
        </svg>
    }
}
