//! `hopscope audit` on mailboxes, Maildir folders, trees of messages and every kind of bad
//! input of issue 9: each gets a clear message or a counted skipped line, never a crash or a
//! silently wrong total. And the contract the page is tested against: the per-message reports
//! of `hopscope analyze --mbox` add up to the audit's totals.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

mod support;

const BIN: &str = env!("CARGO_BIN_EXE_hopscope");

/// Encrypted on both hops, from sender.example.
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

See you there.
";

/// One plaintext hop across the Internet, from old.sender.example, a month later.
const EMAIL_2: &str = "\
Received: from old.sender.example (old.sender.example [198.51.100.7])
        by mx.recipient.example (Postfix) with ESMTP id 4XyZ2A
        for <bob@recipient.example>; Mon, 23 Dec 2024 10:00:05 +0000 (UTC)
From: Carol <carol@old.sender.example>
To: bob@recipient.example
Subject: Old server
Date: Mon, 23 Dec 2024 10:00:00 +0000

Hello.
From the body: not a separator (no blank line before it).
";

fn mbox(messages: &[&str]) -> String {
    messages
        .iter()
        .map(|m| format!("From someone@example Fri Nov 22 05:20:38 2024\n{m}\n"))
        .collect()
}

fn scratch(test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("audit-tests")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, content).unwrap();
    path
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run hopscope")
}

fn run_path(args: &[&str], path: &Path) -> Output {
    let mut all = args.to_vec();
    all.push(path.to_str().unwrap());
    run(&all)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `hopscope audit --format json PATH`: the exit code and the report.
fn audit(path: &Path) -> (i32, Value, String) {
    let out = run_path(&["audit", "--format", "json"], path);
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            stderr(&out)
        )
    });
    (out.status.code().unwrap(), json, stderr(&out))
}

fn totals(report: &Value) -> [u64; 4] {
    let t = &report["totals"];
    ["messages", "analysed", "skipped", "hops"].map(|k| t[k].as_u64().unwrap())
}

#[test]
fn an_mbox() {
    let dir = scratch("mbox");
    let path = write(&dir, "inbox.mbox", mbox(&[EMAIL_1, EMAIL_2, EMAIL_1]));
    let (code, report, err) = audit(&path);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
    assert_eq!(totals(&report), [3, 3, 0, 5]);
    let t = &report["totals"];
    assert_eq!(t["encrypted"], 4);
    assert_eq!(t["plaintext"], 1);
    assert_eq!(t["exposed"], 1);
    assert_eq!(t["encrypted_every_hop"], 2);
    assert_eq!(
        report["senders"]["rows"][0]["organisation"],
        "sender.example"
    );
    assert_eq!(
        report["receivers"]["rows"][0]["organisation"],
        "recipient.example"
    );
    assert_eq!(report["months"][1]["month"], "2024-12");
    let worst = &report["worst"][0];
    assert_eq!(worst["concern"], "exposed");
    assert_eq!(worst["source"]["number"], 2);
    // The offset re-reads the message.
    let bytes = std::fs::read(&path).unwrap();
    let offset = worst["source"]["offset"].as_u64().unwrap() as usize;
    let length = worst["source"]["length"].as_u64().unwrap() as usize;
    assert!(bytes[offset..offset + length].starts_with(b"Received: from old.sender.example"));
    assert_eq!(report["files"]["files"], 1);
    assert_eq!(report["files"]["bytes"], bytes.len());
}

#[test]
fn threads_do_not_change_the_report() {
    let dir = scratch("threads");
    let messages: Vec<&str> = [EMAIL_1, EMAIL_2, "Subject: no route\nFrom: x@y.example\n"]
        .into_iter()
        .cycle()
        .take(2000)
        .collect();
    let path = write(&dir, "big.mbox", mbox(&messages));
    let one = run_path(&["audit", "--format", "json", "--threads", "1"], &path);
    for threads in ["2", "3", "8"] {
        let many = run_path(&["audit", "--format", "json", "--threads", threads], &path);
        assert_eq!(one.stdout, many.stdout, "--threads {threads}");
    }
    let csv1 = run_path(&["audit", "--format", "csv", "--threads", "1"], &path);
    let csv4 = run_path(&["audit", "--format", "csv", "--threads", "4"], &path);
    assert_eq!(csv1.stdout, csv4.stdout, "CSV rows in input order");
}

