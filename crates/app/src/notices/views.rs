//! What a notice looks like to its readers, and who may read or manage a board.

use crate::consultations::views::{is_member, require_manager};
use crate::principal::{community, Principal};
use crate::uploads::views::{attached, PhotoView};
use crate::uploads::Photos;
use crate::{Code, Error};
use chrono::{DateTime, NaiveDateTime, Utc};
use diandan_domain::{ids, time};
use diandan_store::communities::CommunityRow;
use diandan_store::notices::{self, NoticeRow};
use diandan_store::AnyConnection;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeView {
    pub id: String,
    pub community_id: String,
    pub title: String,
    pub body: String,
    /// Pinned notices head the board.
    pub pinned: bool,
    /// Residents see the notice from this time on.
    pub visible_from: DateTime<Utc>,
    /// … until this time (absent: until withdrawn).
    pub visible_until: Option<DateTime<Utc>>,
    /// `manual`, or posted by a consultation's step: `consultation_announced`, `consultation_published`;
    /// or by a design's public notice: `design_notice`.
    #[schema(example = "manual")]
    pub source: String,
    pub consultation_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub withdrawn_reason: Option<String>,
    /// When the caller read it (absent: not read).
    pub read_at: Option<DateTime<Utc>>,
    /// For the committee and the street office: dwellings with a verified resident who read it.
    pub dwellings_read: Option<i64>,
    /// For the committee and the street office: the community's dwellings (the developer's not counted).
    pub dwellings: Option<i64>,
    /// Pictures posted with it (a scanned notice, a plan), with signed addresses.
    pub attachments: Vec<PhotoView>,
}

impl NoticeView {
    pub fn new(n: NoticeRow, read_at: Option<NaiveDateTime>) -> NoticeView {
        NoticeView {
            id: n.id,
            community_id: n.community_id,
            title: n.title,
            body: n.body,
            pinned: n.pinned,
            visible_from: time::from_db(n.visible_from),
            visible_until: n.visible_until.map(time::from_db),
            source: n.source,
            consultation_id: n.consultation_id,
            created_at: time::from_db(n.created_at),
            updated_at: time::from_db(n.updated_at),
            withdrawn_at: n.withdrawn_at.map(time::from_db),
            withdrawn_reason: n.withdrawn_reason,
            read_at: read_at.map(time::from_db),
            dwellings_read: None,
            dwellings: None,
            attachments: Vec::new(),
        }
    }
}

/// Adds the pictures posted with each notice, as every reader of the board sees them (only
/// those WeChat cleared: a poster signed in through WeChat has their pictures checked).
pub fn with_attachments(conn: &mut AnyConnection, photos: &Photos, views: &mut [NoticeView]) -> Result<(), Error> {
    let ids: Vec<String> = views.iter().map(|v| v.id.clone()).collect();
    let mut by_notice = attached(conn, photos, "notice", &ids, "")?;
    for v in views {
        v.attachments = by_notice.remove(&v.id).unwrap_or_default();
    }
    Ok(())
}

/// Adds the read counts by dwelling (the managers' view).
pub fn with_counts(conn: &mut AnyConnection, community_id: &str, views: &mut [NoticeView]) -> Result<(), Error> {
    let ids: Vec<String> = views.iter().map(|v| v.id.clone()).collect();
    let read = notices::dwellings_read(conn, community_id, &ids)?;
    let homes = notices::homes(conn, community_id)?;
    for v in views {
        v.dwellings_read = Some(read.get(&v.id).copied().unwrap_or(0));
        v.dwellings = Some(homes);
    }
    Ok(())
}

/// Whether residents see `n` at `now`.
pub fn visible(n: &NoticeRow, now: NaiveDateTime) -> bool {
    n.withdrawn_at.is_none() && n.visible_from <= now && n.visible_until.is_none_or(|u| u > now)
}

/// How the caller stands to a board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Committee of the community or admin of its district: sees everything and the counts.
    Manager,
    /// A verified resident or anyone else with a role here: sees what is visible.
    Member,
}

pub fn standing(conn: &mut AnyConnection, p: &Principal, comm: &CommunityRow) -> Result<Standing, Error> {
    if require_manager(p, comm).is_ok() {
        return Ok(Standing::Manager);
    }
    if is_member(conn, p, comm)? {
        return Ok(Standing::Member);
    }
    Err(Error::new(Code::Forbidden, "the notices are for the community's residents and staff"))
}

/// The notice `id` with its community, or 404.
pub fn load(conn: &mut AnyConnection, id: &str) -> Result<(NoticeRow, CommunityRow), Error> {
    if !ids::is_uuid(id) {
        return Err(Error::not_found("notice"));
    }
    let n = notices::get(conn, id)?.ok_or_else(|| Error::not_found("notice"))?;
    let comm = community(conn, &n.community_id)?;
    Ok((n, comm))
}
