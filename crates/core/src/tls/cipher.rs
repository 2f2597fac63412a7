//! Cipher suite names in every spelling seen in Received headers, mapped to IANA names.
//!
//! Mail servers write the suite in the dialect of their TLS library: IANA
//! (`TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384`: Exim ≥ 4.93, Microsoft, Google, Sendmail), OpenSSL
//! (`ECDHE-RSA-AES256-GCM-SHA384`: Postfix, qmail, OpenSMTPD), GnuTLS (`ECDHE_RSA_AES_256_GCM_SHA384`:
//! older Exim, Courier), rustls (`TLS13_AES_256_GCM_SHA384`: Stalwart) and LibreSSL
//! (`AEAD-AES256-GCM-SHA384`). Everything is reduced to one IANA name so the report and the grade
//! do not depend on which library the receiving server happened to use.
//!
//! Parsing is plain string work over small static tables: no allocation beyond the result, no
//! regex, and no panics on any input.

/// Which symmetric encryption a suite uses. Key sizes that change the grade or the wording get
/// their own variant; everything else a suite can name is kept in the nearest family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bulk {
    Aes128Gcm,
    Aes256Gcm,
    Aes128Ccm,
    Aes256Ccm,
    /// CCM with an 8-byte tag (IoT profiles).
    Aes128Ccm8,
    Aes256Ccm8,
    Chacha20Poly1305,
    Aes128Cbc,
    Aes256Cbc,
    Camellia128Cbc,
    Camellia256Cbc,
    Camellia128Gcm,
    Camellia256Gcm,
    Aria128Cbc,
    Aria256Cbc,
    Aria128Gcm,
    Aria256Gcm,
    /// Chinese national suites of RFC 8998 (TLS 1.3).
    Sm4Gcm,
    Sm4Ccm,
    /// AEGIS suites registered for TLS 1.3.
    Aegis128L,
    Aegis256,
    Seed,
    Idea,
    TripleDes,
    /// Single DES, including the 40-bit export variant.
    Des,
    /// RC4 at any key length.
    Rc4,
    /// RC2, only ever used by export suites.
    Rc2,
    /// No encryption at all.
    Null,
    /// A cipher this module does not know. Never produced by [`parse_cipher`] today; kept so
    /// callers can represent a suite they learnt elsewhere without pretending to know it.
    Other,
}

impl Bulk {
    /// Every bulk cipher class.
    pub const ALL: [Bulk; 29] = [
        Bulk::Aes128Gcm,
        Bulk::Aes256Gcm,
        Bulk::Aes128Ccm,
        Bulk::Aes256Ccm,
        Bulk::Aes128Ccm8,
        Bulk::Aes256Ccm8,
        Bulk::Chacha20Poly1305,
        Bulk::Aes128Cbc,
        Bulk::Aes256Cbc,
        Bulk::Camellia128Cbc,
        Bulk::Camellia256Cbc,
        Bulk::Camellia128Gcm,
        Bulk::Camellia256Gcm,
        Bulk::Aria128Cbc,
        Bulk::Aria256Cbc,
        Bulk::Aria128Gcm,
        Bulk::Aria256Gcm,
        Bulk::Sm4Gcm,
        Bulk::Sm4Ccm,
        Bulk::Aegis128L,
        Bulk::Aegis256,
        Bulk::Seed,
        Bulk::Idea,
        Bulk::TripleDes,
        Bulk::Des,
        Bulk::Rc4,
        Bulk::Rc2,
        Bulk::Null,
        Bulk::Other,
    ];

    /// Authenticated encryption (GCM, CCM, ChaCha20-Poly1305…): the modern construction, immune
    /// to the padding-oracle family of attacks on CBC.
    pub fn is_aead(self) -> bool {
        matches!(
            self,
            Bulk::Aes128Gcm
                | Bulk::Aes256Gcm
                | Bulk::Aes128Ccm
                | Bulk::Aes256Ccm
                | Bulk::Aes128Ccm8
                | Bulk::Aes256Ccm8
                | Bulk::Chacha20Poly1305
                | Bulk::Camellia128Gcm
                | Bulk::Camellia256Gcm
                | Bulk::Aria128Gcm
                | Bulk::Aria256Gcm
                | Bulk::Sm4Gcm
                | Bulk::Sm4Ccm
                | Bulk::Aegis128L
                | Bulk::Aegis256
        )
    }

    /// CBC mode with a separate MAC: still unbroken when implemented with care, but the source
    /// of Lucky13, POODLE-TLS and friends, hence graded weak.
    pub fn is_cbc(self) -> bool {
        matches!(
            self,
            Bulk::Aes128Cbc
                | Bulk::Aes256Cbc
                | Bulk::Camellia128Cbc
                | Bulk::Camellia256Cbc
                | Bulk::Aria128Cbc
                | Bulk::Aria256Cbc
                | Bulk::Seed
                | Bulk::Idea
                | Bulk::TripleDes
                | Bulk::Des
                | Bulk::Rc2
        )
    }

    /// Short human name used in grade sentences ("AES-256-GCM").
    pub fn label(self) -> &'static str {
        match self {
            Bulk::Aes128Gcm => "AES-128-GCM",
            Bulk::Aes256Gcm => "AES-256-GCM",
            Bulk::Aes128Ccm => "AES-128-CCM",
            Bulk::Aes256Ccm => "AES-256-CCM",
            Bulk::Aes128Ccm8 => "AES-128-CCM-8",
            Bulk::Aes256Ccm8 => "AES-256-CCM-8",
            Bulk::Chacha20Poly1305 => "ChaCha20-Poly1305",
            Bulk::Aes128Cbc => "AES-128-CBC",
            Bulk::Aes256Cbc => "AES-256-CBC",
            Bulk::Camellia128Cbc => "Camellia-128-CBC",
            Bulk::Camellia256Cbc => "Camellia-256-CBC",
            Bulk::Camellia128Gcm => "Camellia-128-GCM",
            Bulk::Camellia256Gcm => "Camellia-256-GCM",
            Bulk::Aria128Cbc => "ARIA-128-CBC",
            Bulk::Aria256Cbc => "ARIA-256-CBC",
            Bulk::Aria128Gcm => "ARIA-128-GCM",
            Bulk::Aria256Gcm => "ARIA-256-GCM",
            Bulk::Sm4Gcm => "SM4-GCM",
            Bulk::Sm4Ccm => "SM4-CCM",
            Bulk::Aegis128L => "AEGIS-128L",
            Bulk::Aegis256 => "AEGIS-256",
            Bulk::Seed => "SEED-CBC",
            Bulk::Idea => "IDEA-CBC",
            Bulk::TripleDes => "3DES",
            Bulk::Des => "DES",
            Bulk::Rc4 => "RC4",
            Bulk::Rc2 => "RC2",
            Bulk::Null => "no encryption (NULL)",
            Bulk::Other => "an unrecognised cipher",
        }
    }
}