#[test]
fn a_maildir() {
    let dir = scratch("maildir");
    let md = dir.join("Maildir");
    write(&md, "cur/1700000000.M1P1.host:2,S", EMAIL_1);
    write(&md, "cur/1700000001.M2P1.host:2,RS", EMAIL_2);
    write(&md, "new/1700000002.M3P1.host", EMAIL_1);
    write(&md, "tmp/1700000003.M4P1.host", EMAIL_2); // still being delivered: not read
    write(&md, ".Sent/cur/1700000004.M5P1.host:2,S", EMAIL_1); // a Maildir++ subfolder
    write(&md, "dovecot-uidlist", "3 V1 N4\n");
    write(&md, "cur/.hidden", EMAIL_1);
    let out = run_path(&["audit", "--format", "json"], &md);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(totals(&report), [4, 4, 0, 7]);
    assert!(
        stderr(&out).contains("ignored 1 file in folders: not .eml, .msg or mbox files"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_tree_of_eml_and_msg_files() {
    let dir = scratch("tree");
    let tree = dir.join("export");
    write(&tree, "2024/a.eml", EMAIL_1);
    write(&tree, "2024/b.EML", EMAIL_2.replace('\n', "\r\n"));
    write(&tree, "2025/deep/c.eml", EMAIL_1);
    write(&tree, "notes.txt", "not mail");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../msg/tests/data");
    std::fs::copy(data.join("vote-yes.msg"), tree.join("vote-yes.msg")).unwrap();
    std::fs::copy(data.join("sent.msg"), tree.join("sent.msg")).unwrap();
    let (code, report, err) = audit(&tree);
    assert_eq!(code, 0, "{err}");
    // Three .eml files, the received .msg; the sent copy has no transport headers.
    assert_eq!(report["totals"]["analysed"], 4);
    assert_eq!(report["skipped"]["no_headers"], 1);
    assert_eq!(report["totals"]["messages"], 5);
    assert_eq!(report["files"]["files"], 5);
    assert!(err.contains("sent.msg"), "{err}");
    assert!(err.contains("ignored 1 file"), "{err}");
}

#[test]
fn files_that_are_not_mailboxes_are_named() {
    let dir = scratch("not_mailboxes");
    let cases: [(&str, Vec<u8>, &str); 4] = [
        (
            "photo.mbox",
            [
                &[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10][..],
                b"JFIF\0",
                &[7; 5000],
            ]
            .concat(),
            "photo.mbox: not a mailbox: it looks like a JPEG image.",
        ),
        (
            "export.mbox",
            [&b"PK\x03\x04\x14\x00\x00\x00\x08\x00"[..], &[1; 300]].concat(),
            "export.mbox: not a mailbox: it looks like a ZIP archive",
        ),
        (
            "print.eml",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n".to_vec(),
            "print.eml: not a mailbox: it looks like a PDF document.",
        ),
        ("empty.mbox", Vec::new(), "empty.mbox: empty file."),
    ];
    for (name, bytes, message) in cases {
        let path = write(&dir, name, &bytes);
        let (code, report, err) = audit(&path);
        assert_eq!(code, 1, "{name}: nothing that looks like email");
        assert!(err.contains(message), "{name}: {err}");
        assert!(
            err.contains("no message that looks like email was found"),
            "{err}"
        );
        assert_eq!(totals(&report), [0, 0, 0, 0], "{name}");
        assert_eq!(report["files"]["files"], 1);
    }
    // Among good files, a bad one is counted and the audit succeeds.
    let good = write(&dir, "inbox.mbox", mbox(&[EMAIL_1]));
    let out = run(&[
        "audit",
        "--format",
        "json",
        good.to_str().unwrap(),
        dir.join("photo.mbox").to_str().unwrap(),
        dir.join("empty.mbox").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"]["not_mailbox"]["jpeg"], 1);
    assert_eq!(report["files"]["empty"], 1);
    assert_eq!(report["totals"]["analysed"], 1);
}

#[test]
fn a_truncated_last_message_is_skipped_and_counted() {
    let dir = scratch("truncated");
    let whole = mbox(&[EMAIL_1, EMAIL_2]);
    let cut = &whole[..whole.len() - EMAIL_2.len() + 60]; // inside the second Received line
    let path = write(&dir, "cut.mbox", cut);
    let (code, report, err) = audit(&path);
    assert_eq!(code, 0);
    assert_eq!(totals(&report), [2, 1, 1, 2]);
    assert_eq!(report["skipped"]["truncated"], 1);
    assert!(
        err.contains("message 2 (byte ") && err.contains("skipped: cut off inside the headers"),
        "{err}"
    );
    // Cut inside a body: nothing to see, both are analysed.
    let cut = &whole[..whole.len() - 20];
    let path = write(&dir, "cut-body.mbox", cut);
    let (_, report, _) = audit(&path);
    assert_eq!(totals(&report), [2, 2, 0, 3]);
}

#[test]
fn a_2_mb_message_without_from_lines() {
    let dir = scratch("big_single");
    let mut body = String::new();
    while body.len() < 2 << 20 {
        body.push_str("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx\n");
    }
    let message = format!("{}\n{body}", EMAIL_1.trim_end_matches("See you there.\n"));
    let path = write(&dir, "single.eml", &message);
    let (code, report, err) = audit(&path);
    assert_eq!(code, 0, "{err}");
    assert_eq!(totals(&report), [1, 1, 0, 2]);
    assert_eq!(report["files"]["bytes"], message.len());
}

#[test]
fn garbage_between_messages_is_counted() {
    let dir = scratch("garbage");
    // A zero-filled block (as a crash leaves) right before the next separator, and a
    // "message" that is binary junk.
    let mut bytes = mbox(&[EMAIL_1]).into_bytes();
    bytes.extend(std::iter::repeat_n(0u8, 4096));
    bytes.extend(mbox(&[EMAIL_2]).into_bytes());
    bytes.extend(
        b"From junk Mon Jan  1 00:00:00 2024\n\x01\x02\x03\xff\xfe binary \x7f\n\n\x05\x06\n\n",
    );
    bytes.extend(mbox(&[EMAIL_1]).into_bytes());
    let path = write(&dir, "damaged.mbox", &bytes);
    let (code, report, err) = audit(&path);
    assert_eq!(code, 0, "{err}");
    assert_eq!(totals(&report), [4, 3, 1, 5]);
    assert_eq!(report["skipped"]["not_email"], 1);
    assert_eq!(report["files"]["garbage_bytes"], 4096);
    assert!(
        err.contains("4096 NUL bytes (a damaged file) skipped"),
        "{err}"
    );
    assert!(err.contains("message 3 (byte "), "{err}");
}

#[test]
fn a_message_without_headers_is_skipped() {
    let dir = scratch("no_headers");
    let text = format!(
        "{}From nobody Mon Jan  1 00:00:00 2024\n\njust a body, no headers\n\n",
        mbox(&[EMAIL_1])
    );
    let path = write(&dir, "odd.mbox", text);
    let (code, report, err) = audit(&path);
    assert_eq!(code, 0);
    assert_eq!(totals(&report), [2, 1, 1, 2]);
    assert_eq!(report["skipped"]["no_headers"], 1);
    assert!(err.contains("skipped: without header lines"), "{err}");
}

#[test]
fn unreadable_paths_are_bad_usage() {
    let out = run(&["audit", "/nonexistent/inbox.mbox"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("hopscope: cannot read /nonexistent/inbox.mbox: "));
    assert_eq!(out.stdout, b"");
    let dir = scratch("folder_for_mbox");
    let out = run_path(&["analyze", "--mbox"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a folder: --mbox reads one mailbox file"));
}

#[test]
fn standard_input_and_other_formats() {
    let mut child = Command::new(BIN)
        .args(["audit", "--format", "markdown", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(mbox(&[EMAIL_1, EMAIL_2]).as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.starts_with("## Audit: 2 messages, 3 hops (1 file, "),
        "{md}"
    );
    assert!(md.contains("| standard input | 2 |"), "{md}");

    let dir = scratch("formats");
    let path = write(&dir, "inbox.mbox", mbox(&[EMAIL_1, EMAIL_2]));
    let text = run_path(&["audit", "--format", "text"], &path);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.starts_with("Audit: 2 messages, 3 hops (1 file, "),
        "{text}"
    );
    assert!(!text.contains('\x1b'));
}

#[test]
fn csv_has_one_row_per_hop_and_defuses_formulas() {
    let dir = scratch("csv");
    let hostile = "Received: from evil.example (evil.example [192.0.2.66])\n\
                   \tby =cmd|calc with ESMTP id 1; Fri, 22 Nov 2024 05:20:40 +0000\n\
                   From: x@evil.example\n\n";
    let path = write(&dir, "inbox.mbox", mbox(&[EMAIL_1, EMAIL_2, hostile]));
    let out = run_path(&["audit", "--format", "csv"], &path);
    assert_eq!(out.status.code(), Some(0));
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(
        lines[0],
        "file,message,offset,hop,verdict,scope,version,cipher,grade,from,by,date"
    );
    assert_eq!(lines.len(), 1 + 4, "{csv}");
    assert!(
        lines[1].contains(",1,46,1,encrypted,external,TLS1.3,"),
        "{csv}"
    );
    assert!(lines[4].contains(",'=cmd|calc,"), "{csv}");
}

/// The contract the page is tested against: the per-message JSON of `analyze --mbox` adds up
/// to the audit's totals, for a mailbox with every kind of message and damage.
#[test]
fn analyze_mbox_lines_add_up_to_the_audit_totals() {
    let dir = scratch("equality");
    let messages: Vec<String> = support::fixture_emls()
        .into_iter()
        .map(|eml| String::from_utf8_lossy(&std::fs::read(eml).unwrap()).into_owned())
        .collect();
    assert!(messages.len() > 50);
    let mut bytes = Vec::new();
    for (i, m) in messages.iter().enumerate() {
        let m = if i % 2 == 0 {
            m.replace('\n', "\r\n")
        } else {
            m.clone()
        };
        bytes.extend(format!("From x@example Mon Jan  1 00:00:00 2024\n{m}\n").into_bytes());
        if i % 17 == 0 {
            bytes.extend(b"From nobody Mon Jan  1 00:00:00 2024\n\nno headers\n\n");
            bytes.extend(b"From junk Mon Jan  1 00:00:00 2024\n\x01\x02 junk\n\n");
        }
    }
    bytes.extend(b"From cut Mon Jan  1 00:00:00 2024\nReceived: from a.example (a.exa");
    let path = write(&dir, "all.mbox", &bytes);

    let out = run_path(&["analyze", "--format", "json", "--mbox"], &path);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut sums = [0u64; 4];
    let mut lines = 0;
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let report: Value = serde_json::from_str(line).unwrap();
        for (sum, key) in sums
            .iter_mut()
            .zip(["hops", "encrypted", "plaintext", "unknown"])
        {
            *sum += report["summary"][key].as_u64().unwrap();
        }
        lines += 1;
    }
    let (code, audit, _) = audit(&path);
    assert_eq!(code, 0);
    let t = &audit["totals"];
    let totals = ["hops", "encrypted", "plaintext", "unknown"].map(|k| t[k].as_u64().unwrap());
    assert_eq!(sums, totals);
    assert_eq!(lines, t["analysed"].as_u64().unwrap());
    assert!(t["skipped"].as_u64().unwrap() >= 3, "{t}");
    assert_eq!(
        t["messages"].as_u64().unwrap(),
        t["analysed"].as_u64().unwrap() + t["skipped"].as_u64().unwrap()
    );
}

#[test]
fn a_policy_counts_pass_fail_and_cannot_tell() {
    let dir = scratch("policy");
    // A hop that does not say whether it was encrypted: cannot be told.
    let unstated = "Received: from c.sender.example (c.sender.example [198.51.100.9])\n        \
        by mx.recipient.example; Fri, 22 Nov 2024 05:20:40 +0000\nFrom: dan@third.example\n\nHi.\n";
    let path = write(
        &dir,
        "inbox.mbox",
        mbox(&[EMAIL_1, EMAIL_2, EMAIL_1, unstated]),
    );
    let plain = run_path(&["audit", "--format", "json", "--threads", "1"], &path);
    assert_eq!(plain.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("\"policy\""));

    for threads in ["1", "2"] {
        let out = run_path(
            &[
                "audit",
                "--format",
                "json",
                "--policy",
                "encrypted",
                "--threads",
                threads,
            ],
            &path,
        );
        assert_eq!(
            out.status.code(),
            Some(3),
            "a message fails: {}",
            stderr(&out)
        );
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let p = &report["policy"];
        assert_eq!(p["name"], "encrypted");
        assert_eq!(
            p["messages"],
            serde_json::json!({"pass": 2, "fail": 1, "cannot_tell": 1})
        );
        assert_eq!(
            p["hops"],
            serde_json::json!({"pass": 4, "fail": 1, "cannot_tell": 1, "not_judged": 0})
        );
        let senders = report["senders"]["rows"].as_array().unwrap();
        let row = |org: &str| {
            senders
                .iter()
                .find(|r| r["organisation"] == org)
                .unwrap_or_else(|| panic!("{org}: {senders:?}"))["policy"]
                .clone()
        };
        // old.sender.example's plaintext message counts for its organisation.
        assert_eq!(
            row("sender.example"),
            serde_json::json!({"pass": 2, "fail": 1, "cannot_tell": 0})
        );
        assert_eq!(
            row("third.example"),
            serde_json::json!({"pass": 0, "fail": 0, "cannot_tell": 1})
        );
        assert_eq!(
            report["receivers"]["rows"][0]["policy"],
            serde_json::json!({"pass": 2, "fail": 1, "cannot_tell": 1})
        );
        // Everything else is what the audit says without a policy.
        let without: Value = serde_json::from_slice(&plain.stdout).unwrap();
        let mut with = report.clone();
        with.as_object_mut().unwrap().remove("policy");
        for table in ["senders", "receivers"] {
            for row in with[table]["rows"].as_array_mut().unwrap() {
                row.as_object_mut().unwrap().remove("policy");
            }
            for key in ["other", "unknown"] {
                with[table][key].as_object_mut().unwrap().remove("policy");
            }
        }
        for row in with["months"].as_array_mut().unwrap() {
            row.as_object_mut().unwrap().remove("policy");
        }
        with["undated"].as_object_mut().unwrap().remove("policy");
        assert_eq!(with, without);
    }

    // Only messages that pass: 0; one that cannot be told and none failing: 4.
    let good = write(&dir, "good.mbox", mbox(&[EMAIL_1, EMAIL_1]));
    assert_eq!(
        run_path(
            &["audit", "--format", "json", "--policy", "encrypted"],
            &good
        )
        .status
        .code(),
        Some(0)
    );
    let unclear = write(&dir, "unclear.mbox", mbox(&[EMAIL_1, unstated]));
    assert_eq!(
        run_path(
            &["audit", "--format", "json", "--policy", "encrypted"],
            &unclear
        )
        .status
        .code(),
        Some(4)
    );

    // Text, Markdown and CSV say it too.
    let out = run_path(
        &["audit", "--format", "text", "--policy", "encrypted"],
        &path,
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("    Messages: 2 pass (50.0%), 1 fail (25.0%), 1 cannot tell (25.0%)\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "  Policy per sending organisation, most failures first:\n    sender.example  "
        ),
        "{text}"
    );
    let out = run_path(
        &["audit", "--format", "markdown", "--policy", "encrypted"],
        &path,
    );
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.contains("| Policy per receiving organisation | Messages | Pass | Fail | Cannot tell |\n|---|--:|--:|--:|--:|\n| recipient.example | 4 | 2 | 1 | 1 |\n"),
        "{md}"
    );
    let out = run_path(
        &["audit", "--format", "csv", "--policy", "encrypted"],
        &path,
    );
    assert_eq!(out.status.code(), Some(3));
    let csv = String::from_utf8_lossy(&out.stdout);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("file,message,offset,hop,verdict,scope,version,cipher,grade,from,by,date,policy,hop_policy")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 6);
    assert!(
        rows[2].ends_with(",2024-12-23T10:00:05Z,fail,fail"),
        "{csv}"
    );
    assert!(rows[5].ends_with(",cannot_tell,cannot_tell"), "{csv}");
    // Without --policy the CSV keeps its columns.
    let out = run_path(&["audit", "--format", "csv"], &path);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with(
        "file,message,offset,hop,verdict,scope,version,cipher,grade,from,by,date\r\n"
    ));

    // A policy that needs a lookup cannot be told in an audit, and says why.
    let needs_lookup = write(
        &dir,
        "p.toml",
        "name = \"strict\"\nrecipient_policy = \"mta_sts_enforce\"\n",
    );
    let out = run_path(
        &[
            "audit",
            "--format",
            "json",
            "--policy",
            needs_lookup.to_str().unwrap(),
        ],
        &good,
    );
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr(&out).contains("which audit does not look up"),
        "{}",
        stderr(&out)
    );
    // A policy that does not exist is bad usage.
    assert_eq!(
        run_path(&["audit", "--policy", "strictest"], &good)
            .status
            .code(),
        Some(2)
    );
}
