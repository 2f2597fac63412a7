//! Header-shaped input: real Received fragments, folding, comments and junk, mixed by the
//! fuzzer, so it spends its time deep in the grammar and the dialect units rather than on
//! text that is not a header at all.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Piece {
    Fragment(u8),
    Fold(bool),
    Comment(Vec<Piece>),
    Literal(String),
    Junk(Vec<u8>),
    Newline(u8),
    Header(u8),
}

const FRAGMENTS: &[&str] = &[
    "from ", "by ", "with ", "via ", "id ", "for ", "tls ", "; ", "ESMTPS", "ESMTP", "SMTP", "LMTP", "esmtpsa",
    "mail.example.org", "[192.0.2.1]", "[IPv6:2001:db8::1]", "(localhost [127.0.0.1])", "helo=", "(HELO x)",
    "(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519MLKEM768)",
    "(version=TLS1_2 cipher=ECDHE-RSA-AES256-GCM-SHA384 bits=256 verify=NOT)", "(TLS1.3)",
    "(TLSv1.2:ECDHE-RSA-AES128-GCM-SHA256:128:NO)", "version=", "cipher=", "bits=", "(TLS)",
    "over TLS secured channel", "Microsoft SMTP Server", "(Google Transport Security)", "ESMTP/TLS/",
    "(TLS: TLS1.3,256bits,ECDHE_RSA_AES_256_GCM_SHA384)", "encrypted", "(cipher=", "STARTTLS", "ESMTP-TLS",
    "(Postfix, from userid 1000)", "(qmail 1 invoked by uid 2)", "Sun, 22 Nov 2026 05:20:40 +0000",
    "2026-11-22 05:20:40.1 +0000 UTC", "(Client CN \"a\", Issuer \"b\" (verified OK))", "<a@b.example>",
    "\u{202E}", "\u{200B}", "=?UTF-8?B?PHNjcmlwdD4=?=", "TLS-Required: No",
];
const HEADERS: &[&str] = &["Received: ", "Authentication-Results: ", "ARC-Seal: i=", "Subject: ", "From: ", "X-Received: ", "Received:"];

fn render(pieces: &[Piece], out: &mut String, depth: usize) {
    for p in pieces {
        if out.len() > 64 * 1024 {
            return;
        }
        match p {
            Piece::Fragment(i) => out.push_str(FRAGMENTS[*i as usize % FRAGMENTS.len()]),
            Piece::Fold(tab) => out.push_str(if *tab { "\r\n\t" } else { "\n " }),
            Piece::Comment(inner) if depth < 64 => {
                out.push('(');
                render(inner, out, depth + 1);
                out.push(')');
            }
            Piece::Comment(_) => out.push_str("()"),
            Piece::Literal(s) => out.push_str(s),
            Piece::Junk(b) => out.push_str(&String::from_utf8_lossy(b)),
            Piece::Newline(k) => out.push_str(["\n", "\r\n", "\r", "\n\n"][*k as usize % 4]),
            Piece::Header(i) => {
                out.push('\n');
                out.push_str(HEADERS[*i as usize % HEADERS.len()]);
            }
        }
    }
}

fuzz_target!(|pieces: Vec<Piece>| {
    let mut text = String::from("Received: ");
    render(&pieces, &mut text, 0);
    let report = hopscope_core::analyze(&text);
    hopscope_core::check_invariants(&text, &report);
});
