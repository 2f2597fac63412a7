//! The route: hops oldest first as a vertical timeline. Each `<li>` carries the stable test
//! hooks `data-hop`, `data-verdict` and `data-scope`. Long chains are shown a page at a time so
//! a pathological input (thousands of Received lines) cannot freeze the page.

use std::rc::Rc;

use hopscope_core::{Hop, Report, Scope, Trust, Verdict};
use yew::prelude::*;

use super::hop_card::HopCard;
use super::icons::verdict_icon;
use super::HopRef;
use crate::format::{self, DELAY_BAR_WIDTH};
use crate::state::HOPS_PER_PAGE;
use crate::visible::visible_text;
use hopscope_core::words;

#[derive(Properties, PartialEq)]
pub struct RouteProps {
    pub report: Rc<Report>,
    pub shown: usize,
    pub on_show_more: Callback<()>,
}

#[function_component]
pub fn Route(props: &RouteProps) -> Html {
    let hops = &props.report.hops;
    let shown = props.shown.min(hops.len());
    let hidden = hops.len() - shown;
    html! {
        <section id="route" class="panel route" aria-labelledby="route-title">
            <h2 id="route-title">{ "Route, oldest hop first" }</h2>
            <ol class="timeline">
                { for (0..shown).map(|position| hop_item(HopRef { report: Rc::clone(&props.report), position })) }
            </ol>
            if hidden > 0 {
                <p class="show-more">
                    <button id="show-more" type="button" class="button" onclick={props.on_show_more.reform(|_| ())}>
                        { format!("Show {} more hops", hidden.min(HOPS_PER_PAGE)) }
                    </button>
                    { format!(" {hidden} not shown yet.") }
                </p>
            }
            if let Some(seconds) = props.report.summary.transit_seconds {
                <p class="transit">{ format!("Total transit time: {}", words::duration(seconds)) }</p>
            }
        </section>
    }
}

fn hop_item(hop_ref: HopRef) -> Html {
    let hop = hop_ref.hop();
    let verdict = words::verdict_slug(hop.verdict);
    let scope = words::scope_slug(hop.scope);
    html! {
        <li key={hop.index} id={format!("hop-{}", hop.index)}
            class={classes!("hop", format!("verdict-{verdict}"), format!("scope-{scope}"))}
            data-hop={hop.index.to_string()} data-verdict={verdict} data-scope={scope}>
            <div class="hop-marker">{ verdict_icon(hop.verdict) }</div>
            <div class="hop-body">
                <h3 class="hop-title">
                    <span class="hop-number">{ format!("Hop {}", hop.index) }</span>
                    <span class="verdict-word">{ words::verdict_word(hop.verdict) }</span>
                    if hop.verdict == Verdict::Plaintext && hop.scope == Scope::Local {
                        <span class="verdict-note">{ "(stayed on one machine)" }</span>
                    }
                    <span class={classes!("badge", format!("scope-badge-{scope}"))}>{ words::scope_word(hop.scope) }</span>
                    if let Some(grade) = hop.grade {
                        <span class={classes!("badge", format!("grade-{}", words::grade_slug(grade)))}>
                            { words::grade_word(grade) }
                        </span>
                    }
                    if hop.tls.as_ref().is_some_and(|tls| tls.post_quantum) {
                        <span class="badge badge-pq">{ "Post-quantum" }</span>
                    }
                    if hop.trust == Trust::Unverified {
                        <span class="badge badge-unverified">{ "Unverified" }</span>
                    }
                </h3>
                { path(hop) }
                { timing(hop) }
                <HopCard hop={hop_ref.clone()} />
            </div>
        </li>
    }
}

fn path(hop: &Hop) -> Html {
    html! {
        <p class="hop-path">
            <span class="host">{ visible_text(&words::endpoint(&hop.from).unwrap_or_else(|| words::SENDER_NOT_RECORDED.to_owned())) }</span>
            <span class="arrow" aria-hidden="true">{ " → " }</span>
            <span class="visually-hidden">{ " to " }</span>
            <span class="host">{ visible_text(hop.by.as_deref().unwrap_or("(receiver not named)")) }</span>
        </p>
    }
}

fn timing(hop: &Hop) -> Html {
    let when = match &hop.date {
        // From a share link, a date is any text the link holds: shown like header text.
        Some(date) => {
            html! { <time datetime={date.clone()}>{ visible_text(&format::utc_time(date)) }</time> }
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
