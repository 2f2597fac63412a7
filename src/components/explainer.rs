//! "What does this mean?": the few ideas a reader needs to judge the report.

use yew::prelude::*;

/// The explainer's sections: a heading and a paragraph each. A table rendered in one loop,
/// rather than written out as markup: every element written out in `html!` is code in the
/// page's WebAssembly, and this is prose.
const SECTIONS: &[(&str, &str)] = &[
    (
        "Encryption happens hop by hop, not end to end",
        "An email is handed from server to server, and each handover is a separate connection. \
         TLS protects one connection at a time: the message is readable on every server it passes \
         through, and each hop can be encrypted or not independently of the others. A fully green \
         route means nobody on the network between servers could read it, not that the servers \
         themselves could not.",
    ),
    hopscope_core::words::ENFORCED_TLS,
    (
        "Why “not stated” is not “not encrypted”",
        "Each server writes its own Received line, and many do not record whether TLS was used: a \
         plain “with SMTP”, a local delivery step, or an internal tool may say nothing either way. \
         Hopscope only calls a hop unencrypted when its line positively names a protocol without TLS \
         and nothing in it says otherwise. Lines written before the message reached the \
         recipient's own servers cannot be verified at all.",
    ),
    (
        "MTA-STS (RFC 8461)",
        "MTA Strict Transport Security lets a receiving domain publish, over HTTPS and DNS, that its \
         mail servers support TLS with valid certificates. Sending servers that honour the policy \
         refuse to deliver over plaintext or to a server with a bad certificate, which turns \
         opportunistic TLS into enforced TLS for that domain. Failures can be reported to the \
         domain with TLS reporting (RFC 8460).",
    ),
    (
        "DANE for SMTP (RFC 7672)",
        "DANE publishes the receiving server's certificate or key in DNS (TLSA records) protected by \
         DNSSEC. A sending server that supports DANE must use TLS and must see exactly that \
         certificate, so a downgrade or an impostor server is detected without trusting any \
         certificate authority.",
    ),
];

#[function_component]
pub fn Explainer() -> Html {
    html! {
        <section id="explainer" class="panel explainer" aria-labelledby="explainer-title">
            <h2 id="explainer-title">{ "What does this mean?" }</h2>
            { for SECTIONS.iter().map(|(heading, text)| html! { <><h3>{ *heading }</h3><p>{ *text }</p></> }) }
        </section>
    }
}
