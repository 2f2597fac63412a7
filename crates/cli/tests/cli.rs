//! Runs the built `hopscope` binary on files in a scratch directory and checks exit codes,
//! standard output and standard error as a user or a script would see them.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

mod support;

const BIN: &str = env!("CARGO_BIN_EXE_hopscope");

/// A message as Gmail shows it in "Show original": Postfix-style TLS hop, then Gmail's.
const EMAIL_1: &str = "\
Received: from mx.recipient.example (mx.recipient.example [203.0.113.5])
        by mail.recipient.example (Postfix) with ESMTPS id 4XyZ1C2d3Fz9
        (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))
        for <bob@recipient.example>; Fri, 22 Nov 2024 05:20:41 +0000 (UTC)
Received: from mail-sor-f41.google.com (mail-sor-f41.google.com [209.85.220.41])
        by mx.recipient.example (Postfix) with ESMTPS id 4XyZ1B0c2Dz8
        (using TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 (128/128 bits))
        for <bob@recipient.example>; Fri, 22 Nov 2024 05:20:40 +0000 (UTC)
From: Alice <alice@sender.example>
To: bob@recipient.example
Subject: Lunch on Friday?
Date: Fri, 22 Nov 2024 05:20:38 +0000
Message-ID: <abc123@sender.example>

See you there.
";

/// A message with a plaintext hop.
const EMAIL_2: &str = "\
Received: from old.sender.example (old.sender.example [198.51.100.7])
        by mx.recipient.example (Postfix) with ESMTP id 4XyZ2A
        for <bob@recipient.example>; Sat, 23 Nov 2024 10:00:05 +0000 (UTC)
From: Carol <carol@old.sender.example>
To: bob@recipient.example
Subject: Old server
Date: Sat, 23 Nov 2024 10:00:00 +0000

Hello.
";

const NOT_EMAIL: &str = "Dear Bob,\n\nthis is just a letter, not an email source.\n";

/// A scratch directory of its own for each test, under Cargo's target tmp dir.
fn scratch(test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("cli-tests")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &std::path::Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn hopscope(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run hopscope");
    if let Some(input) = stdin {
        // A run that fails on its arguments exits without reading stdin: a broken pipe here is
        // expected, not a failure of the test.
        let written = child.stdin.take().unwrap().write_all(input.as_bytes());
        if let Err(e) = written {
            assert_eq!(
                e.kind(),
                std::io::ErrorKind::BrokenPipe,
                "writing stdin: {e}"
            );
        }
    }
    child.wait_with_output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    stdout(out)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON object"))
        .collect()
}

#[test]
fn non_email_text_exits_1_and_says_what_to_paste() {
    let dir = scratch("non_email");
    let file = write(&dir, "letter.txt", NOT_EMAIL);
    let file = file.to_str().unwrap();
    let out = hopscope(&["analyze", file], None);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "hopscope: {file} does not look like email headers (no header lines found)."
        )),
        "{err}"
    );
    assert!(err.contains("Show original"), "{err}");
    assert!(err.contains("Internet headers"), "{err}");
    assert_eq!(stdout(&out), "", "no report for a non-email input");
}

#[test]
fn missing_file_exits_2() {
    let dir = scratch("missing");
    let file = dir.join("does-not-exist.eml");
    let file = file.to_str().unwrap();
    let out = hopscope(&["analyze", file], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("hopscope: cannot read {file}: ")),
        "{err}"
    );
    assert_eq!(stdout(&out), "");
}

#[test]
fn a_missing_file_among_many_stops_the_run_before_anything_is_printed() {
    // Many files are read on several threads: the error is still the first missing file in
    // the order given, and no report of the files before it is printed.
    let dir = scratch("missing-among-many");
    let emls = support::fixture_emls();
    let mut files: Vec<String> = emls
        .iter()
        .cycle()
        .take(300)
        .map(|p| p.to_str().unwrap().to_owned())
        .collect();
    let first = dir.join("first-missing.eml").to_str().unwrap().to_owned();
    let second = dir.join("second-missing.eml").to_str().unwrap().to_owned();
    files[200] = first.clone();
    files[250] = second;
    let args: Vec<&str> = ["analyze", "--format", "json", "--threads", "2"]
        .into_iter()
        .chain(files.iter().map(String::as_str))
        .collect();
    let out = hopscope(&args, None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("hopscope: cannot read {first}: ")),
        "{err}"
    );
    assert_eq!(stdout(&out), "");
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(hopscope(&["analyze"], None).status.code(), Some(2));
    assert_eq!(
        hopscope(&["analyze", "--format", "xml", "-"], Some(EMAIL_1))
            .status
            .code(),
        Some(2)
    );
    assert_eq!(hopscope(&["frobnicate"], None).status.code(), Some(2));
}

