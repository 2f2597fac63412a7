//! DNS and HTTPS servers on 127.0.0.1 serving a small fixture world, for the tests of
//! Hopscope's lookups: `hopscope-lookup`'s `net` tests and `hopscope-cli`'s `--lookup` tests
//! use the same servers and the same records, so each front end is tested against one world.
//!
//! Nothing here listens anywhere but 127.0.0.1, and nothing sends anything off the machine.
//! Each server runs on threads of its own for the rest of the test process.
//!
//! ```no_run
//! let dns = hopscope_test_servers::start_dns();
//! let https = hopscope_test_servers::start_https();
//! // Ask `dns.addr` with `dns.trust_anchor` as the only DNSSEC trust anchor; fetch policy
//! // files from `https://{https.addr}/{domain}/.well-known/mta-sts.txt`, trusting only
//! // `https.ca_der`.
//! # let _ = (dns, https);
//! ```
//!
//! # The fixture world
//!
//! The signed zone `example.` (ECDSA P-256, NSEC), validated from its own key:
//!
//! | domain | MX | `_mta-sts` TXT | policy file | `_25._tcp.<mx>` TLSA | `_smtp._tls` TXT |
//! |---|---|---|---|---|---|
//! | `enforce.example` | `mx.enforce.example` | `id=20240101` | enforce, `*.enforce.example` | DANE-EE, secure | `rua=mailto:` |
//! | `testing.example` | `mx.testing.example` | `id=2` | testing, `mx.testing.example` | — | — |
//! | `none.example` | `mx.none.example` | `id=3` | mode none | — | — |
//! | `malformed.example` | `mx.malformed.example` | `id=not-valid!` (malformed) | malformed | — | `rua=ftp:` (malformed) |
//! | `dane.example` | `mx.dane.example` | — | — | DANE-EE, secure | `rua=mailto:` |
//! | `huge.example` | `mx.huge.example` | `id=5` | 100,000 bytes | — | — |
//! | `binary.example` | `mx.binary.example` | `id=6` | not UTF-8 | — | — |
//! | `html.example` | `mx.html.example` | `id=7` | served as `text/html` | — | — |
//! | `bare.example` | `mx.bare.example` | — | — | — | — |
//! | `slow.example` | `mx.slow.example` | `id=8` | after 3 s | — | — |
//!
//! The unsigned zone `plain.test.`: `plain.test` MX `mx.plain.test`, whose TLSA record is not
//! signed ("TLSA without DNSSEC"). With no signed parent to prove it unsigned (there is no root
//! here), a validating resolver calls its answers bogus; either way they are never secure,
//! which is what DANE cares about.
//!
//! Known, and why some tests only pin part of the findings: a validating resolver finds the
//! NXDOMAIN answers for some absent names bogus, e.g. `_smtp._tls.testing.example` and
//! `_25._tcp.mx.testing.example`, while those of `bare.example` (no name below it) validate.
//! The cause is the fixture server: hickory-server 0.26 proves that no wildcard matches with
//! the NSEC record covering `*.<parent of the query name>` (`store/in_memory/mod.rs`,
//! `nsec_records`: `name.base_name()`), where RFC 4035 §3.1.3.2 asks for the wildcard at the
//! closest encloser (`*.testing.example`), which hickory's validator checks; the two coincide
//! only when the query name is one label below an existing name, or when one NSEC record
//! happens to cover both. Signing with NSEC3 instead made positive answers bogus too. Real
//! signers (BIND, Knot, PowerDNS) prove the closest encloser's wildcard.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, UdpSocket};
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use hickory_proto::dnssec::crypto::EcdsaSigningKey;
use hickory_proto::dnssec::rdata::DNSKEY;
use hickory_proto::dnssec::{Algorithm, DnssecSigner, SigningKey};
use hickory_proto::rr::rdata::tlsa::{CertUsage, Matching, Selector};
use hickory_proto::rr::rdata::{MX, NS, SOA, TLSA, TXT};
use hickory_proto::rr::{Name, RData, Record};
use hickory_server::dnssec::NxProofKind;
use hickory_server::store::in_memory::InMemoryZoneHandler;
use hickory_server::zone_handler::{AxfrPolicy, Catalog, ZoneHandler, ZoneType};
use hickory_server::Server;

