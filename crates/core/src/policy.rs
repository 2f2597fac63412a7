//! Policy checks: does a message meet a stated TLS policy, hop by hop?
//!
//! A [`Policy`] says which hops count (by scope) and what each of them must show: encryption, a
//! minimum TLS version, no weak or broken cipher, a verified client certificate on hops across
//! the Internet, and optionally that the recipient's domain enforces TLS (MTA-STS `enforce` or
//! DANE), which only a lookup can tell. [`check`] answers per hop *pass*, *fail* or *cannot
//! tell* — a hop whose header does not say is never counted as failing, and never as passing —
//! with the reason in words, and for the message as a whole: any failing hop fails it, else any
//! hop that cannot be told makes it "cannot tell".
//!
//! Hops inside one machine, and hand-offs that name no sender (Google's delivery line), are not
//! judged unless the policy counts local hops: they describe no connection between servers,
//! the same rule the report's summary follows.
//!
//! ```
//! use hopscope_core::policy::{self, Outcome, Policy};
//! let report = hopscope_core::analyze(
//!     "Received: from a.example.org (a.example.org [192.0.2.1]) by b.example.net with ESMTP; \
//!      Sun, 22 Nov 2026 05:20:40 +0000\n",
//! );
//! let result = policy::check(&report, &Policy::encrypted(), None);
//! assert_eq!(result.outcome, Outcome::Fail);
//! assert_eq!(result.hops[0].outcome, Outcome::Fail);
//! ```

use serde::{Deserialize, Serialize};

use crate::model::{CertCheck, Grade, Hop, Report, Scope, Verdict};
use crate::tls::Version;

/// A stated policy. The built-in ones are [`Policy::encrypted`] and [`Policy::modern`]; a custom
/// one is read from JSON (the page) or TOML/JSON (the CLI) with the same field names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// A short name (`encrypted`, `modern`, or the custom policy's own).
    pub name: String,
    /// One sentence a person reads: what the policy asks.
    #[serde(default)]
    pub description: String,
    /// Which hops count. Default: internal and external (every hop between servers).
    #[serde(default = "between_servers")]
    pub scopes: Vec<Scope>,
    /// The oldest TLS version allowed (`TLS1.2`…), for hops that state their version.
    #[serde(default, with = "version_name")]
    pub min_version: Option<Version>,
    /// A hop that does not state its version cannot be told (instead of passing the version
    /// test).
    #[serde(default)]
    pub version_must_be_stated: bool,
    /// No cipher graded weak or broken.
    #[serde(default)]
    pub no_weak_ciphers: bool,
    /// Hops across the Internet must show a verified client certificate (mutual TLS, as
    /// partners with "TLS required" rules use).
    #[serde(default)]
    pub verified_client_certificate_external: bool,
    /// The recipient's domain must require TLS (needs a lookup; otherwise cannot tell).
    #[serde(default)]
    pub recipient_policy: Option<RecipientRequirement>,
}

/// What the recipient's domain must publish, as found by a lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecipientRequirement {
    /// MTA-STS in `enforce` mode.
    MtaStsEnforce,
    /// DANE: TLSA records for the MX, DNSSEC-validated.
    Dane,
    /// Either of the two.
    MtaStsEnforceOrDane,
}

/// What a lookup found about the recipient's domain, as far as policies need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientStatus {
    pub mta_sts_enforce: bool,
    pub dane: bool,
}

/// One point a lookup can settle: yes, no, or it could not tell (the lookup timed out, the
/// answer failed DNSSEC validation…), with why. "Cannot tell" is never counted as "no".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "answer", rename_all = "snake_case")]
pub enum Looked {
    Yes,
    No,
    CannotTell {
        /// A phrase completing "… could not be told: ".
        why: String,
    },
}

impl From<bool> for Looked {
    fn from(yes: bool) -> Looked {
        if yes {
            Looked::Yes
        } else {
            Looked::No
        }
    }
}

