//! The committee or the street office posts a notice to a community's board.

use crate::notices::views::NoticeView;
use crate::principal::{community, principal};
use crate::uploads::attach;
use crate::{Actor, Context, Error};
use chrono::{DateTime, Utc};
use diandan_domain::{limits, time};
use diandan_store::notices::{self, NoticeRow};
use diandan_store::{audit, clock};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewNotice {
    /// 1–100 characters.
    pub title: String,
    /// 1–5000 characters.
    pub body: String,
    /// Pinned notices head the board (default false).
    #[serde(default)]
    pub pinned: bool,
    /// When residents start to see it (default now; a later time schedules it).
    pub visible_from: Option<DateTime<Utc>>,
    /// When it leaves the board (default: it stays until withdrawn). After `visible_from` and in the future.
    pub visible_until: Option<DateTime<Utc>>,
    /// Up to 9 pictures (a scanned notice, a plan), by the ids `POST /api/v1/uploads` answered.
    #[serde(default)]
    pub attachments: Vec<String>,
}

/// Checks a notice's visibility window: the end after the start and after now.
pub fn check_window(from: DateTime<Utc>, until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Result<(), Error> {
    match until {
        Some(u) if u <= from || u <= now => {
            Err(Error::invalid("visible_until", "must be after visible_from and in the future"))
        }
        _ => Ok(()),
    }
}

/// Posts notice `n` to community `community_id` as the caller (committee or district admin).
pub fn post_notice(ctx: &Context, actor: &Actor, community_id: &str, n: NewNotice) -> Result<NoticeView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let comm = community(c, community_id)?;
        crate::consultations::views::require_manager(&p, &comm)?;
        let now = clock::now();
        let title = limits::NOTICE_TITLE.check(&n.title).map_err(|m| Error::invalid("title", m))?;
        let body = limits::NOTICE_BODY.check(&n.body).map_err(|m| Error::invalid("body", m))?;
        let mut errors = attach::check(c, p.id(), &n.attachments)?;
        for e in &mut errors {
            e.field = e.field.replace("photos", "attachments");
        }
        if !errors.is_empty() {
            return Err(Error::validation(errors));
        }
        let from = n.visible_from.map(|t| t.max(now)).unwrap_or(now);
        check_window(from, n.visible_until, now)?;
        let row = NoticeRow {
            id: clock::new_id(),
            community_id: comm.id.clone(),
            title,
            body,
            pinned: n.pinned,
            visible_from: time::to_db(from),
            visible_until: n.visible_until.map(time::to_db),
            source: "manual".into(),
            consultation_id: None,
            author_id: Some(p.id().to_owned()),
            created_at: time::to_db(now),
            updated_at: time::to_db(now),
            withdrawn_at: None,
            withdrawn_reason: None,
        };
        notices::insert(c, &row)?;
        attach::attach(c, p.id(), ("notice", &row.id, &comm.id), &n.attachments)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "notice.post",
                object_type: "notice",
                object_id: &row.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({ "title": row.title, "pinned": row.pinned, "visible_from": from, "visible_until": n.visible_until, "attachments": n.attachments }),
            },
        )?;
        let mut v = NoticeView::new(row, None);
        crate::notices::views::with_counts(c, &comm.id, std::slice::from_mut(&mut v))?;
        crate::notices::views::with_attachments(c, &ctx.photos, std::slice::from_mut(&mut v))?;
        Ok(v)
    })
}
