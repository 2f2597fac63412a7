//! A hop's details, opened on demand: what was negotiated, how strong it is, why the hop has its
//! scope, and the header text that proves it.

use hopscope_core::words;
use hopscope_core::{Hop, Tls};
use yew::prelude::*;

use super::badges::{grade_badge, post_quantum_badge};
use super::evidence::{evidence_words, EvidenceView};
use super::HopRef;
use crate::highlight::MarkKind;
use crate::visible::visible_text;

#[derive(Properties, PartialEq)]
pub struct HopCardProps {
    pub hop: HopRef,
}

#[function_component]
pub fn HopCard(props: &HopCardProps) -> Html {
    let hop = props.hop.hop();
    html! {
        <details class="hop-details">
            <summary>{ format!("Details of hop {}", hop.index) }</summary>
            <p class="verdict-meaning">{ words::verdict_meaning(hop.verdict) }</p>
            <dl class="facts">
                { fact("Protocol", hop.protocol.as_deref()) }
                { fact("Software", hop.software.as_deref()) }
                { fact("Via", hop.via.as_deref()) }
                if let Some(tls) = &hop.tls { { tls_facts(tls) } }
                if let Some(grade) = hop.grade {
                    <dt>{ "Strength" }</dt>
                    <dd>
                        { grade_badge(grade) }
                        if let Some(reason) = &hop.grade_reason { { " " }{ visible_text(reason) } }
                    </dd>
                }
                <dt>{ "Scope" }</dt>
                <dd>
                    { format!("{}. {}", words::scope_word(hop.scope), words::scope_meaning(hop.scope)) }
                    if !hop.scope_evidence.rule.is_empty() {
                        <span class="scope-why" data-rule={hop.scope_evidence.rule.clone()}>
                            { evidence_words(&hop.scope_evidence, MarkKind::Scope) }
                        </span>
                    }
                </dd>
                <dt>{ "Recorded by" }</dt>
                <dd>{ words::trust_meaning(hop.trust) }</dd>
                { sender_facts(hop) }
                { fact("Queue id", hop.id.as_deref()) }
                { fact("For", hop.for_.as_deref()) }
            </dl>
            if !hop.diagnostics.is_empty() {
                <div class="hop-diagnostics">
                    <h4>{ "Could not read" }</h4>
                    <ul>{ for hop.diagnostics.iter().map(|d| html! { <li>{ visible_text(d) }</li> }) }</ul>
                </div>
            }
            <EvidenceView hop={props.hop.clone()} />
        </details>
    }
}

fn tls_facts(tls: &Tls) -> Html {
    let iana = tls
        .cipher_iana
        .as_deref()
        .filter(|iana| Some(*iana) != tls.cipher.as_deref());
    html! {
        <>
            { fact("TLS version", tls.version.as_deref()) }
            { fact("Cipher (as written)", tls.cipher.as_deref()) }
            { fact("Cipher (IANA name)", iana) }
            { fact("Key bits", tls.bits.map(|bits| bits.to_string()).as_deref()) }
            if let Some(group) = &tls.key_exchange {
                <dt>{ "Key exchange" }</dt>
                <dd>
                    <code>{ visible_text(group) }</code>
                    if tls.post_quantum {
                        <p class="pq-note">
                            { post_quantum_badge() }{ " " }{ words::POST_QUANTUM_MEANING }
                        </p>
                    }
                </dd>
            }
            if let Some(check) = tls.peer_certificate {
                <dt>{ "Sender's certificate" }</dt>
                <dd>{ words::cert_word(check) }</dd>
            }
        </>
    }
}

fn sender_facts(hop: &Hop) -> Html {
    html! {
        <>
            { fact("Sender's own name (HELO)", hop.from.helo.as_deref()) }
            { fact("Sender's reverse DNS", hop.from.rdns.as_deref()) }
            { fact("Sender's address", hop.from.ip.as_deref()) }
            { fact("Receiving server", hop.by.as_deref()) }
        </>
    }
}

/// One `<dt>`/`<dd>` pair of header-derived text, left out when the header does not say.
fn fact(term: &'static str, value: Option<&str>) -> Html {
    match value {
        Some(value) if !value.is_empty() => html! {
            <><dt>{ term }</dt><dd><code>{ visible_text(value) }</code></dd></>
        },
        _ => html! {},
    }
}
