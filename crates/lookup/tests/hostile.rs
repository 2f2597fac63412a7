//! Untrusted input: every parser, fed a large number of generated near-miss inputs, returns a
//! value or a reason and never panics.

use hopscope_lookup::*;

/// A small deterministic generator (xorshift), so failures reproduce without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A string built from pieces that matter to the grammars, plus raw bytes.
    fn text(&mut self) -> Vec<u8> {
        const PIECES: &[&[u8]] = &[
            b"v=STSv1",
            b"v=TLSRPTv1",
            b";",
            b" ",
            b"\t",
            b"=",
            b"id",
            b"rua",
            b"mailto:",
            b"https://",
            b",",
            b"version",
            b"mode",
            b"mx",
            b"max_age",
            b":",
            b"\n",
            b"\r\n",
            b"enforce",
            b"STSv1",
            b"*.",
            b".",
            b"example",
            b"\"",
            b"\\",
            b"\\#",
            b"0",
            b"3",
            b"65535",
            b"99999999999",
            b"ab",
            b"zz",
            b"\xff",
            b"\xc3\xa9",
            b"\xef\xbb\xbf",
            b"{",
            b"}",
            b"[",
            b"]",
            b"\"Status\"",
            b"\"Answer\"",
            b"\"data\"",
            b"null",
        ];
        let len = (self.next() % 40) as usize;
        let mut out = Vec::new();
        for _ in 0..len {
            let n = self.next();
            if n.is_multiple_of(7) {
                out.push((n >> 8) as u8);
            } else {
                out.extend_from_slice(PIECES[(n >> 8) as usize % PIECES.len()]);
            }
        }
        out
    }
}

#[test]
fn parsers_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let queries = [
        Query::new("example.com", RecordType::Txt),
        Query::new("example.com", RecordType::Mx),
        Query::new("_25._tcp.mx.example.com", RecordType::Tlsa),
    ];
    for _ in 0..20_000 {
        let bytes = rng.text();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let _ = parse_mta_sts_policy(&bytes);
        let _ = parse_mta_sts_record(std::slice::from_ref(&text));
        let _ = parse_tls_rpt_record(&[text.clone(), text.clone()]);
        let _ = parse_tlsa(&text);
        let _ = parse_mx(&text);
        let _ = normalize_domain(&text);
        let _ = doh::unquote_txt(&text);
        let _ = mx_pattern_matches(&text, "mx.example.com");
        for query in &queries {
            let _ = doh::parse_response(&text, query);
            let json = format!(
                r#"{{"Status":0,"AD":true,"Answer":[{{"type":{},"data":{}}}]}}"#,
                query.record_type.code(),
                serde_json::to_string(&text).unwrap()
            );
            if let Ok(answer) = doh::parse_response(&json, query) {
                let mut plan = LookupPlan::new("example.com").unwrap();
                for q in plan.next_queries() {
                    plan.record(&q, answer.clone());
                }
                for q in plan.next_queries() {
                    plan.record(&q, answer.clone());
                }
                let _ = assess(&plan.finish(), Some(&text));
            }
        }
    }
}

#[test]
fn reasons_stay_short_whatever_the_input() {
    let long = format!("v=STSv1; id={}", "x".repeat(100_000));
    let reason = parse_mta_sts_record(&[long]).unwrap_err();
    assert!(reason.reason().len() < 200, "{}", reason.reason().len());
    let reason = parse_mx(&"9".repeat(100_000)).unwrap_err();
    assert!(reason.reason().len() < 200);
}
