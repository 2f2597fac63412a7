//! Dates of trace lines: RFC 5322 through mail-parser, plus the Go-style timestamps SendGrid
//! writes without a `;`; and [`Civil`], the one UTC calendar conversion of the code base.

use mail_parser::DateTime;

/// Seconds since the epoch (UTC) for a date as written, if it can be read.
pub(crate) fn parse(written: &str) -> Option<i64> {
    let dt = DateTime::parse_rfc822(written).or_else(|| parse_go(written))?;
    let valid = (1..=12).contains(&dt.month)
        && (1..=31).contains(&dt.day)
        && dt.hour < 24
        && dt.minute < 60
        && dt.second < 61
        && dt.tz_hour < 24;
    valid.then(|| dt.to_timestamp())
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
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        Civil {
            year: yoe + era * 400 + i64::from(month <= 2),
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
pub(crate) fn rfc3339(ts: i64) -> String {
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
    // Years past 9999 keep all their digits.
    push(year.unsigned_abs(), 4, b'-');
    push(u64::from(month), 2, b'-');
    push(u64::from(day), 2, b'T');
    push(u64::from(hour), 2, b':');
    push(u64::from(minute), 2, b':');
    push(u64::from(second), 2, b'Z');
    // Digits and separators only: always ASCII.
    String::from_utf8(buf[..n].to_vec()).unwrap_or_default()
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
    }
}
