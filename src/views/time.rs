//! Times as people read them: in the viewer's own time zone, with the zone
//! named (the report's times are UTC, RFC 3339). Pure, so the words are
//! tested natively with a fixed zone; the browser's zone is
//! `views::zone::BrowserZone`. Hand-written because the control needs only
//! this one conversion, and a date crate (or the Intl formatter, whose
//! words differ between engines) would make it larger and its text vary.

use crate::i18n::Lang;

/// How the viewer's clock reads an instant.
pub trait Zone {
    /// The zone's name as the system knows it (`Asia/Shanghai`), if any.
    fn name(&self) -> Option<String>;
    /// Minutes ahead of UTC at `epoch_seconds` (daylight saving included).
    fn offset_minutes(&self, epoch_seconds: i64) -> i32;
}

/// A zone with one offset all year (tests, and where nothing better is known).
pub struct FixedZone {
    pub name: Option<String>,
    pub offset_minutes: i32,
}

impl Zone for FixedZone {
    fn name(&self) -> Option<String> {
        self.name.clone()
    }
    fn offset_minutes(&self, _: i64) -> i32 {
        self.offset_minutes
    }
}

/// `2026-12-05T03:00:37Z` (or with an offset, or fractional seconds) as
/// seconds since the epoch; `None` for anything else.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let text = text.trim();
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if separators
        .iter()
        .any(|&(i, c)| text.as_bytes().get(i) != Some(&c))
        || !matches!(text.as_bytes().get(10), Some(b'T' | b't' | b' '))
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        rest = &fraction[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let hours: i64 = rest.get(1..3)?.parse().ok()?;
            let minutes: i64 = rest.get(4..6)?.parse().ok()?;
            if rest.len() != 6 || rest.as_bytes()[3] != b':' {
                return None;
            }
            sign * (hours * 60 + minutes)
        }
    };
    let days = days_from_civil(year, month, day);
    Some(days * 86_400 + hour * 3_600 + minute * 60 + second.min(59) - offset * 60)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number (inverse of [`days_from_civil`]).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `UTC+8`, `UTC−3:30`, `UTC`.
fn offset_words(minutes: i32) -> String {
    if minutes == 0 {
        return "UTC".to_owned();
    }
    let sign = if minutes > 0 { '+' } else { '−' };
    let (h, m) = (minutes.abs() / 60, minutes.abs() % 60);
    match m {
        0 => format!("UTC{sign}{h}"),
        _ => format!("UTC{sign}{h}:{m:02}"),
    }
}

/// A report's time in the viewer's zone, with the zone named:
/// `5 Dec 2026, 11:00:37 (Asia/Shanghai, UTC+8)` /
/// `2026年12月5日 11:00:37（Asia/Shanghai，UTC+8）`. Text that is not an
/// RFC 3339 time is given back as it is.
pub fn local_time(text: &str, zone: &dyn Zone, lang: Lang) -> String {
    let Some(utc) = parse_rfc3339(text) else {
        return text.to_owned();
    };
    let offset = zone.offset_minutes(utc);
    let local = utc + i64::from(offset) * 60;
    let (year, month, day) = civil_from_days(local.div_euclid(86_400));
    let seconds = local.rem_euclid(86_400);
    let clock = format!(
        "{:02}:{:02}:{:02}",
        seconds / 3_600,
        seconds % 3_600 / 60,
        seconds % 60
    );
    let zone_words = match zone.name() {
        Some(name) if !name.is_empty() && name != "UTC" => lang.pick_owned(
            format!("{name}，{}", offset_words(offset)),
            format!("{name}, {}", offset_words(offset)),
        ),
        _ => offset_words(offset),
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month_name = MONTHS.get(month as usize - 1).copied().unwrap_or("");
    lang.pick_owned(
        format!("{year}年{month}月{day}日 {clock}（{zone_words}）"),
        format!("{day} {month_name} {year}, {clock} ({zone_words})"),
    )
}
