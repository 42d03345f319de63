//! The review queue: what is held in a community (its committee and district admins), or, for
//! display names, anywhere (the platform admin).

use crate::page::{Page, PageQuery};
use crate::principal::{community, principal};
use crate::uploads::views::{view, PhotoView};
use crate::{Actor, Context, Error};
use chrono::{DateTime, Utc};
use diandan_domain::roles::Role;
use diandan_domain::time;
use diandan_store::held::{self, HeldRow};
use diandan_store::{clock, uploads};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct QueueQuery {
    /// The community whose held texts to list; omitted: display names (platform admin only).
    pub community_id: Option<String>,
    /// held (default) | released | removed
    pub state: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HeldView {
    pub id: String,
    /// complaint | complaint_event | objection | rating | ballot_comment | display_name | photo |
    /// review_opinion | design_objection
    pub kind: String,
    /// The work order, event, objection, rating, ballot version, user or photo held.
    pub subject_id: String,
    pub community_id: Option<String>,
    /// The consultation of a ballot comment or an objection, the work order of an event, the
    /// rating period of a rating, what a photo is attached to.
    pub parent_id: Option<String>,
    /// The text as written (a photo's id for photos).
    pub text: String,
    /// For a photo: the photo, with signed addresses for the reviewer.
    pub photo: Option<PhotoView>,
    /// review (WeChat was unsure) | unchecked (WeChat could not be asked)
    pub reason: String,
    /// WeChat's label (100 normal, 20001 politics, 20002 porn, 20006 crime, ...).
    pub label: Option<i64>,
    /// held | released | removed
    pub state: String,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub note: Option<String>,
}

impl From<HeldRow> for HeldView {
    fn from(r: HeldRow) -> Self {
        HeldView {
            id: r.id,
            kind: r.kind,
            subject_id: r.subject_id,
            community_id: r.community_id,
            parent_id: r.parent_id,
            text: r.text,
            photo: None,
            reason: r.reason,
            label: r.label,
            state: r.state,
            created_at: time::from_db(r.created_at),
            decided_at: r.decided_at.map(time::from_db),
            note: r.note,
        }
    }
}

pub fn list_held(ctx: &Context, actor: &Actor, q: &QueueQuery) -> Result<Page<HeldView>, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let community_id = match &q.community_id {
            Some(id) => {
                let comm = community(c, id)?;
                p.require(&[Role::Admin, Role::Committee], &comm)?;
                Some(comm.id)
            }
            None => {
                p.require_global_admin()?;
                None
            }
        };
        let state = q.state.as_deref().unwrap_or("held");
        if !["held", "released", "removed"].contains(&state) {
            return Err(Error::invalid("state", "must be held, released or removed"));
        }
        let page = PageQuery { limit: q.limit, offset: q.offset };
        let rows = held::queue(c, community_id.as_deref(), state, page.limit() + 1, page.offset())?;
        let now = clock::now();
        let mut views = Vec::with_capacity(rows.len());
        for row in rows {
            let photo = match row.kind.as_str() {
                "photo" => uploads::get(c, &row.subject_id)?.map(|u| view(&ctx.photos, u, now)),
                _ => None,
            };
            views.push(HeldView { photo, ..HeldView::from(row) });
        }
        Ok(Page::from_overfetch(views, &page))
    })
}
