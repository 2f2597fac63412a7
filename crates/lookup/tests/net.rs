//! The `net` feature against servers on 127.0.0.1 only: a DNS server (hickory-server, serving a
//! DNSSEC-signed zone and an unsigned one), a DNS server that answers SERVFAIL, one that never
//! answers, and an HTTPS server (rustls, certificate made here with rcgen) serving policy files.
//! No test sends anything off the machine.
#![cfg(feature = "net")]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, UdpSocket};
use std::str::FromStr;
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

use hopscope_lookup::net::{Lookup, LookupOptions};
use hopscope_lookup::{
    assess, DnsAnswer, DnssecStatus, DomainPolicies, Item, Mode, Problem, Query, RecordType,
};

const DIGEST: [u8; 32] = [0xab; 32];

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
        DIGEST.to_vec(),
    ))
}

/// The signed zone `example.` and its trust anchor (the DNSKEY in zone-file form).
fn signed_zone() -> (InMemoryZoneHandler, String) {
    let origin = Name::from_str("example.").unwrap();
    let mut zone = InMemoryZoneHandler::empty(
        origin.clone(),
        ZoneType::Primary,
        AxfrPolicy::Deny,
        Some(NxProofKind::Nsec),
    );
    let records = [
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
    ];
    for record in rdata_records(&origin, &records) {
        zone.upsert_mut(record, 0);
    }
    let pkcs8 = EcdsaSigningKey::generate_pkcs8(Algorithm::ECDSAP256SHA256).unwrap();
    let key = EcdsaSigningKey::from_pkcs8(&pkcs8, Algorithm::ECDSAP256SHA256).unwrap();
    let dnskey = DNSKEY::from_key(&key.to_public_key().unwrap());
    let anchor = format!("example. 3600 IN DNSKEY {dnskey}");
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

/// An unsigned zone with a TLSA record: "TLSA without DNSSEC". With no signed parent to prove
/// it unsigned (there is no root here), a validating resolver calls it bogus; either way it is
/// never secure, which is what DANE cares about.
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

/// Serves the zones on 127.0.0.1 (UDP and TCP, one port) from a thread of its own.
fn start_dns() -> (SocketAddr, String) {
    let (signed, anchor) = signed_zone();
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
    (addr, anchor)
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

/// A DNS server that answers every UDP question with SERVFAIL (the question echoed, QR set,
/// RCODE 2), and refuses nothing on TCP.
fn start_servfail() -> SocketAddr {
    let (udp, _tcp) = bind_pair();
    let addr = udp.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok((n, from)) = udp.recv_from(&mut buf) {
            if n < 12 {
                continue;
            }
            let mut reply = buf[..n].to_vec();
            reply[2] |= 0x80; // QR: a response
            reply[3] = 0x80 | 2; // RA, RCODE SERVFAIL
            let _ = udp.send_to(&reply, from);
        }
    });
    addr
}

/// A DNS server that never answers.
fn start_silent() -> SocketAddr {
    let (udp, tcp) = bind_pair();
    let addr = udp.local_addr().unwrap();
    std::thread::spawn(move || {
        let _keep = (udp, tcp);
        std::thread::sleep(Duration::from_secs(60));
    });
    addr
}

fn options(resolver: SocketAddr, anchor: Option<String>) -> LookupOptions {
    let mut options = LookupOptions::with_resolver(resolver);
    options.timeout = Duration::from_millis(700);
    options.trust_anchor = anchor;
    options.use_env_proxy = false;
    options
}

fn slugs(policies: &DomainPolicies, received_by: &str) -> Vec<String> {
    assess(policies, Some(received_by))
        .findings
        .into_iter()
        .map(|f| f.slug)
        .collect()
}