/// The SHA-256 digest every fixture TLSA record carries (`3 1 1 abab…`).
pub const TLSA_DIGEST: [u8; 32] = [0xab; 32];

fn rdata_records(origin: &Name, records: &[(&str, RData)]) -> Vec<Record> {
    let mut all = vec![
        Record::from_rdata(
            origin.clone(),
            3600,
            RData::SOA(SOA::new(
                Name::from_str(&format!("ns.{origin}")).unwrap(),
                Name::from_str(&format!("hostmaster.{origin}")).unwrap(),
                1,
                7200,
                3600,
                1_209_600,
                300,
            )),
        ),
        Record::from_rdata(
            origin.clone(),
            3600,
            RData::NS(NS(Name::from_str(&format!("ns.{origin}")).unwrap())),
        ),
    ];
    for (name, rdata) in records {
        all.push(Record::from_rdata(
            Name::from_str(name).unwrap(),
            300,
            rdata.clone(),
        ));
    }
    all
}

fn txt(s: &str) -> RData {
    RData::TXT(TXT::new(vec![s.to_owned()]))
}

fn mx(host: &str) -> RData {
    RData::MX(MX::new(10, Name::from_str(host).unwrap()))
}

fn tlsa() -> RData {
    RData::TLSA(TLSA::new(
        CertUsage::DaneEe,
        Selector::Spki,
        Matching::Sha256,
        TLSA_DIGEST.to_vec(),
    ))
}

/// The records of the signed zone `example.`.
fn signed_records() -> Vec<(&'static str, RData)> {
    vec![
        ("enforce.example.", mx("mx.enforce.example.")),
        ("_mta-sts.enforce.example.", txt("v=STSv1; id=20240101")),
        ("_25._tcp.mx.enforce.example.", tlsa()),
        (
            "_smtp._tls.enforce.example.",
            txt("v=TLSRPTv1; rua=mailto:tls@enforce.example"),
        ),
        ("testing.example.", mx("mx.testing.example.")),
        ("_mta-sts.testing.example.", txt("v=STSv1; id=2")),
        ("none.example.", mx("mx.none.example.")),
        ("_mta-sts.none.example.", txt("v=STSv1; id=3")),
        ("malformed.example.", mx("mx.malformed.example.")),
        ("_mta-sts.malformed.example.", txt("v=STSv1; id=not-valid!")),
        (
            "_smtp._tls.malformed.example.",
            txt("v=TLSRPTv1; rua=ftp://x.example"),
        ),
        ("dane.example.", mx("mx.dane.example.")),
        ("_25._tcp.mx.dane.example.", tlsa()),
        (
            "_smtp._tls.dane.example.",
            txt("v=TLSRPTv1; rua=mailto:tls@dane.example"),
        ),
        ("huge.example.", mx("mx.huge.example.")),
        ("_mta-sts.huge.example.", txt("v=STSv1; id=5")),
        ("binary.example.", mx("mx.binary.example.")),
        ("_mta-sts.binary.example.", txt("v=STSv1; id=6")),
        ("html.example.", mx("mx.html.example.")),
        ("_mta-sts.html.example.", txt("v=STSv1; id=7")),
        ("bare.example.", mx("mx.bare.example.")),
        ("slow.example.", mx("mx.slow.example.")),
        ("_mta-sts.slow.example.", txt("v=STSv1; id=8")),
    ]
}

/// A new signing key for `example.`, and its DNSKEY as a trust anchor in zone-file form.
fn signing_key() -> (EcdsaSigningKey, DNSKEY, String) {
    let pkcs8 = EcdsaSigningKey::generate_pkcs8(Algorithm::ECDSAP256SHA256).unwrap();
    let key = EcdsaSigningKey::from_pkcs8(&pkcs8, Algorithm::ECDSAP256SHA256).unwrap();
    let dnskey = DNSKEY::from_key(&key.to_public_key().unwrap());
    let anchor = format!("example. 3600 IN DNSKEY {dnskey}");
    (key, dnskey, anchor)
}

