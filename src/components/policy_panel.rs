//! Checking a report against a stated policy: no policy, `encrypted`, `modern`, or the
//! person's own (minimum TLS version, which hops count, version must be stated, no weak
//! ciphers, a verified client certificate on hops across the Internet). The chosen policy's
//! definition is shown in the core's words (`Policy::definition`); each hop's answer is shown
//! on the hop, the message's in the summary.
//!
//! In the shared view the panel is read-only: it names the policy the sender checked against
//! and says that the result is the sender's.
//!
//! Hooks: `select[data-policy-choice]` (values `none`, `encrypted`, `modern`, `custom`),
//! `[data-policy-definition]`, and in the custom policy `[data-policy-field="min_version"]`
//! (a select: `-` or `TLS1.0`…), `[data-policy-scope="local|internal|external"]`,
//! `[data-policy-field="version_must_be_stated|no_weak_ciphers|verified_client_certificate_external"]`
//! and `[data-policy-field="recipient_policy"]`, disabled until the recipient's domain has been
//! looked up (the lookup panel) or while not ticked.

use super::ReportRef;

use hopscope_core::policy::{Policy, RecipientRequirement};
use hopscope_core::{words, Scope};
use yew::prelude::*;

use crate::browser;
use crate::policy::{PolicyChoice, VERSIONS};
use crate::visible::visible_text;

#[derive(Properties, PartialEq)]
pub struct PolicyPanelProps {
    /// Compared by identity: a new analysis or a new check is a new report.
    pub report: ReportRef,
    /// The own view's choice; `None` in the shared view (read-only).
    pub choice: Option<PolicyChoice>,
    /// The recipient's domain, once its lookup is done (a recipient requirement can use it).
    #[prop_or_default]
    pub looked_up: Option<AttrValue>,
    pub on_choose: Callback<PolicyChoice>,
}

/// The choices of the select: value and label.
const CHOICES: [(&str, &str); 4] = [
    ("none", "No policy"),
    ("encrypted", "encrypted — every hop between servers"),
    (
        "modern",
        "modern — encrypted, TLS 1.2 or newer, no weak cipher",
    ),
    ("custom", "Your own…"),
];

/// A yes/no requirement of a custom policy: its field name (hook), its words, how to read it
/// and how to set it.
type Flag = (
    &'static str,
    &'static str,
    fn(&Policy) -> bool,
    fn(&mut Policy, bool),
);

const FLAGS: [Flag; 3] = [
    (
        "version_must_be_stated",
        "A hop must state its TLS version (otherwise it cannot be told)",
        |p| p.version_must_be_stated,
        |p, on| p.version_must_be_stated = on,
    ),
    (
        "no_weak_ciphers",
        "No cipher graded weak or broken",
        |p| p.no_weak_ciphers,
        |p, on| p.no_weak_ciphers = on,
    ),
    (
        "verified_client_certificate_external",
        "A verified client certificate on every hop across the Internet (mutual TLS)",
        |p| p.verified_client_certificate_external,
        |p, on| p.verified_client_certificate_external = on,
    ),
];

const SCOPES: [Scope; 3] = [Scope::Local, Scope::Internal, Scope::External];

/// Ticks or unticks `scope`, keeping the list in the order of [`SCOPES`] (filtered, not sorted:
/// a sort would add its code to the page's first load, for three items).
fn toggle_scope(scopes: &mut Vec<Scope>, scope: Scope) {
    if scopes.contains(&scope) {
        scopes.retain(|s| *s != scope);
    } else {
        let chosen = std::mem::take(scopes);
        *scopes = SCOPES
            .iter()
            .copied()
            .filter(|s| *s == scope || chosen.contains(s))
            .collect();
    }
}

/// Why the recipient's MTA-STS or DANE policy cannot be required before a lookup.
pub const RECIPIENT_UNAVAILABLE: &str = "Unavailable here: only a DNS lookup of the recipient's \
domain can tell whether it enforces TLS. Look it up below first.";

#[function_component]
pub fn PolicyPanel(props: &PolicyPanelProps) -> Html {
    let check = props.report.policy.as_ref();
    let Some(choice) = &props.choice else {
        // The shared view: the sender's result, as they saw it.
        let Some(check) = check else {
            return html! {};
        };
        return html! {
            <section id="policy" class="panel policy" aria-labelledby="policy-title" data-policy-shared="">
                <h2 id="policy-title">{ "Policy check" }</h2>
                <p>
                    { "The sender checked this report against the policy “" }{ visible_text(&check.policy.name) }
                    { "”: " }<span data-policy-definition="">{ visible_text(&check.definition) }</span>
                </p>
                <p class="help">{ "This is the result the sender saw; it is not checked again here." }</p>
            </section>
        };
    };
    let onchange = {
        let (on_choose, current) = (props.on_choose.clone(), choice.clone());
        move |event: Event| {
            on_choose.emit(PolicyChoice::from_select(
                &browser::selected_value(&event),
                &current,
            ))
        }
    };
    html! {
        <section id="policy" class="panel policy" aria-labelledby="policy-title">
            <h2 id="policy-title">{ "Check against a policy" }</h2>
            <p class="policy-pick">
                <label for="policy-choice">{ "Policy " }</label>
                <select id="policy-choice" data-policy-choice="" {onchange}>
                    { for CHOICES.iter().map(|&(value, label)| html! {
                        <option {value} selected={choice.slug() == value}>{ label }</option>
                    }) }
                </select>
            </p>
            if let Some(check) = check {
                <p class="policy-definition" data-policy-definition="">{ visible_text(&check.definition) }</p>
            } else {
                <p class="help">{ "Each hop then passes, fails, or cannot be told (its header does not say, \
                                   which never counts as failing)." }</p>
            }
            if let PolicyChoice::Custom(policy) = choice {
                { custom_fields(policy, props.looked_up.as_ref(), &props.on_choose) }
            }
        </section>
    }
}