#[test]
fn signed_zone_validates_and_assesses() {
    let (dns, anchor) = start_dns();
    let https = start_https();
    let mut opts = options(dns, Some(anchor));
    opts.policy_base = Some(format!("https://{}", https.addr));
    opts.root_certificates = vec![https.ca_der.clone()];
    let lookup = Lookup::new(opts).unwrap();

    let enforce = lookup.domain_policies("enforce.example").unwrap();
    assert_eq!(
        enforce.mx,
        Item::Found {
            value: vec![hopscope_lookup::parse_mx("10 mx.enforce.example.").unwrap()],
            dnssec: Some(DnssecStatus::Secure)
        }
    );
    let tlsa = &enforce.tlsa[0];
    assert_eq!(tlsa.mx, "mx.enforce.example");
    let Item::Found { value, dnssec } = &tlsa.records else {
        panic!("{tlsa:?}")
    };
    assert_eq!(
        (value[0].usage, value[0].data.len(), *dnssec),
        (3, 64, Some(DnssecStatus::Secure))
    );
    assert_eq!(
        enforce.mta_sts_policy.value().map(|p| p.mode),
        Some(Mode::Enforce)
    );
    assert_eq!(
        slugs(&enforce, "mx.enforce.example"),
        [
            "policy-now",
            "mta-sts-enforce",
            "mx-listed",
            "mx-matches-policy",
            "dane-required",
            "tls-rpt-published"
        ]
    );
    assert_eq!(
        slugs(&enforce, "elsewhere.example"),
        [
            "policy-now",
            "mta-sts-enforce",
            "mx-not-listed",
            "mx-not-in-policy",
            "dane-not-looked-up",
            "dane-required",
            "tls-rpt-published"
        ]
    );

    // Found: hickory's validator (0.26) calls the NXDOMAIN proof bogus for names like
    // `_smtp._tls.testing.example` (an underscore label below a name other than the zone apex)
    // when hickory-server signs with NSEC, while `nothing.example` or `a.b.example` validate.
    // Whether real (BIND-signed) zones are affected is not known here; until it is, only the
    // findings that do not depend on those denials are pinned for these two domains.
    let not_found = |item: Option<&Problem>| {
        matches!(
            item,
            Some(Problem::NotPublished { .. } | Problem::DnssecBogus { .. })
        )
    };
    let testing = lookup.domain_policies("testing.example").unwrap();
    assert!(
        not_found(testing.tls_rpt.problem()),
        "{:?}",
        testing.tls_rpt
    );
    assert!(
        not_found(testing.tlsa[0].records.problem()),
        "{:?}",
        testing.tlsa
    );
    assert_eq!(
        slugs(&testing, "mx.testing.example")[..4],
        [
            "policy-now",
            "mta-sts-testing",
            "mx-listed",
            "mx-matches-policy"
        ]
    );

    let none = lookup.domain_policies("none.example").unwrap();
    assert_eq!(
        slugs(&none, "mx.none.example")[..3],
        ["policy-now", "mta-sts-mode-none", "mx-listed"]
    );

    let malformed = lookup.domain_policies("malformed.example").unwrap();
    assert_eq!(
        malformed.mta_sts_record.problem(),
        Some(&Problem::Malformed {
            reason: "the MTA-STS record's id \"not-valid!\" must be 1 to 32 letters and digits"
                .into()
        })
    );
    let slugs_malformed = slugs(&malformed, "mx.malformed.example");
    assert_eq!(
        slugs_malformed[..3],
        ["policy-now", "mta-sts-record-malformed", "mx-listed"]
    );
    assert_eq!(
        slugs_malformed.last().map(String::as_str),
        Some("tls-rpt-malformed")
    );

    // A domain that does not exist at all.
    let nothing = lookup.domain_policies("nothing.example").unwrap();
    assert_eq!(
        nothing.mx.problem(),
        Some(&Problem::NotPublished { nxdomain: true })
    );
    assert!(nothing.tlsa.is_empty());
}

#[test]
fn tlsa_without_dnssec_does_not_count() {
    let (dns, anchor) = start_dns();
    // Unsigned zone, validating resolver: never Secure.
    let lookup = Lookup::new(options(dns, Some(anchor.clone()))).unwrap();
    let answer = lookup.query(&Query::new("_25._tcp.mx.plain.test", RecordType::Tlsa));
    assert!(
        !matches!(
            answer,
            DnsAnswer::Records {
                dnssec: DnssecStatus::Secure,
                ..
            }
        ),
        "an unsigned zone validated: {answer:?}"
    );
    let policies = lookup.domain_policies("plain.test").unwrap();
    let dane: Vec<_> = slugs(&policies, "mx.plain.test")
        .into_iter()
        .filter(|s| s.starts_with("dane"))
        .collect();
    assert_ne!(dane, ["dane-required"]);

    // Signed zone, validation switched off: the records are there but vouched for by nobody.
    let mut opts = options(dns, None);
    opts.validate_dnssec = false;
    let lookup = Lookup::new(opts).unwrap();
    let policies = lookup.domain_policies("enforce.example").unwrap();
    assert!(matches!(
        policies.tlsa[0].records,
        Item::Found {
            dnssec: Some(DnssecStatus::Indeterminate),
            ..
        }
    ));
    assert!(slugs(&policies, "mx.enforce.example").contains(&"dane-not-validated".to_owned()));
}

