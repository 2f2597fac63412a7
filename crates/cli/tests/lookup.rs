//! `hopscope analyze --lookup` against DNS and HTTPS servers on 127.0.0.1 only
//! (`hopscope-test-servers`: a DNSSEC-signed zone `example.`, an unsigned `plain.test.`, servers
//! that answer SERVFAIL, garbage or nothing, and an HTTPS server with its own CA). The binary is
//! built with the `test-hooks` feature, which lets the environment name the zone's trust anchor,
//! the policy files' base URL and the CA; nothing here sends anything off the machine.
//!
//! Run with `cargo test -p hopscope-cli --features test-hooks --test lookup`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::Ordering;
use std::sync::OnceLock;

use hopscope_test_servers::{Dns, Https};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_hopscope");

struct World {
    dns: Dns,
    https: Https,
    ca_file: PathBuf,
}

/// The fixture servers, started once for all the tests of this file.
fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let https = hopscope_test_servers::start_https();
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("lookup-tests");
        std::fs::create_dir_all(&dir).unwrap();
        let ca_file = dir.join(format!("ca-{}.der", std::process::id()));
        std::fs::write(&ca_file, &https.ca_der).unwrap();
        World {
            dns: hopscope_test_servers::start_dns(),
            https,
            ca_file,
        }
    })
}

fn scratch(test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("lookup-tests")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, content: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_str().unwrap().to_owned()
}

/// A message from `sender` to `bob@<recipient>`, received into the recipient's servers by
/// `mx` over TLS 1.3, then handed on inside them.
fn message(sender: &str, recipient: &str, mx: &str) -> String {
    format!(
        "Received: from {mx} ({mx} [203.0.113.5])\n\
         \tby mail.{recipient} (Postfix) with ESMTPS id 2\n\
         \t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\n\
         \tfor <bob@{recipient}>; Fri, 22 Nov 2024 05:20:41 +0000 (UTC)\n\
         Received: from mail.{sender} (mail.{sender} [198.51.100.7])\n\
         \tby {mx} (Postfix) with ESMTPS id 1\n\
         \t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\n\
         \tfor <bob@{recipient}>; Fri, 22 Nov 2024 05:20:40 +0000 (UTC)\n\
         From: Alice <alice@{sender}>\n\
         To: bob@{recipient}\n\
         Subject: Hello\n\
         \n\
         Hi.\n"
    )
}

/// A message to `bob@<recipient>` received by its fixture MX (`mx.<recipient>`).
fn to(recipient: &str) -> String {
    message("bare.example", recipient, &format!("mx.{recipient}"))
}

/// Runs hopscope with the fixture world's hooks, asking `resolver` (the fixture DNS server by
/// default).
fn run_with(resolver: Option<SocketAddr>, anchor: Option<&str>, args: &[&str]) -> Output {
    let w = world();
    let resolver = resolver.unwrap_or(w.dns.addr).to_string();
    let mut all: Vec<&str> = args.to_vec();
    if args.contains(&"--lookup") {
        if !args.contains(&"--resolver") {
            all.extend(["--resolver", &resolver]);
        }
        if !args.contains(&"--lookup-timeout") {
            all.extend(["--lookup-timeout", "0.5"]);
        }
    }
    Command::new(BIN)
        .args(&all)
        .env(
            "HOPSCOPE_TEST_TRUST_ANCHOR",
            anchor.unwrap_or(&w.dns.trust_anchor),
        )
        .env("HOPSCOPE_TEST_POLICY_BASE", w.https.base())
        .env("HOPSCOPE_TEST_CA", &w.ca_file)
        .env_remove("HTTPS_PROXY")
        .env_remove("https_proxy")
        .env_remove("ALL_PROXY")
        .stdin(Stdio::null())
        .output()
        .expect("run hopscope")
}

fn run(args: &[&str]) -> Output {
    run_with(None, None, args)
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(out), stderr(out)))
}

