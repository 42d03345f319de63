//! A signed-in person sends a photo. It is decoded and re-encoded outside any transaction (the
//! CPU work of seconds holds no lock), its files written by hash, then its row and audit entry
//! stored together; a failure before that leaves at most a file no row names. When WeChat
//! checks the sender's photos, the photo is `pending` and the check is asked for after commit.

use crate::principal::principal;
use crate::uploads::media_check;
use crate::uploads::picture::{self, Refusal};
use crate::uploads::views::{view, PhotoView};
use crate::{Actor, Code, Context, Error};
use chrono::Duration;
use diandan_domain::{photo, time};
use diandan_store::uploads::{self, UploadRow};
use diandan_store::{audit, clock};
use serde_json::json;

pub fn receive(ctx: &Context, actor: &Actor, sent: &[u8]) -> Result<PhotoView, Error> {
    let since = time::to_db(clock::now() - Duration::hours(photo::UNATTACHED_HOURS));
    let (waiting, openid) = ctx.db.read(|c| {
        let p = principal(c, actor)?;
        Ok::<_, Error>((uploads::count_unattached_since(c, &actor.user_id, since)?, p.user.openid))
    })?;
    let checked = media_check::applies(ctx, openid.as_deref());
    if waiting >= photo::UNATTACHED_MAX {
        let mut e = Error::new(
            Code::TooManyUploads,
            format!("{waiting} photos uploaded in the last day wait to be attached; attach them or wait"),
        );
        e.retry_after = Some(3600);
        return Err(e);
    }
    let kept = picture::keep(sent).map_err(|r| match r {
        Refusal::Kind(what) => {
            Error::new(Code::UnsupportedImage, format!("the file is {what}; send a JPEG, PNG or WebP photo"))
        }
        Refusal::Dimensions(w, h) => Error::new(
            Code::ImageTooLarge,
            format!(
                "the picture is {w} × {h} pixels; at most {} pixels and {} a side",
                photo::MAX_PIXELS,
                photo::MAX_SIDE
            ),
        ),
        Refusal::Memory => Error::new(Code::ImageTooLarge, "the picture would need more memory than allowed"),
        Refusal::Unreadable(why) => Error::new(Code::UnreadableImage, format!("the picture cannot be decoded: {why}")),
    })?;
    let sha256 = ctx.photos.files.put(&kept.bytes).map_err(Error::internal)?;
    let thumb_sha256 = ctx.photos.files.put(&kept.thumb).map_err(Error::internal)?;
    let now = clock::now();
    let row = UploadRow {
        id: clock::new_id(),
        uploaded_by: actor.user_id.clone(),
        sha256,
        content_type: kept.content_type.into(),
        width: kept.width as i32,
        height: kept.height as i32,
        bytes: kept.bytes.len() as i32,
        thumb_sha256,
        thumb_content_type: kept.thumb_content_type.into(),
        sent_type: kept.sent.mime().into(),
        sent_bytes: sent.len() as i32,
        attached_to: None,
        attached_id: None,
        position: None,
        review: if checked { "pending" } else { "cleared" }.into(),
        trace_id: None,
        created_at: time::to_db(now),
    };
    ctx.db.write(|c| {
        uploads::insert(c, &row)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(&actor.user_id),
                action: "upload.create",
                object_type: "upload",
                object_id: &row.id,
                community_id: None,
                district_id: None,
                detail: json!({
                    "sha256": row.sha256, "content_type": row.content_type, "width": row.width,
                    "height": row.height, "sent_type": row.sent_type, "sent_bytes": row.sent_bytes,
                }),
            },
        )?;
        Ok::<_, Error>(())
    })?;
    // The sweep may have removed a day-old copy of the same bytes between our write and our
    // commit (it deletes a file once no committed row names it): put it back.
    for (sha, bytes) in [(&row.sha256, &kept.bytes), (&row.thumb_sha256, &kept.thumb)] {
        ctx.photos.files.ensure(sha, bytes).map_err(Error::internal)?;
    }
    if let (true, Some(openid)) = (checked, openid.as_deref()) {
        media_check::ask(ctx, &row, openid)?;
    }
    Ok(view(&ctx.photos, row, now))
}
