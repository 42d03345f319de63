//! Asking WeChat to check a photo (`media_check_async`): WeChat fetches the picture from the
//! service's public address and pushes its verdict later (`moderation::push`). Until then the
//! photo is `pending`, shown to its sender only. When WeChat cannot be asked, the photo stays
//! pending and the scheduler asks again.

use crate::moderation::push::reviewing_community;
use crate::moderation::screen::{record, Screen, Subject};
use crate::uploads::signing::Variant;
use crate::wechat_token::with_token;
use crate::{Context, Error};
use diandan_auth::wechat_security::Scene;
use diandan_store::uploads::{self, UploadRow};
use diandan_store::{clock, users};

/// The trace of a photo WeChat could not be asked about (held for the committee instead).
const NOT_ASKED: &str = "not-asked";

/// How long the address WeChat fetches the picture from stays good.
const FETCH_WINDOW_SECS: i64 = 24 * 3600;

/// Whether photos of `openid` are checked (else they are cleared at once): WeChat is
/// configured, knows the user, and can reach the service (`DIANDAN_PUBLIC_URL`).
pub fn applies(ctx: &Context, openid: Option<&str>) -> bool {
    !ctx.public_url.is_empty() && openid.is_some_and(|o| ctx.wechat.checks(o))
}

/// Asks for `row`'s check; answers whether WeChat took it.
pub fn ask(ctx: &Context, row: &UploadRow, openid: &str) -> Result<bool, Error> {
    let expires = clock::now().timestamp() + FETCH_WINDOW_SECS;
    let url = format!("{}{}", ctx.public_url, ctx.photos.signer.address(&row.id, Variant::Picture, expires));
    match with_token(&ctx.db, &ctx.wechat, |t| ctx.wechat.media_check_async(t, openid, Scene::Forum, &url)) {
        Ok(trace) => {
            ctx.db.write(|c| Ok::<_, Error>(uploads::set_trace(c, &row.id, &trace)?))?;
            Ok(true)
        }
        Err(e) => {
            tracing::warn!(photo = %row.id, error = ?e, "WeChat's image check could not be asked; asked again later");
            Ok(false)
        }
    }
}

/// Asks again for photos whose check was never asked for (the scheduler); answers how many
/// WeChat took.
pub fn ask_again(ctx: &Context) -> Result<usize, Error> {
    let waiting = ctx.db.read(|c| Ok::<_, Error>(uploads::unasked(c, 20)?))?;
    let mut taken = 0;
    for row in waiting {
        let openid = ctx.db.read(|c| Ok::<_, Error>(users::get(c, &row.uploaded_by)?.and_then(|u| u.openid)))?;
        match openid {
            Some(o) if applies(ctx, Some(&o)) => taken += ask(ctx, &row, &o)? as usize,
            // The sender erased their account, or photo checks were switched off: WeChat cannot
            // be asked, so the committee decides (held as unchecked, never shown unchecked).
            _ => ctx.db.write(|c| {
                uploads::set_trace(c, &row.id, NOT_ASKED)?;
                let community = reviewing_community(c, &row)?;
                let subject = Subject {
                    kind: "photo",
                    id: &row.id,
                    community_id: community.as_deref(),
                    parent_id: row.attached_id.as_deref(),
                    author_id: &row.uploaded_by,
                    text: &row.id,
                };
                record(c, &Screen::Held { reason: "unchecked", label: None }, subject)?;
                Ok::<_, Error>(())
            })?,
        }
    }
    Ok(taken)
}