/// The signed zone `example.` and its trust anchor.
fn signed_zone() -> (InMemoryZoneHandler, String) {
    let origin = Name::from_str("example.").unwrap();
    let mut zone = InMemoryZoneHandler::empty(
        origin.clone(),
        ZoneType::Primary,
        AxfrPolicy::Deny,
        Some(NxProofKind::Nsec),
    );
    for record in rdata_records(&origin, &signed_records()) {
        zone.upsert_mut(record, 0);
    }
    let (key, dnskey, anchor) = signing_key();
    let signer = DnssecSigner::new(
        dnskey,
        Box::new(key),
        origin,
        Duration::from_secs(7 * 86400),
    );
    zone.add_zone_signing_key_mut(signer).unwrap();
    zone.secure_zone_mut().unwrap();
    (zone, anchor)
}

/// A trust anchor for `example.` that the fixture zone is *not* signed with: a resolver that
/// trusts it finds every signed answer bogus.
pub fn wrong_trust_anchor() -> String {
    signing_key().2
}

fn unsigned_zone() -> InMemoryZoneHandler {
    let origin = Name::from_str("plain.test.").unwrap();
    let mut zone =
        InMemoryZoneHandler::empty(origin.clone(), ZoneType::Primary, AxfrPolicy::Deny, None);
    for record in rdata_records(
        &origin,
        &[
            ("plain.test.", mx("mx.plain.test.")),
            ("_25._tcp.mx.plain.test.", tlsa()),
        ],
    ) {
        zone.upsert_mut(record, 0);
    }
    zone
}

/// The fixture DNS server: where it listens, and the trust anchor of its signed zone.
#[derive(Debug, Clone)]
pub struct Dns {
    pub addr: SocketAddr,
    /// The DNSKEY of `example.` in zone-file form (`example. 3600 IN DNSKEY …`).
    pub trust_anchor: String,
}

/// Serves the fixture zones on 127.0.0.1 (UDP and TCP, one port).
pub fn start_dns() -> Dns {
    let (signed, trust_anchor) = signed_zone();
    let mut catalog = Catalog::new();
    catalog.upsert(signed.origin().clone(), vec![Arc::new(signed)]);
    let plain = unsigned_zone();
    catalog.upsert(plain.origin().clone(), vec![Arc::new(plain)]);
    let (udp, tcp) = bind_pair();
    let addr = udp.local_addr().unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            udp.set_nonblocking(true).unwrap();
            tcp.set_nonblocking(true).unwrap();
            let mut server = Server::new(catalog);
            server.register_socket(tokio::net::UdpSocket::from_std(udp).unwrap());
            server.register_listener(
                tokio::net::TcpListener::from_std(tcp).unwrap(),
                Duration::from_secs(5),
                4096,
            );
            let _ = server.block_until_done().await;
        });
    });
    Dns { addr, trust_anchor }
}

/// A UDP socket and a TCP listener on the same 127.0.0.1 port.
fn bind_pair() -> (UdpSocket, TcpListener) {
    for _ in 0..20 {
        let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
        if let Ok(tcp) = TcpListener::bind(udp.local_addr().unwrap()) {
            return (udp, tcp);
        }
    }
    panic!("no free port pair on 127.0.0.1");
}

/// Answers every UDP question with what `reply` makes of it, counting the questions; TCP
/// connections are accepted and left hanging.
fn start_udp(reply: fn(&[u8]) -> Option<Vec<u8>>) -> (SocketAddr, Arc<AtomicUsize>) {
    let (udp, tcp) = bind_pair();
    let addr = udp.local_addr().unwrap();
    let questions = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&questions);
    std::thread::spawn(move || {
        let _keep = tcp;
        let mut buf = [0u8; 4096];
        while let Ok((n, from)) = udp.recv_from(&mut buf) {
            counter.fetch_add(1, Ordering::SeqCst);
            if let Some(answer) = reply(&buf[..n]) {
                let _ = udp.send_to(&answer, from);
            }
        }
    });
    (addr, questions)
}

/// A DNS server that answers every question with SERVFAIL (the question echoed, QR set,
/// RCODE 2).
pub fn start_servfail() -> SocketAddr {
    start_servfail_counting().0
}

/// [`start_servfail`], and the number of questions it has been asked so far.
pub fn start_servfail_counting() -> (SocketAddr, Arc<AtomicUsize>) {
    start_udp(|question| {
        if question.len() < 12 {
            return None;
        }
        let mut reply = question.to_vec();
        reply[2] |= 0x80; // QR: a response
        reply[3] = 0x80 | 2; // RA, RCODE SERVFAIL
        Some(reply)
    })
}

