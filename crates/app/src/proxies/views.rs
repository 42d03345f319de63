//! How an authorisation is shown: to the committee, to the owner who gave it and to the proxy.

use crate::uploads::views::{attached, PhotoView};
use crate::{Context, Error};
use chrono::{DateTime, Utc};
use diandan_domain::time;
use diandan_store::proxies::{self, Labelled};
use diandan_store::AnyConnection;
use serde::Serialize;
use std::collections::HashSet;
use utoipa::ToSchema;

/// What the photos of a written authorisation are attached as.
pub const PHOTO_KIND: &str = "proxy";

#[derive(Debug, Serialize, ToSchema)]
pub struct ProxyView {
    pub id: String,
    pub consultation_id: String,
    /// The owner who authorises: their key on the roll and the dwelling named.
    pub owner_key: String,
    pub dwelling_id: String,
    /// "1号楼 1单元 101".
    pub dwelling: String,
    /// The roster's owner name.
    pub owner_name: Option<String>,
    pub proxy_name: String,
    /// The phone the proxy's account must have verified with WeChat to cast.
    pub proxy_phone: String,
    /// resident (lives in the community) | family
    pub kind: String,
    /// The paper form's reference, when one was given.
    pub paper_ref: Option<String>,
    /// Photos of the signed authorisation (shown to the committee and whoever entered it).
    pub photos: Vec<PhotoView>,
    /// pending | confirmed | rejected | revoked
    pub status: String,
    pub entered_by: String,
    pub entered_at: DateTime<Utc>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    /// The committee's reason for a rejection, or the reason given with a revocation.
    pub reason: Option<String>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// Whether the proxy has cast a ballot under it.
    pub voted: bool,
}

/// `rows` as `viewer` sees them; photos only when `with_photos` (committee, whoever entered it).
pub fn views(
    ctx: &Context,
    c: &mut AnyConnection,
    rows: Vec<Labelled>,
    viewer: &str,
    with_photos: impl Fn(&Labelled) -> bool,
) -> Result<Vec<ProxyView>, Error> {
    let ids: Vec<String> = rows.iter().map(|r| r.0.id.clone()).collect();
    let voted: HashSet<String> = proxies::cast_under(c, &ids)?.into_iter().collect();
    let mut photos = attached(c, &ctx.photos, PHOTO_KIND, &ids, viewer)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let shown = with_photos(&row);
            let (r, building, unit, room, owner_name) = row;
            ProxyView {
                dwelling: format!("{building} {unit} {room}"),
                owner_name,
                photos: if shown { photos.remove(&r.id).unwrap_or_default() } else { Vec::new() },
                voted: voted.contains(&r.id),
                consultation_id: r.consultation_id,
                owner_key: r.owner_key,
                dwelling_id: r.dwelling_id,
                proxy_name: r.proxy_name,
                proxy_phone: r.proxy_phone,
                kind: r.kind.as_str().into(),
                paper_ref: r.paper_ref,
                status: r.status.as_str().into(),
                entered_by: r.entered_by,
                entered_at: time::from_db(r.entered_at),
                decided_by: r.decided_by,
                decided_at: r.decided_at.map(time::from_db),
                reason: r.reason,
                revoked_at: r.revoked_at.map(time::from_db),
                id: r.id,
            }
        })
        .collect())
}

/// One authorisation by id, as `viewer` with photos sees it.
pub fn one(ctx: &Context, c: &mut AnyConnection, id: &str, viewer: &str) -> Result<ProxyView, Error> {
    let row = proxies::labelled_one(c, id)?.ok_or_else(|| Error::not_found("proxy authorisation"))?;
    views(ctx, c, vec![row], viewer, |_| true)?.pop().ok_or_else(|| Error::internal("view of one row"))
}
