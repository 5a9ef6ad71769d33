//! Times as seconds since the Unix epoch (UTC), read from the three
//! places a signature's time comes from (ASN.1 UTCTime/GeneralizedTime,
//! PDF date strings, RFC 3339 on the command line) and written as RFC 3339.
//! The core has no clock: "now" is always passed in by the caller. Here, in
//! the core, so that the verifier and the control's words share one
//! calendar.

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count (inverse of [`days_from_civil`]).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Seconds since the epoch of a UTC date and time, if it is a real one
/// (second 60 is accepted as a leap second and read as 59).
pub fn from_parts(
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
) -> Option<i64> {
    let valid = (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month)
        && hour < 24
        && minute < 60
        && second <= 60;
    valid.then(|| {
        days_from_civil(year, month, day) * 86_400
            + i64::from(hour) * 3600
            + i64::from(minute) * 60
            + i64::from(second.min(59))
    })
}

/// `YYYY-MM-DDTHH:MM:SSZ`.
pub fn rfc3339(seconds: i64) -> String {
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let rest = seconds.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

fn digits(text: &[u8]) -> Option<u32> {
    if text.is_empty() || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(text).ok()?.parse().ok()
}

/// The DER content of a UTCTime (`YYMMDDHHMMSSZ`; years 50–99 are 19xx, as
/// RFC 5280 says). Seconds are required, as DER requires.
pub fn utc_time(content: &[u8]) -> Option<i64> {
    let [body @ .., b'Z'] = content else {
        return None;
    };
    if body.len() != 12 {
        return None;
    }
    let yy = i64::from(digits(&body[0..2])?);
    let year = if yy >= 50 { 1900 + yy } else { 2000 + yy };
    let n = |i: usize| digits(&body[i..i + 2]);
    from_parts(year, n(2)?, n(4)?, n(6)?, n(8)?, n(10)?)
}

/// The DER content of a GeneralizedTime (`YYYYMMDDHHMMSS[.fff]Z`); the
/// fraction (TSTInfo's genTime has one) is dropped. A time without `Z`
/// (local time, which BER allows) is read as UTC.
pub fn generalized_time(content: &[u8]) -> Option<i64> {
    let body = content.strip_suffix(b"Z").unwrap_or(content);
    let (whole, fraction) = match body.iter().position(|&b| b == b'.' || b == b',') {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    if fraction.is_some_and(|f| digits(f).is_none() && !f.iter().all(u8::is_ascii_digit)) {
        return None;
    }
    if whole.len() != 14 {
        return None;
    }
    let n = |i: usize| digits(&whole[i..i + 2]);
    from_parts(
        i64::from(digits(&whole[0..4])?),
        n(4)?,
        n(6)?,
        n(8)?,
        n(10)?,
        n(12)?,
    )
}

/// A PDF date string (ISO 32000-1 §7.9.4): `D:YYYYMMDDHHmmSSOHH'mm'`, every
/// part after the year optional, `O` one of `Z`, `+`, `-`.
pub fn pdf_date(text: &str) -> Option<i64> {
    let text = text.trim();
    let text = text.strip_prefix("D:").unwrap_or(text).as_bytes();
    let count = text.iter().take_while(|b| b.is_ascii_digit()).count();
    let (numbers, zone) = text.split_at(count);
    if numbers.len() < 4 || numbers.len() % 2 != 0 || numbers.len() > 14 {
        return None;
    }
    let part = |i: usize, default: u32| match numbers.get(i..i + 2) {
        Some(two) => digits(two),
        None => Some(default),
    };
    let local = from_parts(
        i64::from(digits(&numbers[0..4])?),
        part(4, 1)?,
        part(6, 1)?,
        part(8, 0)?,
        part(10, 0)?,
        part(12, 0)?,
    )?;
    let offset = match zone.first() {
        None | Some(b'Z') => 0,
        Some(&sign @ (b'+' | b'-')) => {
            let rest: Vec<u8> = zone[1..]
                .iter()
                .copied()
                .filter(u8::is_ascii_digit)
                .collect();
            let hours = rest.get(0..2).and_then(digits).unwrap_or(0);
            let minutes = rest.get(2..4).and_then(digits).unwrap_or(0);
            let seconds = i64::from(hours * 3600 + minutes * 60);
            if sign == b'+' {
                seconds
            } else {
                -seconds
            }
        }
        Some(_) => return None,
    };
    Some(local - offset)
}

/// RFC 3339 (`2026-11-22T10:00:00Z`, `2026-11-22T18:00:00+08:00`, a space
/// for the `T`, fractions dropped), or a bare date (midnight UTC).
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let text = text.trim().as_bytes();
    let n = |range: std::ops::Range<usize>| text.get(range).and_then(digits);
    if text.len() == 10 && text[4] == b'-' && text[7] == b'-' {
        return from_parts(i64::from(n(0..4)?), n(5..7)?, n(8..10)?, 0, 0, 0);
    }
    if text.len() < 20
        || text[4] != b'-'
        || text[7] != b'-'
        || !matches!(text[10], b'T' | b't' | b' ')
        || text[13] != b':'
        || text[16] != b':'
    {
        return None;
    }
    let local = from_parts(
        i64::from(n(0..4)?),
        n(5..7)?,
        n(8..10)?,
        n(11..13)?,
        n(14..16)?,
        n(17..19)?,
    )?;
    let mut zone = &text[19..];
    if let [b'.', rest @ ..] = zone {
        let count = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 {
            return None;
        }
        zone = &rest[count..];
    }
    let offset = match zone {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let seconds = i64::from(digits(&[*h1, *h2])? * 3600 + digits(&[*m1, *m2])? * 60);
            if *sign == b'+' {
                seconds
            } else {
                -seconds
            }
        }
        _ => return None,
    };
    Some(local - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_rfc3339() {
        for seconds in [0, 951_782_400, 1_795_341_600, -86_400, 4_102_444_800] {
            assert_eq!(parse_rfc3339(&rfc3339(seconds)), Some(seconds));
        }
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn asn1_times() {
        assert_eq!(
            utc_time(b"261122100000Z"),
            parse_rfc3339("2026-11-22T10:00:00Z")
        );
        assert_eq!(
            utc_time(b"991231235959Z"),
            parse_rfc3339("1999-12-31T23:59:59Z")
        );
        assert_eq!(utc_time(b"2611221000Z"), None);
        assert_eq!(utc_time(b"261322100000Z"), None);
        assert_eq!(
            generalized_time(b"20261122100000.123Z"),
            parse_rfc3339("2026-11-22T10:00:00Z")
        );
        assert_eq!(generalized_time(b"20260230100000Z"), None);
    }

    #[test]
    fn pdf_dates_with_zones() {
        let want = parse_rfc3339("2026-11-22T10:00:00Z");
        assert_eq!(pdf_date("D:20261122180000+08'00'"), want);
        assert_eq!(pdf_date("D:20261122100000Z"), want);
        assert_eq!(pdf_date("D:20261122050000-05'00"), want);
        assert_eq!(pdf_date("D:2026"), parse_rfc3339("2026-01-01T00:00:00Z"));
        assert_eq!(pdf_date("D:2026112"), None);
        assert_eq!(pdf_date("yesterday"), None);
    }

    #[test]
    fn rfc3339_forms() {
        let want = parse_rfc3339("2026-11-22T10:00:00Z");
        assert_eq!(parse_rfc3339("2026-11-22T18:00:00+08:00"), want);
        assert_eq!(parse_rfc3339("2026-11-22 10:00:00.5Z"), want);
        assert_eq!(
            parse_rfc3339("2026-11-22"),
            parse_rfc3339("2026-11-22T00:00:00Z")
        );
        assert_eq!(parse_rfc3339("2026-11-22T10:00:00"), None);
        assert_eq!(parse_rfc3339("2026-11-22T10:00:00.Z"), None);
    }
}