/// What a lookup of the recipient's domain found, each point known or not: the richer form of
/// [`RecipientStatus`], for a lookup that may have failed in part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientLookup {
    /// The domain looked up (empty when not known).
    pub domain: String,
    /// MTA-STS in `enforce` mode.
    pub mta_sts_enforce: Looked,
    /// DANE: DNSSEC-validated, usable TLSA records for the MX that received the message (every
    /// MX, when the route does not say which one did).
    pub dane: Looked,
}

impl From<&RecipientStatus> for RecipientLookup {
    fn from(status: &RecipientStatus) -> RecipientLookup {
        RecipientLookup {
            domain: String::new(),
            mta_sts_enforce: status.mta_sts_enforce.into(),
            dane: status.dane.into(),
        }
    }
}

fn between_servers() -> Vec<Scope> {
    vec![Scope::Internal, Scope::External]
}

/// `TLS1.2` in JSON and TOML, [`Version`] in Rust.
mod version_name {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::tls::{parse_version, Version};

    pub fn serialize<S: Serializer>(v: &Option<Version>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.serialize_str(v.as_str()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Version>, D::Error> {
        let written: Option<String> = Option::deserialize(d)?;
        match written {
            None => Ok(None),
            Some(w) => parse_version(&w).map(Some).ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "\"{w}\" is not a TLS version: write TLS1.3, TLS1.2, TLS1.1 or TLS1.0"
                ))
            }),
        }
    }
}

impl Policy {
    /// Every hop between servers is encrypted.
    pub fn encrypted() -> Policy {
        Policy {
            name: "encrypted".into(),
            description: "Every hop between servers (not inside one machine) is encrypted.".into(),
            scopes: between_servers(),
            min_version: None,
            version_must_be_stated: false,
            no_weak_ciphers: false,
            verified_client_certificate_external: false,
            recipient_policy: None,
        }
    }

    /// `encrypted`, every stated TLS version 1.2 or newer, and no cipher graded weak or broken.
    pub fn modern() -> Policy {
        Policy {
            name: "modern".into(),
            description: "Every hop between servers is encrypted, every stated TLS version is 1.2 \
                          or newer, and no cipher is graded weak or broken."
                .into(),
            min_version: Some(Version::Tls12),
            no_weak_ciphers: true,
            ..Policy::encrypted()
        }
    }

    /// A built-in policy by name.
    pub fn built_in(name: &str) -> Option<Policy> {
        match name {
            "encrypted" => Some(Policy::encrypted()),
            "modern" => Some(Policy::modern()),
            _ => None,
        }
    }

    /// The definition in words, for a policy without a description of its own.
    pub fn definition(&self) -> String {
        if !self.description.trim().is_empty() {
            return self.description.trim().to_owned();
        }
        let scopes: Vec<&str> = self
            .scopes
            .iter()
            .map(|s| crate::words::scope_word(*s))
            .collect();
        let mut parts = vec![format!(
            "Every {} hop is encrypted",
            scopes.join(" or ").to_ascii_lowercase()
        )];
        if let Some(v) = self.min_version {
            parts.push(format!(
                "{} TLS version is {v} or newer",
                if self.version_must_be_stated {
                    "its"
                } else {
                    "every stated"
                }
            ));
        }
        if self.no_weak_ciphers {
            parts.push("no cipher is graded weak or broken".into());
        }
        if self.verified_client_certificate_external {
            parts.push("hops across the Internet show a verified client certificate".into());
        }
        if let Some(r) = self.recipient_policy {
            parts.push(
                match r {
                    RecipientRequirement::MtaStsEnforce => {
                        "the recipient's domain enforces MTA-STS"
                    }
                    RecipientRequirement::Dane => "the recipient's MX is protected by DANE",
                    RecipientRequirement::MtaStsEnforceOrDane => {
                        "the recipient's domain enforces MTA-STS or uses DANE"
                    }
                }
                .into(),
            );
        }
        format!("{}.", parts.join(", "))
    }
}

/// A policy's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Pass,
    /// The headers do not say enough (never counted as failing, nor as passing).
    CannotTell,
    Fail,
    /// The policy does not judge this hop (inside one machine, or a hand-off).
    NotJudged,
}