/// A cipher suite, normalised from whatever spelling the header used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CipherSuite {
    /// IANA name, e.g. "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384" or "TLS_AES_256_GCM_SHA384"
    /// (TLS 1.3 names come from a table: no allocation).
    pub iana: Cow<'static, str>,
    /// Key exchange family from the suite name: "ECDHE", "DHE", "RSA", "ECDH", "DH", "PSK",
    /// "anon", "SRP", "KRB5", "ECCPWD"; None for TLS 1.3 suites, which do not name it.
    pub kex: Option<&'static str>,
    pub bulk: Bulk,
    /// Record MAC: "SHA384", "SHA256", "SHA" (SHA-1) or "MD5". None for AEAD suites, whose
    /// name's hash only feeds the handshake PRF and does not authenticate records.
    pub mac: Option<&'static str>,
    /// A TLS 1.3-only suite (TLS_AES_*, TLS_CHACHA20_*…).
    pub tls13: bool,
    /// Deliberately weakened 1990s export suite (40/56-bit keys, 512/1024-bit key exchange).
    pub export: bool,
    /// Unauthenticated key exchange (ADH, AECDH): trivially intercepted.
    pub anonymous: bool,
    /// Symmetric key bits implied by the suite (3DES counts 168, NULL counts 0).
    pub bits: Option<u32>,
}

/// True when a key-exchange group is a post-quantum hybrid (ML-KEM, or its draft name Kyber),
/// e.g. Postfix's `key-exchange X25519MLKEM768`.
pub fn is_post_quantum(kex: &str) -> bool {
    // Searched in place, ignoring case, rather than in an upper-case copy: this runs for every
    // encrypted hop. The first byte is compared on its own first.
    let b = kex.as_bytes();
    [&b"MLKEM"[..], b"ML-KEM", b"ML_KEM", b"KYBER"]
        .iter()
        .any(|needle| {
            b.windows(needle.len())
                .any(|w| w[0].to_ascii_uppercase() == needle[0] && w.eq_ignore_case(needle))
        })
}

/// Parses a cipher suite name in any spelling seen in mail headers and maps it to IANA.
///
/// Case-insensitive; surrounding whitespace, quotes, brackets and trailing `,;` are ignored.
/// Returns None for text that is not recognisably a suite: the caller then reports it as written.
pub fn parse_cipher(written: &str) -> Option<CipherSuite> {
    let text = if crate::ascii::alphanumeric_ends(written) {
        written
    } else {
        written.trim().trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '"' | '\'' | '(' | ')' | '[' | ']' | ',' | ';')
        })
    };
    // Longest real names are ~45 characters; anything far longer is not one suite.
    if text.is_empty() || text.len() > 80 {
        return None;
    }
    // One pass over the name: each byte checked and copied upper-cased, hyphens noted. No
    // early exit: the loop compiles to fewer instructions a byte.
    let mut buf = [0u8; 80];
    let (mut other, mut hyphen) = (false, false);
    for (slot, &b) in buf.iter_mut().zip(text.as_bytes()) {
        let up = b.to_ascii_uppercase();
        other |= !(up.is_ascii_uppercase() || up.is_ascii_digit() || up == b'_' || up == b'-');
        hyphen |= up == b'-';
        *slot = up;
    }
    if other {
        return None;
    }
    // Read as bytes from here on: the suite's fields all come from the tables, and a `str`
    // would cost a UTF-8 check of what is known to be ASCII.
    let up = &buf[..text.len()];
    if hyphen {
        // A linear scan of ~270 names runs on every encrypted hop: compare lengths first.
        if let Some((_, iana)) = OPENSSL_NAMES
            .iter()
            .find(|(name, _)| name.len() == up.len() && name.eq_ignore_case(up))
        {
            // The table's IANA name is the one the parser would build (tested below): the suite
            // borrows it instead.
            return parse_underscored(upper(iana, &mut buf)?, Some(iana));
        }
        // Hyphens only occur in OpenSSL/LibreSSL names, all of which are in the table.
        return None;
    }
    parse_underscored(up, None)
}

/// `text` upper-cased on the stack (`text` is at most 80 ASCII bytes).
fn upper<'b>(text: &str, buf: &'b mut [u8; 80]) -> Option<&'b [u8]> {
    let up = buf.get_mut(..text.len())?;
    up.copy_from_slice(text.as_bytes());
    up.make_ascii_uppercase();
    Some(up)
}

/// Parses an upper-case underscored name: IANA (`TLS_`/`SSL_` prefix or none), rustls (`TLS13_`),
/// or GnuTLS (no `_WITH_`, optional `GNUTLS_` prefix). `known`: the IANA name, when the OpenSSL
/// table gave it (the suite borrows it; `openssl_table_maps_to_parseable_iana_names` checks
/// that the name built from the IANA spelling is the same).
fn parse_underscored(up: &[u8], known: Option<&'static str>) -> Option<CipherSuite> {
    if let Some(rest) = up.strip_prefix(b"TLS13_") {
        return parse_tls13(rest);
    }
    let body = up.strip_prefix(b"GNUTLS_").unwrap_or(up);
    let body = body
        .strip_prefix(b"TLS_")
        .or_else(|| body.strip_prefix(b"SSL_"))
        .unwrap_or(body);
    // Older Windows (Exchange 2013/2016) appends the ECDHE curve: `…_SHA384_P384`.
    let body = [b"_P256", b"_P384", b"_P521"]
        .iter()
        .find_map(|suffix| body.strip_suffix(*suffix))
        .unwrap_or(body);
    if let Some((kex_part, rest)) = split_at_with(body) {
        let kex = KEX.iter().find(|k| k.token.as_bytes() == kex_part)?;
        return build_tls12(kex, rest, known);
    }
    if let Some(suite) = parse_tls13(body) {
        return Some(suite);
    }
    // GnuTLS: `<kx>_<cipher>_<mac>` with no `_WITH_`. Try every key exchange that prefixes the
    // name, longest first, so `RSA_PSK_…` is not read as `RSA` + `PSK_…`.
    GNUTLS_KEX.iter().find_map(|(gnutls, iana)| {
        let rest = body.strip_prefix(gnutls.as_bytes())?.strip_prefix(b"_")?;
        let kex = KEX.iter().find(|k| k.token == *iana)?;
        build_tls12(kex, rest, known)
    })
}

/// `body.split_once("_WITH_")`, looking only where a `W` is: the general substring search
/// sets up its searcher at every call, which costs more than the whole name.
fn split_at_with(body: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut from = 1;
    loop {
        let w = crate::ascii::find_byte(b'W', body, from)?;
        if body[w - 1] == b'_' && body[w..].starts_with(b"WITH_") {
            return Some((&body[..w - 1], &body[w + 5..]));
        }
        from = w + 1;
    }
}