/// A DNS server that answers garbage: the question's ID and flags of a response, then bytes
/// that are no DNS message (counts that promise records which are not there).
pub fn start_garbage() -> SocketAddr {
    start_udp(|question| {
        if question.len() < 12 {
            return None;
        }
        let mut reply = question[..2].to_vec();
        reply.extend_from_slice(&[0x81, 0x80, 0x00, 0x01, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00]);
        reply.extend_from_slice(b"\xff\xfegarbage\x00\xc0\xff");
        Some(reply)
    })
    .0
}

/// A DNS server that never answers.
pub fn start_silent() -> SocketAddr {
    start_udp(|_| None).0
}

// ---- HTTPS ---------------------------------------------------------------------------------

/// The fixture HTTPS server: where it listens, and its CA certificate (DER), the only one a
/// client should trust for it.
#[derive(Debug, Clone)]
pub struct Https {
    pub addr: SocketAddr,
    pub ca_der: Vec<u8>,
}

impl Https {
    /// `https://127.0.0.1:PORT`: policy files are at `{base}/{domain}/.well-known/mta-sts.txt`.
    pub fn base(&self) -> String {
        format!("https://{}", self.addr)
    }
}

/// A local HTTPS server whose certificate (for 127.0.0.1) is issued by a CA made here. It
/// serves `/{domain}/…` with [`policy_response`].
pub fn start_https() -> Https {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca_cert = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);
    let leaf_key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["127.0.0.1".to_owned()])
        .unwrap()
        .signed_by(&leaf_key, &issuer)
        .unwrap();
    // ring, like the client: aws-lc-rs would add a C build of minutes on two cores.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![leaf.der().clone(), ca_cert.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(leaf_key.serialize_der().into()),
        )
        .unwrap();
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let config = config.clone();
            std::thread::spawn(move || {
                let Ok(conn) = rustls::ServerConnection::new(config) else {
                    return;
                };
                let mut tls = rustls::StreamOwned::new(conn, stream);
                let mut request = Vec::new();
                let mut byte = [0u8; 1];
                while !request.ends_with(b"\r\n\r\n") && request.len() < 8192 {
                    if tls.read(&mut byte).unwrap_or(0) == 0 {
                        return;
                    }
                    request.push(byte[0]);
                }
                let request = String::from_utf8_lossy(&request);
                let path = request.split_whitespace().nth(1).unwrap_or("");
                let domain = path.trim_start_matches('/').split('/').next().unwrap_or("");
                let response = policy_response(domain);
                let _ = tls.write_all(&response);
                let _ = tls.flush();
                tls.conn.send_close_notify();
                let _ = tls.flush();
            });
        }
    });
    Https {
        addr,
        ca_der: ca_cert.der().to_vec(),
    }
}

fn http(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// The HTTP response the fixture server gives for `domain`'s policy file.
pub fn policy_response(domain: &str) -> Vec<u8> {
    match domain {
        "enforce.example" => http("200 OK", "text/plain", b"version: STSv1\r\nmode: enforce\r\nmx: *.enforce.example\r\nmax_age: 604800\r\n"),
        "testing.example" => http("200 OK", "text/plain; charset=utf-8", b"version: STSv1\nmode: testing\nmx: mx.testing.example\nmax_age: 86400\n"),
        "none.example" => http("200 OK", "text/plain", b"version: STSv1\nmode: none\nmax_age: 86400\n"),
        "malformed.example" => http("200 OK", "text/plain", b"version: STSv1\nmode: enforced\nmx: a.example\nmax_age: 1\n"),
        "huge.example" => http("200 OK", "text/plain", &vec![b'#'; 100_000]),
        "binary.example" => http("200 OK", "text/plain", b"version: STSv1\nmode: \xff\xfe\n"),
        "html.example" => http("200 OK", "text/html", b"<html>hello</html>"),
        "redirect.example" => {
            b"HTTP/1.1 301 Moved Permanently\r\nLocation: https://127.0.0.1/elsewhere\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()
        }
        "slow.example" => {
            std::thread::sleep(Duration::from_secs(3));
            http("200 OK", "text/plain", b"version: STSv1\nmode: none\nmax_age: 1\n")
        }
        _ => http("404 Not Found", "text/plain", b"not found"),
    }
}