impl Outcome {
    /// The JSON name: `pass`, `cannot_tell`, `fail`, `not_judged`.
    pub fn slug(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::CannotTell => "cannot_tell",
            Outcome::Fail => "fail",
            Outcome::NotJudged => "not_judged",
        }
    }

    /// `pass`, `fail`, `cannot-tell`, `not-judged`: CSS classes and the page's
    /// `data-outcome`/`data-policy-outcome` hooks (the JSON keeps serde's `cannot_tell`).
    pub fn hook(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::CannotTell => "cannot-tell",
            Outcome::Fail => "fail",
            Outcome::NotJudged => "not-judged",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Outcome::Pass => "Passes",
            Outcome::CannotTell => "Cannot tell",
            Outcome::Fail => "Fails",
            Outcome::NotJudged => "Not judged",
        }
    }
}

/// One hop's answer and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HopOutcome {
    pub hop: u32,
    pub outcome: Outcome,
    pub reason: String,
}

/// A policy checked against one report: kept in the report, shown by the page, the renderings
/// and a share link exactly as the sender saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyCheck {
    pub policy: Policy,
    /// The definition a person reads.
    pub definition: String,
    pub outcome: Outcome,
    /// One sentence for the message as a whole.
    pub reason: String,
    pub hops: Vec<HopOutcome>,
}

/// Checks `report` against `policy`. `recipient` is what a lookup found about the recipient's
/// domain, if the person asked for one.
pub fn check(report: &Report, policy: &Policy, recipient: Option<&RecipientStatus>) -> PolicyCheck {
    check_looked_up(
        report,
        policy,
        recipient.map(RecipientLookup::from).as_ref(),
    )
}

/// Like [`check`], with a lookup that may not have settled every point: a requirement it
/// could not tell makes the message "cannot tell" (unless a hop fails), never "fails".
///
/// ```
/// use hopscope_core::policy::{self, Looked, Outcome, Policy, RecipientLookup, RecipientRequirement};
/// let report = hopscope_core::analyze(
///     "Received: from a.example.org (a.example.org [192.0.2.1]) by mx.example.net with ESMTPS; \
///      Sun, 22 Nov 2026 05:20:40 +0000\n",
/// );
/// let policy = Policy {
///     recipient_policy: Some(RecipientRequirement::MtaStsEnforceOrDane),
///     ..Policy::encrypted()
/// };
/// let lookup = RecipientLookup {
///     domain: "example.net".into(),
///     mta_sts_enforce: Looked::No,
///     dane: Looked::CannotTell { why: "no answer in time".into() },
/// };
/// let result = policy::check_looked_up(&report, &policy, Some(&lookup));
/// assert_eq!(result.outcome, Outcome::CannotTell);
/// assert_eq!(
///     result.reason,
///     "Cannot tell whether the recipient's domain (example.net) publishes MTA-STS in enforce mode or DANE: \
///      DANE: no answer in time. Passes: all 1 hops the policy counts meet it."
/// );
/// ```
pub fn check_looked_up(
    report: &Report,
    policy: &Policy,
    recipient: Option<&RecipientLookup>,
) -> PolicyCheck {
    let hops: Vec<HopOutcome> = report.hops.iter().map(|h| hop_outcome(h, policy)).collect();
    let judged: Vec<&HopOutcome> = hops
        .iter()
        .filter(|h| h.outcome != Outcome::NotJudged)
        .collect();
    let worst = judged
        .iter()
        .map(|h| h.outcome)
        .max()
        .unwrap_or(Outcome::Pass);
    let mut outcome = worst;
    let mut reason = match worst {
        Outcome::Fail => {
            let failing: Vec<u32> = judged
                .iter()
                .filter(|h| h.outcome == Outcome::Fail)
                .map(|h| h.hop)
                .collect();
            format!(
                "Fails: {} {} not meet the policy.",
                hop_words(&failing),
                if failing.len() == 1 { "does" } else { "do" }
            )
        }
        Outcome::CannotTell => {
            let unclear: Vec<u32> = judged
                .iter()
                .filter(|h| h.outcome == Outcome::CannotTell)
                .map(|h| h.hop)
                .collect();
            format!(
                "Cannot tell: {} {} not say enough; no hop fails.",
                hop_words(&unclear),
                if unclear.len() == 1 { "does" } else { "do" }
            )
        }
        _ if report.hops.is_empty() => "Cannot tell: there is no Received header to check.".into(),
        _ if judged.is_empty() => {
            "Passes: no hop the policy counts (everything stayed inside one machine).".into()
        }
        _ => format!(
            "Passes: all {} hops the policy counts meet it.",
            judged.len()
        ),
    };
    if report.hops.is_empty() {
        outcome = Outcome::CannotTell;
    }
    if let Some(requirement) = policy.recipient_policy {
        let (looked, what) = match recipient {
            None => (None, requirement_words(requirement)),
            Some(r) => {
                let (looked, what) = requirement_met(requirement, r);
                (Some(looked), what)
            }
        };
        let whose = match recipient.map(|r| r.domain.as_str()) {
            Some(d) if !d.is_empty() => format!("the recipient's domain ({d})"),
            _ => "the recipient's domain".to_owned(),
        };
        match looked {
            Some(Looked::Yes) => reason.push_str(&format!(
                " {} publishes {what} (as looked up now, not at delivery).",
                crate::words::capitalised(&whose)
            )),
            Some(Looked::No) => {
                outcome = Outcome::Fail;
                reason =
                    format!("Fails: {whose} does not publish {what} (as looked up now). {reason}");
            }
            Some(Looked::CannotTell { why }) => {
                if outcome == Outcome::Pass {
                    outcome = Outcome::CannotTell;
                    reason =
                        format!("Cannot tell whether {whose} publishes {what}: {why}. {reason}");
                } else {
                    reason.push_str(&format!(
                        " Also, whether {whose} publishes {what} could not be told: {why}."
                    ));
                }
            }
            None => {
                let not = "the recipient domain's TLS policy was not looked up";
                if outcome == Outcome::Pass {
                    outcome = Outcome::CannotTell;
                    reason = format!("Cannot tell: {not}. {reason}");
                } else {
                    reason.push_str(&format!(" Also, {not}."));
                }
            }
        }
    }
    PolicyCheck {
        definition: policy.definition(),
        policy: policy.clone(),
        outcome,
        reason,
        hops,
    }
}

