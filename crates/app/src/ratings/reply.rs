//! A company answers its result of a closed rating period publicly: its staff, once per period.

use crate::principal::principal;
use crate::ratings::results::ReplyView;
use crate::ratings::views::{load_period, period_state};
use crate::{Actor, Code, Context, Error};
use diandan_domain::{limits, time};
use diandan_store::ratings::{self, ReplyRow};
use diandan_store::{audit, clock, StoreError};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReply {
    /// Needed only by staff of several companies.
    pub company_id: Option<String>,
    /// 1–2000 characters.
    pub text: String,
}

/// Publishes the reply `b` of the caller's company to period `period_id`.
pub fn reply_to_ratings(ctx: &Context, actor: &Actor, period_id: &str, b: NewReply) -> Result<ReplyView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let period = load_period(c, period_id)?;
        let mine: Vec<String> = p.grants.companies().into_iter().map(str::to_owned).collect();
        let company = match (&b.company_id, mine.as_slice()) {
            (Some(co), _) if mine.contains(co) => co.clone(),
            (None, [one]) => one.clone(),
            (None, [_, _, ..]) => return Err(Error::invalid("company_id", "you work for several companies; name one")),
            _ => return Err(Error::new(Code::Forbidden, "only a company's staff reply for it")),
        };
        // The caller may reply for this company: now the reply itself is looked at.
        let text = limits::REPLY.check(&b.text).map_err(|m| Error::invalid("text", m))?;
        if period_state(&period, clock::now()) != "closed" {
            return Err(Error::new(Code::RatingOpen, "a reply is published once the period has closed"));
        }
        if !ratings::sums(c, &period.id)?.iter().any(|(_, co, _)| *co == company) {
            return Err(Error::new(Code::NotRated, "the company received no rating in this period"));
        }
        let row = ReplyRow {
            id: clock::new_id(),
            period_id: period.id.clone(),
            company_id: company,
            text,
            user_id: p.id().to_owned(),
            created_at: time::to_db(clock::now()),
        };
        ratings::insert_reply(c, &row).map_err(|e| match e {
            StoreError::Conflict(_) => Error::new(Code::AlreadyReplied, "the company has replied to this period"),
            other => other.into(),
        })?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "rating.reply",
                object_type: "rating_reply",
                object_id: &row.id,
                community_id: None,
                district_id: Some(&period.district_id),
                detail: json!({ "period_id": row.period_id, "company_id": row.company_id }),
            },
        )?;
        Ok(ReplyView { text: row.text, created_at: time::from_db(row.created_at) })
    })
}