#[test]
fn link_format_prints_a_share_link_that_decodes_to_the_report() {
    let out = hopscope(
        &[
            "analyze",
            "--format",
            "link",
            "--base-url",
            "https://hopscope.example/",
            "-",
        ],
        Some(EMAIL_1),
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    let link = lines[0];
    assert!(link.starts_with("https://hopscope.example/#r2."), "{link}");
    let shared = hopscope_core::share::decode(link).expect("the link decodes");
    let report = hopscope_core::analyze(EMAIL_1);
    assert_eq!(
        shared,
        hopscope_core::share::prepare(&report, hopscope_core::share::Redaction::default())
    );
    assert_eq!(shared.hops.len(), 2);
    assert_eq!(shared.message.subject.as_deref(), Some("Lunch on Friday?"));
    // Emails are hidden by default; names are not.
    let json = serde_json::to_string(&shared).unwrap();
    assert!(!json.contains("alice@") && !json.contains("bob@"), "{json}");
    assert!(json.contains("mx.recipient.example"), "{json}");
}

#[test]
fn link_format_defaults_to_the_local_page_and_redacts_on_request() {
    let dir = scratch("links");
    let one = write(&dir, "one.eml", EMAIL_1);
    let two = write(&dir, "two.eml", EMAIL_2);
    let out = hopscope(
        &[
            "analyze",
            "--format",
            "link",
            "--redact",
            "all",
            one.to_str().unwrap(),
            two.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    let links: Vec<&str> = text.lines().collect();
    assert_eq!(links.len(), 2, "one link per message: {text}");
    for link in &links {
        assert!(link.starts_with("http://127.0.0.1:8080/#r2."), "{link}");
    }
    let second = hopscope_core::share::decode(links[1]).unwrap();
    assert_eq!(second.message.subject.as_deref(), Some("(subject hidden)"));
    assert_eq!(
        second.redaction,
        Some(hopscope_core::share::Redaction::ALL),
        "the link says what was hidden"
    );
    let json = serde_json::to_string(&second).unwrap();
    for original in [
        "old.sender.example",
        "mx.recipient.example",
        "198.51.100.7",
        "carol@",
    ] {
        assert!(!json.contains(original), "{original} in {json}");
    }

    let none = hopscope(
        &["analyze", "--format", "link", "--redact", "none", "-"],
        Some(EMAIL_2),
    );
    let shared = hopscope_core::share::decode(stdout(&none).trim()).unwrap();
    assert_eq!(
        shared.message.from.as_deref(),
        Some("Carol <carol@old.sender.example>")
    );
}

#[test]
fn contradictory_or_unknown_redaction_is_bad_usage() {
    // A file, not standard input: the run stops before reading anything.
    let dir = scratch("bad_redact");
    let file = write(&dir, "one.eml", EMAIL_1);
    let file = file.to_str().unwrap();
    let out = hopscope(
        &[
            "analyze",
            "--format",
            "link",
            "--redact",
            "none,emails",
            file,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--redact none"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let out = hopscope(
        &["analyze", "--format", "link", "--redact", "names", file],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("names"), "{}", stderr(&out));
}

#[test]
fn link_options_without_link_format_are_ignored_with_a_note() {
    let out = hopscope(
        &["analyze", "--format", "json", "--redact", "all", "-"],
        Some(EMAIL_1),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("--redact is only used by --format link"));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["message"]["from"], "Alice <alice@sender.example>");
}

#[test]
fn one_file_gives_one_json_report() {
    let dir = scratch("one_file");
    let file = write(&dir, "one.eml", EMAIL_1);
    // Standard output is a pipe here, so JSON is the default.
    let out = hopscope(&["analyze", file.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["schema"], 1);
    assert_eq!(report["looks_like_email"], true);
    assert_eq!(report["hops"].as_array().unwrap().len(), 2);
}

#[test]
fn two_files_give_json_lines_in_order() {
    let dir = scratch("two_files");
    let one = write(&dir, "one.eml", EMAIL_1);
    let two = write(&dir, "two.eml", EMAIL_2);
    let out = hopscope(
        &[
            "analyze",
            "--format",
            "json",
            one.to_str().unwrap(),
            two.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let reports = json_lines(&out);
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0]["message"]["subject"], "Lunch on Friday?");
    assert_eq!(reports[1]["message"]["subject"], "Old server");
}

#[test]
fn one_email_among_non_emails_is_enough() {
    let dir = scratch("mixed");
    let letter = write(&dir, "letter.txt", NOT_EMAIL);
    let one = write(&dir, "one.eml", EMAIL_1);
    let out = hopscope(
        &[
            "analyze",
            "--format",
            "json",
            letter.to_str().unwrap(),
            one.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert!(stderr(&out).contains("does not look like email headers"));
    let reports = json_lines(&out);
    assert_eq!(reports.len(), 2, "one line per input, in order");
    assert_eq!(reports[0]["looks_like_email"], false);
    assert_eq!(reports[1]["looks_like_email"], true);
}

#[test]
fn stdin_via_dash() {
    let out = hopscope(&["analyze", "--format", "json", "-"], Some(EMAIL_1));
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["looks_like_email"], true);
    assert_eq!(report["message"]["from"], "Alice <alice@sender.example>");
}

#[test]
fn stdin_that_is_not_email_names_standard_input() {
    let out = hopscope(&["analyze", "-"], Some(NOT_EMAIL));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("hopscope: standard input does not look like email headers"));
}

fn mbox_of_three() -> String {
    format!(
        "From alice@sender.example Fri Nov 22 05:20:38 2024\n{EMAIL_1}\n\
         From carol@old.sender.example Sat Nov 23 10:00:00 2024\n{EMAIL_2}\n\
         From alice@sender.example Fri Nov 22 05:20:38 2024\n{EMAIL_1}"
    )
}

#[test]
fn mbox_with_three_messages_gives_three_lines() {
    let dir = scratch("mbox");
    let mbox = write(&dir, "inbox.mbox", &mbox_of_three());
    let out = hopscope(&["analyze", "--mbox", mbox.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let reports = json_lines(&out);
    assert_eq!(reports.len(), 3);
    assert!(reports.iter().all(|r| r["looks_like_email"] == true));
    assert_eq!(reports[1]["message"]["subject"], "Old server");
}

#[test]
fn mbox_with_crlf_from_stdin() {
    let crlf = mbox_of_three().replace('\n', "\r\n");
    let out = hopscope(&["analyze", "--format", "json", "--mbox", "-"], Some(&crlf));
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert_eq!(json_lines(&out).len(), 3);
}

#[test]
fn mbox_text_ends_with_totals() {
    let dir = scratch("mbox_text");
    let mbox = write(&dir, "inbox.mbox", &mbox_of_three());
    let out = hopscope(
        &[
            "analyze",
            "--format",
            "text",
            "--mbox",
            mbox.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(!text.contains('\x1b'), "no colour when not a terminal");
    assert!(text.contains("inbox.mbox, message 3 (byte "), "{text}");
    let summary = text.rsplit("── Summary ").next().unwrap();
    assert!(
        summary.contains("Audit: 3 messages, 5 hops (1 file,"),
        "{summary}"
    );
    // Per organisation: old.sender.example is sender.example's.
    assert!(
        summary.contains("    sender.example         3 messages"),
        "{summary}"
    );
    assert!(summary.contains("“Old server”"), "{summary}");
}

#[test]
fn markdown_report_has_table_and_footer() {
    let out = hopscope(&["analyze", "--format", "markdown", "-"], Some(EMAIL_1));
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let md = stdout(&out);
    assert!(md.starts_with("## "), "{md}");
    assert!(md
        .contains("| # | From → By | Protocol | Verdict | TLS | Cipher | Grade | Scope | Delay |"));
    assert!(md.contains("🔒 Encrypted"), "{md}");
    assert!(md.ends_with("_Generated by Hopscope — analysed locally_\n"));
}

#[test]
fn mbox_without_email_exits_1() {
    let dir = scratch("mbox_empty");
    let mbox = write(
        &dir,
        "notes.mbox",
        "From nobody Mon Jan  1 00:00:00 2024\nJust a note.\n",
    );
    let out = hopscope(&["analyze", "--mbox", mbox.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no message looks like email headers"));
    assert_eq!(stdout(&out), "");
}

#[test]
fn policy_exit_codes_say_fail_and_cannot_tell() {
    let dir = scratch("policy");
    let good = write(&dir, "good.eml", EMAIL_1);
    let plain = write(&dir, "plain.eml", EMAIL_2);
    let unstated = write(
        &dir,
        "unstated.eml",
        "Received: from a.example.org (a.example.org [192.0.2.1]) by b.example.net; Sat, 23 Nov 2024 10:00:05 +0000\nSubject: x\n",
    );
    let code = |args: &[&str]| hopscope(args, None).status.code();
    let path = |p: &PathBuf| p.to_str().unwrap().to_owned();
    assert_eq!(
        code(&[
            "analyze",
            "--policy",
            "encrypted",
            "--format",
            "json",
            &path(&good)
        ]),
        Some(0)
    );
    assert_eq!(
        code(&[
            "analyze",
            "--policy",
            "modern",
            "--format",
            "json",
            &path(&good),
            &path(&plain)
        ]),
        Some(3)
    );
    assert_eq!(
        code(&[
            "analyze",
            "--policy",
            "encrypted",
            "--format",
            "json",
            &path(&unstated)
        ]),
        Some(4)
    );
    assert_eq!(
        code(&[
            "analyze",
            "--policy",
            "encrypted",
            "--format",
            "json",
            &path(&plain),
            &path(&unstated)
        ]),
        Some(3)
    );
    // Without a policy, the usual codes.
    assert_eq!(
        code(&["analyze", "--format", "json", &path(&plain)]),
        Some(0)
    );
    // The report carries the check.
    let out = hopscope(
        &[
            "analyze",
            "--policy",
            "encrypted",
            "--format",
            "json",
            &path(&plain),
        ],
        None,
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["policy"]["outcome"], "fail");
    assert_eq!(report["policy"]["hops"][0]["reason"], "Not encrypted.");
}

#[test]
fn custom_policies_in_toml_or_json_and_clear_errors() {
    let dir = scratch("policy_files");
    let good = write(&dir, "good.eml", EMAIL_1);
    let toml = write(&dir, "partners.toml", "name = \"partners\"\nmin_version = \"TLS1.3\"\nverified_client_certificate_external = true\n");
    let json = write(
        &dir,
        "strict.json",
        r#"{"name": "strict", "min_version": "TLS1.3"}"#,
    );
    let broken = write(&dir, "broken.toml", "name = \"x\"\nmin_version = \"1.3\"\n");
    let run = |policy: &PathBuf| {
        hopscope(
            &[
                "analyze",
                "--policy",
                policy.to_str().unwrap(),
                "--format",
                "json",
                good.to_str().unwrap(),
            ],
            None,
        )
    };
    // EMAIL_1's hops state no client certificate: cannot tell.
    assert_eq!(run(&toml).status.code(), Some(4));
    assert_eq!(run(&json).status.code(), Some(0));
    let out = run(&broken);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("\"1.3\" is not a TLS version"),
        "{}",
        stderr(&out)
    );
    let out = hopscope(
        &["analyze", "--policy", "strictest", good.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a built-in policy (encrypted, modern) nor a file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn outlook_msg_files_are_read_for_their_transport_headers() {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../msg/tests/data");
    let received = data.join("vote-yes.msg");
    let out = hopscope(
        &["analyze", "--format", "json", received.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!report["hops"].as_array().unwrap().is_empty());
    let sent = data.join("sent.msg");
    let out = hopscope(
        &["analyze", "--format", "json", sent.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("transport headers"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_forward_reads_its_attachment_unless_told_otherwise() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/input-shapes/whole-message-forwarded-attachment.eml");
    let run = |extra: &[&str]| {
        let mut args = vec!["analyze", "--format", "json"];
        args.extend_from_slice(extra);
        args.push(fixture.to_str().unwrap());
        let out = hopscope(&args, None);
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let inner = run(&[]);
    assert_eq!(inner["part"], 1);
    assert_eq!(inner["hops"].as_array().unwrap().len(), 2);
    let outer = run(&["--part", "0"]);
    assert!(outer.get("part").is_none());
    assert_eq!(outer["hops"].as_array().unwrap().len(), 3);
    assert_eq!(outer["embedded"][0]["kind"], "attached");
}

#[test]
fn threads_change_nothing_but_the_time() {
    // Every fixture message, with a letter first (held back until an email arrives) and a
    // broken Outlook file in the middle (named on standard error, no report).
    let dir = scratch("threads");
    let mut files = vec![write(&dir, "letter.txt", NOT_EMAIL)];
    let emls = support::fixture_emls();
    assert!(emls.len() > 50);
    let broken = dir.join("broken.msg");
    std::fs::write(
        &broken,
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
    )
    .unwrap();
    files.extend(emls[..emls.len() / 2].iter().cloned());
    files.push(broken);
    files.extend(emls[emls.len() / 2..].iter().cloned());
    let files: Vec<&str> = files.iter().map(|p| p.to_str().unwrap()).collect();
    for extra in [
        &["--format", "json"][..],
        &["--format", "markdown"],
        &["--format", "text"],
        &["--format", "json", "--policy", "modern"],
    ] {
        let run = |threads: &str| {
            let mut args = vec!["analyze", "--threads", threads];
            args.extend_from_slice(extra);
            args.extend_from_slice(&files);
            hopscope(&args, None)
        };
        let one = run("1");
        assert!(
            stderr(&one).contains("broken.msg"),
            "{extra:?}: {}",
            stderr(&one)
        );
        assert!(stdout(&one).len() > 10_000, "{extra:?}");
        for threads in ["2", "5"] {
            let many = run(threads);
            assert_eq!(many.status.code(), one.status.code(), "{extra:?} {threads}");
            assert_eq!(stderr(&many), stderr(&one), "{extra:?} {threads}");
            assert!(
                stdout(&many) == stdout(&one),
                "{extra:?}: output with {threads} threads differs"
            );
        }
    }
}
