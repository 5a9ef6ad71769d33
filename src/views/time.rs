//! Times as people read them: in the viewer's own time zone, with the zone
//! named (the report's times are UTC, RFC 3339). Pure, so the words are
//! tested natively with a fixed zone; the browser's zone is
//! `views::zone::BrowserZone`. The calendar is the core's (the verifier's
//! too); not a date crate nor the Intl formatter, whose words differ
//! between engines and would make the verify part larger.

use infoplus_signature_core::time::civil_from_days;
pub use infoplus_signature_core::time::parse_rfc3339;

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