/// TLS 1.3 suites: `<AEAD>_<hash>`, no key exchange named.
fn parse_tls13(rest: &[u8]) -> Option<CipherSuite> {
    let (name, bulk, bits) = TLS13_SUITES
        .iter()
        .find(|(name, _, _)| name.as_bytes().strip_prefix(b"TLS_") == Some(rest))?;
    Some(CipherSuite {
        iana: Cow::Borrowed(name),
        kex: None,
        bulk: *bulk,
        mac: None,
        tls13: true,
        export: false,
        anonymous: false,
        bits: Some(*bits),
    })
}

/// TLS ≤ 1.2 suites: `<cipher>_<mac>` after the key exchange. `iana` is the suite's IANA name
/// when a table gave it, else it is built.
fn build_tls12(kex: &Kex, rest: &[u8], iana: Option<&'static str>) -> Option<CipherSuite> {
    BULKS.iter().find_map(|b| {
        let after = rest.strip_prefix(b.token.as_bytes())?;
        let mac_written = match after.strip_prefix(b"_") {
            Some(mac) => mac,
            None if after.is_empty() => b"",
            None => return None,
        };
        let mac = MACS
            .iter()
            .find(|(written, _)| written.as_bytes() == mac_written)
            .map(|(_, canonical)| *canonical)?;
        // What IANA appends after the cipher; AEAD suites name their PRF hash, not a MAC.
        let iana_hash = match b.bulk {
            // CCM suites name no hash at all (RFC 6655).
            Bulk::Aes128Ccm | Bulk::Aes256Ccm | Bulk::Aes128Ccm8 | Bulk::Aes256Ccm8 => {
                if !mac.is_empty() {
                    return None;
                }
                ""
            }
            // GnuTLS omits the SHA256 that RFC 7905 names.
            Bulk::Chacha20Poly1305 => match mac {
                "" | "SHA256" => "SHA256",
                _ => return None,
            },
            bulk if bulk.is_aead() => match mac {
                "SHA256" | "SHA384" => mac,
                _ => return None,
            },
            _ => {
                if mac.is_empty() {
                    return None;
                }
                mac
            }
        };
        // Joined, not `format!`: the formatting machinery costs ten times more, per hop.
        let iana = match iana {
            Some(known) => Cow::Borrowed(known),
            None if iana_hash.is_empty() => {
                Cow::Owned(["TLS_", kex.iana, "_WITH_", b.iana].concat())
            }
            None => Cow::Owned(["TLS_", kex.iana, "_WITH_", b.iana, "_", iana_hash].concat()),
        };
        Some(CipherSuite {
            iana,
            kex: Some(kex.family),
            bulk: b.bulk,
            mac: if b.bulk.is_aead() { None } else { Some(mac) },
            tls13: false,
            export: kex.export || b.export,
            anonymous: kex.anonymous,
            bits: Some(b.bits),
        })
    })
}

/// A key exchange as IANA names it.
struct Kex {
    /// Upper-case spelling to match.
    token: &'static str,
    /// Spelling in the IANA name (`DH_anon` keeps its lower case).
    iana: &'static str,
    family: &'static str,
    anonymous: bool,
    export: bool,
}

const fn kex(token: &'static str, iana: &'static str, family: &'static str) -> Kex {
    Kex {
        token,
        iana,
        family,
        anonymous: false,
        export: false,
    }
}

const fn kex_export(token: &'static str, iana: &'static str, family: &'static str) -> Kex {
    Kex {
        token,
        iana,
        family,
        anonymous: false,
        export: true,
    }
}

const fn kex_anon(token: &'static str, iana: &'static str, export: bool) -> Kex {
    Kex {
        token,
        iana,
        family: "anon",
        anonymous: true,
        export,
    }
}

/// Every key exchange of the IANA TLS registry that a mail server could plausibly negotiate.
/// Searched in order for every TLS 1.2 suite: the ones nearly every server negotiates first.
static KEX: &[Kex] = &[
    kex("ECDHE_RSA", "ECDHE_RSA", "ECDHE"),
    kex("ECDHE_ECDSA", "ECDHE_ECDSA", "ECDHE"),
    kex("DHE_RSA", "DHE_RSA", "DHE"),
    kex("RSA", "RSA", "RSA"),
    kex_export("RSA_EXPORT", "RSA_EXPORT", "RSA"),
    kex_export("RSA_EXPORT1024", "RSA_EXPORT1024", "RSA"),
    // RSA_PSK encrypts the premaster secret to the server's RSA key: no forward secrecy.
    kex("RSA_PSK", "RSA_PSK", "RSA"),
    kex("DH_DSS", "DH_DSS", "DH"),
    kex("DH_RSA", "DH_RSA", "DH"),
    kex_export("DH_DSS_EXPORT", "DH_DSS_EXPORT", "DH"),
    kex_export("DH_RSA_EXPORT", "DH_RSA_EXPORT", "DH"),
    kex("DHE_DSS", "DHE_DSS", "DHE"),
    kex_export("DHE_DSS_EXPORT", "DHE_DSS_EXPORT", "DHE"),
    kex_export("DHE_RSA_EXPORT", "DHE_RSA_EXPORT", "DHE"),
    kex_export("DHE_DSS_EXPORT1024", "DHE_DSS_EXPORT1024", "DHE"),
    kex("DHE_PSK", "DHE_PSK", "DHE"),
    // The IANA registry really spells the DHE-PSK CCM_8 suites this way round (RFC 6655).
    kex("PSK_DHE", "PSK_DHE", "DHE"),
    kex_anon("DH_ANON", "DH_anon", false),
    kex_anon("DH_ANON_EXPORT", "DH_anon_EXPORT", true),
    kex("ECDH_ECDSA", "ECDH_ECDSA", "ECDH"),
    kex("ECDH_RSA", "ECDH_RSA", "ECDH"),
    kex_anon("ECDH_ANON", "ECDH_anon", false),
    kex("ECDHE_PSK", "ECDHE_PSK", "ECDHE"),
    kex("PSK", "PSK", "PSK"),
    kex("SRP_SHA", "SRP_SHA", "SRP"),
    kex("SRP_SHA_RSA", "SRP_SHA_RSA", "SRP"),
    kex("SRP_SHA_DSS", "SRP_SHA_DSS", "SRP"),
    kex("KRB5", "KRB5", "KRB5"),
    kex_export("KRB5_EXPORT", "KRB5_EXPORT", "KRB5"),
    kex("ECCPWD", "ECCPWD", "ECCPWD"),
];

