//! Rating periods of a district: an admin of the district opens one and may close it early;
//! any signed-in user lists them (residents need to know when they can rate).

use crate::messages::notify::{notify, values, when};
use crate::principal::principal;
use crate::ratings::views::{load_period, require_open, PeriodView};
use crate::{Actor, Code, Context, Error};
use chrono::{DateTime, Utc};
use diandan_domain::message::MessageKind;
use diandan_domain::{ids, limits, time};
use diandan_store::ratings::{self, PeriodRow};
use diandan_store::{audit, clock, communities, StoreError};
use serde::Deserialize;
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPeriod {
    pub district_id: String,
    /// e.g. "2026年第四季度"; unique in the district.
    pub name: String,
    /// Default: now.
    pub opens_at: Option<DateTime<Utc>>,
    /// After opens_at, at most a year later (periods are usually quarterly).
    pub closes_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PeriodsQuery {
    /// Only this district's periods.
    pub district_id: Option<String>,
}

/// Opens the period `b` in its district.
pub fn open_period(ctx: &Context, actor: &Actor, b: NewPeriod) -> Result<PeriodView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        if !ids::is_uuid(&b.district_id) || communities::district(c, &b.district_id)?.is_none() {
            return Err(Error::not_found("district"));
        }
        p.require_admin_of(&b.district_id)?;
        // The caller may open a period here: now the period itself is looked at.
        let name = limits::NAME.check(&b.name).map_err(|m| Error::invalid("name", m))?;
        let now = clock::now();
        let opens_at = time::from_db(time::to_db(b.opens_at.unwrap_or(now)));
        let closes_at = time::from_db(time::to_db(b.closes_at));
        if closes_at <= opens_at || closes_at <= now {
            return Err(Error::invalid("closes_at", "must be after opens_at and in the future"));
        }
        if closes_at - opens_at > chrono::Duration::days(366) {
            return Err(Error::invalid("closes_at", "a period lasts at most a year"));
        }
        let row = PeriodRow {
            id: clock::new_id(),
            district_id: b.district_id,
            name,
            opens_at: time::to_db(opens_at),
            closes_at: time::to_db(closes_at),
            created_by: p.id().to_owned(),
            created_at: time::to_db(now),
        };
        ratings::insert_period(c, &row).map_err(|e| match e {
            StoreError::Conflict(_) => Error::new(Code::PeriodExists, "the district has a rating period of this name"),
            other => other.into(),
        })?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "rating_period.open",
                object_type: "rating_period",
                object_id: &row.id,
                community_id: None,
                district_id: Some(&row.district_id),
                detail: json!({ "district_id": row.district_id, "name": row.name, "opens_at": time::canonical(opens_at), "closes_at": time::canonical(closes_at) }),
            },
        )?;
        let here = communities::in_district(c, &row.district_id)?;
        let residents = diandan_store::messages::residents(c, &here)?;
        let v = values([
            ("period_id", row.id.clone()),
            ("name", row.name.clone()),
            ("opens_at", when(opens_at)),
            ("closes_at", when(closes_at)),
            ("note", "请为本小区物业服务打分".to_string()),
        ]);
        notify(c, MessageKind::RatingOpened, &row.id, &residents, &v, now)?;
        Ok(PeriodView::from(row))
    })
}

/// Rating periods, newest first, of every district or of `q.district_id`.
pub fn list_periods(ctx: &Context, actor: &Actor, q: &PeriodsQuery) -> Result<Vec<PeriodView>, Error> {
    ctx.db.read(|c| {
        principal(c, actor)?;
        let district = q.district_id.as_deref();
        if district.is_some_and(|d| !ids::is_uuid(d)) {
            return Err(Error::invalid("district_id", "must be a district id"));
        }
        let only = district.map(|d| vec![d.to_owned()]);
        Ok(ratings::periods(c, only.as_deref())?.into_iter().map(PeriodView::from).collect())
    })
}

/// Closes open period `id` now, before its planned end: its results become public.
pub fn close_period(ctx: &Context, actor: &Actor, id: &str) -> Result<PeriodView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let period = load_period(c, id)?;
        p.require_admin_of(&period.district_id)?;
        require_open(&period)?;
        let now = time::to_db(clock::now());
        ratings::close_period(c, &period.id, now)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "rating_period.close",
                object_type: "rating_period",
                object_id: &period.id,
                community_id: None,
                district_id: Some(&period.district_id),
                detail: json!({ "planned_close": time::canonical(time::from_db(period.closes_at)) }),
            },
        )?;
        Ok(PeriodView::from(load_period(c, &period.id)?))
    })
}
