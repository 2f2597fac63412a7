//! The hostile inputs, shared by `hostile.rs` (which asserts each one's outcome) and
//! `identical.rs` (which pins each one's whole report).

#![allow(dead_code)]

pub fn received(i: usize) -> String {
    format!("Received: from h{i}.example.org (h{i}.example.org [192.0.2.{}]) by mx.example.net with ESMTPS id {i}; Sun, 22 Nov 2026 05:20:40 +0000\r\n", i % 250)
}

pub const BLANK: [&str; 4] = ["", " ", "\n\n\n", "\r\n\t \r\n"];

pub fn jpeg() -> Vec<u8> {
    let mut jpeg = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00,
    ];
    jpeg.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    jpeg
}

pub fn twenty_megabytes() -> String {
    let line = "lorem ipsum dolor sit amet, consectetur adipiscing elit\n";
    line.repeat(20 * 1024 * 1024 / line.len())
}

pub fn hundred_thousand_received() -> String {
    (0..100_000).map(received).collect()
}

/// A hundred thousand hops of every kind the headline lists by number: plaintext across the
/// Internet (public addresses), plaintext on a private network, hand-offs that name no sender,
/// and hops that do not say. The headline's lists are made from each other: made by searching
/// one list for each member of another, they cost the square of the hops.
pub fn hundred_thousand_mixed() -> String {
    (0..100_000).map(|i| match i % 4 {
        0 => format!("Received: from p{i}.example.org (p{i}.example.org [198.51.100.{}]) by mx{i}.example.net with SMTP id {i}; Sun, 22 Nov 2026 05:20:40 +0000\r\n", i % 250 + 1),
        1 => format!("Received: from q{i}.example.net (q{i}.example.net [10.1.{}.{}]) by mx{i}.example.net with SMTP id {i}; Sun, 22 Nov 2026 05:20:40 +0000\r\n", i / 250 % 250, i % 250 + 1),
        2 => format!("Received: by mx{i}.example.net with ESMTP id {i}; Sun, 22 Nov 2026 05:20:40 +0000\r\n"),
        _ => format!("Received: from u{i}.example.org (u{i}.example.org [203.0.113.{}]) by mx{i}.example.net id {i}; Sun, 22 Nov 2026 05:20:40 +0000\r\n", i % 250 + 1),
    }).collect()
}

/// A hundred thousand hops with no plaintext: half hand-offs that name no sender, half hops that
/// name one and do not say how it connected (the headline lists the second kind alone).
pub fn hundred_thousand_unsaid() -> String {
    (0..100_000).map(|i| if i % 2 == 0 {
        format!("Received: by mx{i}.example.net with ESMTP id {i}; Sun, 22 Nov 2026 05:20:40 +0000\r\n")
    } else {
        format!("Received: from u{i}.example.org (u{i}.example.org [203.0.113.{}]) by mx{i}.example.net id {i}; Sun, 22 Nov 2026 05:20:40 +0000\r\n", i % 250 + 1)
    }).collect()
}

pub fn five_megabyte_line() -> String {
    format!("Received: from a.example.org by b.example.net with ESMTP id {}; Sun, 22 Nov 2026 05:20:40 +0000\n", "x".repeat(5 * 1024 * 1024))
}

pub fn megabyte_of_brackets() -> String {
    format!("Subject: {}\n", "(<[\"".repeat(1024 * 1024))
}

pub fn invalid_utf8() -> Vec<u8> {
    let mut bytes = received(1).into_bytes();
    bytes.splice(10..10, [0xC3, 0x28, 0xFF, 0x00, 0xFE]);
    bytes.extend_from_slice(b"Subject: \x00\x00\xff nul\r\n");
    bytes
}

pub fn deep_nesting() -> String {
    format!(
        "Received: from a {}x{} by b with ESMTPS; Sun, 22 Nov 2026 05:20:40 +0000\n",
        "(".repeat(200_000),
        ")".repeat(200_000)
    )
}

