//! How a photo is shown: its size, WeChat's verdict, and signed addresses of the picture and
//! its thumbnail. Whoever sent a photo sees it whatever WeChat said of it (marked); everyone
//! else sees it only once cleared.

use crate::uploads::signing::Variant;
use crate::uploads::Photos;
use crate::Error;
use chrono::{DateTime, Utc};
use diandan_domain::{photo, time};
use diandan_store::uploads::{self, UploadRow};
use diandan_store::AnyConnection;
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PhotoView {
    pub id: String,
    /// image/jpeg, or image/png for pictures with transparency.
    pub content_type: String,
    pub width: i32,
    pub height: i32,
    pub bytes: i32,
    /// cleared | pending (WeChat's image check has not answered; only the sender sees it) |
    /// rejected (only the sender sees this, without addresses).
    pub review: String,
    /// The picture, signed; good until `addresses_expire_at` (then fetch what showed it again).
    /// Relative to the server's origin. None for a rejected photo.
    pub url: Option<String>,
    pub thumbnail_url: Option<String>,
    pub addresses_expire_at: DateTime<Utc>,
    pub uploaded_at: DateTime<Utc>,
    /// complaint | objection, once attached.
    pub attached_to: Option<String>,
}

/// `row` as shown now.
pub fn view(photos: &Photos, row: UploadRow, now: DateTime<Utc>) -> PhotoView {
    let expires = photo::expiry(now.timestamp());
    let shown = row.review != "rejected";
    let address = |v| shown.then(|| photos.signer.address(&row.id, v, expires));
    PhotoView {
        url: address(Variant::Picture),
        thumbnail_url: address(Variant::Thumbnail),
        addresses_expire_at: DateTime::from_timestamp(expires, 0).unwrap_or(now),
        uploaded_at: time::from_db(row.created_at),
        content_type: row.content_type,
        width: row.width,
        height: row.height,
        bytes: row.bytes,
        review: row.review,
        attached_to: row.attached_to,
        id: row.id,
    }
}

/// The photos of each of `subjects` (of `kind`) that `viewer` may see, in their order.
pub fn attached(
    c: &mut AnyConnection,
    photos: &Photos,
    kind: &str,
    subjects: &[String],
    viewer: &str,
) -> Result<HashMap<String, Vec<PhotoView>>, Error> {
    let now = diandan_store::clock::now();
    let mut out: HashMap<String, Vec<PhotoView>> = HashMap::new();
    for row in uploads::attached(c, kind, subjects)? {
        if row.review != "cleared" && row.uploaded_by != viewer {
            continue;
        }
        let subject = row.attached_id.clone().unwrap_or_default();
        out.entry(subject).or_default().push(view(photos, row, now));
    }
    Ok(out)
}
