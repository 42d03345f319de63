//! Rating periods and ratings as served, and the checks shared by their endpoints.

use crate::Code;
use crate::Error;
use chrono::{DateTime, Utc};
use diandan_domain::limits;
use diandan_domain::rating::{Scores, DIMENSIONS};
use diandan_domain::{ids, time};
use diandan_store::clock;
use diandan_store::ratings::{self, PeriodRow, RatingRow};
use diandan_store::AnyConnection;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct PeriodView {
    pub id: String,
    pub district_id: String,
    pub name: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    /// upcoming | open | closed
    pub state: String,
}

pub fn period_state(p: &PeriodRow, now: DateTime<Utc>) -> &'static str {
    let now = time::to_db(now);
    if now < p.opens_at {
        "upcoming"
    } else if now < p.closes_at {
        "open"
    } else {
        "closed"
    }
}

impl From<PeriodRow> for PeriodView {
    fn from(p: PeriodRow) -> Self {
        PeriodView {
            state: period_state(&p, clock::now()).to_owned(),
            opens_at: time::from_db(p.opens_at),
            closes_at: time::from_db(p.closes_at),
            id: p.id,
            district_id: p.district_id,
            name: p.name,
        }
    }
}

pub fn load_period(c: &mut AnyConnection, id: &str) -> Result<PeriodRow, Error> {
    if !ids::is_uuid(id) {
        return Err(Error::not_found("rating period"));
    }
    ratings::period(c, id)?.ok_or_else(|| Error::not_found("rating period"))
}

/// Ratings are given and revised only while the period is open.
pub fn require_open(p: &PeriodRow) -> Result<(), Error> {
    match period_state(p, clock::now()) {
        "open" => Ok(()),
        "upcoming" => Err(Error::new(Code::RatingNotOpen, "this rating period has not opened yet")),
        _ => Err(Error::new(Code::RatingClosed, "this rating period is closed")),
    }
}

/// The six scores (1–5 each) and an optional comment.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoresBody {
    /// The dwelling rated (required only when the resident is verified for several in the district).
    pub dwelling_id: Option<String>,
    #[serde(deserialize_with = "crate::whole_number::int")]
    pub security: i64,
    #[serde(deserialize_with = "crate::whole_number::int")]
    pub cleaning: i64,
    #[serde(deserialize_with = "crate::whole_number::int")]
    pub greening: i64,
    #[serde(deserialize_with = "crate::whole_number::int")]
    pub repairs: i64,
    /// Fee transparency.
    #[serde(deserialize_with = "crate::whole_number::int")]
    pub fees: i64,
    /// Service attitude.
    #[serde(deserialize_with = "crate::whole_number::int")]
    pub attitude: i64,
    /// Up to 500 characters.
    pub comment: Option<String>,
}

impl ScoresBody {
    pub fn checked(&self) -> Result<(Scores, Option<String>), Error> {
        let scores = Scores::new([self.security, self.cleaning, self.greening, self.repairs, self.fees, self.attitude])
            .map_err(|dim| {
                Error::invalid(dim, format!("must be an integer from {} to {}", limits::SCORE.min, limits::SCORE.max))
            })?;
        let comment =
            limits::RATING_COMMENT.check_optional(self.comment.as_deref()).map_err(|m| Error::invalid("comment", m))?;
        Ok((scores, comment))
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RatingView {
    pub id: String,
    pub period_id: String,
    pub dwelling_id: String,
    pub company_id: String,
    /// Scores by dimension: security, cleaning, greening, repairs, fees, attitude.
    pub scores: BTreeMap<String, i32>,
    pub comment: Option<String>,
    pub revisions: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<RatingRow> for RatingView {
    fn from(r: RatingRow) -> Self {
        let values = [r.security, r.cleaning, r.greening, r.repairs, r.fees, r.attitude];
        RatingView {
            scores: DIMENSIONS.iter().map(|d| d.to_string()).zip(values).collect(),
            id: r.id,
            period_id: r.period_id,
            dwelling_id: r.dwelling_id,
            company_id: r.company_id,
            comment: r.comment,
            revisions: r.revisions,
            created_at: time::from_db(r.created_at),
            updated_at: time::from_db(r.updated_at),
        }
    }
}

/// Writes validated scores into a rating row.
pub fn set_scores(row: &mut RatingRow, s: &Scores, comment: Option<String>) {
    let v = s.0.map(i32::from);
    (row.security, row.cleaning, row.greening, row.repairs, row.fees, row.attitude) =
        (v[0], v[1], v[2], v[3], v[4], v[5]);
    row.comment = comment;
}
