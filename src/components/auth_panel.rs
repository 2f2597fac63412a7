//! Authentication-Results: who vouched for the sender (SPF, DKIM, DMARC, ARC). Shown because
//! people ask, but kept apart from the TLS verdicts: authentication is about who sent a
//! message, not about whether it travelled encrypted.

use hopscope_core::{words, AuthResult, Authentication};
use yew::prelude::*;

use crate::visible::visible_text;

#[derive(Properties, PartialEq)]
pub struct AuthPanelProps {
    pub authentication: Authentication,
}

#[function_component]
pub fn AuthPanel(props: &AuthPanelProps) -> Html {
    let auth = &props.authentication;
    if auth.results.is_empty() && auth.arc_sets == 0 {
        return html! {};
    }
    html! {
        <section id="auth" class="panel auth" aria-labelledby="auth-title">
            <h2 id="auth-title">{ "Authentication results" }</h2>
            <p class="help">
                { "These checks say whether the sender's domain vouched for the message. \
                   They are about who sent it, not about encryption." }
            </p>
            { for auth.results.iter().map(|results| html! {
                <div class="auth-server" data-authserv={results.authserv_id.clone()}>
                    <h3>{ "Checked by " }<span class="host">{ visible_text(&results.authserv_id) }</span></h3>
                    <table class="auth-table">
                        <thead><tr><th scope="col">{ "Check" }</th><th scope="col">{ "Result" }</th><th scope="col">{ "Details" }</th></tr></thead>
                        <tbody>{ for results.results.iter().map(row) }</tbody>
                    </table>
                </div>
            }) }
            if auth.arc_sets > 0 {
                <p class="arc-sets">
                    { format!("{} (servers that forwarded the message recorded what they checked).",
                        words::arc_sets(auth.arc_sets)) }
                </p>
            }
        </section>
    }
}

fn row(result: &AuthResult) -> Html {
    let class = match result.result.as_str() {
        "pass" => "result-pass",
        "fail" | "softfail" | "permerror" | "temperror" | "hardfail" => "result-fail",
        _ => "result-other",
    };
    html! {
        <tr data-method={result.method.clone()}>
            <th scope="row">{ visible_text(&result.method.to_ascii_uppercase()) }</th>
            <td class={class}>{ visible_text(&result.result) }</td>
            <td class="auth-detail">{ visible_text(result.detail.as_deref().unwrap_or("")) }</td>
        </tr>
    }
}
