//! The period complaint figures cover: China dates, both inclusive.

use crate::Error;
use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use diandan_domain::complaint::china_time;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PeriodQuery {
    /// First day (YYYY-MM-DD, China time), inclusive. Default: no lower bound.
    pub from: Option<String>,
    /// Last day, inclusive. Default: no upper bound.
    pub to: Option<String>,
}

fn day(field: &str, v: &str) -> Result<NaiveDate, Error> {
    NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").map_err(|_| Error::invalid(field, "must be a date, YYYY-MM-DD"))
}

/// Midnight China time at the start of `d`, as a stored (UTC) time.
pub fn start_of(d: NaiveDate) -> NaiveDateTime {
    china_time()
        .from_local_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight"))
        .single()
        .expect("fixed offset")
        .naive_utc()
}

impl PeriodQuery {
    /// [from 00:00, to+1 00:00) in UTC, as stored. Without bounds: 2000-01-01 to 2999-12-31,
    /// dates both backends store alike.
    pub fn bounds(&self) -> Result<(NaiveDateTime, NaiveDateTime), Error> {
        let first = NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date");
        let last = NaiveDate::from_ymd_opt(2999, 12, 31).expect("valid date");
        let from = self.from.as_deref().map(|v| day("from", v)).transpose()?.unwrap_or(first).clamp(first, last);
        let to = self.to.as_deref().map(|v| day("to", v)).transpose()?.unwrap_or(last).clamp(first, last);
        if to < from {
            return Err(Error::invalid("to", "must not be before from"));
        }
        Ok((start_of(from), start_of(to.succ_opt().expect("before the last date"))))
    }
}
