//! Dates of trace lines: RFC 5322 through mail-parser, plus the Go-style timestamps SendGrid
//! writes without a `;`; and [`Civil`], the one UTC calendar conversion of the code base.

use mail_parser::DateTime;

use crate::model::Stamp;

/// Seconds since the epoch (UTC) for a date as written, if it can be read.
pub(crate) fn parse(written: &str) -> Option<i64> {
    // Without the `speed` feature (the page's own wasm, which has a size budget) every date
    // goes to mail-parser: the answers are the same.
    #[cfg(feature = "speed")]
    let usual = parse_usual(written);
    #[cfg(not(feature = "speed"))]
    let usual = None;
    let dt = usual
        .or_else(|| DateTime::parse_rfc822(written))
        .or_else(|| parse_go(written))?;
    let valid = (1..=12).contains(&dt.month)
        && (1..=31).contains(&dt.day)
        && dt.hour < 24
        && dt.minute < 60
        && dt.second < 61
        && dt.tz_hour < 24;
    valid.then(|| dt.to_timestamp())
}

/// The date as nearly every server writes it, `Sun, 22 Nov 2026 05:20:40 +0000 (UTC)`, read
/// in one pass without mail-parser's general state machine (this runs for every hop).
/// Anything else, down to a missing weekday comma or a two-digit year, is `None` and goes to
/// mail-parser, so the answers stay mail-parser's own: for what this accepts, the same fields
/// as `DateTime::parse_rfc822` (tested below against it).
///
/// `[Www,] D[D] Mmm YYYY HH:MM:SS ±ZZZZ [(comment)]`, separated by spaces, tabs or folding.
#[cfg_attr(not(feature = "speed"), allow(dead_code))]
fn parse_usual(written: &str) -> Option<DateTime> {
    let mut c = Cursor {
        b: written.as_bytes(),
        i: 0,
    };
    c.space();
    let (day, month, year, hour, minute, second, before_gmt, zone) = match fixed(&c.b[c.i..]) {
        Some((fields, len)) => {
            c.i += len;
            fields
        }
        None => fields(&mut c)?,
    };
    // Then nothing, or one comment without nesting, escapes or line breaks.
    c.space();
    if c.byte(b'(') {
        while !c.byte(b')') {
            match c.peek(0) {
                0 | b'(' | b'\\' | b'\r' | b'\n' => return None,
                _ => c.i += 1,
            }
        }
        c.space();
    }
    if c.i != c.b.len() {
        return None;
    }
    Some(DateTime {
        // mail-parser reads years 0–49 as 20xx and 50–99 as 19xx, however they are written.
        year: match year {
            0..=49 => year + 2000,
            50..=99 => year + 1900,
            _ => year,
        } as u16,
        month,
        day: day as u8,
        hour: hour as u8,
        minute: minute as u8,
        second: second as u8,
        tz_before_gmt: before_gmt,
        tz_hour: (zone / 100 % 24) as u8,
        tz_minute: (zone % 100 % 60) as u8,
    })
}

/// The fields of a date: day, month, year, hour, minute, second, whether the zone is behind
/// GMT, and the zone as written (`hhmm`).
type Fields = (u32, u8, u32, u32, u32, u32, bool, u32);

/// The date's fields read by the [`Cursor`], from after any leading space to the end of the
/// zone: spaces, tabs and folding wherever the grammar allows them.
#[cfg_attr(not(feature = "speed"), allow(dead_code))]
fn fields(c: &mut Cursor<'_>) -> Option<Fields> {
    if c.peek(3) == b',' {
        if ![c.peek(0), c.peek(1), c.peek(2)]
            .iter()
            .all(u8::is_ascii_alphabetic)
        {
            return None;
        }
        c.i += 4;
        c.space().then_some(())?;
    }
    let day = c.number(1, 2)?;
    c.space().then_some(())?;
    let month = month_number([c.peek(0), c.peek(1), c.peek(2)])?;
    c.i += 3;
    c.space().then_some(())?;
    let year = c.number(4, 4)?;
    c.space().then_some(())?;
    let hour = c.number(2, 2)?;
    c.byte(b':').then_some(())?;
    let minute = c.number(2, 2)?;
    c.byte(b':').then_some(())?;
    let second = c.number(2, 2)?;
    c.space().then_some(())?;
    let before_gmt = c.byte(b'-');
    if !before_gmt {
        c.byte(b'+').then_some(())?;
    }
    let zone = c.number(4, 4)?;
    Some((day, month, year, hour, minute, second, before_gmt, zone))
}

