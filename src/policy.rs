//! The policy the person checks reports against: none, a built-in one (`encrypted`,
//! `modern`) or their own, and how it is remembered for the tab.
//!
//! The check itself is the core's (`hopscope_core::policy::check`); its result goes into the
//! report (`Report::policy`), so the page, the Markdown and JSON exports and share links all
//! carry the same result. A shared report keeps the result its sender saw: it is never checked
//! again here.
//!
//! Remembered in session storage as a short name: `none`, `encrypted`, `modern`, or
//! `custom:<min version or ->:<scopes l/i/e>:<flags s/w/c/r>` (version must be stated, no weak
//! ciphers, verified client certificate on hops across the Internet, the recipient's domain
//! publishes MTA-STS enforce or DANE), e.g. `custom:TLS1.2:ie:wc`. Anything else reads as no policy. Not JSON: the page carries no JSON
//! parser, and four fields do not need one.

use std::rc::Rc;

use hopscope_core::policy::{self, HopOutcome, Policy, RecipientLookup, RecipientRequirement};
use hopscope_core::tls::{parse_version, Version};
use hopscope_core::{Hop, Report, Scope};

/// What the report is checked against.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum PolicyChoice {
    #[default]
    None,
    Encrypted,
    Modern,
    /// The person's own: the core's fields, named `custom`. Its recipient requirement is
    /// always "MTA-STS enforce or DANE", told by the person's lookup of the recipient's domain.
    Custom(Policy),
}

/// The versions a custom policy can ask for, oldest first.
pub const VERSIONS: [Version; 4] = [
    Version::Tls10,
    Version::Tls11,
    Version::Tls12,
    Version::Tls13,
];

const SCOPES: [(Scope, char); 3] = [
    (Scope::Local, 'l'),
    (Scope::Internal, 'i'),
    (Scope::External, 'e'),
];

impl PolicyChoice {
    /// The name of the choice in the `<select>` and in session storage (without the custom
    /// fields: see [`PolicyChoice::stored`]).
    pub fn slug(&self) -> &'static str {
        match self {
            PolicyChoice::None => "none",
            PolicyChoice::Encrypted => "encrypted",
            PolicyChoice::Modern => "modern",
            PolicyChoice::Custom(_) => "custom",
        }
    }

    /// The policy to check against, if any.
    pub fn policy(&self) -> Option<Policy> {
        match self {
            PolicyChoice::None => None,
            PolicyChoice::Encrypted => Some(Policy::encrypted()),
            PolicyChoice::Modern => Some(Policy::modern()),
            PolicyChoice::Custom(policy) => Some(policy.clone()),
        }
    }

    /// The choice the `<select>` names; a custom policy starts from the one chosen so far
    /// (from `encrypted` when there was none), so switching to it changes nothing at first.
    pub fn from_select(slug: &str, current: &PolicyChoice) -> PolicyChoice {
        match slug {
            "encrypted" => PolicyChoice::Encrypted,
            "modern" => PolicyChoice::Modern,
            "custom" if matches!(current, PolicyChoice::Custom(_)) => current.clone(),
            "custom" => PolicyChoice::Custom(custom_from(
                current.policy().unwrap_or_else(Policy::encrypted),
            )),
            _ => PolicyChoice::None,
        }
    }

    /// The text kept in session storage.
    pub fn stored(&self) -> String {
        let PolicyChoice::Custom(p) = self else {
            return self.slug().to_owned();
        };
        let version = p.min_version.map_or("-", Version::as_str);
        let scopes: String = SCOPES
            .iter()
            .filter(|(scope, _)| p.scopes.contains(scope))
            .map(|(_, c)| *c)
            .collect();
        let flags: String = [
            (p.version_must_be_stated, 's'),
            (p.no_weak_ciphers, 'w'),
            (p.verified_client_certificate_external, 'c'),
            (p.recipient_policy.is_some(), 'r'),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, c)| *c)
        .collect();
        format!("custom:{version}:{scopes}:{flags}")
    }

    /// The choice stored text stands for; anything unreadable is no policy.
    pub fn from_stored(stored: Option<&str>) -> PolicyChoice {
        let Some(stored) = stored else {
            return PolicyChoice::None;
        };
        let Some(custom) = stored.strip_prefix("custom:") else {
            return PolicyChoice::from_select(stored, &PolicyChoice::None);
        };
        let mut fields = custom.split(':');
        let (Some(version), Some(scopes), Some(flags), None) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return PolicyChoice::None;
        };
        let min_version = match version {
            "-" => None,
            v => match parse_version(v) {
                Some(v) => Some(v),
                None => return PolicyChoice::None,
            },
        };
        let scopes: Vec<Scope> = SCOPES
            .iter()
            .filter(|(_, c)| scopes.contains(*c))
            .map(|(scope, _)| *scope)
            .collect();
        if scopes.is_empty() {
            return PolicyChoice::None;
        }
        PolicyChoice::Custom(Policy {
            scopes,
            min_version,
            version_must_be_stated: flags.contains('s'),
            no_weak_ciphers: flags.contains('w'),
            verified_client_certificate_external: flags.contains('c'),
            recipient_policy: flags
                .contains('r')
                .then_some(RecipientRequirement::MtaStsEnforceOrDane),
            ..custom_from(Policy::encrypted())
        })
    }
}

/// `policy` as a custom one: named `custom`, described by its fields (the core's
/// `Policy::definition`), with no recipient-policy requirement.
pub fn custom_from(policy: Policy) -> Policy {
    Policy {
        name: "custom".into(),
        description: String::new(),
        recipient_policy: None,
        ..policy
    }
}

