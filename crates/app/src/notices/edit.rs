//! The committee edits a notice (text, pin, end of its window) or withdraws it. A notice posted
//! by a consultation's step is the public record of that step: its text stays as posted (only
//! its pin can change), and it cannot be withdrawn.

use crate::notices::post::check_window;
use crate::notices::views::{load, with_attachments, with_counts, NoticeView};
use crate::principal::principal;
use crate::{Actor, Code, Context, Error};
use chrono::{DateTime, Utc};
use diandan_domain::{limits, time};
use diandan_store::notices::{self, NoticeRow};
use diandan_store::{audit, clock, AnyConnection};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoticeChange {
    /// 1–100 characters.
    pub title: Option<String>,
    /// 1–5000 characters.
    pub body: Option<String>,
    pub pinned: Option<bool>,
    /// A new end of the notice's window (after its start and in the future). Omitted: unchanged.
    pub visible_until: Option<DateTime<Utc>>,
    /// `true` removes the end: the notice stays until withdrawn.
    #[serde(default)]
    pub clear_visible_until: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Withdrawal {
    /// 1–200 characters, kept with the notice.
    pub reason: String,
}

fn managed(conn: &mut AnyConnection, actor: &Actor, id: &str) -> Result<(String, NoticeRow, String), Error> {
    let p = principal(conn, actor)?;
    let (n, comm) = load(conn, id)?;
    crate::consultations::views::require_manager(&p, &comm)?;
    if n.withdrawn_at.is_some() {
        return Err(Error::new(Code::WrongState, "this notice was withdrawn"));
    }
    Ok((p.id().to_owned(), n, comm.id))
}

fn record(
    conn: &mut AnyConnection,
    by: &str,
    action: &str,
    n: &NoticeRow,
    detail: serde_json::Value,
) -> Result<(), Error> {
    audit::append(
        conn,
        audit::Event {
            actor_id: Some(by),
            action,
            object_type: "notice",
            object_id: &n.id,
            community_id: Some(&n.community_id),
            district_id: None,
            detail,
        },
    )?;
    Ok(())
}

/// Applies `ch` to notice `id`.
pub fn update_notice(ctx: &Context, actor: &Actor, id: &str, ch: NoticeChange) -> Result<NoticeView, Error> {
    ctx.db.write(|c| {
        let (by, mut n, comm) = managed(c, actor, id)?;
        let now = clock::now();
        let posted_by_step = n.source != "manual";
        if posted_by_step && (ch.title.is_some() || ch.body.is_some() || ch.visible_until.is_some() || ch.clear_visible_until) {
            return Err(Error::new(Code::WrongState, "a notice posted by a consultation keeps its text and window; only its pin can change"));
        }
        if let Some(t) = &ch.title {
            n.title = limits::NOTICE_TITLE.check(t).map_err(|m| Error::invalid("title", m))?;
        }
        if let Some(b) = &ch.body {
            n.body = limits::NOTICE_BODY.check(b).map_err(|m| Error::invalid("body", m))?;
        }
        if ch.clear_visible_until {
            n.visible_until = None;
        } else if let Some(u) = ch.visible_until {
            check_window(time::from_db(n.visible_from), Some(u), now)?;
            n.visible_until = Some(time::to_db(u));
        }
        if let Some(pin) = ch.pinned {
            n.pinned = pin;
        }
        n.updated_at = time::to_db(now);
        notices::update(c, &n)?;
        record(
            c,
            &by,
            "notice.update",
            &n,
            json!({ "title": ch.title.is_some(), "body": ch.body.is_some(), "pinned": n.pinned, "visible_until": n.visible_until.map(time::from_db) }),
        )?;
        let mut v = NoticeView::new(n, None);
        with_counts(c, &comm, std::slice::from_mut(&mut v))?;
        with_attachments(c, &ctx.photos, std::slice::from_mut(&mut v))?;
        Ok(v)
    })
}

/// Withdraws notice `id` from the board with a reason.
pub fn withdraw_notice(ctx: &Context, actor: &Actor, id: &str, w: Withdrawal) -> Result<NoticeView, Error> {
    ctx.db.write(|c| {
        let (by, mut n, comm) = managed(c, actor, id)?;
        if n.source != "manual" {
            return Err(Error::new(
                Code::WrongState,
                "a notice posted by a consultation is its public record and stays",
            ));
        }
        let reason = limits::REASON.check(&w.reason).map_err(|m| Error::invalid("reason", m))?;
        let now = time::to_db(clock::now());
        n.withdrawn_at = Some(now);
        // Off the board, so off its top too.
        n.pinned = false;
        n.withdrawn_reason = Some(reason.clone());
        n.updated_at = now;
        notices::update(c, &n)?;
        record(c, &by, "notice.withdraw", &n, json!({ "reason": reason }))?;
        let mut v = NoticeView::new(n, None);
        with_counts(c, &comm, std::slice::from_mut(&mut v))?;
        with_attachments(c, &ctx.photos, std::slice::from_mut(&mut v))?;
        Ok(v)
    })
}