/// The same fields when the date is written with single spaces, as nearly every server writes
/// it (`Sun, 22 Nov 2026 05:20:40 +0000`): read at fixed places, and how many bytes they took.
/// `None` sends the date to [`fields`], which reads the same text the same way: this only
/// takes fewer steps.
#[cfg_attr(not(feature = "speed"), allow(dead_code))]
fn fixed(b: &[u8]) -> Option<(Fields, usize)> {
    let weekday = b.len() > 5 && b[3] == b',' && b[4] == b' ';
    let weekday_len = if weekday { 5 } else { 0 };
    if weekday && !b[..3].iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let digit = |i: usize| {
        b.get(i)
            .map(|d| u32::from(d.wrapping_sub(b'0')))
            .filter(|&d| d < 10)
    };
    let pair = |i: usize| Some(digit(i)? * 10 + digit(i + 1)?);
    let d = weekday_len;
    let (day, m) = match b.get(d + 1) {
        Some(b' ') => (digit(d)?, d + 2),
        _ if b.get(d + 2) == Some(&b' ') => (pair(d)?, d + 3),
        _ => return None,
    };
    // `Mmm YYYY HH:MM:SS ±ZZZZ` from `m`, and no digit after it.
    let rest: &[u8; 23] = b.get(m..m + 23)?.try_into().ok()?;
    const DIGITS: [usize; 14] = [4, 5, 6, 7, 9, 10, 12, 13, 15, 16, 19, 20, 21, 22];
    let layout = rest[3] == b' '
        && rest[8] == b' '
        && rest[11] == b':'
        && rest[14] == b':'
        && rest[17] == b' '
        && matches!(rest[18], b'+' | b'-')
        // A fold without early exit: unrolled, with no branch per digit.
        && DIGITS.iter().fold(0, |most, &i| most.max(rest[i].wrapping_sub(b'0'))) < 10
        && digit(m + 23).is_none();
    if !layout {
        return None;
    }
    let month = month_number([rest[0], rest[1], rest[2]])?;
    let two = |i: usize| u32::from(rest[i] - b'0') * 10 + u32::from(rest[i + 1] - b'0');
    Some((
        (
            day,
            month,
            two(4) * 100 + two(6),
            two(9),
            two(12),
            two(15),
            rest[18] == b'-',
            two(19) * 100 + two(21),
        ),
        m + 23,
    ))
}

/// 1–12 for an RFC 5322 month name, ignoring ASCII case: the three bytes compared as one
/// number (`ascii::folded`).
#[cfg_attr(not(feature = "speed"), allow(dead_code))]
fn month_number(name: [u8; 3]) -> Option<u8> {
    use crate::ascii::folded;
    const MONTHS: [u32; 12] = [
        folded(b"jan"),
        folded(b"feb"),
        folded(b"mar"),
        folded(b"apr"),
        folded(b"may"),
        folded(b"jun"),
        folded(b"jul"),
        folded(b"aug"),
        folded(b"sep"),
        folded(b"oct"),
        folded(b"nov"),
        folded(b"dec"),
    ];
    let key = folded(&name);
    MONTHS.iter().position(|&m| m == key).map(|m| m as u8 + 1)
}

/// A position in a date being read by [`parse_usual`].
#[cfg_attr(not(feature = "speed"), allow(dead_code))]
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

