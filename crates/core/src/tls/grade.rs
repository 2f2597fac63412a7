//! Grades what a hop negotiated: strong, good, weak or broken, with one sentence saying why.
//!
//! The rules follow RFC 8996 (TLS 1.0/1.1 deprecated), RFC 7465 (no RC4), RFC 7568 (no SSL 3.0),
//! RFC 6176 (no SSL 2.0) and the grading section of RECEIVED-TLS.md. The worst applicable rule
//! wins, and its sentence is the one shown: a reader should learn the single decisive reason.

use std::borrow::Cow;

use super::cipher::{Bulk, CipherSuite};
use super::version::{parse_version, Version};
use crate::model::Grade;

/// A reason as it goes into the report: a fixed sentence, or one naming the suite's cipher.
pub type Reason = Cow<'static, str>;

/// `before`, the cipher's label, `after`: written into the program for the three ciphers
/// nearly every server negotiates (so most graded hops' reasons cost no allocation), joined
/// for the others.
macro_rules! naming_cipher {
    ($bulk:expr, $before:literal, $after:literal) => {
        match $bulk {
            Bulk::Aes256Gcm => Cow::Borrowed(concat!($before, "AES-256-GCM", $after)),
            Bulk::Aes128Gcm => Cow::Borrowed(concat!($before, "AES-128-GCM", $after)),
            Bulk::Chacha20Poly1305 => Cow::Borrowed(concat!($before, "ChaCha20-Poly1305", $after)),
            other => Cow::Owned([$before, other.label(), $after].concat()),
        }
    };
}

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
pub fn grade(version: Option<&str>, cipher: Option<&CipherSuite>) -> Option<(Grade, Reason)> {
    // Tolerate an unnormalised version: normalising is idempotent.
    let version = version.and_then(parse_version);
    if version.is_none() && cipher.is_none() {
        return None;
    }
    if let Some(reason) = broken(version, cipher) {
        return Some((Grade::Broken, Cow::Borrowed(reason)));
    }
    if let Some(reason) = weak(version, cipher) {
        return Some((Grade::Weak, Cow::Borrowed(reason)));
    }
    sound(version, cipher)
}

