//! WeChat's message push (消息推送, plaintext JSON): the URL check WeChat makes when the
//! endpoint is configured, and the verdicts of `media_check_async` on photos. Each is signed
//! with the configured token; anything unsigned is refused before it is read.

use crate::moderation::screen::{record, Screen, Subject};
use crate::{Context, Error};
use diandan_auth::wechat_security::{push_signature_ok, MediaPush, Suggest};
use diandan_store::{audit, clock, complaints, consultations, held, notices, objections, uploads, AnyConnection};
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PushQuery {
    pub signature: String,
    pub timestamp: String,
    pub nonce: String,
    /// Only on the URL check: echoed back.
    pub echostr: Option<String>,
    /// WeChat adds these in some modes; not used in plaintext mode.
    pub openid: Option<String>,
    pub encrypt_type: Option<String>,
    pub msg_signature: Option<String>,
}

/// How far a push's timestamp may be from now: WeChat retries within seconds, so an old signed
/// address replayed later is refused.
const PUSH_WINDOW_SECS: i64 = 300;

fn signed(ctx: &Context, q: &PushQuery) -> Result<(), Error> {
    if ctx.push_token.is_empty() {
        return Err(Error::not_found("message push (WECHAT_PUSH_TOKEN is not set)"));
    }
    let fresh = q.timestamp.parse::<i64>().is_ok_and(|t| (clock::now().timestamp() - t).abs() <= PUSH_WINDOW_SECS);
    match fresh && push_signature_ok(&ctx.push_token, &q.timestamp, &q.nonce, &q.signature) {
        true => Ok(()),
        false => {
            Err(Error::new(crate::Code::Forbidden, "the push is not signed with this server's token, or is stale"))
        }
    }
}

/// The URL check: answers `echostr` when the signature is good.
pub fn verify_url(ctx: &Context, q: &PushQuery) -> Result<String, Error> {
    signed(ctx, q)?;
    q.echostr.clone().ok_or_else(|| Error::invalid("echostr", "is required on the URL check"))
}

/// A push: a photo's verdict is recorded (once: WeChat repeats pushes it thinks were lost);
/// other events are acknowledged and ignored.
pub fn receive_push(ctx: &Context, q: &PushQuery, body: &[u8]) -> Result<(), Error> {
    signed(ctx, q)?;
    let push: MediaPush =
        serde_json::from_slice(body).map_err(|e| Error::invalid("body", format!("not a JSON push: {e}")))?;
    let Some(verdict) = push.verdict() else { return Ok(()) };
    ctx.db.write(|c| {
        let Some(photo) = uploads::by_trace(c, &push.trace_id)? else {
            tracing::warn!(trace_id = %push.trace_id, "an image verdict for no photo of ours");
            return Ok(());
        };
        // WeChat repeats a push it thinks was lost: a photo decided, or held for the committee
        // by an earlier "review", stays as it is.
        if photo.review != "pending" || held::exists(c, "photo", &photo.id)? {
            return Ok(());
        }
        let review = match verdict.suggest {
            Suggest::Pass => "cleared",
            Suggest::Risky => "rejected",
            // Unsure: the committee looks, the photo stays hidden meanwhile.
            Suggest::Review => "pending",
        };
        uploads::set_review(c, &photo.id, review)?;
        if verdict.suggest == Suggest::Review {
            let community = reviewing_community(c, &photo)?;
            let hold = Screen::Held { reason: "review", label: Some(verdict.label) };
            let subject = Subject {
                kind: "photo",
                id: &photo.id,
                community_id: community.as_deref(),
                parent_id: photo.attached_id.as_deref(),
                author_id: &photo.uploaded_by,
                text: &photo.id,
            };
            record(c, &hold, subject)?;
        }
        audit::append(
            c,
            audit::Event {
                actor_id: None,
                action: "upload.review",
                object_type: "upload",
                object_id: &photo.id,
                community_id: None,
                district_id: None,
                detail: json!({ "review": review, "suggest": format!("{:?}", verdict.suggest).to_lowercase(), "label": verdict.label }),
            },
        )?;
        Ok::<_, Error>(())
    })
}

/// The community whose committee reviews a photo: that of what it is attached to.
pub fn reviewing_community(c: &mut AnyConnection, photo: &uploads::UploadRow) -> Result<Option<String>, Error> {
    let Some(id) = photo.attached_id.as_deref() else { return Ok(None) };
    Ok(match photo.attached_to.as_deref() {
        Some("complaint") => complaints::get(c, id)?.map(|r| r.community_id),
        Some("notice") => notices::get(c, id)?.map(|n| n.community_id),
        Some("works_notice" | "works_notice_close") => match diandan_store::works::notice(c, id)? {
            Some(n) => diandan_store::projects::get(c, &n.project_id)?.map(|p| p.community_id),
            None => None,
        },
        Some("objection") => match objections::get(c, id)? {
            Some(o) => consultations::get(c, &o.consultation_id)?.map(|k| k.community_id),
            None => None,
        },
        _ => None,
    })
}
