//! A resident rates the property manager serving their dwelling, once per dwelling per period,
//! and revises the rating while the period is open; the household reads its ratings back.

use crate::moderation::screen::{record, screen, shown, Subject};
use crate::principal::principal;
use crate::ratings::views::{load_period, require_open, set_scores, RatingView, ScoresBody};
use crate::{Actor, Code, Context, Error};
use diandan_auth::wechat_security::Scene;
use diandan_domain::{ids, time};
use diandan_store::ratings::{self, RatingRow};
use diandan_store::{audit, bindings, clock, companies, StoreError};
use serde_json::json;

/// Rates, in period `period_id`, the company serving the caller's dwelling today.
pub fn rate_property(ctx: &Context, actor: &Actor, period_id: &str, b: ScoresBody) -> Result<RatingView, Error> {
    let screened = screen(ctx, &actor.user_id, Scene::Comment, &[("comment", b.comment.as_deref())])?;
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let period = load_period(c, period_id)?;
        require_open(&period)?;
        let mine = bindings::approved_in_district(c, p.id(), &period.district_id)?;
        if mine.is_empty() {
            return Err(Error::new(
                Code::NotAResident,
                "only verified owners and occupants of the district's communities rate",
            ));
        }
        // The caller may rate here: now the rating itself is looked at.
        let (scores, comment) = b.checked()?;
        let binding = match &b.dwelling_id {
            Some(d) => mine
                .iter()
                .find(|m| &m.dwelling_id == d)
                .ok_or_else(|| Error::invalid("dwelling_id", "is not a dwelling you are verified for"))?,
            None if mine.iter().all(|m| m.dwelling_id == mine[0].dwelling_id) => &mine[0],
            None => return Err(Error::invalid("dwelling_id", "you are verified for several dwellings; name one")),
        };
        if let Some(existing) = ratings::of_dwelling(c, &period.id, &binding.dwelling_id)? {
            return Err(Error::new(
                Code::AlreadyRated,
                format!("this dwelling has rated in this period; revise rating {}", existing.id),
            ));
        }
        let now = clock::now();
        let contract = companies::serving(c, &binding.community_id, &time::china_day(now))?
            .ok_or_else(|| Error::new(Code::NoPropertyCompany, "no property company serves this community today"))?;
        let mut row = RatingRow {
            id: clock::new_id(),
            period_id: period.id.clone(),
            dwelling_id: binding.dwelling_id.clone(),
            community_id: binding.community_id.clone(),
            company_id: contract.company_id,
            user_id: p.id().to_owned(),
            security: 0,
            cleaning: 0,
            greening: 0,
            repairs: 0,
            fees: 0,
            attitude: 0,
            comment: None,
            revisions: 0,
            created_at: time::to_db(now),
            updated_at: time::to_db(now),
        };
        set_scores(&mut row, &scores, comment);
        ratings::insert(c, &row).map_err(|e| match e {
            StoreError::Conflict(_) => Error::new(Code::AlreadyRated, "this dwelling has rated in this period"),
            other => other.into(),
        })?;
        record(c, &screened, held_comment(&row))?;
        // Scores stay out of the audit log: it records that a dwelling rated, not what it said.
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "rating.create",
                object_type: "rating",
                object_id: &row.id,
                community_id: Some(&row.community_id),
                district_id: None,
                detail: json!({ "period_id": row.period_id, "company_id": row.company_id }),
            },
        )?;
        Ok(RatingView::from(row))
    })
}

/// The ratings, in period `period_id`, of the dwellings the caller is verified for (whoever of
/// the household gave them).
pub fn list_my_ratings(ctx: &Context, actor: &Actor, period_id: &str) -> Result<Vec<RatingView>, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let period = load_period(c, period_id)?;
        let dwellings: Vec<String> = bindings::approved_in_district(c, p.id(), &period.district_id)?
            .into_iter()
            .map(|b| b.dwelling_id)
            .collect();
        let rows = ratings::of_dwellings(c, &period.id, &dwellings)?;
        let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
        // A held comment is its author's until released; the rest of the household reads the placeholder.
        let hidden = diandan_store::held::hidden_among(c, "rating", &ids)?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let held = hidden.contains(&r.id) && r.user_id != p.id();
                let mut v = RatingView::from(r);
                v.comment = v.comment.map(|t| shown(t, held, false));
                v
            })
            .collect())
    })
}

/// Replaces the scores and comment of rating `id` (any verified resident of its dwelling).
pub fn revise_rating(ctx: &Context, actor: &Actor, id: &str, b: ScoresBody) -> Result<RatingView, Error> {
    let screened = screen(ctx, &actor.user_id, Scene::Comment, &[("comment", b.comment.as_deref())])?;
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let mut row = ids::is_uuid(id)
            .then(|| ratings::get(c, id))
            .transpose()?
            .flatten()
            .ok_or_else(|| Error::not_found("rating"))?;
        let bound =
            bindings::approved_in(c, p.id(), &row.community_id)?.iter().any(|x| x.dwelling_id == row.dwelling_id);
        if !bound {
            return Err(Error::new(Code::Forbidden, "only a verified resident of the dwelling revises its rating"));
        }
        // The caller may revise this rating: now the revision is looked at.
        let (scores, comment) = b.checked()?;
        if b.dwelling_id.as_ref().is_some_and(|d| *d != row.dwelling_id) {
            return Err(Error::invalid("dwelling_id", "a rating stays with its dwelling"));
        }
        require_open(&load_period(c, &row.period_id)?)?;
        set_scores(&mut row, &scores, comment);
        row.user_id = p.id().to_owned();
        row.revisions += 1;
        row.updated_at = time::to_db(clock::now());
        ratings::revise(c, &row)?;
        record(c, &screened, held_comment(&row))?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "rating.revise",
                object_type: "rating",
                object_id: &row.id,
                community_id: Some(&row.community_id),
                district_id: None,
                detail: json!({ "period_id": row.period_id, "revisions": row.revisions }),
            },
        )?;
        Ok(RatingView::from(row))
    })
}

/// A rating's comment as the review queue holds it (a revision replaces the hold).
fn held_comment(row: &RatingRow) -> Subject<'_> {
    Subject {
        kind: "rating",
        id: &row.id,
        community_id: Some(&row.community_id),
        parent_id: Some(&row.period_id),
        author_id: &row.user_id,
        text: row.comment.as_deref().unwrap_or_default(),
    }
}