/// The report with `choice`'s result in it (`Report::policy`), or without one for no policy;
/// `recipient` is the person's lookup of the recipient's domain, if any (only a recipient
/// requirement reads it). A fresh report is changed in place; one shared with the screen is
/// copied.
pub fn apply(
    report: Rc<Report<'static>>,
    choice: &PolicyChoice,
    recipient: Option<&RecipientLookup>,
) -> Rc<Report<'static>> {
    let check = choice
        .policy()
        .map(|policy| policy::check_looked_up(&report, &policy, recipient));
    if report.policy == check {
        return report;
    }
    let mut report = Rc::unwrap_or_clone(report);
    report.policy = check;
    Rc::new(report)
}

/// A hop's answer in the report's policy result, if the report carries one.
pub fn hop_outcome<'a>(report: &'a Report, hop: &Hop) -> Option<&'a HopOutcome> {
    let check = report.policy.as_ref()?;
    let position = hop.index.checked_sub(1)? as usize;
    check
        .hops
        .get(position)
        .filter(|h| h.hop == hop.index)
        .or_else(|| check.hops.iter().find(|h| h.hop == hop.index))
}

#[cfg(test)]
mod tests {
    use super::*;
    use hopscope_core::policy::Outcome;

    #[test]
    fn every_choice_is_remembered_as_it_was() {
        let custom = PolicyChoice::Custom(Policy {
            scopes: vec![Scope::External],
            min_version: Some(Version::Tls12),
            no_weak_ciphers: true,
            verified_client_certificate_external: true,
            ..custom_from(Policy::encrypted())
        });
        assert_eq!(custom.stored(), "custom:TLS1.2:e:wc");
        for choice in [
            PolicyChoice::None,
            PolicyChoice::Encrypted,
            PolicyChoice::Modern,
            custom,
            PolicyChoice::Custom(custom_from(Policy::modern())),
            PolicyChoice::Custom(Policy {
                recipient_policy: Some(RecipientRequirement::MtaStsEnforceOrDane),
                ..custom_from(Policy::encrypted())
            }),
        ] {
            assert_eq!(
                PolicyChoice::from_stored(Some(&choice.stored())),
                choice,
                "{}",
                choice.stored()
            );
        }
        for junk in [
            "",
            "nonsense",
            "custom:",
            "custom:TLS9:e:",
            "custom:-::",
            "custom:-:e:w:x",
        ] {
            assert_eq!(
                PolicyChoice::from_stored(Some(junk)),
                PolicyChoice::None,
                "{junk}"
            );
        }
        assert_eq!(PolicyChoice::from_stored(None), PolicyChoice::None);
    }

    #[test]
    fn a_custom_policy_starts_from_the_one_chosen() {
        let from_modern = PolicyChoice::from_select("custom", &PolicyChoice::Modern);
        let PolicyChoice::Custom(p) = &from_modern else {
            panic!("{from_modern:?}")
        };
        assert_eq!(
            (p.name.as_str(), p.min_version),
            ("custom", Some(Version::Tls12))
        );
        assert!(p.no_weak_ciphers && p.description.is_empty());
        assert_eq!(
            PolicyChoice::from_select("custom", &from_modern),
            from_modern,
            "kept"
        );
        assert_eq!(
            PolicyChoice::from_select("none", &from_modern),
            PolicyChoice::None
        );
    }

    #[test]
    fn the_result_goes_into_the_report_and_away_again() {
        let plain = "Received: from a.example.org (a.example.org [192.0.2.1]) by b.example.net with ESMTP; Sun, 22 Nov 2026 05:20:40 +0000\n";
        let report = Rc::new(hopscope_core::analyze(plain));
        let checked = apply(Rc::clone(&report), &PolicyChoice::Encrypted, None);
        let result = checked.policy.as_ref().expect("a result");
        assert_eq!(
            (result.outcome, result.policy.name.as_str()),
            (Outcome::Fail, "encrypted")
        );
        assert!(Rc::ptr_eq(
            &apply(Rc::clone(&checked), &PolicyChoice::Encrypted, None),
            &checked
        ));
        assert_eq!(apply(checked, &PolicyChoice::None, None), report);
    }

    #[test]
    fn a_recipient_requirement_reads_the_lookup() {
        use hopscope_core::policy::Looked;
        let text = "Received: from a.example.org (a.example.org [192.0.2.1]) by mx.example.net with ESMTPS; Sun, 22 Nov 2026 05:20:40 +0000\n";
        let report = Rc::new(hopscope_core::analyze(text));
        let choice = PolicyChoice::from_stored(Some("custom:-:ie:r"));
        let outcome = |lookup: Option<&RecipientLookup>| {
            apply(Rc::clone(&report), &choice, lookup)
                .policy
                .as_ref()
                .map(|p| p.outcome)
        };
        assert_eq!(outcome(None), Some(Outcome::CannotTell), "needs a lookup");
        let mut lookup = RecipientLookup {
            domain: "example.net".into(),
            mta_sts_enforce: Looked::CannotTell {
                why: "a web page cannot fetch the policy file".into(),
            },
            dane: Looked::Yes,
        };
        assert_eq!(outcome(Some(&lookup)), Some(Outcome::Pass));
        lookup.dane = Looked::No;
        assert_eq!(outcome(Some(&lookup)), Some(Outcome::CannotTell));
        lookup.mta_sts_enforce = Looked::No;
        assert_eq!(outcome(Some(&lookup)), Some(Outcome::Fail));
        // Without the requirement, a lookup changes nothing.
        assert_eq!(
            apply(Rc::clone(&report), &PolicyChoice::Encrypted, Some(&lookup)),
            apply(Rc::clone(&report), &PolicyChoice::Encrypted, None)
        );
    }
}