/// The first broken rule that applies, most severe first.
fn broken(version: Option<Version>, cipher: Option<&CipherSuite>) -> Option<&'static str> {
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
        Some(Version::Ssl2) => {
            return Some("SSL 2.0 is broken and has been prohibited since 2011 (RFC 6176).")
        }
        Some(Version::Ssl3) => {
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
fn weak(version: Option<Version>, cipher: Option<&CipherSuite>) -> Option<&'static str> {
    match version {
        Some(Version::Tls10) => return Some("TLS 1.0 is deprecated since 2021 (RFC 8996)."),
        Some(Version::Tls11) => return Some("TLS 1.1 is deprecated since 2021 (RFC 8996)."),
        // TLS 1.3 always has forward secrecy and AEAD records, whatever suite name was written.
        Some(Version::Tls13) => return None,
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
    if no_fs.is_some() {
        return no_fs;
    }
    if c.bulk.is_cbc() {
        return Some(match c.mac {
            Some("SHA") => {
                "CBC mode with SHA-1 is outdated; AEAD ciphers (GCM, ChaCha20) are preferred."
            }
            Some("MD5") => {
                "CBC mode with MD5 is outdated; AEAD ciphers (GCM, ChaCha20) are preferred."
            }
            _ => "CBC mode is outdated; AEAD ciphers (GCM, ChaCha20) are preferred.",
        });
    }
    match c.mac {
        Some("SHA") => Some(
            "SHA-1 message authentication is outdated; AEAD ciphers (GCM, ChaCha20) are preferred.",
        ),
        Some("MD5") => Some(
            "MD5 message authentication is outdated; AEAD ciphers (GCM, ChaCha20) are preferred.",
        ),
        _ => None,
    }
}

/// Nothing weak was found: strong or good, or None when the facts do not settle it.
fn sound(version: Option<Version>, cipher: Option<&CipherSuite>) -> Option<(Grade, Reason)> {
    let known = cipher.filter(|c| c.bulk != Bulk::Other);
    match (version, known) {
        (Some(Version::Tls13), Some(c)) => Some((
            Grade::Strong,
            naming_cipher!(c.bulk, "TLS 1.3 with ", ": modern and strong."),
        )),
        (Some(Version::Tls13), None) => {
            Some((Grade::Strong, Cow::Borrowed("TLS 1.3: modern and strong.")))
        }
        (None, Some(c)) if c.tls13 => Some((
            Grade::Strong,
            naming_cipher!(
                c.bulk,
                "A TLS 1.3 cipher suite with ",
                ": modern and strong."
            ),
        )),
        (Some(Version::Tls12), None) => Some((
            Grade::Good,
            Cow::Borrowed(if cipher.is_some() {
                "TLS 1.2 with a cipher Hopscope does not recognise; the grade rests on the version alone."
            } else {
                "TLS 1.2; the header does not name the cipher, so the grade rests on the version alone."
            }),
        )),
        (Some(Version::Tls12) | None, Some(c)) if c.bulk.is_aead() => {
            let tls12 = version.is_some();
            Some((
                Grade::Good,
                match c.kex {
                    Some("ECDHE") if tls12 => naming_cipher!(
                        c.bulk,
                        "TLS 1.2 with ECDHE key exchange and ",
                        ": good, with forward secrecy."
                    ),
                    // Joined, not `format!`: the formatting machinery costs ten times more.
                    Some(kex @ ("ECDHE" | "DHE")) => Cow::Owned(
                        [
                            if tls12 { "TLS 1.2 with " } else { "" },
                            kex,
                            " key exchange and ",
                            c.bulk.label(),
                            ": good, with forward secrecy.",
                        ]
                        .concat(),
                    ),
                    _ if tls12 => naming_cipher!(c.bulk, "TLS 1.2 with ", ": good."),
                    // Unknown version and a key exchange that is neither weak nor ephemeral
                    // (SRP, ECCPWD): not enough to call it good.
                    _ => return None,
                },
            ))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::grade;
    use crate::model::Grade::{self, *};
    use crate::tls::cipher::{parse_cipher, Bulk, CipherSuite};

    /// (version, cipher as written, grade, words the reason must contain)
    #[rustfmt::skip]
    const CASES: &[(Option<&str>, Option<&str>, Grade, &str)] = &[
        // Strong: TLS 1.3 with any suite that is not broken.
        (Some("TLS1.3"), Some("TLS_AES_256_GCM_SHA384"), Strong, "TLS 1.3 with AES-256-GCM: modern and strong."),
        (Some("TLS1.3"), Some("TLS_AES_128_GCM_SHA256"), Strong, "AES-128-GCM"),
        (Some("TLS1.3"), Some("TLS_CHACHA20_POLY1305_SHA256"), Strong, "ChaCha20-Poly1305"),
        (Some("TLS1.3"), Some("TLS13_AES_256_GCM_SHA384"), Strong, "TLS 1.3"),
        (Some("TLS1.3"), Some("AEAD-AES128-GCM-SHA256"), Strong, "TLS 1.3"),
        (Some("TLS1.3"), None, Strong, "TLS 1.3: modern and strong."),
        // GnuTLS writes TLS 1.2-style names for TLS 1.3 sessions: the version decides.
        (Some("TLS1.3"), Some("ECDHE_RSA_AES_256_GCM_SHA384"), Strong, "TLS 1.3 with AES-256-GCM"),
        (Some("TLS1.3"), Some("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"), Strong, "modern and strong"),
        (Some("TLS1.3"), Some("RSA_AES_256_CBC_SHA1"), Strong, "modern and strong"),
        // Unknown version, TLS 1.3-only suite.
        (None, Some("TLS_AES_256_GCM_SHA384"), Strong, "TLS 1.3 cipher suite"),
        (None, Some("TLS13_CHACHA20_POLY1305_SHA256"), Strong, "TLS 1.3"),
        (None, Some("AES_256_GCM_SHA384"), Strong, "TLS 1.3"),
        // Good: TLS 1.2 with ECDHE/DHE and AEAD.
        (Some("TLS1.2"), Some("ECDHE-RSA-AES256-GCM-SHA384"), Good, "TLS 1.2 with ECDHE key exchange and AES-256-GCM: good, with forward secrecy."),
        (Some("TLS1.2"), Some("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), Good, "forward secrecy"),
        (Some("TLS1.2"), Some("ECDHE-ECDSA-CHACHA20-POLY1305"), Good, "ChaCha20-Poly1305"),
        (Some("TLS1.2"), Some("DHE-RSA-AES256-GCM-SHA384"), Good, "DHE key exchange"),
        (Some("TLS1.2"), Some("ECDHE_ECDSA_AES_128_CCM"), Good, "AES-128-CCM"),
        (Some("TLS1.2"), Some("ECDHE-ECDSA-AES128-CCM8"), Good, "AES-128-CCM-8"),
        (Some("TLS1.2"), Some("ECDHE_RSA_CAMELLIA_256_GCM_SHA384"), Good, "Camellia-256-GCM"),
        (Some("TLS1.2"), Some("DHE-PSK-AES256-GCM-SHA384"), Good, "forward secrecy"),
        // TLS 1.2 whose cipher is not named: graded on the version.
        (Some("TLS1.2"), None, Good, "does not name the cipher"),
        // Unknown version and an ECDHE AEAD suite.
        (None, Some("ECDHE-RSA-AES128-GCM-SHA256"), Good, "ECDHE key exchange and AES-128-GCM: good"),
        (None, Some("ECDHE_RSA_CHACHA20_POLY1305"), Good, "forward secrecy"),
        // Weak: deprecated versions (RFC 8996).
        (Some("TLS1.0"), None, Weak, "TLS 1.0 is deprecated since 2021 (RFC 8996)."),
        (Some("TLS1.1"), None, Weak, "TLS 1.1 is deprecated since 2021 (RFC 8996)."),
        (Some("TLS1.0"), Some("ECDHE-RSA-AES256-SHA"), Weak, "TLS 1.0"),
        (Some("TLS1.1"), Some("AES128-SHA"), Weak, "TLS 1.1"),
        (Some("TLS1.0"), Some("TLS_AES_256_GCM_SHA384"), Weak, "TLS 1.0"),
        // Weak: RSA key transport, static DH, plain PSK.
        (Some("TLS1.2"), Some("AES256-GCM-SHA384"), Weak, "RSA key exchange has no forward secrecy: a stolen server key decrypts recorded traffic."),
        (Some("TLS1.2"), Some("AES256-SHA"), Weak, "RSA key exchange"),
        (None, Some("RSA_AES_128_CBC_SHA1"), Weak, "RSA key exchange"),
        (Some("TLS1.2"), Some("RSA-PSK-AES128-GCM-SHA256"), Weak, "RSA key exchange"),
        (Some("TLS1.2"), Some("ECDH-RSA-AES128-GCM-SHA256"), Weak, "Static Diffie-Hellman"),
        (Some("TLS1.2"), Some("DH-RSA-AES256-SHA"), Weak, "Static Diffie-Hellman"),
        (Some("TLS1.2"), Some("PSK-AES128-GCM-SHA256"), Weak, "pre-shared key"),
        // Weak: CBC mode, SHA-1.
        (Some("TLS1.2"), Some("ECDHE-RSA-AES256-SHA"), Weak, "CBC mode with SHA-1 is outdated; AEAD ciphers (GCM, ChaCha20) are preferred."),
        (Some("TLS1.2"), Some("DHE_RSA_AES_256_CBC_SHA1"), Weak, "CBC mode with SHA-1"),
        (Some("TLS1.2"), Some("ECDHE-RSA-AES128-SHA256"), Weak, "CBC mode is outdated"),
        (Some("TLS1.2"), Some("ECDHE-RSA-CAMELLIA256-SHA384"), Weak, "CBC mode"),
        (None, Some("ECDHE-RSA-AES256-SHA384"), Weak, "CBC mode"),
        (None, Some("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"), Weak, "CBC mode with SHA-1"),
        // Broken: SSL.
        (Some("SSL3"), None, Broken, "SSL 3.0 is broken"),
        (Some("SSL2"), None, Broken, "SSL 2.0 is broken"),
        (Some("SSL3"), Some("ECDHE-RSA-AES128-GCM-SHA256"), Broken, "SSL 3.0"),
        (Some("SSL3"), Some("RC4-MD5"), Broken, "SSL 3.0"),
        // Broken: RC4, DES, 3DES, IDEA, EXPORT, NULL, anonymous.
        (Some("TLS1.2"), Some("RC4-SHA"), Broken, "RC4 is broken (RFC 7465)."),
        (None, Some("RSA_ARCFOUR_128_SHA1"), Broken, "RC4 is broken"),
        (Some("TLS1.2"), Some("ECDHE-RSA-RC4-SHA"), Broken, "RC4"),
        (Some("TLS1.0"), Some("RC4-MD5"), Broken, "RC4"),
        (Some("TLS1.2"), Some("DES-CBC3-SHA"), Broken, "3DES is broken"),
        (Some("TLS1.2"), Some("EDH-RSA-DES-CBC3-SHA"), Broken, "3DES"),
        (None, Some("RSA_3DES_EDE_CBC_SHA1"), Broken, "3DES"),
        (Some("TLS1.0"), Some("DES-CBC-SHA"), Broken, "DES is broken"),
        (Some("TLS1.2"), Some("IDEA-CBC-SHA"), Broken, "IDEA"),
        (Some("TLS1.0"), Some("EXP-RC4-MD5"), Broken, "Export-grade"),
        (None, Some("EXP-EDH-RSA-DES-CBC-SHA"), Broken, "Export-grade"),
        (Some("TLS1.0"), Some("EXP-RC2-CBC-MD5"), Broken, "Export-grade"),
        (Some("TLS1.2"), Some("NULL-SHA256"), Broken, "encrypts nothing"),
        (Some("TLS1.2"), Some("ECDHE-RSA-NULL-SHA"), Broken, "encrypts nothing"),
        (Some("TLS1.2"), Some("ADH-AES256-GCM-SHA384"), Broken, "Anonymous key exchange"),
        (None, Some("AECDH-AES128-SHA"), Broken, "Anonymous"),
        (None, Some("ANON_DH_AES_128_CBC_SHA1"), Broken, "Anonymous"),
        // Broken wins over TLS 1.3 (the header says so, however odd).
        (Some("TLS1.3"), Some("RC4-SHA"), Broken, "RC4"),
        (Some("TLS1.3"), Some("NULL-SHA"), Broken, "NULL"),
        // The most severe broken reason is named: NULL before anything else.
        (Some("SSL3"), Some("NULL-MD5"), Broken, "encrypts nothing"),
        (Some("SSL3"), Some("EXP-RC4-MD5"), Broken, "Export-grade"),
        // Unnormalised versions are tolerated.
        (Some("TLSv1.2"), Some("ECDHE-RSA-AES256-GCM-SHA384"), Good, "TLS 1.2"),
        (Some("TLSv1"), None, Weak, "TLS 1.0"),
        (Some("TLS1_3"), None, Strong, "TLS 1.3"),
    ];

    #[test]
    fn grades_every_rule() {
        for &(version, written, expected, words) in CASES {
            let cipher = written.map(|w| parse_cipher(w).unwrap_or_else(|| panic!("{w}")));
            let (got, reason) = grade(version, cipher.as_ref())
                .unwrap_or_else(|| panic!("no grade for {version:?} {written:?}"));
            assert_eq!(got, expected, "{version:?} {written:?}: {reason}");
            assert!(
                reason.contains(words),
                "{version:?} {written:?}: {reason:?} lacks {words:?}"
            );
        }
    }

    #[test]
    fn reasons_are_one_plain_sentence() {
        for &(version, written, _, _) in CASES {
            let cipher = written.and_then(parse_cipher);
            let (_, reason) = grade(version, cipher.as_ref()).unwrap_or_else(|| panic!());
            assert!(reason.ends_with('.'), "{reason:?}");
            assert!(
                reason.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit()),
                "{reason:?}"
            );
            assert_eq!(reason.matches(". ").count(), 0, "{reason:?}");
            assert!(!reason.contains('_'), "no raw suite names: {reason:?}");
        }
    }

    /// The sentences written into the program for the common ciphers are the ones joined
    /// for the others: every cipher, in every sentence that names one, both ways.
    #[test]
    fn written_in_reasons_are_the_joined_ones() {
        use std::borrow::Cow;
        // Each sentence made both ways from one pair of literals.
        macro_rules! both_ways {
            ($bulk:expr, $before:literal, $after:literal) => {
                (
                    naming_cipher!($bulk, $before, $after),
                    [$before, $bulk.label(), $after].concat(),
                )
            };
        }
        for bulk in Bulk::ALL {
            let sentences = [
                both_ways!(bulk, "TLS 1.3 with ", ": modern and strong."),
                both_ways!(bulk, "A TLS 1.3 cipher suite with ", ": modern and strong."),
                both_ways!(
                    bulk,
                    "TLS 1.2 with ECDHE key exchange and ",
                    ": good, with forward secrecy."
                ),
                both_ways!(bulk, "TLS 1.2 with ", ": good."),
            ];
            let common = matches!(
                bulk,
                Bulk::Aes256Gcm | Bulk::Aes128Gcm | Bulk::Chacha20Poly1305
            );
            for (made, joined) in sentences {
                assert_eq!(made, joined, "{bulk:?}");
                assert_eq!(matches!(made, Cow::Borrowed(_)), common, "{bulk:?}");
            }
        }
        // And as the grading uses them.
        let suite = parse_cipher("TLS_AES_128_GCM_SHA256").unwrap();
        let (_, reason) = grade(None, Some(&suite)).unwrap();
        assert!(matches!(
            reason,
            Cow::Borrowed("A TLS 1.3 cipher suite with AES-128-GCM: modern and strong.")
        ));
        let suite = parse_cipher("ECDHE-RSA-AES256-GCM-SHA384").unwrap();
        let (_, reason) = grade(Some("TLS1.2"), Some(&suite)).unwrap();
        assert!(matches!(
            reason,
            Cow::Borrowed(
                "TLS 1.2 with ECDHE key exchange and AES-256-GCM: good, with forward secrecy."
            )
        ));
    }

    #[test]
    fn nothing_known_means_no_grade() {
        assert_eq!(grade(None, None), None);
        // A version text that is not one version (old OpenSSL cipher family) is unknown.
        assert_eq!(grade(Some("TLSv1/SSLv3"), None), None);
        assert_eq!(grade(Some("UNKNOWN"), None), None);
        assert_eq!(grade(Some(""), None), None);
    }

    #[test]
    fn unrecognised_cipher_rests_on_the_version() {
        let other = CipherSuite {
            iana: "TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC".into(),
            kex: Some("GOST"),
            bulk: Bulk::Other,
            mac: None,
            tls13: false,
            export: false,
            anonymous: false,
            bits: None,
        };
        let (g, reason) = grade(Some("TLS1.2"), Some(&other)).unwrap();
        assert_eq!(g, Good);
        assert!(reason.contains("does not recognise"), "{reason}");
        assert_eq!(
            grade(Some("TLS1.3"), Some(&other)).map(|g| g.0),
            Some(Strong)
        );
        assert_eq!(grade(Some("TLS1.0"), Some(&other)).map(|g| g.0), Some(Weak));
        assert_eq!(grade(None, Some(&other)), None);
    }

    /// Worst wins: adding a worse property never improves the grade.
    #[test]
    fn grade_is_monotonic_in_the_version() {
        let suites = [
            "TLS_AES_256_GCM_SHA384",
            "ECDHE-RSA-AES256-GCM-SHA384",
            "ECDHE-RSA-AES256-SHA",
            "AES256-SHA",
            "RC4-MD5",
        ];
        let versions = ["TLS1.2", "TLS1.1", "TLS1.0", "SSL3", "SSL2"];
        for s in suites {
            let c = parse_cipher(s);
            let mut previous = Strong;
            for v in versions {
                let (g, _) = grade(Some(v), c.as_ref()).unwrap();
                assert!(g >= previous, "{v} {s}: {g:?} better than {previous:?}");
                previous = g;
            }
        }
    }
}