/// GnuTLS key-exchange spellings (as in `gnutls_cipher_suite_get_name`) → IANA token. Longest
/// first: the parser takes the first one that yields a complete suite.
static GNUTLS_KEX: &[(&str, &str)] = &[
    ("SRP_SHA_RSA", "SRP_SHA_RSA"),
    ("SRP_SHA_DSS", "SRP_SHA_DSS"),
    ("ECDHE_ECDSA", "ECDHE_ECDSA"),
    ("ECDH_ECDSA", "ECDH_ECDSA"),
    ("ANON_ECDH", "ECDH_ANON"),
    ("ECDHE_RSA", "ECDHE_RSA"),
    ("ECDHE_PSK", "ECDHE_PSK"),
    ("ECDH_ANON", "ECDH_ANON"),
    ("RSA_EXPORT", "RSA_EXPORT"),
    ("ECDH_RSA", "ECDH_RSA"),
    ("DHE_RSA", "DHE_RSA"),
    ("DHE_DSS", "DHE_DSS"),
    ("DHE_PSK", "DHE_PSK"),
    ("RSA_PSK", "RSA_PSK"),
    ("ANON_DH", "DH_ANON"),
    ("DH_ANON", "DH_ANON"),
    ("SRP_RSA", "SRP_SHA_RSA"),
    ("SRP_DSS", "SRP_SHA_DSS"),
    ("SRP_SHA", "SRP_SHA"),
    ("DH_RSA", "DH_RSA"),
    ("DH_DSS", "DH_DSS"),
    ("SRP", "SRP_SHA"),
    ("RSA", "RSA"),
    ("PSK", "PSK"),
];

/// A cipher as written after the key exchange.
struct BulkToken {
    token: &'static str,
    /// Spelling in the IANA name.
    iana: &'static str,
    bulk: Bulk,
    bits: u32,
    /// Only export suites use 40-bit keys.
    export: bool,
}

const fn bulk(token: &'static str, iana: &'static str, bulk: Bulk, bits: u32) -> BulkToken {
    BulkToken {
        token,
        iana,
        bulk,
        bits,
        export: false,
    }
}

const fn bulk_export(token: &'static str, iana: &'static str, bulk: Bulk, bits: u32) -> BulkToken {
    BulkToken {
        token,
        iana,
        bulk,
        bits,
        export: true,
    }
}

/// IANA cipher tokens plus GnuTLS's `ARCFOUR`. Longer tokens first where one prefixes another
/// (`AES_128_CCM_8` before `AES_128_CCM`); the mac check rejects any wrong split anyway.
static BULKS: &[BulkToken] = &[
    bulk("AES_128_GCM", "AES_128_GCM", Bulk::Aes128Gcm, 128),
    bulk("AES_256_GCM", "AES_256_GCM", Bulk::Aes256Gcm, 256),
    bulk("AES_128_CCM_8", "AES_128_CCM_8", Bulk::Aes128Ccm8, 128),
    bulk("AES_256_CCM_8", "AES_256_CCM_8", Bulk::Aes256Ccm8, 256),
    bulk("AES_128_CCM", "AES_128_CCM", Bulk::Aes128Ccm, 128),
    bulk("AES_256_CCM", "AES_256_CCM", Bulk::Aes256Ccm, 256),
    bulk("AES_128_CBC", "AES_128_CBC", Bulk::Aes128Cbc, 128),
    bulk("AES_256_CBC", "AES_256_CBC", Bulk::Aes256Cbc, 256),
    bulk(
        "CHACHA20_POLY1305",
        "CHACHA20_POLY1305",
        Bulk::Chacha20Poly1305,
        256,
    ),
    bulk(
        "CAMELLIA_128_CBC",
        "CAMELLIA_128_CBC",
        Bulk::Camellia128Cbc,
        128,
    ),
    bulk(
        "CAMELLIA_256_CBC",
        "CAMELLIA_256_CBC",
        Bulk::Camellia256Cbc,
        256,
    ),
    bulk(
        "CAMELLIA_128_GCM",
        "CAMELLIA_128_GCM",
        Bulk::Camellia128Gcm,
        128,
    ),
    bulk(
        "CAMELLIA_256_GCM",
        "CAMELLIA_256_GCM",
        Bulk::Camellia256Gcm,
        256,
    ),
    bulk("ARIA_128_CBC", "ARIA_128_CBC", Bulk::Aria128Cbc, 128),
    bulk("ARIA_256_CBC", "ARIA_256_CBC", Bulk::Aria256Cbc, 256),
    bulk("ARIA_128_GCM", "ARIA_128_GCM", Bulk::Aria128Gcm, 128),
    bulk("ARIA_256_GCM", "ARIA_256_GCM", Bulk::Aria256Gcm, 256),
    bulk("3DES_EDE_CBC", "3DES_EDE_CBC", Bulk::TripleDes, 168),
    bulk_export("DES_CBC_40", "DES_CBC_40", Bulk::Des, 40),
    bulk_export("DES40_CBC", "DES40_CBC", Bulk::Des, 40),
    bulk("DES_CBC", "DES_CBC", Bulk::Des, 56),
    bulk("RC4_128", "RC4_128", Bulk::Rc4, 128),
    bulk("RC4_56", "RC4_56", Bulk::Rc4, 56),
    bulk_export("RC4_40", "RC4_40", Bulk::Rc4, 40),
    bulk("ARCFOUR_128", "RC4_128", Bulk::Rc4, 128),
    bulk_export("ARCFOUR_40", "RC4_40", Bulk::Rc4, 40),
    bulk_export("RC2_CBC_40", "RC2_CBC_40", Bulk::Rc2, 40),
    bulk("RC2_CBC_56", "RC2_CBC_56", Bulk::Rc2, 56),
    bulk("IDEA_CBC", "IDEA_CBC", Bulk::Idea, 128),
    bulk("SEED_CBC", "SEED_CBC", Bulk::Seed, 128),
    bulk("NULL", "NULL", Bulk::Null, 0),
];

/// MAC spellings → canonical IANA spelling. GnuTLS writes SHA-1 as `SHA1`; "" is a suite that
/// names no hash (CCM, GnuTLS's ChaCha20).
static MACS: &[(&str, &str)] = &[
    ("SHA", "SHA"),
    ("SHA1", "SHA"),
    ("SHA256", "SHA256"),
    ("SHA384", "SHA384"),
    ("MD5", "MD5"),
    ("", ""),
];

/// TLS 1.3 suites (RFC 8446, RFC 8998, AEGIS), without the `TLS_` prefix.
static TLS13_SUITES: &[(&str, Bulk, u32)] = &[
    ("TLS_AES_128_GCM_SHA256", Bulk::Aes128Gcm, 128),
    ("TLS_AES_256_GCM_SHA384", Bulk::Aes256Gcm, 256),
    ("TLS_CHACHA20_POLY1305_SHA256", Bulk::Chacha20Poly1305, 256),
    ("TLS_AES_128_CCM_SHA256", Bulk::Aes128Ccm, 128),
    ("TLS_AES_128_CCM_8_SHA256", Bulk::Aes128Ccm8, 128),
    ("TLS_SM4_GCM_SM3", Bulk::Sm4Gcm, 128),
    ("TLS_SM4_CCM_SM3", Bulk::Sm4Ccm, 128),
    ("TLS_AEGIS_128L_SHA256", Bulk::Aegis128L, 128),
    ("TLS_AEGIS_256_SHA512", Bulk::Aegis256, 256),
];

