//! The benchmark's inputs, shared with `examples/profile.rs`.

#![allow(dead_code)]

pub const HOPS: &[&str] = &[
    "Received: from mail.example.org (mail.example.org [203.0.113.5])\r\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\r\n\t key-exchange X25519MLKEM768 server-signature RSA-PSS (4096 bits) server-digest SHA256)\r\n\t(No client certificate requested)\r\n\tby mx.example.net (Postfix) with ESMTPS id 4Xy1Zt2abcz9sVq\r\n\tfor <bob@example.net>; Sun, 22 Nov 2026 05:20:40 +0000 (UTC)\r\n",
    "Received: from relay.example.org ([198.51.100.14])\r\n\tby mail.example.org with esmtps  (TLS1.3) tls TLS_AES_256_GCM_SHA384\r\n\t(Exim 4.98)\r\n\t(envelope-from <ivan@example.org>)\r\n\tid 1vQm7H-0000000GkLp-2sXa\r\n\tfor bob@example.net; Sun, 22 Nov 2026 05:20:39 +0000\r\n",
    "Received: from out.example.com (out.example.com [192.0.2.44])\r\n\tby relay.example.org (8.17.1/8.17.1) with ESMTPS id 5AM5Kb1X012345\r\n\t(version=TLSv1.2 cipher=ECDHE-RSA-AES256-GCM-SHA384 bits=256 verify=NOT)\r\n\tfor <bob@example.net>; Sun, 22 Nov 2026 05:20:38 +0000\r\n",
    "Received: from AM6PR04MB1234.eurprd04.prod.outlook.com (2603:10a6:20b:1::1) by\r\n AM0PR04MB5678.eurprd04.prod.outlook.com (2603:10a6:208:2::2) with\r\n Microsoft SMTP Server (version=TLS1_2,\r\n cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8158.12; Sun, 22 Nov\r\n 2026 05:20:37 +0000\r\n",
    "Received: from localhost (localhost [127.0.0.1])\r\n\tby out.example.com (Postfix) with ESMTP id 1A2B3C4D5E\r\n\tfor <bob@example.net>; Sun, 22 Nov 2026 05:20:36 +0000 (UTC)\r\n",
    "Received: from out.example.com ([127.0.0.1])\r\n\tby localhost (out.example.com [127.0.0.1]) (amavisd-new, port 10024)\r\n\twith ESMTP id abcDEF123; Sun, 22 Nov 2026 05:20:35 +0000 (UTC)\r\n",
    "Received: from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41])\r\n        by mx.google.com with SMTPS id a640c23a62f3a-a9a0f2c1b2asor1234567866b.3.2026.11.22.05.20.34\r\n        for <bob@example.net>\r\n        (Google Transport Security);\r\n        Sat, 21 Nov 2026 21:20:34 -0800 (PST)\r\n",
    "Received: by 2002:a05:6a10:1234:b0:5a1:2b3c:4d5e with SMTP id x12csp123456pxb;\r\n        Sat, 21 Nov 2026 21:20:33 -0800 (PST)\r\n",
    "Received: from [192.168.1.20] (gw.example.com [203.0.113.77])\r\n\tby submit.example.com (Postfix) with ESMTPSA id 4XyAbC\r\n\tfor <bob@example.net>; Sun, 22 Nov 2026 05:20:32 +0000 (UTC)\r\n",
    "Received: by submit.example.com (Postfix, from userid 1001)\r\n\tid 0F1E2D3C; Sun, 22 Nov 2026 05:20:31 +0000 (UTC)\r\n",
];

pub const OTHER: &str = "Return-Path: <alice@example.com>\r\nDelivered-To: bob@example.net\r\nAuthentication-Results: mx.example.net;\r\n\tdkim=pass (2048-bit key) header.d=example.com header.s=s1;\r\n\tspf=pass smtp.mailfrom=alice@example.com;\r\n\tdmarc=pass (p=reject) header.from=example.com\r\nDKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s1;\r\n\th=from:to:subject:date; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\r\n\tb=dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZSwganVzdCBiZW5jaG1hcmsgZmlsbGVy\r\nMessage-ID: <20261122052030.1A2B3C@example.com>\r\nDate: Sun, 22 Nov 2026 05:20:30 +0000\r\nFrom: Alice <alice@example.com>\r\nTo: Bob <bob@example.net>\r\nSubject: =?UTF-8?Q?Quarterly_report_=E2=80=94_final?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n";

/// The typical block: ten Received headers and the usual others.
pub fn typical() -> String {
    HOPS.concat() + OTHER
}

/// A header block of about `bytes` bytes: Received headers cycled until the size is reached.
pub fn sized(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 1024);
    for hop in HOPS.iter().cycle() {
        if !s.is_empty() && s.len() + hop.len() + OTHER.len() > bytes {
            break;
        }
        s.push_str(hop);
    }
    s + OTHER
}
