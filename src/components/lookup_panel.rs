//! The opt-in lookups: for the recipient's and the sender's domain, a button that looks up the
//! TLS policies the domain publishes now (MTA-STS, DANE, TLS-RPT), asking the DNS-over-HTTPS
//! service chosen in the select; then what was found, item by item, and what it means.
//!
//! Nothing is sent before a click, and then only DNS names of that domain. Everything shown
//! was worded by the engine and comes partly from DNS answers: it is rendered as text only.
//!
//! Hooks: `select[data-lookup-resolver]` (values `google`, `cloudflare`),
//! `[data-action="lookup"][data-domain]` (one per domain), `[data-lookup][data-state]`
//! (`running`, `done`, `error`), `[data-lookup-item][data-status]` (per item: `found` or why
//! not, e.g. `not_published`, `timeout`, `servfail`, `malformed`) and
//! `[data-lookup-finding][data-tone]` (the finding's slug; `good`, `neutral`, `warning`).

use std::rc::Rc;

use yew::prelude::*;

use crate::browser;
use crate::lookup::{LookupState, LookupTargets, RESOLVERS, ROLES};
use crate::visible::visible_text;

#[derive(Properties, PartialEq)]
pub struct LookupPanelProps {
    pub targets: Rc<LookupTargets>,
    pub lookups: [Option<LookupState>; 2],
    pub resolver: &'static str,
    pub on_resolver: Callback<&'static str>,
    /// Looks up the domain of this role (0: recipient, 1: sender).
    pub on_lookup: Callback<usize>,
}

#[function_component]
pub fn LookupPanel(props: &LookupPanelProps) -> Html {
    let on_resolver = props.on_resolver.reform(|event: Event| {
        let value = browser::selected_value(&event);
        RESOLVERS
            .iter()
            .find(|(name, _)| *name == value)
            .map_or(RESOLVERS[0].0, |(name, _)| name)
    });
    let domains = props.targets.targets.iter().enumerate().filter_map(|(role, target)| {
        let (domain, found_in) = target.as_ref()?;
        let state = props.lookups[role].as_ref();
        let onclick = props.on_lookup.reform(move |_: MouseEvent| role);
        Some(html! {
            <div class="lookup-domain" data-lookup-role={ROLES[role]}>
                <button type="button" data-action="lookup" data-domain={domain.clone()}
                    disabled={state == Some(&LookupState::Running)} {onclick}>
                    { "Look up the TLS policies of " }{ visible_text(domain) }
                </button>
                <p class="help">
                    { ["The recipient's", "The sender's"][role] }{ " domain, from " }{ visible_text(found_in) }
                    { ". Sends only this domain name to the DNS resolver you choose." }
                </p>
                { for state.map(shown) }
            </div>
        })
    });
    html! {
        <section id="lookup" class="panel lookup" aria-labelledby="lookup-title">
            <h2 id="lookup-title">{ "Look up the domains' TLS policies" }</h2>
            <p class="help">
                { "The headers show whether each hop was encrypted, not whether it had to be. DNS \
                   can tell what a domain asks of senders now (MTA-STS, DANE, TLS-RPT). Nothing \
                   is looked up until you click." }
            </p>
            <p class="policy-pick">
                <label for="lookup-resolver">{ "DNS resolver " }</label>
                <select id="lookup-resolver" data-lookup-resolver="" onchange={on_resolver}>
                    { for RESOLVERS.iter().map(|&(value, label)| html! {
                        <option {value} selected={props.resolver == value}>{ label }</option>
                    }) }
                </select>
            </p>
            { for domains }
        </section>
    }
}

/// One lookup: running, failed, or what it found.
fn shown(state: &LookupState) -> Html {
    let (slug, body) = match state {
        LookupState::Running => ("running", html! { <p>{ "Looking up…" }</p> }),
        LookupState::Failed(message) => (
            "error",
            html! { <p class="error">{ visible_text(message) }</p> },
        ),
        LookupState::Done(result) => (
            "done",
            html! {
                <>
                    <p>{ visible_text(&result.heading) }</p>
                    <ul class="lookup-items">
                        { for result.items.iter().map(|[status, label, text]| html! {
                            <li data-lookup-item="" data-status={status.clone()}>
                                <strong>{ visible_text(label) }</strong>{ ": " }{ visible_text(text) }
                            </li>
                        }) }
                    </ul>
                    <ul>
                        { for result.findings.iter().map(|[tone, slug, text]| html! {
                            <li data-lookup-finding={slug.clone()} data-tone={tone.clone()}>{ visible_text(text) }</li>
                        }) }
                    </ul>
                    <p class="help">{ visible_text(&result.note) }{ " Asked " }{ visible_text(&result.resolver) }{ "." }</p>
                </>
            },
        ),
    };
    html! {
        <div class="lookup-result" data-lookup="" data-state={slug} aria-live="polite">{ body }</div>
    }
}