#[test]
fn wrong_trust_anchor_is_not_secure() {
    let (dns, _) = start_dns();
    let (_, other_anchor) = signed_zone(); // a key the zone is not signed with
    let lookup = Lookup::new(options(dns, Some(other_anchor))).unwrap();
    let answer = lookup.query(&Query::new("_25._tcp.mx.enforce.example", RecordType::Tlsa));
    assert!(
        !matches!(
            answer,
            DnsAnswer::Records {
                dnssec: DnssecStatus::Secure,
                ..
            }
        ),
        "validated with the wrong key: {answer:?}"
    );
}

#[test]
fn servfail_and_timeout_are_per_item_problems() {
    let lookup = Lookup::new(options(start_servfail(), None)).unwrap();
    let policies = lookup.domain_policies("example.com").unwrap();
    for item in [
        policies.mta_sts_record.problem(),
        policies.mx.problem(),
        policies.tls_rpt.problem(),
    ] {
        assert_eq!(item.map(Problem::slug), Some("servfail"), "{policies:?}");
    }
    let finding = &assess(&policies, None).findings[1];
    assert_eq!(finding.slug, "mta-sts-lookup-failed");
    assert_eq!(
        finding.sentence,
        "The MTA-STS record of example.com could not be looked up: the resolver failed to get an answer (SERVFAIL)."
    );

    let started = std::time::Instant::now();
    let lookup = Lookup::new(options(start_silent(), None)).unwrap();
    let policies = lookup.domain_policies("example.com").unwrap();
    assert_eq!(
        policies.mx.problem(),
        Some(&Problem::Timeout),
        "{policies:?}"
    );
    assert_eq!(policies.tls_rpt.problem(), Some(&Problem::Timeout));
    // Three questions asked at once, each bounded by timeout × attempts.
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
}

// ---- HTTPS ---------------------------------------------------------------------------------

struct Https {
    addr: SocketAddr,
    ca_der: Vec<u8>,
}

/// A local HTTPS server whose certificate (for 127.0.0.1) is issued by a CA made here.
fn start_https() -> Https {
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

fn policy_response(domain: &str) -> Vec<u8> {
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

fn policy_lookup(https: &Https, trust_ca: bool) -> Lookup {
    // The resolver is never asked in these tests; it points at a closed local port.
    let mut opts = options("127.0.0.1:9".parse().unwrap(), None);
    opts.timeout = Duration::from_secs(1);
    opts.policy_base = Some(format!("https://{}", https.addr));
    if trust_ca {
        opts.root_certificates = vec![https.ca_der.clone()];
    }
    Lookup::new(opts).unwrap()
}

#[test]
fn policy_files_over_https() {
    let https = start_https();
    let lookup = policy_lookup(&https, true);
    let base = format!("https://{}", https.addr);
    let body = lookup.fetch_policy("testing.example").unwrap();
    assert_eq!(
        hopscope_lookup::parse_mta_sts_policy(&body).unwrap().mode,
        Mode::Testing
    );

    let reason = |domain: &str| match lookup.fetch_policy(domain) {
        Err(Problem::FetchFailed { reason }) => reason,
        other => panic!("{domain}: {other:?}"),
    };
    assert_eq!(
        reason("huge.example"),
        format!("the policy file at {base}/huge.example/.well-known/mta-sts.txt is larger than 65536 bytes (64 KB); Hopscope stopped reading")
    );
    assert_eq!(
        reason("html.example"),
        format!("{base}/html.example/.well-known/mta-sts.txt was served as text/html, but an MTA-STS policy must be text/plain (RFC 8461 §3.2)")
    );
    assert_eq!(
        reason("redirect.example"),
        format!("{base}/redirect.example/.well-known/mta-sts.txt answered with a redirect (301), which MTA-STS forbids following (RFC 8461 §3.3)")
    );
    assert_eq!(
        reason("missing.example"),
        format!("{base}/missing.example/.well-known/mta-sts.txt answered HTTP 404, not 200")
    );
    // Fetched fine, refused by the parser.
    let binary = lookup.fetch_policy("binary.example").unwrap();
    assert_eq!(
        hopscope_lookup::parse_mta_sts_policy(&binary)
            .unwrap_err()
            .reason(),
        "the policy file is not UTF-8 text (invalid byte at offset 21)"
    );

    let started = std::time::Instant::now();
    assert_eq!(lookup.fetch_policy("slow.example"), Err(Problem::Timeout));
    assert!(
        started.elapsed() < Duration::from_millis(2500),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn untrusted_certificate_is_refused() {
    let https = start_https();
    let lookup = policy_lookup(&https, false);
    match lookup.fetch_policy("enforce.example") {
        Err(Problem::FetchFailed { reason }) => assert!(
            reason.contains("TLS failed")
                && reason.contains("a valid certificate for the mta-sts host is required"),
            "{reason}"
        ),
        other => panic!("{other:?}"),
    }
}
