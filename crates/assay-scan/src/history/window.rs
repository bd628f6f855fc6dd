//! The history window (`--since`) and the calendar: dates are UTC days, read and written
//! through `jiff`.

use jiff::Span;
use jiff::civil::Date;

pub(super) const DAY: i64 = 86_400;
const EPOCH: Date = Date::constant(1970, 1, 1);

/// How far back the history window reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// Every commit reachable from HEAD.
    All,
    /// This many seconds before the window's end.
    Duration(i64),
    /// From this instant (seconds since the epoch).
    Date(i64),
}

impl Default for Since {
    fn default() -> Since {
        Since::Duration(365 * DAY)
    }
}

/// Parse `all`, `12m`, `1y`, `90d`, `6w`, or a date `2024-01-31`.
pub fn parse_since(s: &str) -> Result<Since, String> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("all") {
        return Ok(Since::All);
    }
    if let Some(day) = parse_date(s)? {
        return Ok(Since::Date(start_of(day)));
    }
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: i64 = num.parse().map_err(|_| {
        format!("`{s}` is not a duration (12m, 1y, 90d, 6w), a date (2024-01-31) or `all`")
    })?;
    let unit_secs = match unit {
        "d" | "day" | "days" => DAY,
        "w" | "week" | "weeks" => 7 * DAY,
        "m" | "month" | "months" => 30 * DAY + DAY / 2,
        "y" | "year" | "years" => 365 * DAY,
        _ => return Err(format!("`{s}`: unknown unit `{unit}` (use d, w, m or y)")),
    };
    n.checked_mul(unit_secs)
        .filter(|&v| v > 0)
        .map(Since::Duration)
        .ok_or_else(|| format!("`{s}` is out of range"))
}

/// `YYYY-MM-DD` as a calendar day. `Ok(None)` when `s` does not have that shape (it may be
/// a duration); an error when it does but names no real day, such as `2026-02-31`.
fn parse_date(s: &str) -> Result<Option<Date>, String> {
    let mut parts = s.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Ok(None);
    };
    if [y, m, d]
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Ok(None);
    }
    let bad = |why: String| format!("`{s}` is not a date: {why}");
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i16>(), m.parse::<i8>(), d.parse::<i8>()) else {
        return Err(bad("use YYYY-MM-DD with a year from 1 to 9999".to_owned()));
    };
    if !(1..=9999).contains(&y) {
        return Err(bad("the year must be from 1 to 9999".to_owned()));
    }
    if !(1..=12).contains(&m) {
        return Err(bad("the month must be from 01 to 12".to_owned()));
    }
    let first = Date::new(y, m, 1).map_err(|_| bad("no such month".to_owned()))?;
    let last = first.days_in_month();
    Date::new(y, m, d)
        .map(Some)
        .map_err(|_| bad(format!("{y:04}-{m:02} has days 01 to {last:02}")))
}

/// Seconds since the epoch at the start (00:00 UTC) of `day`.
fn start_of(day: Date) -> i64 {
    // Days between two calendar dates always fit a span; 0 is never reached.
    day.since(EPOCH)
        .map_or(0, |span| i64::from(span.get_days()) * DAY)
}

/// The UTC calendar day of `secs`; days beyond the calendar's range (years -9999 to 9999)
/// are clamped to its ends, so any commit date can be printed. Counted in whole days from
/// the epoch: an instant near the range's end is still a valid day.
fn day_of(secs: i64) -> Date {
    let days = secs.div_euclid(DAY);
    Span::new()
        .try_days(days)
        .ok()
        .and_then(|span| EPOCH.checked_add(span).ok())
        .unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}

/// `YYYY-MM-DD` (UTC) for seconds since the epoch.
pub fn date(secs: i64) -> String {
    let d = day_of(secs);
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `YYYY-MM` (UTC) for seconds since the epoch.
pub(super) fn month(secs: i64) -> String {
    let d = day_of(secs);
    format!("{:04}-{:02}", d.year(), d.month())
}

/// The window `[start, end]` in seconds; `start` is `None` for all history. It ends at the
/// scanned commit's date, or at `now` when that date lies in the future; a duration starts
/// at the beginning (UTC) of the day it reaches back to.
pub(super) fn window(since: Since, head_time: i64, now: i64) -> (Option<i64>, i64) {
    let end = head_time.min(now);
    let start = match since {
        Since::All => None,
        // Titles name the window by dates: start at the beginning of the first day, so
        // every commit on that date is counted.
        Since::Duration(d) => {
            let t = end.saturating_sub(d);
            Some(t - t.rem_euclid(86_400))
        }
        Since::Date(t) => Some(t),
    };
    (start, end)
}

/// How titles name the window: "between 2024-01-01 and 2025-01-01".
pub(super) fn period(start: Option<i64>, end: i64) -> String {
    match start {
        Some(s) => format!("between {} and {}", date(s), date(end)),
        None => format!("in the whole history up to {}", date(end)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_forms() {
        assert_eq!(parse_since("all"), Ok(Since::All));
        assert_eq!(parse_since("90d"), Ok(Since::Duration(90 * DAY)));
        assert_eq!(parse_since("2y"), Ok(Since::Duration(730 * DAY)));
        assert_eq!(parse_since("1970-01-02"), Ok(Since::Date(DAY)));
        assert_eq!(parse_since("2024-02-29"), Ok(Since::Date(1_709_164_800)));
        assert_eq!(parse_since("9999-12-31"), Ok(Since::Date(253_402_214_400)));
        assert_eq!(parse_since("0001-01-01"), Ok(Since::Date(-62_135_596_800)));
        assert!(parse_since("12q").is_err());
        assert!(parse_since("-3d").is_err());
        assert!(parse_since("99999999999999999999d").is_err());
    }

    #[test]
    fn impossible_dates_are_named_and_explained() {
        let e = parse_since("2026-02-31").expect_err("no 31 February");
        assert!(e.contains("2026-02-31") && e.contains("01 to 28"), "{e}");
        let e = parse_since("2025-13-01").expect_err("no month 13");
        assert!(e.contains("month"), "{e}");
        assert!(parse_since("2023-02-29").is_err());
        assert!(parse_since("0000-01-01").is_err());
        assert!(
            parse_since("2024-1-5").is_ok(),
            "short fields are still a date"
        );
    }

    #[test]
    fn dates_round_trip_including_before_1970_and_far_future() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(-DAY), "1969-12-31");
        assert_eq!(date(1_709_164_800), "2024-02-29");
        assert_eq!(month(1_709_164_800), "2024-02");
        assert_eq!(date(253_402_300_799), "9999-12-31");
        // Extreme values do not panic.
        let _ = date(i64::MAX / 2);
        let _ = date(i64::MIN / 2);
        let _ = date(i64::MIN);
    }
}