/// What a requirement asks the recipient's domain to publish, in words.
fn requirement_words(requirement: RecipientRequirement) -> &'static str {
    match requirement {
        RecipientRequirement::MtaStsEnforce => "MTA-STS in enforce mode",
        RecipientRequirement::Dane => "DANE",
        RecipientRequirement::MtaStsEnforceOrDane => "MTA-STS in enforce mode or DANE",
    }
}

/// Whether `lookup` meets `requirement`, and what to call what it found: either of two points
/// is met when one of them is, unmet only when both are.
fn requirement_met(
    requirement: RecipientRequirement,
    lookup: &RecipientLookup,
) -> (Looked, &'static str) {
    let words = requirement_words(requirement);
    match requirement {
        RecipientRequirement::MtaStsEnforce => (lookup.mta_sts_enforce.clone(), words),
        RecipientRequirement::Dane => (lookup.dane.clone(), words),
        RecipientRequirement::MtaStsEnforceOrDane => {
            match (&lookup.mta_sts_enforce, &lookup.dane) {
                (Looked::Yes, Looked::Yes) => (Looked::Yes, "MTA-STS in enforce mode and DANE"),
                (Looked::Yes, _) => (Looked::Yes, "MTA-STS in enforce mode"),
                (_, Looked::Yes) => (Looked::Yes, "DANE"),
                (Looked::No, Looked::No) => (Looked::No, words),
                (mta_sts, dane) => {
                    let mut why = Vec::new();
                    if let Looked::CannotTell { why: w } = mta_sts {
                        why.push(format!("MTA-STS: {w}"));
                    }
                    if let Looked::CannotTell { why: w } = dane {
                        why.push(format!("DANE: {w}"));
                    }
                    (
                        Looked::CannotTell {
                            why: why.join("; "),
                        },
                        words,
                    )
                }
            }
        }
    }
}

