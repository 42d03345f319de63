//! Time as stored: UTC, truncated to microseconds.
//!
//! SQLite keeps whatever precision it is given while PostgreSQL keeps microseconds; truncating
//! before storing makes both backends return the same value (and the audit hash reproducible).
//! The current time comes from `diandan_store::clock::now`: the domain reads no clock.

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};

pub fn to_db(t: DateTime<Utc>) -> NaiveDateTime {
    t.trunc_subsecs(6).naive_utc()
}

pub fn from_db(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

/// The calendar day in China (UTC+8), as `YYYY-MM-DD`: service periods and working days are
/// counted in local dates.
pub fn china_day(t: DateTime<Utc>) -> String {
    t.with_timezone(&crate::complaint::china_time()).format("%Y-%m-%d").to_string()
}

/// Beijing wall time to the minute, as notices and WeChat messages show it: `2026年12月3日 15:01`.
pub fn china_minute(t: DateTime<Utc>) -> String {
    t.with_timezone(&crate::complaint::china_time()).format("%Y年%-m月%-d日 %H:%M").to_string()
}

/// The Beijing date as people write it: `2026年12月3日`.
pub fn china_date(t: DateTime<Utc>) -> String {
    t.with_timezone(&crate::complaint::china_time()).format("%Y年%-m月%-d日").to_string()
}

/// RFC 3339 with exactly six fractional digits and a `Z`, the canonical form used in hashes.
pub fn canonical(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// The instant `span` before `t`, or the earliest representable one (a configured window may
/// be longer than the calendar).
pub fn before(t: DateTime<Utc>, span: std::time::Duration) -> DateTime<Utc> {
    chrono::Duration::from_std(span).ok().and_then(|d| t.checked_sub_signed(d)).unwrap_or(DateTime::<Utc>::MIN_UTC)
}
