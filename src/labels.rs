//! Words for the report's enums: what a reader sees, and the slugs used as CSS classes and test
//! hooks (`data-verdict="encrypted"`). Slugs equal the JSON names of the schema.
//!
//! "Unknown" is never worded as plaintext: the page says "Not stated".

use hopscope_core::{CertCheck, Grade, Overall, Scope, Trust, Verdict};

pub fn verdict_slug(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Encrypted => "encrypted",
        Verdict::Plaintext => "plaintext",
        Verdict::Unknown => "unknown",
    }
}

pub fn verdict_word(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Encrypted => "Encrypted",
        Verdict::Plaintext => "Not encrypted",
        Verdict::Unknown => "Not stated",
    }
}

/// One sentence under a hop's details.
pub fn verdict_meaning(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Encrypted => "The receiving server recorded that this connection used TLS.",
        Verdict::Plaintext => {
            "The receiving server recorded a protocol without TLS, and nothing in its line says \
             otherwise: this hop travelled unencrypted."
        }
        Verdict::Unknown => {
            "This header does not say whether TLS was used. That is not the same as plaintext: \
             many servers simply do not record it."
        }
    }
}

pub fn scope_slug(scope: Scope) -> &'static str {
    match scope {
        Scope::Local => "local",
        Scope::Internal => "internal",
        Scope::External => "external",
    }
}

pub fn scope_word(scope: Scope) -> &'static str {
    match scope {
        Scope::Local => "Local",
        Scope::Internal => "Internal",
        Scope::External => "External",
    }
}

pub fn scope_meaning(scope: Scope) -> &'static str {
    match scope {
        Scope::Local => "Inside one machine (loopback, a content filter, or final delivery): it never crossed a network.",
        Scope::Internal => "Between servers of one organisation or on private addresses.",
        Scope::External => "Across the Internet, between different organisations.",
    }
}

pub fn grade_slug(grade: Grade) -> &'static str {
    match grade {
        Grade::Strong => "strong",
        Grade::Good => "good",
        Grade::Weak => "weak",
        Grade::Broken => "broken",
    }
}

pub fn grade_word(grade: Grade) -> &'static str {
    match grade {
        Grade::Strong => "Strong",
        Grade::Good => "Good",
        Grade::Weak => "Weak",
        Grade::Broken => "Broken",
    }
}

pub fn cert_word(check: CertCheck) -> &'static str {
    match check {
        CertCheck::Verified => "Verified",
        CertCheck::NotVerified => "Presented but not verified",
        CertCheck::None => "None presented or requested",
    }
}

pub fn trust_meaning(trust: Trust) -> &'static str {
    match trust {
        Trust::Recipient => "Written by the recipient's own servers.",
        Trust::Unverified => {
            "Written before the message reached the recipient's servers: it cannot be verified \
             and could have been made up by the sender."
        }
    }
}

pub fn overall_slug(overall: Overall) -> &'static str {
    match overall {
        Overall::AllEncrypted => "all_encrypted",
        Overall::Exposed => "exposed",
        Overall::PlaintextInternal => "plaintext_internal",
        Overall::Incomplete => "incomplete",
        Overall::NoHops => "no_hops",
    }
}

pub fn overall_title(overall: Overall) -> &'static str {
    match overall {
        Overall::AllEncrypted => "Encrypted on every hop that crossed a network",
        Overall::Exposed => "Not encrypted on at least one hop",
        Overall::PlaintextInternal => {
            "Encrypted across the Internet; plaintext inside one organisation"
        }
        Overall::Incomplete => "No unencrypted hop found, but some hops do not say",
        Overall::NoHops => "No Received headers found",
    }
}

/// The verdict whose icon stands for an overall status.
pub fn overall_icon(overall: Overall) -> Verdict {
    match overall {
        Overall::AllEncrypted => Verdict::Encrypted,
        Overall::Exposed | Overall::PlaintextInternal => Verdict::Plaintext,
        Overall::Incomplete | Overall::NoHops => Verdict::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_name<T: serde::Serialize>(value: T) -> String {
        serde_json::to_value(value)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    }

    #[test]
    fn slugs_are_the_schema_names() {
        for v in [Verdict::Encrypted, Verdict::Plaintext, Verdict::Unknown] {
            assert_eq!(verdict_slug(v), json_name(v));
        }
        for s in [Scope::Local, Scope::Internal, Scope::External] {
            assert_eq!(scope_slug(s), json_name(s));
        }
        for g in [Grade::Strong, Grade::Good, Grade::Weak, Grade::Broken] {
            assert_eq!(grade_slug(g), json_name(g));
        }
        for o in [
            Overall::AllEncrypted,
            Overall::Exposed,
            Overall::PlaintextInternal,
            Overall::Incomplete,
            Overall::NoHops,
        ] {
            assert_eq!(overall_slug(o), json_name(o));
        }
    }

    #[test]
    fn unknown_is_never_called_plaintext() {
        assert!(!verdict_word(Verdict::Unknown)
            .to_lowercase()
            .contains("not encrypted"));
        assert!(!verdict_meaning(Verdict::Unknown).contains("unencrypted"));
    }
}