#[cfg_attr(not(feature = "speed"), allow(dead_code))]
impl Cursor<'_> {
    /// Skips spaces, tabs and folding (CRLF or LF before a space or tab); true if there were
    /// any. Stops at a line break without whitespace after it (mail-parser's value ends
    /// there) and at a lone CR (which mail-parser skips inside a word): the date then goes
    /// to mail-parser.
    #[inline(always)]
    fn space(&mut self) -> bool {
        let start = self.i;
        while let Some(&b) = self.b.get(self.i) {
            match b {
                b' ' | b'\t' => self.i += 1,
                b'\r' | b'\n' => {
                    // The LF of a CRLF or the lone LF, then the whitespace that makes it folding.
                    let lf = self.i + usize::from(b == b'\r');
                    if self.b.get(lf) == Some(&b'\n')
                        && matches!(self.b.get(lf + 1), Some(b' ' | b'\t'))
                    {
                        self.i = lf + 2;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        self.i > start
    }

    /// The byte `k` places ahead, or 0 past the end.
    #[inline]
    fn peek(&self, k: usize) -> u8 {
        self.b.get(self.i + k).copied().unwrap_or(0)
    }

    /// `c`, consumed if it is next.
    #[inline]
    fn byte(&mut self, c: u8) -> bool {
        let next = self.peek(0) == c;
        self.i += usize::from(next);
        next
    }

    /// The value of `min` to `max` digits, with no digit after them.
    #[inline(always)]
    fn number(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.i;
        let mut value = 0;
        while self.peek(0).is_ascii_digit() {
            if self.i - start == max {
                return None;
            }
            value = value * 10 + u32::from(self.peek(0) - b'0');
            self.i += 1;
        }
        (self.i - start >= min).then_some(value)
    }
}

/// `2026-11-22 05:20:40.809286527 +0000 UTC m=+0.1` (SendGrid, Go's time.Time String()).
fn parse_go(written: &str) -> Option<DateTime> {
    let s = written.trim();
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> { s.get(r)?.parse().ok() };
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || b[10] != b' ' || b[13] != b':' {
        return None;
    }
    let mut dt = DateTime {
        year: num(0..4)? as u16,
        month: num(5..7)? as u8,
        day: num(8..10)? as u8,
        hour: num(11..13)? as u8,
        minute: num(14..16)? as u8,
        second: num(17..19)? as u8,
        ..DateTime::default()
    };
    let rest = s[19..]
        .trim_start_matches(|c: char| c == '.' || c.is_ascii_digit())
        .trim_start();
    if let Some(zone) = rest.get(..5) {
        let sign = zone.as_bytes()[0];
        if sign == b'+' || sign == b'-' {
            dt.tz_before_gmt = sign == b'-';
            dt.tz_hour = zone.get(1..3)?.parse().ok()?;
            dt.tz_minute = zone.get(3..5)?.parse().ok()?;
        }
    }
    Some(dt)
}

/// Finds a SendGrid-style date at the end of a line that has no `;`.
pub(crate) fn find_go_date(text: &str) -> Option<(usize, i64)> {
    let b = text.as_bytes();
    // Look for `YYYY-MM-DD HH:MM:SS` from the end.
    for i in (0..b.len().saturating_sub(18)).rev() {
        if b[i + 4] == b'-'
            && b[i + 7] == b'-'
            && b[i + 10] == b' '
            && b[i + 13] == b':'
            && b[i + 16] == b':'
            && b[i..i + 4].iter().all(u8::is_ascii_digit)
        {
            if let Some(ts) = text.get(i..).and_then(parse_go).map(|d| d.to_timestamp()) {
                return Some((i, ts));
            }
        }
    }
    None
}

/// A Unix timestamp's calendar date and time of day in UTC, by Howard Hinnant's
/// `civil_from_days`: exact for every `i64` day count, with no table and no time-zone data.
/// The one place this arithmetic lives (reports, share links, audits and the benchmarks'
/// mailbox generator all use it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    pub year: i64,
    /// 1..=12.
    pub month: u32,
    /// 1..=31.
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// 0 = Sunday … 6 = Saturday.
    pub weekday: u32,
}

impl Civil {
    /// The UTC calendar fields of `ts` seconds since 1970-01-01T00:00:00Z.
    pub fn from_unix(ts: i64) -> Civil {
        let days = ts.div_euclid(86_400);
        let secs = ts.rem_euclid(86_400) as u32;
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        // Unsigned from here (the day of the era is never negative): divisions by constants
        // need no sign corrections. This runs once per hop.
        let doe = z.rem_euclid(146_097) as u64;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        Civil {
            // `yoe` is below 400.
            year: yoe as i64 + era * 400 + i64::from(month <= 2),
            month,
            day,
            hour: secs / 3600,
            minute: secs % 3600 / 60,
            second: secs % 60,
            // 1970-01-01 was a Thursday.
            weekday: (days + 4).rem_euclid(7) as u32,
        }
    }
}

/// RFC 3339 in UTC for a timestamp (`2026-11-22T05:20:40Z`); years past 9999 keep all their
/// digits.
pub(crate) fn rfc3339(ts: i64) -> Stamp {
    let Civil {
        year,
        month,
        day,
        hour,
        minute,
        second,
        ..
    } = Civil::from_unix(ts);
    // Written into a byte buffer, digit by digit: this runs once per hop.
    let mut buf = [0u8; 32];
    let mut n = 0;
    if year < 0 {
        buf[0] = b'-';
        n = 1;
    }
    let mut push = |value: u64, width: usize, sep: u8| {
        let mut digits = [b'0'; 20];
        let mut v = value;
        let mut len = 0;
        while v > 0 || len < width {
            digits[19 - len] = b'0' + (v % 10) as u8;
            v /= 10;
            len += 1;
        }
        buf[n..n + len].copy_from_slice(&digits[20 - len..]);
        buf[n + len] = sep;
        n += len + 1;
    };
    // Years past 9999 keep all their digits; the usual four are written directly.
    match u16::try_from(year) {
        Ok(y @ 0..=9999) if cfg!(feature = "speed") => {
            for (k, d) in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10]
                .into_iter()
                .enumerate()
            {
                buf[k] = b'0' + d as u8;
            }
            buf[4] = b'-';
            n = 5;
        }
        _ => push(year.unsigned_abs(), 4, b'-'),
    }
    // The other fields have two digits: written directly, without the general loop.
    let mut two = |value: u32, sep: u8| {
        buf[n] = b'0' + (value / 10) as u8;
        buf[n + 1] = b'0' + (value % 10) as u8;
        buf[n + 2] = sep;
        n += 3;
    };
    two(month, b'-');
    two(day, b'T');
    two(hour, b':');
    two(minute, b':');
    two(second, b'Z');
    // Digits and separators only: always ASCII.
    Stamp::from_utf8_bytes(&buf[..n])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc5322_dates() {
        let ts = parse("Sun, 22 Nov 2026 05:20:40 +0000 (UTC)").unwrap();
        assert_eq!(Civil::from_unix(ts).weekday, 0, "22 Nov 2026 is a Sunday");
        assert_eq!(rfc3339(ts), "2026-11-22T05:20:40Z");
        assert_eq!(
            rfc3339(parse("Sat, 21 Nov 2026 21:20:40 -0800 (PST)").unwrap()),
            "2026-11-22T05:20:40Z"
        );
        assert_eq!(
            rfc3339(parse("22 Nov 2026 05:20:40 -0000").unwrap()),
            "2026-11-22T05:20:40Z"
        );
        assert_eq!(parse("not a date"), None);
        assert_eq!(parse(""), None);
    }

    /// Every string `parse_usual` reads, mail-parser reads the same: the trace dates of every
    /// fixture, and variations around the usual shape.
    #[test]
    fn usual_dates_read_as_mail_parser_reads_them() {
        let mut cases: Vec<String> = Vec::new();
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut folders = vec![std::path::PathBuf::from(fixtures)];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    // After every `;`, to the end of its (folded) line.
                    for (at, _) in text.match_indices(';') {
                        let after = &text[at + 1..];
                        let mut end = 0;
                        for line in after.split_inclusive('\n') {
                            if end > 0 && !line.starts_with([' ', '\t']) {
                                break;
                            }
                            end += line.len();
                        }
                        cases.push(after[..end].trim_end_matches(['\r', '\n']).to_owned());
                    }
                }
            }
        }
        let days = ["Sun, ", "sun, ", "Xyz, ", "Sun,", "", "Sun ", "1, "];
        let dates = [
            "22 Nov 2026",
            "2 nov 2026",
            "02 NOV 2026",
            "22 Nov 26",
            "22 Nov 0049",
            "22 Nov 0099",
            "22 Xov 2026",
            "222 Nov 2026",
            "22 Nov\r\n 2026",
            "22 Nov\n2026",
            "0 Feb 1999",
        ];
        let times = [
            " 05:20:40",
            " 5:20:40",
            " 05:20",
            " 25:61:61",
            "\t05:20:40",
            " 05:20:4x",
        ];
        let zones = [
            " +0000", " -0800", " +2400", " +0099", " -0000", " +000", " GMT", " PST", " +05:30",
            "",
        ];
        let tails = [
            "", " (UTC)", " (PST)", " ((x))", " (a\\)", " x", "  ", " (UTC", " ;", " (a;b)", "\x0c",
        ];
        for day in days {
            for date in dates {
                for time in times {
                    for zone in zones {
                        for tail in tails {
                            cases.push(format!("{day}{date}{time}{zone}{tail}"));
                        }
                    }
                }
            }
        }
        let mut read = 0;
        for case in &cases {
            if let Some(usual) = parse_usual(case) {
                assert_eq!(Some(usual), DateTime::parse_rfc822(case), "{case:?}");
                read += 1;
            }
        }
        assert!(read > 1000, "only {read} of {} cases read", cases.len());
    }

    #[test]
    fn go_dates() {
        let line =
            "by filter.example.net with SMTP id abc 2026-11-22 05:20:40.809286527 +0000 UTC m=+0.1";
        let (at, ts) = find_go_date(line).unwrap();
        assert!(line[at..].starts_with("2026-11-22"));
        assert_eq!(rfc3339(ts), "2026-11-22T05:20:40Z");
        assert_eq!(
            rfc3339(parse("2026-11-22 07:20:40 +0200 EET").unwrap()),
            "2026-11-22T05:20:40Z"
        );
    }

    #[test]
    fn extreme_years() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert!(rfc3339(253_402_300_799).starts_with("9999-12-31T23:59:59"));
        assert_eq!(rfc3339(-62_167_219_200), "0000-01-01T00:00:00Z");
        assert_eq!(rfc3339(-62_167_219_201), "-0001-12-31T23:59:59Z");
        assert_eq!(rfc3339(253_402_300_800), "10000-01-01T00:00:00Z");
        assert_eq!(rfc3339(-30_610_224_000), "1000-01-01T00:00:00Z");
        assert_eq!(rfc3339(-30_610_224_001), "0999-12-31T23:59:59Z");
        // Far years are longer than a stamp keeps inline.
        assert!(rfc3339(i64::MAX).len() > 22 && rfc3339(i64::MIN).starts_with('-'));
        // Every year of four digits as the formatting machinery writes it.
        for year_start in (-62_167_219_200_i64..253_402_300_799).step_by(31_556_952 / 3) {
            let c = Civil::from_unix(year_start);
            let want = format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                c.year, c.month, c.day, c.hour, c.minute, c.second
            );
            assert_eq!(rfc3339(year_start), *want, "{year_start}");
        }
    }
}