fn slugs(domain: &Value) -> Vec<String> {
    domain["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["slug"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn enforce_and_dane_in_json() {
    let dir = scratch("enforce_json");
    let file = write(&dir, "m.eml", &to("enforce.example"));
    let out = run(&["analyze", "--format", "json", "--lookup", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    let lookup = &report["lookup"];
    assert!(lookup["note"]
        .as_str()
        .unwrap()
        .starts_with("These are the policies the domains publish now"));
    let r = &lookup["recipient"];
    assert_eq!(r["role"], "recipient");
    assert_eq!(r["domain"], "enforce.example");
    assert_eq!(r["found_in"], "route");
    assert_eq!(
        r["found_in_words"],
        "the route: hop 1 was for bob@enforce.example"
    );
    assert_eq!(r["received_by"], "mx.enforce.example");
    let p = &r["policies"];
    assert_eq!(p["mta_sts_record"]["value"]["id"], "20240101");
    assert_eq!(p["mta_sts_record"]["dnssec"], "secure");
    assert_eq!(p["mta_sts_policy"]["value"]["mode"], "enforce");
    assert_eq!(p["mta_sts_policy"]["value"]["mx"][0], "*.enforce.example");
    assert_eq!(p["mta_sts_policy"]["value"]["max_age"], 604800);
    assert_eq!(p["mx"]["value"][0]["exchange"], "mx.enforce.example");
    assert_eq!(p["tlsa"][0]["mx"], "mx.enforce.example");
    assert_eq!(p["tlsa"][0]["records"]["dnssec"], "secure");
    assert_eq!(p["tlsa"][0]["records"]["value"][0]["usage"], 3);
    assert_eq!(
        p["tls_rpt"]["value"]["rua"][0],
        "mailto:tls@enforce.example"
    );
    assert_eq!(
        slugs(r),
        [
            "policy-now",
            "mta-sts-enforce",
            "mx-listed",
            "mx-matches-policy",
            "dane-required",
            "tls-rpt-published"
        ]
    );
    assert_eq!(r["requirement"]["mta_sts_enforce"]["answer"], "yes");
    assert_eq!(r["requirement"]["dane"]["answer"], "yes");
    // The sender's domain publishes nothing, and its lookup says nothing about the route.
    let s = &lookup["sender"];
    assert_eq!(
        (&s["role"], &s["domain"]),
        (&"sender".into(), &"bare.example".into())
    );
    assert_eq!(s["found_in"], "from");
    assert_eq!(s["received_by"], Value::Null);
    assert_eq!(s["requirement"], Value::Null);
    assert_eq!(
        slugs(s),
        [
            "policy-now",
            "mta-sts-not-published",
            "dane-none",
            "tls-rpt-none"
        ]
    );
    assert_eq!(
        s["policies"]["tls_rpt"]["problem"],
        serde_json::json!({"kind": "not_published", "nxdomain": true})
    );

    // Every key of the report is there, unchanged and in its place, and `lookup` comes last.
    let plain = stdout(&run(&["analyze", "--format", "json", &file]));
    let with = stdout(&out);
    let body = plain.strip_suffix("\n}\n").unwrap();
    assert!(
        with.starts_with(&format!("{body},\n  \"lookup\": {{\n")),
        "{with}"
    );
}

#[test]
fn the_mx_that_received_it_is_checked_against_the_policy() {
    let dir = scratch("mx_patterns");
    // One hop, into a host the domain's policy does not name.
    let file = write(
        &dir,
        "m.eml",
        "Received: from mail.bare.example (mail.bare.example [198.51.100.7])\n\
         \tby relay.elsewhere.example with ESMTPS id 1 for <bob@enforce.example>;\n\
         \tFri, 22 Nov 2024 05:20:40 +0000\n\
         From: alice@bare.example\n\n",
    );
    let report = json(&run(&["analyze", "--format", "json", "--lookup", &file]));
    let r = &report["lookup"]["recipient"];
    assert_eq!(r["received_by"], "relay.elsewhere.example");
    let slugs = slugs(r);
    assert!(slugs.contains(&"mx-not-in-policy".into()), "{slugs:?}");
    assert!(slugs.contains(&"mx-not-listed".into()), "{slugs:?}");
    // A DANE-aware sender had to verify every MX the domain lists; it says so for each.
    assert!(slugs.contains(&"dane-required".into()), "{slugs:?}");
    // The verdicts come from the headers alone.
    assert_eq!(report["hops"][0]["verdict"], "encrypted");
}

#[test]
fn text_and_markdown_have_a_looked_up_section() {
    let dir = scratch("text");
    let file = write(&dir, "m.eml", &to("enforce.example"));
    let out = run(&["analyze", "--format", "text", "--lookup", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let section = &text[text.find("\nLooked up:\n").expect(&text)..];
    for line in [
        "  Recipient's domain: enforce.example, from the route: hop 1 was for bob@enforce.example. The message entered the recipient's servers at mx.enforce.example.\n",
        "    MTA-STS record (_mta-sts.enforce.example TXT): v=STSv1, id 20240101; DNSSEC-validated\n",
        "    MTA-STS policy (https://mta-sts.enforce.example/.well-known/mta-sts.txt): mode enforce, mx *.enforce.example, max_age 604800 s (7 days)\n",
        "    MX (enforce.example MX): 10 mx.enforce.example; DNSSEC-validated\n",
        "    DANE (_25._tcp.mx.enforce.example TLSA): 3 1 1 abababab…abab (DANE-EE); DNSSEC-validated\n",
        "    TLS-RPT (_smtp._tls.enforce.example TXT): rua mailto:tls@enforce.example; DNSSEC-validated\n",
        "    - The MX host that received the message, mx.enforce.example, matches the policy's mx pattern *.enforce.example.\n",
        "  Sender's domain: bare.example, from the From header (alice@bare.example). Its policies protect mail sent to it, such as replies, not this message.\n",
        "    MTA-STS record (_mta-sts.bare.example TXT): not published (the name does not exist)\n",
        "    TLS-RPT (_smtp._tls.bare.example TXT): not published (the name does not exist)\n",
    ] {
        assert!(section.contains(line), "{line}\n{section}");
    }
    assert!(section.contains("now, looked up after the message was delivered"));

    let out = run(&["analyze", "--format", "markdown", "--lookup", &file]);
    let md = stdout(&out);
    let at = md.find("### Looked up\n").expect(&md);
    assert!(
        md[at..].contains("| MTA-STS policy (https://mta-sts.enforce.example/.well-known/mta-sts.txt) | mode enforce, mx \\*.enforce.example, max\\_age 604800 s (7 days) |\n"),
        "{md}"
    );
    assert!(
        md[at..].ends_with("---\n_Generated by Hopscope — analysed locally_\n"),
        "{md}"
    );
    // Without --lookup, nothing is looked up and nothing is said.
    let plain = stdout(&run(&["analyze", "--format", "text", &file]));
    assert!(!plain.contains("Looked up"));
    assert_eq!(plain, text[..text.find("\nLooked up:\n").unwrap()]);
}

/// Every kind of trouble an item can have, each with its own sentence.
#[test]
fn each_item_says_what_went_wrong() {
    let dir = scratch("problems");
    let mbox: String = [
        "malformed.example",
        "huge.example",
        "binary.example",
        "html.example",
        "none.example",
        "nothing.example",
        "plain.test",
    ]
    .iter()
    .map(|d| format!("From x Fri Nov 22 05:20:40 2024\n{}\n", to(d)))
    .collect();
    let file = write(&dir, "all.mbox", &mbox);
    let out = run(&["analyze", "--format", "text", "--lookup", "--mbox", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let base = world().https.base();
    for line in [
        "    MTA-STS record (_mta-sts.malformed.example TXT): malformed: the MTA-STS record's id \"not-valid!\" must be 1 to 32 letters and digits\n",
        "    TLS-RPT (_smtp._tls.malformed.example TXT): malformed: ",
        &format!("    MTA-STS policy (https://mta-sts.huge.example/.well-known/mta-sts.txt): the policy file at {base}/huge.example/.well-known/mta-sts.txt is larger than 65536 bytes (64 KB); Hopscope stopped reading\n"),
        "    MTA-STS policy (https://mta-sts.binary.example/.well-known/mta-sts.txt): malformed: the policy file is not UTF-8 text (invalid byte at offset 21)\n",
        &format!("    MTA-STS policy (https://mta-sts.html.example/.well-known/mta-sts.txt): {base}/html.example/.well-known/mta-sts.txt was served as text/html, but an MTA-STS policy must be text/plain (RFC 8461 §3.2)\n"),
        "    MTA-STS policy (https://mta-sts.none.example/.well-known/mta-sts.txt): mode none, no mx patterns, max_age 86400 s (1 day)\n",
        "    - none.example's MTA-STS policy has mode none: the domain has withdrawn its policy.\n",
        "    MX (nothing.example MX): not published (the name does not exist)\n",
        "    DANE (TLSA): not looked up: the domain does not exist\n",
        // The unsigned zone, whose TLSA record DNSSEC does not vouch for: with no signed parent
        // here to prove it unsigned, the validating resolver finds its answers (the MX first)
        // bogus. Never secure, so DANE never counts (the policy test checks that too).
        "    MX (plain.test MX): the answer failed DNSSEC validation, so it may have been forged\n    DANE (TLSA): not looked up: the MX hosts are needed first, and the MX records could not be used\n",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    assert!(
        !text.contains("TLSA): 3 1 1 abababab…abab (DANE-EE); not"),
        "{text}"
    );
}

#[test]
fn timeouts_servfail_garbage_and_bogus_are_per_item() {
    let dir = scratch("resolvers");
    let file = write(&dir, "m.eml", &to("enforce.example"));
    let plain = json(&run(&["analyze", "--format", "json", &file]));
    let lookup_with = |resolver: SocketAddr, anchor: Option<&str>| {
        let out = run_with(
            Some(resolver),
            anchor,
            &["analyze", "--format", "json", "--lookup", &file],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let mut report = json(&out);
        let lookup = report.as_object_mut().unwrap().remove("lookup").unwrap();
        assert_eq!(report, plain, "a lookup never changes the report");
        lookup
    };
    let problem =
        |lookup: &Value, item: &str| lookup["recipient"]["policies"][item]["problem"].clone();

    let started = std::time::Instant::now();
    let silent = lookup_with(hopscope_test_servers::start_silent(), None);
    assert_eq!(problem(&silent, "mx")["kind"], "timeout");
    assert_eq!(problem(&silent, "mta_sts_record")["kind"], "timeout");
    assert_eq!(
        silent["recipient"]["requirement"]["dane"]["answer"],
        "cannot_tell"
    );
    assert_eq!(
        silent["recipient"]["requirement"]["dane"]["why"],
        "the MX records: no answer in time"
    );
    // Two domains, three questions at once each, 0.5 s per attempt, two attempts.
    assert!(
        started.elapsed() < std::time::Duration::from_secs(8),
        "took {:?}",
        started.elapsed()
    );

    let servfail = lookup_with(hopscope_test_servers::start_servfail(), None);
    assert_eq!(problem(&servfail, "mx")["kind"], "servfail");

    let garbage = lookup_with(hopscope_test_servers::start_garbage(), None);
    let garbage_problem = problem(&garbage, "mx");
    assert_eq!(garbage_problem["kind"], "resolver_error", "{garbage}");
    assert!(
        garbage_problem["reason"]
            .as_str()
            .unwrap()
            .starts_with("the DNS lookup failed: "),
        "{garbage_problem}"
    );

    let wrong_key = hopscope_test_servers::wrong_trust_anchor();
    let bogus = lookup_with(world().dns.addr, Some(&wrong_key));
    assert_eq!(problem(&bogus, "mx")["kind"], "dnssec_bogus");
    assert_eq!(
        bogus["recipient"]["requirement"]["mta_sts_enforce"]["answer"],
        "cannot_tell"
    );

    // The same troubles in words.
    let out = run_with(
        Some(hopscope_test_servers::start_servfail()),
        None,
        &["analyze", "--format", "text", "--lookup", &file],
    );
    assert!(
        stdout(&out).contains(
            "    MX (enforce.example MX): the resolver failed to get an answer (SERVFAIL)\n"
        ),
        "{}",
        stdout(&out)
    );
}

/// A policy file that asks for MTA-STS enforce, DANE, or either.
fn policy_file(dir: &Path, requirement: &str) -> String {
    write(
        dir,
        &format!("{requirement}.toml"),
        &format!("name = \"{requirement}\"\nrecipient_policy = \"{requirement}\"\n"),
    )
}

#[test]
fn policies_that_ask_for_mta_sts_or_dane() {
    let dir = scratch("policies");
    let enforce = policy_file(&dir, "mta_sts_enforce");
    let dane = policy_file(&dir, "dane");
    let either = policy_file(&dir, "mta_sts_enforce_or_dane");
    let outcome = |policy: &str, domain: &str, lookup: bool| {
        let file = write(&dir, &format!("{domain}.eml"), &to(domain));
        let mut args = vec!["analyze", "--format", "json", "--policy", policy, &file];
        if lookup {
            args.push("--lookup");
        }
        let out = run(&args);
        let report = json(&out);
        (
            out.status.code().unwrap(),
            report["policy"]["outcome"].as_str().unwrap().to_owned(),
            report["policy"]["reason"].as_str().unwrap().to_owned(),
        )
    };

    let (code, answer, reason) = outcome(&enforce, "enforce.example", true);
    assert_eq!((code, answer.as_str()), (0, "pass"), "{reason}");
    assert_eq!(reason, "Passes: all 2 hops the policy counts meet it. The recipient's domain (enforce.example) publishes MTA-STS in enforce mode (as looked up now, not at delivery).");
    let (code, answer, reason) = outcome(&enforce, "testing.example", true);
    assert_eq!((code, answer.as_str()), (3, "fail"), "{reason}");
    assert!(reason.starts_with("Fails: the recipient's domain (testing.example) does not publish MTA-STS in enforce mode (as looked up now)."), "{reason}");
    assert_eq!(outcome(&enforce, "none.example", true).0, 3);
    assert_eq!(outcome(&enforce, "malformed.example", true).0, 3);
    assert_eq!(outcome(&enforce, "bare.example", true).0, 3);
    // A policy file that could not be read cannot tell.
    let (code, answer, reason) = outcome(&enforce, "huge.example", true);
    assert_eq!((code, answer.as_str()), (4, "cannot_tell"), "{reason}");
    assert!(reason.starts_with("Cannot tell whether the recipient's domain (huge.example) publishes MTA-STS in enforce mode: the MTA-STS policy file: the policy file at "), "{reason}");
    // Without --lookup, it cannot be told.
    let (code, answer, reason) = outcome(&enforce, "enforce.example", false);
    assert_eq!((code, answer.as_str()), (4, "cannot_tell"));
    assert!(
        reason.starts_with("Cannot tell: the recipient domain's TLS policy was not looked up."),
        "{reason}"
    );

    assert_eq!(outcome(&dane, "dane.example", true).0, 0);
    assert_eq!(outcome(&dane, "enforce.example", true).0, 0);
    // DNSSEC-validated "no TLSA record": fails.
    let (code, _, reason) = outcome(&dane, "bare.example", true);
    assert_eq!(code, 3, "{reason}");
    // TLSA records that DNSSEC does not vouch for never count.
    let (code, answer, reason) = outcome(&dane, "plain.test", true);
    assert_ne!(answer, "pass", "{reason}");
    assert_ne!(code, 0);

    assert_eq!(outcome(&either, "dane.example", true).0, 0);
    assert_eq!(outcome(&either, "enforce.example", true).0, 0);
    assert_eq!(outcome(&either, "bare.example", true).0, 3);
    assert_eq!(outcome(&either, "dane.example", false).0, 4);
}

#[test]
fn each_domain_is_looked_up_once_per_run() {
    let dir = scratch("once");
    let count = |messages: usize| {
        let (addr, questions) = hopscope_test_servers::start_servfail_counting();
        let mbox: String = (0..messages)
            .map(|_| {
                format!(
                    "From x Fri Nov 22 05:20:40 2024\n{}\n",
                    to("enforce.example")
                )
            })
            .collect();
        let file = write(&dir, &format!("{messages}.mbox"), &mbox);
        let out = run_with(
            Some(addr),
            None,
            &["analyze", "--format", "json", "--lookup", "--mbox", &file],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let lines = stdout(&out).lines().count();
        assert_eq!(lines, messages);
        questions.load(Ordering::SeqCst)
    };
    let one = count(1);
    assert!(one > 0);
    assert_eq!(count(6), one, "six messages, the same two domains");
}

#[test]
fn recipient_from_delivered_to_and_notes() {
    let dir = scratch("delivered_to");
    // No for clause: Delivered-To names the recipient; To names another domain.
    let text = "Delivered-To: bob@dane.example\n\
        Received: from mail.bare.example (mail.bare.example [198.51.100.7])\n\
        \tby mx.dane.example with ESMTPS id 1; Fri, 22 Nov 2024 05:20:40 +0000\n\
        From: alice@bare.example\n\
        To: list@lists.example\n\n";
    let file = write(&dir, "m.eml", text);
    let report = json(&run(&["analyze", "--format", "json", "--lookup", &file]));
    let lookup = &report["lookup"];
    assert_eq!(lookup["recipient"]["domain"], "dane.example");
    assert_eq!(lookup["recipient"]["found_in"], "delivered_to");
    assert_eq!(
        lookup["notes"][0],
        "The To header (list@lists.example) names another domain, lists.example; the recipient's domain was taken from the Delivered-To header (bob@dane.example)."
    );
    let out = run(&["analyze", "--format", "text", "--lookup", &file]);
    assert!(
        stdout(&out).contains("\n  Note: The To header (list@lists.example) names another domain"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn bad_usage_and_no_email() {
    let dir = scratch("usage");
    let file = write(&dir, "m.eml", &to("enforce.example"));
    let out = run(&["analyze", "--resolver", "127.0.0.1", &file]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--lookup"), "{}", stderr(&out));
    let out = run(&["analyze", "--lookup", "--resolver", "dns.example", &file]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("\"dns.example\" is not an IP address"),
        "{}",
        stderr(&out)
    );
    let out = run(&["analyze", "--lookup", "--lookup-timeout", "0", &file]);
    assert_eq!(out.status.code(), Some(2));
    // Not email: nothing is looked up (the silent resolver would make this slow), exit 1.
    let letter = write(&dir, "letter.txt", "Dear Bob,\n\njust a letter.\n");
    let started = std::time::Instant::now();
    let out = run_with(
        Some(hopscope_test_servers::start_silent()),
        None,
        &["analyze", "--lookup", &letter],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    // Share links carry no lookup, and say so.
    let out = run(&["analyze", "--format", "link", "--lookup", &file]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("share links do not carry --lookup results"));
}