fn hop_words(hops: &[u32]) -> String {
    match hops {
        [one] => format!("hop {one}"),
        _ => format!(
            "hops {}",
            hops.iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn hop_outcome(hop: &Hop, policy: &Policy) -> HopOutcome {
    let (outcome, reason) = judge(hop, policy);
    HopOutcome {
        hop: hop.index,
        outcome,
        reason,
    }
}

fn judge(hop: &Hop, policy: &Policy) -> (Outcome, String) {
    if !policy.scopes.contains(&hop.scope) {
        return (
            Outcome::NotJudged,
            format!(
                "{} hops are not counted by this policy.",
                crate::words::scope_word(hop.scope)
            ),
        );
    }
    if hop.is_handoff() && hop.scope != Scope::Local {
        return (
            Outcome::NotJudged,
            "A hand-off inside the receiving organisation that describes no connection.".into(),
        );
    }
    match hop.verdict {
        Verdict::Plaintext => return (Outcome::Fail, "Not encrypted.".into()),
        Verdict::Unknown => {
            return (
                Outcome::CannotTell,
                "The header does not say whether this hop was encrypted.".into(),
            )
        }
        Verdict::Encrypted => {}
    }
    let tls = hop.tls.as_ref();
    if let Some(min) = policy.min_version {
        match tls.and_then(|t| t.version()) {
            Some(v) if v < min => {
                return (
                    Outcome::Fail,
                    format!("Encrypted with {v}, older than {min}."),
                )
            }
            Some(_) => {}
            None if policy.version_must_be_stated => {
                return (
                    Outcome::CannotTell,
                    "Encrypted, but the TLS version is not stated.".into(),
                )
            }
            None => {}
        }
    }
    if policy.no_weak_ciphers {
        if let Some(grade @ (Grade::Weak | Grade::Broken)) = hop.grade {
            let why = hop.grade_reason.as_deref().unwrap_or("");
            return (
                Outcome::Fail,
                format!(
                    "Encryption graded {}. {why}",
                    crate::words::grade_word(grade).to_ascii_lowercase()
                )
                .trim()
                .to_owned(),
            );
        }
    }
    if policy.verified_client_certificate_external && hop.scope == Scope::External {
        match tls.and_then(|t| t.peer_certificate) {
            Some(CertCheck::Verified) => {}
            Some(CertCheck::NotVerified) => {
                return (
                    Outcome::Fail,
                    "The client certificate was not verified.".into(),
                )
            }
            Some(CertCheck::None) => {
                return (Outcome::Fail, "No client certificate was presented.".into())
            }
            None => {
                return (
                    Outcome::CannotTell,
                    "The header does not say whether a client certificate was verified.".into(),
                )
            }
        }
    }
    (Outcome::Pass, "Meets the policy.".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(received: &[&str]) -> Report<'static> {
        crate::analyze(&received.concat()).into_owned()
    }

    const TLS13: &str = "Received: from a.example.org (a.example.org [192.0.2.1]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) by b.example.net (Postfix) with ESMTPS id 1; Sun, 22 Nov 2026 05:20:40 +0000\n";
    const TLS10: &str = "Received: from c.example.org (c.example.org [192.0.2.3]) (using TLSv1 with cipher AES256-SHA (256/256 bits)) by a.example.org (Postfix) with ESMTPS id 2; Sun, 22 Nov 2026 05:20:39 +0000\n";
    const KEYWORD_ONLY: &str = "Received: from c.example.org (c.example.org [192.0.2.3]) by a.example.org with ESMTPS id 2; Sun, 22 Nov 2026 05:20:39 +0000\n";
    const PLAIN: &str = "Received: from c.example.org (c.example.org [192.0.2.3]) by a.example.org with ESMTP id 2; Sun, 22 Nov 2026 05:20:39 +0000\n";
    const UNSTATED: &str = "Received: from c.example.org (c.example.org [192.0.2.3]) by a.example.org; Sun, 22 Nov 2026 05:20:39 +0000\n";
    const HANDOFF: &str = "Received: by 2002:a05:6a10:1234:b0:5a1:2b3c:4d5e with SMTP id x; Sun, 22 Nov 2026 05:20:41 +0000\n";
    const LOCAL: &str = "Received: from localhost (localhost [127.0.0.1]) by a.example.org with ESMTP id 3; Sun, 22 Nov 2026 05:20:38 +0000\n";

    #[test]
    fn encrypted() {
        let p = Policy::encrypted();
        assert_eq!(
            check(&report(&[HANDOFF, TLS13, TLS10, LOCAL]), &p, None).outcome,
            Outcome::Pass
        );
        let r = check(&report(&[TLS13, PLAIN]), &p, None);
        assert_eq!(r.outcome, Outcome::Fail);
        assert_eq!(r.reason, "Fails: hop 1 does not meet the policy.");
        let r = check(&report(&[TLS13, UNSTATED]), &p, None);
        assert_eq!(r.outcome, Outcome::CannotTell);
        assert_eq!(r.hops[0].outcome, Outcome::CannotTell);
        assert_eq!(check(&report(&[LOCAL]), &p, None).outcome, Outcome::Pass);
        assert_eq!(check(&report(&[]), &p, None).outcome, Outcome::CannotTell);
    }

    #[test]
    fn modern() {
        let p = Policy::modern();
        assert_eq!(
            check(&report(&[TLS13, KEYWORD_ONLY]), &p, None).outcome,
            Outcome::Pass,
            "an unstated version is not judged"
        );
        let r = check(&report(&[TLS13, TLS10]), &p, None);
        assert_eq!(r.outcome, Outcome::Fail);
        assert_eq!(
            r.hops[0].reason,
            "Encrypted with TLS1.0, older than TLS1.2."
        );
        let strict = Policy {
            version_must_be_stated: true,
            ..Policy::modern()
        };
        assert_eq!(
            check(&report(&[TLS13, KEYWORD_ONLY]), &strict, None).outcome,
            Outcome::CannotTell
        );
    }

    #[test]
    fn client_certificates_and_recipient_policy() {
        let p = Policy {
            verified_client_certificate_external: true,
            ..Policy::encrypted()
        };
        let r = check(&report(&[TLS13]), &p, None);
        assert_eq!(r.outcome, Outcome::CannotTell, "{r:?}");
        let verified = "Received: from a.example.org (a.example.org [192.0.2.1]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) (Client CN \"a.example.org\", Issuer \"CA\" (verified OK)) by b.example.net (Postfix) with ESMTPS id 1; Sun, 22 Nov 2026 05:20:40 +0000\n";
        assert_eq!(check(&report(&[verified]), &p, None).outcome, Outcome::Pass);
        let q = Policy {
            recipient_policy: Some(RecipientRequirement::MtaStsEnforceOrDane),
            ..Policy::encrypted()
        };
        assert_eq!(
            check(&report(&[TLS13]), &q, None).outcome,
            Outcome::CannotTell
        );
        let none = RecipientStatus {
            mta_sts_enforce: false,
            dane: false,
        };
        assert_eq!(
            check(&report(&[TLS13]), &q, Some(&none)).outcome,
            Outcome::Fail
        );
        let dane = RecipientStatus {
            mta_sts_enforce: false,
            dane: true,
        };
        assert_eq!(
            check(&report(&[TLS13]), &q, Some(&dane)).outcome,
            Outcome::Pass
        );
    }

    #[test]
    fn a_lookup_that_could_not_tell_never_fails_a_message() {
        let q = |r| Policy {
            recipient_policy: Some(r),
            ..Policy::encrypted()
        };
        let lookup = |mta_sts: Looked, dane: Looked| RecipientLookup {
            domain: "example.net".into(),
            mta_sts_enforce: mta_sts,
            dane,
        };
        let timeout = || Looked::CannotTell {
            why: "no answer in time".into(),
        };
        let good = report(&[TLS13]);
        let r = check_looked_up(
            &good,
            &q(RecipientRequirement::MtaStsEnforce),
            Some(&lookup(Looked::Yes, Looked::No)),
        );
        assert_eq!(r.outcome, Outcome::Pass);
        assert_eq!(r.reason, "Passes: all 1 hops the policy counts meet it. The recipient's domain (example.net) publishes MTA-STS in enforce mode (as looked up now, not at delivery).");
        let r = check_looked_up(
            &good,
            &q(RecipientRequirement::Dane),
            Some(&lookup(Looked::Yes, Looked::No)),
        );
        assert_eq!(r.outcome, Outcome::Fail);
        assert_eq!(r.reason, "Fails: the recipient's domain (example.net) does not publish DANE (as looked up now). Passes: all 1 hops the policy counts meet it.");
        let r = check_looked_up(
            &good,
            &q(RecipientRequirement::Dane),
            Some(&lookup(Looked::No, timeout())),
        );
        assert_eq!(r.outcome, Outcome::CannotTell);
        assert_eq!(r.reason, "Cannot tell whether the recipient's domain (example.net) publishes DANE: no answer in time. Passes: all 1 hops the policy counts meet it.");
        // Either of the two: one yes is enough, both no fail, otherwise cannot tell.
        let either = q(RecipientRequirement::MtaStsEnforceOrDane);
        for (mta_sts, dane, outcome) in [
            (timeout(), Looked::Yes, Outcome::Pass),
            (Looked::No, Looked::No, Outcome::Fail),
            (Looked::No, timeout(), Outcome::CannotTell),
            (timeout(), timeout(), Outcome::CannotTell),
        ] {
            let r = check_looked_up(&good, &either, Some(&lookup(mta_sts.clone(), dane.clone())));
            assert_eq!(r.outcome, outcome, "{mta_sts:?} {dane:?}: {}", r.reason);
        }
        // A failing hop stays a failure; the lookup that could not tell is said too.
        let r = check_looked_up(
            &report(&[TLS13, PLAIN]),
            &q(RecipientRequirement::Dane),
            Some(&lookup(Looked::No, timeout())),
        );
        assert_eq!(r.outcome, Outcome::Fail);
        assert_eq!(r.reason, "Fails: hop 1 does not meet the policy. Also, whether the recipient's domain (example.net) publishes DANE could not be told: no answer in time.");
        // The old form, without a domain, reads as before.
        let status = RecipientStatus {
            mta_sts_enforce: true,
            dane: false,
        };
        assert_eq!(
            check(&good, &q(RecipientRequirement::MtaStsEnforce), Some(&status)).reason,
            "Passes: all 1 hops the policy counts meet it. The recipient's domain publishes MTA-STS in enforce mode (as looked up now, not at delivery)."
        );
    }

    #[test]
    fn outcomes_have_a_slug_a_hook_and_a_word() {
        let all = [
            Outcome::Pass,
            Outcome::CannotTell,
            Outcome::Fail,
            Outcome::NotJudged,
        ];
        let slugs: Vec<&str> = all.iter().map(|o| o.slug()).collect();
        assert_eq!(slugs, ["pass", "cannot_tell", "fail", "not_judged"]);
        let hooks: Vec<&str> = all.iter().map(|o| o.hook()).collect();
        assert_eq!(hooks, ["pass", "cannot-tell", "fail", "not-judged"]);
        assert_eq!(Outcome::CannotTell.word(), "Cannot tell");
    }

    #[test]
    fn custom_policies_read_from_json() {
        let p: Policy = serde_json::from_str(r#"{"name":"partners","min_version":"TLS1.2","verified_client_certificate_external":true}"#).unwrap();
        assert_eq!(p.min_version, Some(Version::Tls12));
        assert_eq!(p.scopes, [Scope::Internal, Scope::External]);
        assert_eq!(
            p.definition(),
            "Every internal or external hop is encrypted, every stated TLS version is TLS1.2 or newer, hops across the Internet show a verified client certificate."
        );
        let bad =
            serde_json::from_str::<Policy>(r#"{"name":"x","min_version":"1.2"}"#).unwrap_err();
        assert!(bad.to_string().contains("is not a TLS version"), "{bad}");
        assert!(serde_json::from_str::<Policy>(r#"{"name":"x","typo":true}"#).is_err());
    }
}