fn custom_fields(
    policy: &Policy,
    looked_up: Option<&AttrValue>,
    on_choose: &Callback<PolicyChoice>,
) -> Html {
    let changed = |edit: Box<dyn Fn(&mut Policy)>| {
        let (policy, on_choose) = (policy.clone(), on_choose.clone());
        move |_: Event| {
            let mut next = policy.clone();
            edit(&mut next);
            on_choose.emit(PolicyChoice::Custom(next));
        }
    };
    let on_version = {
        let (policy, on_choose) = (policy.clone(), on_choose.clone());
        move |event: Event| {
            let value = browser::selected_value(&event);
            let min_version = VERSIONS.iter().copied().find(|v| v.as_str() == value);
            on_choose.emit(PolicyChoice::Custom(Policy {
                min_version,
                ..policy.clone()
            }));
        }
    };
    let scopes = SCOPES.iter().map(|&scope| {
        let on = policy.scopes.contains(&scope);
        // The last scope stays: a policy that counts no hop would pass everything.
        let last = on && policy.scopes.len() == 1;
        let onchange = changed(Box::new(move |p: &mut Policy| toggle_scope(&mut p.scopes, scope)));
        html! {
            <label class="policy-option">
                <input type="checkbox" data-policy-scope={words::scope_slug(scope)} checked={on} disabled={last} {onchange} />
                { words::scope_word(scope) }
            </label>
        }
    });
    let flags = FLAGS.iter().map(|&(name, label, get, set)| {
        let on = get(policy);
        let onchange = changed(Box::new(move |p: &mut Policy| set(p, !on)));
        html! {
            <label class="policy-option">
                <input type="checkbox" data-policy-field={name} checked={on} {onchange} />
                { label }
            </label>
        }
    });
    let version = policy.min_version.map_or("-", |v| v.as_str());
    let recipient = policy.recipient_policy.is_some();
    let unavailable = looked_up.is_none() && !recipient;
    let on_recipient = changed(Box::new(move |p: &mut Policy| {
        p.recipient_policy = (!recipient).then_some(RecipientRequirement::MtaStsEnforceOrDane);
    }));
    let note = match looked_up {
        Some(domain) => {
            html! { <>{ "Uses the lookup of " }{ visible_text(domain) }{ " below." }</> }
        }
        None => RECIPIENT_UNAVAILABLE.into(),
    };
    html! {
        <fieldset class="policy-custom" data-policy-custom="">
            <legend>{ "Your policy" }</legend>
            <p class="policy-pick">
                <label for="policy-min-version">{ "Oldest TLS version allowed " }</label>
                <select id="policy-min-version" data-policy-field="min_version" onchange={on_version}>
                    <option value="-" selected={version == "-"}>{ "Any version" }</option>
                    { for VERSIONS.iter().map(|v| html! {
                        <option value={v.as_str()} selected={version == v.as_str()}>{ v.as_str() }</option>
                    }) }
                </select>
            </p>
            <p class="policy-scopes">{ "Hops that count: " }{ for scopes }</p>
            { for flags }
            <label class={if unavailable { "policy-option policy-unavailable" } else { "policy-option" }}>
                <input type="checkbox" data-policy-field="recipient_policy" checked={recipient}
                    disabled={unavailable} aria-describedby="policy-recipient-note"
                    onchange={on_recipient} />
                { "The recipient's domain enforces MTA-STS or DANE" }
            </label>
            <p id="policy-recipient-note" class="help">{ note }</p>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_are_toggled_and_kept_in_order() {
        let mut scopes = vec![Scope::External];
        toggle_scope(&mut scopes, Scope::Local);
        assert_eq!(scopes, [Scope::Local, Scope::External]);
        toggle_scope(&mut scopes, Scope::Internal);
        assert_eq!(scopes, [Scope::Local, Scope::Internal, Scope::External]);
        toggle_scope(&mut scopes, Scope::Local);
        assert_eq!(scopes, [Scope::Internal, Scope::External]);
        // A list read from elsewhere in another order comes back in the usual one.
        let mut scopes = vec![Scope::External, Scope::Internal];
        toggle_scope(&mut scopes, Scope::Local);
        assert_eq!(scopes, [Scope::Local, Scope::Internal, Scope::External]);
    }
}
