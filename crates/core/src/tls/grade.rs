//! Grades what a hop negotiated: strong, good, weak or broken, with one sentence saying why.
//!
//! The rules follow RFC 8996 (TLS 1.0/1.1 deprecated), RFC 7465 (no RC4), RFC 7568 (no SSL 3.0),
//! RFC 6176 (no SSL 2.0) and the grading section of RECEIVED-TLS.md. The worst applicable rule
//! wins, and its sentence is the one shown: a reader should learn the single decisive reason.

use super::cipher::{Bulk, CipherSuite};
use super::version::normalise_version;
use crate::model::Grade;

/// Grades a negotiated connection from what is known. `version` is a normalised version (output of
/// normalise_version) or None; `cipher` the parsed suite or None. Returns None when neither is known
/// (e.g. only an ESMTPS keyword), or when what is known does not settle a grade.
///
/// - broken: SSL3/SSL2; RC4, 3DES/DES, IDEA, EXPORT, NULL, anonymous suites.
/// - weak: TLS1.0/TLS1.1; CBC mode; key exchange without forward secrecy (RSA, static DH/ECDH,
///   plain PSK); SHA-1/MD5 MAC.
/// - strong: TLS1.3 (any suite that is not broken) or, when the version is unknown, a TLS1.3-only
///   suite. GnuTLS names TLS 1.3 sessions with TLS 1.2-style suites: the version decides.
/// - good: TLS1.2 (or unknown version) with ECDHE/DHE and an AEAD cipher; TLS 1.2 whose cipher
///   is not named.
pub fn grade(version: Option<&str>, cipher: Option<&CipherSuite>) -> Option<(Grade, String)> {
    // Tolerate an unnormalised version: normalising is idempotent.
    let version = version.and_then(normalise_version);
    if version.is_none() && cipher.is_none() {
        return None;
    }
    if let Some(reason) = broken(version, cipher) {
        return Some((Grade::Broken, reason.to_string()));
    }
    if let Some(reason) = weak(version, cipher) {
        return Some((Grade::Weak, reason));
    }
    sound(version, cipher)
}

/// The first broken rule that applies, most severe first.
fn broken(version: Option<&str>, cipher: Option<&CipherSuite>) -> Option<&'static str> {
    if let Some(c) = cipher {
        if c.bulk == Bulk::Null {
            return Some("The cipher suite encrypts nothing (NULL): anyone on the path could read the message.");
        }
        if c.anonymous {
            return Some("Anonymous key exchange checks no certificate, so anyone on the path could intercept the connection.");
        }
        if c.export {
            return Some("Export-grade encryption was deliberately weakened in the 1990s and is broken (FREAK, Logjam).");
        }
    }
    match version {
        Some("SSL2") => {
            return Some("SSL 2.0 is broken and has been prohibited since 2011 (RFC 6176).")
        }
        Some("SSL3") => {
            return Some(
                "SSL 3.0 is broken (POODLE) and has been prohibited since 2015 (RFC 7568).",
            )
        }
        _ => {}
    }
    match cipher.map(|c| c.bulk) {
        Some(Bulk::Rc4) => Some("RC4 is broken (RFC 7465)."),
        Some(Bulk::Des) => Some("DES is broken: its 56-bit key can be found by brute force."),
        Some(Bulk::TripleDes) => {
            Some("3DES is broken: its 64-bit blocks are open to the Sweet32 attack on long connections.")
        }
        Some(Bulk::Idea) => {
            Some("IDEA was removed from TLS (RFC 5469) and its 64-bit blocks are open to the Sweet32 attack.")
        }
        Some(Bulk::Rc2) => Some("RC2 is broken and only ever appeared in export suites."),
        _ => None,
    }
}

/// The most decisive weak rule that applies: the version first, then what the suite lacks.
fn weak(version: Option<&str>, cipher: Option<&CipherSuite>) -> Option<String> {
    match version {
        Some("TLS1.0") => return Some("TLS 1.0 is deprecated since 2021 (RFC 8996).".into()),
        Some("TLS1.1") => return Some("TLS 1.1 is deprecated since 2021 (RFC 8996).".into()),
        // TLS 1.3 always has forward secrecy and AEAD records, whatever suite name was written.
        Some("TLS1.3") => return None,
        _ => {}
    }
    let c = cipher?;
    let no_fs = match c.kex {
        Some("RSA") => Some("RSA key exchange has no forward secrecy: a stolen server key decrypts recorded traffic."),
        Some("DH" | "ECDH") => Some("Static Diffie-Hellman key exchange has no forward secrecy: a stolen server key decrypts recorded traffic."),
        Some("PSK") => Some("A pre-shared key without Diffie-Hellman has no forward secrecy: a stolen key decrypts recorded traffic."),
        Some("KRB5") => Some("Kerberos key exchange has no forward secrecy: a stolen key decrypts recorded traffic."),
        _ => None,
    };
    if let Some(reason) = no_fs {
        return Some(reason.into());
    }
    if c.bulk.is_cbc() {
        return Some(match c.mac {
            Some("SHA") => {
                "CBC mode with SHA-1 is outdated; AEAD ciphers (GCM, ChaCha20) are preferred."
                    .into()
            }
            Some("MD5") => {
                "CBC mode with MD5 is outdated; AEAD ciphers (GCM, ChaCha20) are preferred.".into()
            }
            _ => "CBC mode is outdated; AEAD ciphers (GCM, ChaCha20) are preferred.".into(),
        });
    }
    match c.mac {
        Some("SHA") => Some(
            "SHA-1 message authentication is outdated; AEAD ciphers (GCM, ChaCha20) are preferred."
                .into(),
        ),
        Some("MD5") => Some(
            "MD5 message authentication is outdated; AEAD ciphers (GCM, ChaCha20) are preferred."
                .into(),
        ),
        _ => None,
    }
}

/// Nothing weak was found: strong or good, or None when the facts do not settle it.
fn sound(version: Option<&str>, cipher: Option<&CipherSuite>) -> Option<(Grade, String)> {
    let known = cipher.filter(|c| c.bulk != Bulk::Other);
    match (version, known) {
        (Some("TLS1.3"), Some(c)) => Some((
            Grade::Strong,
            format!("TLS 1.3 with {}: modern and strong.", c.bulk.label()),
        )),
        (Some("TLS1.3"), None) => Some((Grade::Strong, "TLS 1.3: modern and strong.".into())),
        (None, Some(c)) if c.tls13 => Some((
            Grade::Strong,
            format!(
                "A TLS 1.3 cipher suite with {}: modern and strong.",
                c.bulk.label()
            ),
        )),
        (Some("TLS1.2"), None) => Some((
            Grade::Good,
            if cipher.is_some() {
                "TLS 1.2 with a cipher Hopscope does not recognise; the grade rests on the version alone."
            } else {
                "TLS 1.2; the header does not name the cipher, so the grade rests on the version alone."
            }
            .into(),
        )),
        (Some("TLS1.2") | None, Some(c)) if c.bulk.is_aead() => {
            let prefix = if version.is_some() { "TLS 1.2 with " } else { "" };
            Some((
                Grade::Good,
                match c.kex {
                    Some(kex @ ("ECDHE" | "DHE")) => format!(
                        "{prefix}{kex} key exchange and {}: good, with forward secrecy.",
                        c.bulk.label()
                    ),
                    _ if version.is_some() => format!("TLS 1.2 with {}: good.", c.bulk.label()),
                    // Unknown version and a key exchange that is neither weak nor ephemeral
                    // (SRP, ECCPWD): not enough to call it good.
                    _ => return None,
                },
            ))
        }
        _ => None,
    }
}