use std::borrow::Cow;

use super::openssl_names::OPENSSL_NAMES;
use crate::ascii::IgnoreCase;

#[cfg(test)]
mod tests {
    use super::*;

    type Expect = (
        &'static str,         // as written
        &'static str,         // IANA
        Option<&'static str>, // kex
        Bulk,
        Option<&'static str>, // mac
        bool,                 // tls13
        bool,                 // export
        bool,                 // anonymous
        u32,                  // bits
    );

    use Bulk::*;
    const N: Option<&str> = None;

    #[rustfmt::skip]
    const CASES: &[Expect] = &[
        // IANA names (Exim ≥ 4.93, Microsoft, Google, Sendmail, Mailgun, Haraka).
        ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", Some("ECDHE"), Aes128Gcm, N, false, false, false, 128),
        ("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", Some("ECDHE"), Aes256Gcm, N, false, false, false, 256),
        ("TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384", N, Aes256Gcm, N, true, false, false, 256),
        ("TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256", N, Aes128Gcm, N, true, false, false, 128),
        ("TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256", N, Chacha20Poly1305, N, true, false, false, 256),
        ("TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_SHA256", N, Aes128Ccm, N, true, false, false, 128),
        ("TLS_AES_128_CCM_8_SHA256", "TLS_AES_128_CCM_8_SHA256", N, Aes128Ccm8, N, true, false, false, 128),
        ("TLS_SM4_GCM_SM3", "TLS_SM4_GCM_SM3", N, Sm4Gcm, N, true, false, false, 128),
        ("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", Some("ECDHE"), Aes128Cbc, Some("SHA"), false, false, false, 128),
        ("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", Some("ECDHE"), Aes256Cbc, Some("SHA384"), false, false, false, 256),
        ("TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA", Some("RSA"), Aes256Cbc, Some("SHA"), false, false, false, 256),
        ("TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", Some("RSA"), TripleDes, Some("SHA"), false, false, false, 168),
        ("TLS_DHE_RSA_WITH_AES_128_CCM", "TLS_DHE_RSA_WITH_AES_128_CCM", Some("DHE"), Aes128Ccm, N, false, false, false, 128),
        ("TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8", "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8", Some("ECDHE"), Aes256Ccm8, N, false, false, false, 256),
        ("TLS_DH_anon_WITH_AES_128_CBC_SHA", "TLS_DH_anon_WITH_AES_128_CBC_SHA", Some("anon"), Aes128Cbc, Some("SHA"), false, false, true, 128),
        ("TLS_RSA_EXPORT_WITH_RC4_40_MD5", "TLS_RSA_EXPORT_WITH_RC4_40_MD5", Some("RSA"), Rc4, Some("MD5"), false, true, false, 40),
        ("TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256", Some("ECDHE"), Camellia128Gcm, N, false, false, false, 128),
        ("TLS_PSK_DHE_WITH_AES_128_CCM_8", "TLS_PSK_DHE_WITH_AES_128_CCM_8", Some("DHE"), Aes128Ccm8, N, false, false, false, 128),
        // Java-style SSL_ prefix and Windows' curve suffix.
        ("SSL_RSA_WITH_RC4_128_MD5", "TLS_RSA_WITH_RC4_128_MD5", Some("RSA"), Rc4, Some("MD5"), false, false, false, 128),
        ("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384_P384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", Some("ECDHE"), Aes256Cbc, Some("SHA384"), false, false, false, 256),
        ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256_P256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", Some("ECDHE"), Aes128Gcm, N, false, false, false, 128),
        // Case-insensitive.
        ("tls_ecdhe_rsa_with_aes_256_gcm_sha384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", Some("ECDHE"), Aes256Gcm, N, false, false, false, 256),
        ("tls_dh_anon_with_aes_128_cbc_sha", "TLS_DH_anon_WITH_AES_128_CBC_SHA", Some("anon"), Aes128Cbc, Some("SHA"), false, false, true, 128),
        // OpenSSL names (Postfix, qmail, OpenSMTPD, IronPort, MessageLabs, Exim 3).
        ("ECDHE-RSA-AES256-GCM-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", Some("ECDHE"), Aes256Gcm, N, false, false, false, 256),
        ("ECDHE-RSA-AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", Some("ECDHE"), Aes128Gcm, N, false, false, false, 128),
        ("ECDHE-ECDSA-CHACHA20-POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", Some("ECDHE"), Chacha20Poly1305, N, false, false, false, 256),
        ("ECDHE-RSA-CHACHA20-POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", Some("ECDHE"), Chacha20Poly1305, N, false, false, false, 256),
        ("DHE-RSA-AES256-SHA", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", Some("DHE"), Aes256Cbc, Some("SHA"), false, false, false, 256),
        ("DHE-RSA-AES256-GCM-SHA384", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", Some("DHE"), Aes256Gcm, N, false, false, false, 256),
        ("AES256-SHA", "TLS_RSA_WITH_AES_256_CBC_SHA", Some("RSA"), Aes256Cbc, Some("SHA"), false, false, false, 256),
        ("AES128-SHA", "TLS_RSA_WITH_AES_128_CBC_SHA", Some("RSA"), Aes128Cbc, Some("SHA"), false, false, false, 128),
        ("AES128-GCM-SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256", Some("RSA"), Aes128Gcm, N, false, false, false, 128),
        ("AES256-SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA256", Some("RSA"), Aes256Cbc, Some("SHA256"), false, false, false, 256),
        ("DES-CBC3-SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", Some("RSA"), TripleDes, Some("SHA"), false, false, false, 168),
        ("EDH-RSA-DES-CBC3-SHA", "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", Some("DHE"), TripleDes, Some("SHA"), false, false, false, 168),
        ("DES-CBC-SHA", "TLS_RSA_WITH_DES_CBC_SHA", Some("RSA"), Des, Some("SHA"), false, false, false, 56),
        ("RC4-SHA", "TLS_RSA_WITH_RC4_128_SHA", Some("RSA"), Rc4, Some("SHA"), false, false, false, 128),
        ("RC4-MD5", "TLS_RSA_WITH_RC4_128_MD5", Some("RSA"), Rc4, Some("MD5"), false, false, false, 128),
        ("ECDHE-RSA-RC4-SHA", "TLS_ECDHE_RSA_WITH_RC4_128_SHA", Some("ECDHE"), Rc4, Some("SHA"), false, false, false, 128),
        ("EXP-RC4-MD5", "TLS_RSA_EXPORT_WITH_RC4_40_MD5", Some("RSA"), Rc4, Some("MD5"), false, true, false, 40),
        ("EXP-EDH-RSA-DES-CBC-SHA", "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA", Some("DHE"), Des, Some("SHA"), false, true, false, 40),
        ("EXP1024-RC4-SHA", "TLS_RSA_EXPORT1024_WITH_RC4_56_SHA", Some("RSA"), Rc4, Some("SHA"), false, true, false, 56),
        ("ADH-AES256-SHA", "TLS_DH_anon_WITH_AES_256_CBC_SHA", Some("anon"), Aes256Cbc, Some("SHA"), false, false, true, 256),
        ("AECDH-AES128-SHA", "TLS_ECDH_anon_WITH_AES_128_CBC_SHA", Some("anon"), Aes128Cbc, Some("SHA"), false, false, true, 128),
        ("ECDHE-RSA-AES128-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", Some("ECDHE"), Aes128Cbc, Some("SHA256"), false, false, false, 128),
        ("ECDHE-RSA-AES256-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", Some("ECDHE"), Aes256Cbc, Some("SHA384"), false, false, false, 256),
        ("ECDHE-RSA-AES256-SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", Some("ECDHE"), Aes256Cbc, Some("SHA"), false, false, false, 256),
        ("ECDH-RSA-AES128-GCM-SHA256", "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256", Some("ECDH"), Aes128Gcm, N, false, false, false, 128),
        ("DH-RSA-AES256-SHA", "TLS_DH_RSA_WITH_AES_256_CBC_SHA", Some("DH"), Aes256Cbc, Some("SHA"), false, false, false, 256),
        ("NULL-SHA", "TLS_RSA_WITH_NULL_SHA", Some("RSA"), Null, Some("SHA"), false, false, false, 0),
        ("NULL-MD5", "TLS_RSA_WITH_NULL_MD5", Some("RSA"), Null, Some("MD5"), false, false, false, 0),
        ("ECDHE-RSA-NULL-SHA", "TLS_ECDHE_RSA_WITH_NULL_SHA", Some("ECDHE"), Null, Some("SHA"), false, false, false, 0),
        ("CAMELLIA256-SHA", "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA", Some("RSA"), Camellia256Cbc, Some("SHA"), false, false, false, 256),
        ("DHE-RSA-CAMELLIA128-SHA", "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA", Some("DHE"), Camellia128Cbc, Some("SHA"), false, false, false, 128),
        ("ECDHE-ARIA256-GCM-SHA384", "TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384", Some("ECDHE"), Aria256Gcm, N, false, false, false, 256),
        ("SEED-SHA", "TLS_RSA_WITH_SEED_CBC_SHA", Some("RSA"), Seed, Some("SHA"), false, false, false, 128),
        ("IDEA-CBC-SHA", "TLS_RSA_WITH_IDEA_CBC_SHA", Some("RSA"), Idea, Some("SHA"), false, false, false, 128),
        ("ECDHE-ECDSA-AES128-CCM8", "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", Some("ECDHE"), Aes128Ccm8, N, false, false, false, 128),
        ("PSK-AES128-GCM-SHA256", "TLS_PSK_WITH_AES_128_GCM_SHA256", Some("PSK"), Aes128Gcm, N, false, false, false, 128),
        ("ECDHE-RSA-CHACHA20-POLY1305-OLD", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", Some("ECDHE"), Chacha20Poly1305, N, false, false, false, 256),
        ("ecdhe-rsa-aes256-gcm-sha384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", Some("ECDHE"), Aes256Gcm, N, false, false, false, 256),
        ("des-cbc3-sha", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", Some("RSA"), TripleDes, Some("SHA"), false, false, false, 168),
        // GnuTLS names (older Exim, Courier).
        ("ECDHE_RSA_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", Some("ECDHE"), Aes256Gcm, N, false, false, false, 256),
        ("ECDHE_ECDSA_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", Some("ECDHE"), Aes128Gcm, N, false, false, false, 128),
        ("DHE_RSA_AES_256_CBC_SHA1", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", Some("DHE"), Aes256Cbc, Some("SHA"), false, false, false, 256),
        ("DHE_RSA_AES_128_CBC_SHA256", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", Some("DHE"), Aes128Cbc, Some("SHA256"), false, false, false, 128),
        ("RSA_AES_128_CBC_SHA1", "TLS_RSA_WITH_AES_128_CBC_SHA", Some("RSA"), Aes128Cbc, Some("SHA"), false, false, false, 128),
        ("RSA_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_256_GCM_SHA384", Some("RSA"), Aes256Gcm, N, false, false, false, 256),
        ("ECDHE_RSA_CHACHA20_POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", Some("ECDHE"), Chacha20Poly1305, N, false, false, false, 256),
        ("RSA_3DES_EDE_CBC_SHA1", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", Some("RSA"), TripleDes, Some("SHA"), false, false, false, 168),
        ("DHE_DSS_3DES_EDE_CBC_SHA1", "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA", Some("DHE"), TripleDes, Some("SHA"), false, false, false, 168),
        ("RSA_ARCFOUR_128_SHA1", "TLS_RSA_WITH_RC4_128_SHA", Some("RSA"), Rc4, Some("SHA"), false, false, false, 128),
        ("RSA_ARCFOUR_128_MD5", "TLS_RSA_WITH_RC4_128_MD5", Some("RSA"), Rc4, Some("MD5"), false, false, false, 128),
        ("RSA_EXPORT_ARCFOUR_40_MD5", "TLS_RSA_EXPORT_WITH_RC4_40_MD5", Some("RSA"), Rc4, Some("MD5"), false, true, false, 40),
        ("ECDHE_ECDSA_AES_128_CCM", "TLS_ECDHE_ECDSA_WITH_AES_128_CCM", Some("ECDHE"), Aes128Ccm, N, false, false, false, 128),
        ("RSA_AES_256_CCM_8", "TLS_RSA_WITH_AES_256_CCM_8", Some("RSA"), Aes256Ccm8, N, false, false, false, 256),
        ("DHE_RSA_CAMELLIA_128_CBC_SHA1", "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA", Some("DHE"), Camellia128Cbc, Some("SHA"), false, false, false, 128),
        ("ECDHE_RSA_CAMELLIA_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384", Some("ECDHE"), Camellia256Gcm, N, false, false, false, 256),
        ("RSA_NULL_SHA1", "TLS_RSA_WITH_NULL_SHA", Some("RSA"), Null, Some("SHA"), false, false, false, 0),
        ("ANON_DH_AES_128_CBC_SHA1", "TLS_DH_anon_WITH_AES_128_CBC_SHA", Some("anon"), Aes128Cbc, Some("SHA"), false, false, true, 128),
        ("ANON_ECDH_AES_256_CBC_SHA1", "TLS_ECDH_anon_WITH_AES_256_CBC_SHA", Some("anon"), Aes256Cbc, Some("SHA"), false, false, true, 256),
        ("RSA_PSK_AES_128_GCM_SHA256", "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256", Some("RSA"), Aes128Gcm, N, false, false, false, 128),
        ("DHE_PSK_AES_256_GCM_SHA384", "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384", Some("DHE"), Aes256Gcm, N, false, false, false, 256),
        ("PSK_AES_128_CBC_SHA1", "TLS_PSK_WITH_AES_128_CBC_SHA", Some("PSK"), Aes128Cbc, Some("SHA"), false, false, false, 128),
        ("SRP_SHA_AES_128_CBC_SHA1", "TLS_SRP_SHA_WITH_AES_128_CBC_SHA", Some("SRP"), Aes128Cbc, Some("SHA"), false, false, false, 128),
        ("SRP_SHA_RSA_AES_256_CBC_SHA1", "TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA", Some("SRP"), Aes256Cbc, Some("SHA"), false, false, false, 256),
        ("GNUTLS_ECDHE_RSA_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", Some("ECDHE"), Aes128Gcm, N, false, false, false, 128),
        ("ecdhe_rsa_aes_256_gcm_sha384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", Some("ECDHE"), Aes256Gcm, N, false, false, false, 256),
        // GnuTLS TLS 1.3 form.
        ("AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384", N, Aes256Gcm, N, true, false, false, 256),
        ("AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256", N, Aes128Gcm, N, true, false, false, 128),
        ("CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256", N, Chacha20Poly1305, N, true, false, false, 256),
        ("AES_128_CCM_SHA256", "TLS_AES_128_CCM_SHA256", N, Aes128Ccm, N, true, false, false, 128),
        // rustls / Stalwart.
        ("TLS13_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384", N, Aes256Gcm, N, true, false, false, 256),
        ("TLS13_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256", N, Aes128Gcm, N, true, false, false, 128),
        ("TLS13_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256", N, Chacha20Poly1305, N, true, false, false, 256),
        // LibreSSL / BoringSSL TLS 1.3.
        ("AEAD-AES128-GCM-SHA256", "TLS_AES_128_GCM_SHA256", N, Aes128Gcm, N, true, false, false, 128),
        ("AEAD-AES256-GCM-SHA384", "TLS_AES_256_GCM_SHA384", N, Aes256Gcm, N, true, false, false, 256),
        ("AEAD-CHACHA20-POLY1305-SHA256", "TLS_CHACHA20_POLY1305_SHA256", N, Chacha20Poly1305, N, true, false, false, 256),
        ("aead-aes256-gcm-sha384", "TLS_AES_256_GCM_SHA384", N, Aes256Gcm, N, true, false, false, 256),
        // Surrounding punctuation a dialect parser may leave.
        (" TLS_AES_256_GCM_SHA384; ", "TLS_AES_256_GCM_SHA384", N, Aes256Gcm, N, true, false, false, 256),
        ("(DHE-RSA-AES256-SHA)", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", Some("DHE"), Aes256Cbc, Some("SHA"), false, false, false, 256),
        ("\"ECDHE-RSA-AES128-GCM-SHA256\",", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", Some("ECDHE"), Aes128Gcm, N, false, false, false, 128),
    ];

    #[test]
    fn parses_every_spelling() {
        for &(written, iana, kex, bulk, mac, tls13, export, anonymous, bits) in CASES {
            let expected = CipherSuite {
                iana: iana.into(),
                kex,
                bulk,
                mac,
                tls13,
                export,
                anonymous,
                bits: Some(bits),
            };
            assert_eq!(parse_cipher(written), Some(expected), "{written:?}");
        }
    }

    #[test]
    fn the_three_spellings_of_one_suite_agree() {
        let groups: &[&[&str]] = &[
            &[
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "ECDHE-RSA-AES256-GCM-SHA384",
                "ECDHE_RSA_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384_P384",
            ],
            &[
                "TLS_AES_256_GCM_SHA384",
                "TLS13_AES_256_GCM_SHA384",
                "AES_256_GCM_SHA384",
                "AEAD-AES256-GCM-SHA384",
            ],
            &[
                "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
                "DES-CBC3-SHA",
                "RSA_3DES_EDE_CBC_SHA1",
                "SSL_RSA_WITH_3DES_EDE_CBC_SHA",
            ],
            &[
                "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",
                "DHE-RSA-AES256-SHA",
                "DHE_RSA_AES_256_CBC_SHA1",
            ],
            &[
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                "ECDHE-ECDSA-CHACHA20-POLY1305",
                "ECDHE_ECDSA_CHACHA20_POLY1305",
            ],
            &[
                "TLS_RSA_WITH_RC4_128_SHA",
                "RC4-SHA",
                "RSA_ARCFOUR_128_SHA1",
            ],
        ];
        for group in groups {
            let first = parse_cipher(group[0]);
            assert!(first.is_some(), "{:?}", group[0]);
            for written in group.iter() {
                assert_eq!(parse_cipher(written), first, "{written:?}");
            }
        }
    }

    /// Every OpenSSL name in the table maps to an IANA name that parses back to itself: catches
    /// typos in the table and gaps in the IANA parser.
    #[test]
    fn openssl_table_maps_to_parseable_iana_names() {
        for (openssl, iana) in OPENSSL_NAMES {
            let suite = parse_cipher(openssl).unwrap_or_else(|| panic!("{openssl}"));
            assert_eq!(suite.iana, *iana, "{openssl}");
            assert_eq!(parse_cipher(iana).as_ref(), Some(&suite), "{iana}");
            assert_eq!(
                parse_cipher(&iana.to_ascii_lowercase()).as_ref(),
                Some(&suite),
                "{iana}"
            );
            assert_eq!(
                parse_cipher(&openssl.to_ascii_lowercase()).as_ref(),
                Some(&suite),
                "{openssl}"
            );
        }
    }

    #[test]
    fn key_exchanges_are_listed_once() {
        for (i, a) in KEX.iter().enumerate() {
            assert!(
                KEX[i + 1..].iter().all(|b| b.token != a.token),
                "{}",
                a.token
            );
        }
        assert_eq!(KEX.len(), 30);
    }

    #[test]
    fn openssl_table_has_no_duplicate_names() {
        for (i, (a, _)) in OPENSSL_NAMES.iter().enumerate() {
            for (b, _) in OPENSSL_NAMES.iter().skip(i + 1) {
                assert_ne!(a, b);
            }
        }
    }

    /// OpenSSL's default list and the legacy suites the brief names (RSA/ECDHE/DHE with
    /// AES/CHACHA/3DES/RC4/CAMELLIA/NULL) must all be known.
    #[test]
    fn covers_openssl_default_and_legacy_lists() {
        let names = [
            "ECDHE-ECDSA-AES256-GCM-SHA384",
            "ECDHE-RSA-AES256-GCM-SHA384",
            "DHE-RSA-AES256-GCM-SHA384",
            "ECDHE-ECDSA-CHACHA20-POLY1305",
            "ECDHE-RSA-CHACHA20-POLY1305",
            "DHE-RSA-CHACHA20-POLY1305",
            "ECDHE-ECDSA-AES128-GCM-SHA256",
            "ECDHE-RSA-AES128-GCM-SHA256",
            "DHE-RSA-AES128-GCM-SHA256",
            "ECDHE-ECDSA-AES256-SHA384",
            "ECDHE-RSA-AES256-SHA384",
            "DHE-RSA-AES256-SHA256",
            "ECDHE-ECDSA-AES128-SHA256",
            "ECDHE-RSA-AES128-SHA256",
            "DHE-RSA-AES128-SHA256",
            "ECDHE-ECDSA-AES256-SHA",
            "ECDHE-RSA-AES256-SHA",
            "DHE-RSA-AES256-SHA",
            "ECDHE-ECDSA-AES128-SHA",
            "ECDHE-RSA-AES128-SHA",
            "DHE-RSA-AES128-SHA",
            "AES256-GCM-SHA384",
            "AES128-GCM-SHA256",
            "AES256-SHA256",
            "AES128-SHA256",
            "AES256-SHA",
            "AES128-SHA",
            "DHE-RSA-AES256-CCM",
            "DHE-RSA-AES128-CCM",
            "AES256-CCM",
            "AES128-CCM",
            "ECDHE-RSA-CAMELLIA256-SHA384",
            "ECDHE-RSA-CAMELLIA128-SHA256",
            "DHE-RSA-CAMELLIA256-SHA256",
            "DHE-RSA-CAMELLIA128-SHA256",
            "DHE-RSA-CAMELLIA256-SHA",
            "DHE-RSA-CAMELLIA128-SHA",
            "CAMELLIA256-SHA256",
            "CAMELLIA128-SHA256",
            "CAMELLIA256-SHA",
            "CAMELLIA128-SHA",
            "ECDHE-RSA-DES-CBC3-SHA",
            "ECDHE-ECDSA-DES-CBC3-SHA",
            "EDH-RSA-DES-CBC3-SHA",
            "DHE-RSA-DES-CBC3-SHA",
            "DES-CBC3-SHA",
            "ECDHE-RSA-RC4-SHA",
            "ECDHE-ECDSA-RC4-SHA",
            "RC4-SHA",
            "RC4-MD5",
            "EXP-RC4-MD5",
            "EXP-DES-CBC-SHA",
            "EXP-EDH-RSA-DES-CBC-SHA",
            "EDH-RSA-DES-CBC-SHA",
            "DES-CBC-SHA",
            "NULL-SHA",
            "NULL-MD5",
            "NULL-SHA256",
            "ECDHE-RSA-NULL-SHA",
            "ECDHE-ECDSA-NULL-SHA",
            "ADH-AES256-SHA",
            "ADH-AES128-SHA",
            "ADH-DES-CBC3-SHA",
            "ADH-RC4-MD5",
            "AECDH-AES256-SHA",
            "AECDH-NULL-SHA",
        ];
        for name in names {
            assert!(parse_cipher(name).is_some(), "{name}");
        }
    }

    #[test]
    fn rejects_text_that_is_not_a_suite() {
        let cases = [
            "",
            "   ",
            "UNKNOWN",
            "OTHER", // Google's old `cipher=OTHER`
            "NULL",
            "TLSv1/SSLv3",
            "TLSv1.3",
            "TLS1.2",
            "256",
            "ESMTPS",
            "TLS_AES_256_GCM_SHA384:256",
            "TLSv1.3:TLS_AES_256_GCM_SHA384:256",
            "ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)",
            "ECDHE-RSA-AES999-GCM-SHA384",
            "FOO-BAR",
            "AES256",
            "TLS_",
            "TLS13_",
            "TLS_WITH_",
            "TLS_FOO_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_FOO_SHA",
            "TLS_RSA_WITH_AES_128_GCM_SHA", // GCM never pairs with SHA-1
            "TLS_RSA_WITH_AES_128_CBC",     // CBC needs a MAC
            "TLS_RSA_WITH_AES_128_CCM_SHA256",
            "TLS_RSA_WITH_AES_128_CBC_SHA_EXTRA",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA384",
            "TLS_AES_256_GCM_SHA256",
            "TLS13_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_EMPTY_RENEGOTIATION_INFO_SCSV",
            "TLS_FALLBACK_SCSV",
            "ECDHE_RSA",
            "ECDHE_RSA_",
            "RSA_PSK",
            "X25519MLKEM768",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384_P999",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\u{0}",
            "TLS_AES_256_GCM_SHA384é",
            "🔒",
        ];
        for written in cases {
            assert_eq!(parse_cipher(written), None, "{written:?}");
        }
        let long = "A".repeat(10_000);
        assert_eq!(parse_cipher(&long), None);
    }

    #[test]
    fn never_panics_on_truncations() {
        let text = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 é ECDHE-RSA-AES256-GCM-SHA384 ✓ RSA_ARCFOUR_128_SHA1";
        for (i, _) in text.char_indices() {
            let _ = parse_cipher(&text[i..]);
            let _ = parse_cipher(&text[..i]);
        }
        for (openssl, iana) in OPENSSL_NAMES {
            for cut in 0..iana.len() {
                let _ = parse_cipher(&iana[..cut]);
                let _ = parse_cipher(&iana[cut..]);
            }
            for cut in 0..openssl.len() {
                let _ = parse_cipher(&openssl[..cut]);
            }
        }
    }

    #[test]
    fn post_quantum_groups() {
        let cases = [
            ("X25519MLKEM768", true),
            ("x25519mlkem768", true),
            ("SecP256r1MLKEM768", true),
            ("SecP384r1MLKEM1024", true),
            ("MLKEM768", true),
            ("X25519Kyber768Draft00", true),
            ("X25519-ML-KEM-768", true),
            ("X25519", false),
            ("P-256", false),
            ("secp384r1", false),
            ("ECDHE", false),
            ("", false),
        ];
        for (kex, expected) in cases {
            assert_eq!(is_post_quantum(kex), expected, "{kex:?}");
        }
    }

    #[test]
    fn bulk_classes_are_disjoint_and_labelled() {
        let all = Bulk::ALL;
        for b in all {
            assert!(!(b.is_aead() && b.is_cbc()), "{b:?}");
            assert!(!b.label().is_empty());
        }
        assert!(Aes256Gcm.is_aead() && Chacha20Poly1305.is_aead() && Aes128Ccm8.is_aead());
        assert!(Aes128Cbc.is_cbc() && TripleDes.is_cbc());
        assert!(!Rc4.is_aead() && !Rc4.is_cbc() && !Null.is_aead() && !Null.is_cbc());
    }
}