pub const UNBALANCED: [&str; 4] = [
    "Received: from a (b [192.0.2.1 by c with ESMTP; d\n",
    "Received: from a ((((((( by c with ESMTP\n",
    "Received: from a <<<<[[[\"\"( by c\n",
    "Received: ))))]]]]>>>> from a by b; Sun, 22 Nov 2026 05:20:40 +0000\n",
];

pub const EDGE_DATES: &str = "Received: from b.example.org by c.example.net with ESMTPS; Fri, 31 Dec 9999 23:59:59 +0000\n\
                Received: from a.example.org by b.example.org with ESMTPS; Sat, 1 Jan 0000 00:00:00 +0000\n";

pub const BACKWARDS: &str = "Received: from b.example.org by c.example.net with ESMTPS; Sun, 22 Nov 2026 05:00:00 +0000\n\
                     Received: from a.example.org by b.example.org with ESMTPS; Sun, 22 Nov 2026 06:00:00 +0000\n";

pub const NONSENSE_DATE: &str =
    "Received: from a by b with ESMTPS; Sun, 99 Foo 2026 99:99:99 +9999\n";

pub const ADDRESSES: &str = "Received: from a.example.org (a.example.org [IPv6:2001:db8::25]) by b.example.net with ESMTPS; Sun, 22 Nov 2026 05:20:40 +0000\n\
                Received: from c.example.org (c.example.org [::ffff:10.0.0.7]) by a.example.org with ESMTP; Sun, 22 Nov 2026 05:20:39 +0000\n\
                Received: from d.example.org ([::1]) by c.example.org with ESMTP; Sun, 22 Nov 2026 05:20:38 +0000\n";

pub const BIDI_AND_MARKUP: &str = "Received: from pay\u{202E}lpt.example (x\u{200B}y.example [192.0.2.9]) by <script>alert(1)</script> with ESMTPS id <img src=x onerror=alert(1)>; Sun, 22 Nov 2026 05:20:40 +0000\n\
                Subject: <b>hello</b> =?UTF-8?B?PHNjcmlwdD4=?=\n";

/// Every hostile input, named, as bytes.
pub fn all() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, b) in BLANK.iter().enumerate() {
        out.push((format!("blank-{i}"), b.as_bytes().to_vec()));
    }
    out.push(("jpeg".into(), jpeg()));
    out.push(("twenty-megabytes".into(), twenty_megabytes().into_bytes()));
    out.push((
        "hundred-thousand-received".into(),
        hundred_thousand_received().into_bytes(),
    ));
    out.push((
        "hundred-thousand-mixed".into(),
        hundred_thousand_mixed().into_bytes(),
    ));
    out.push((
        "hundred-thousand-unsaid".into(),
        hundred_thousand_unsaid().into_bytes(),
    ));
    out.push((
        "five-megabyte-line".into(),
        five_megabyte_line().into_bytes(),
    ));
    out.push((
        "megabyte-of-brackets".into(),
        megabyte_of_brackets().into_bytes(),
    ));
    out.push(("invalid-utf8".into(), invalid_utf8()));
    out.push(("deep-nesting".into(), deep_nesting().into_bytes()));
    for (i, u) in UNBALANCED.iter().enumerate() {
        out.push((format!("unbalanced-{i}"), u.as_bytes().to_vec()));
    }
    out.push(("edge-dates".into(), EDGE_DATES.as_bytes().to_vec()));
    out.push(("backwards".into(), BACKWARDS.as_bytes().to_vec()));
    out.push(("nonsense-date".into(), NONSENSE_DATE.as_bytes().to_vec()));
    out.push(("addresses".into(), ADDRESSES.as_bytes().to_vec()));
    out.push((
        "bidi-and-markup".into(),
        BIDI_AND_MARKUP.as_bytes().to_vec(),
    ));
    out
}
