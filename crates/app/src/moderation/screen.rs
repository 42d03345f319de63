//! Screening a text before it is stored, and recording a hold in the storing transaction.
//!
//! The policy when WeChat cannot be asked (unreachable, busy, an error): the text is stored and
//! held for the committee (`unchecked`), never shown unchecked and never refused for WeChat's
//! fault. Texts of accounts WeChat does not know (staff, development logins) are not screened:
//! WeChat's check takes only an openid of the mini-program.

use crate::wechat_token::{with_token, Failure};
use crate::{Code, Context, Error, FieldError};
use diandan_auth::wechat_security::{Scene, Suggest};
use diandan_domain::time;
use diandan_store::held::{self, HeldRow};
use diandan_store::{audit, clock, users, AnyConnection};
use serde_json::json;

/// What screening decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// Passed, or not screened (see the module's policy).
    Shown,
    /// To be held: `review` (WeChat was unsure) or `unchecked`, with WeChat's label.
    Held { reason: &'static str, label: Option<i64> },
}

/// Screens the non-empty `texts` (field, text) `user_id` is about to store for `scene`; a risky
/// one is refused (422 `content_rejected`, naming its field) and nothing should be stored.
pub fn screen(ctx: &Context, user_id: &str, scene: Scene, texts: &[(&str, Option<&str>)]) -> Result<Screen, Error> {
    let texts: Vec<(&str, &str)> =
        texts.iter().filter_map(|(f, t)| t.map(str::trim).filter(|t| !t.is_empty()).map(|t| (*f, t))).collect();
    // WeChat unconfigured: nothing to ask, and no read spent on finding out.
    if texts.is_empty() || !ctx.wechat.checks_anything() {
        return Ok(Screen::Shown);
    }
    let openid = ctx.db.read(|c| Ok::<_, Error>(users::get(c, user_id)?.and_then(|u| u.openid)))?;
    let Some(openid) = openid.filter(|o| ctx.wechat.checks(o)) else { return Ok(Screen::Shown) };
    let mut outcome = Screen::Shown;
    for (field, text) in texts {
        match with_token(&ctx.db, &ctx.wechat, |token| ctx.wechat.msg_sec_check(token, &openid, scene, text)) {
            Ok(v) if v.suggest == Suggest::Risky => {
                let mut e =
                    Error::new(Code::ContentRejected, "WeChat's content check refuses this text; nothing was stored");
                e.errors.push(FieldError::new(field, format!("refused by WeChat's content check (label {})", v.label)));
                return Err(e);
            }
            Ok(v) if v.suggest == Suggest::Review => outcome = Screen::Held { reason: "review", label: Some(v.label) },
            Ok(_) => {}
            Err(Failure::Store(e)) => return Err(e),
            Err(Failure::WeChat(e)) => {
                tracing::warn!(error = %e, "WeChat's content check could not be asked; the text is held for review");
                if outcome == Screen::Shown {
                    outcome = Screen::Held { reason: "unchecked", label: None };
                }
            }
        }
    }
    Ok(outcome)
}

/// What a hold is about.
pub struct Subject<'a> {
    pub kind: &'a str,
    pub id: &'a str,
    /// The reviewing committee's community (None: the platform admin reviews).
    pub community_id: Option<&'a str>,
    pub parent_id: Option<&'a str>,
    pub author_id: &'a str,
    pub text: &'a str,
}

/// Records `screen`'s outcome for `s` inside the storing transaction: a hold (with its audit
/// entry), or no hold (a replaced text that passed lifts an earlier one). Answers whether held.
pub fn record(c: &mut AnyConnection, screen: &Screen, s: Subject<'_>) -> Result<bool, Error> {
    let Screen::Held { reason, label } = screen else {
        held::clear(c, s.kind, s.id)?;
        return Ok(false);
    };
    let row = HeldRow {
        id: clock::new_id(),
        kind: s.kind.into(),
        subject_id: s.id.into(),
        community_id: s.community_id.map(str::to_owned),
        parent_id: s.parent_id.map(str::to_owned),
        author_id: s.author_id.into(),
        text: s.text.into(),
        reason: (*reason).into(),
        label: *label,
        state: "held".into(),
        created_at: time::to_db(clock::now()),
        decided_by: None,
        decided_at: None,
        note: None,
    };
    held::hold(c, &row)?;
    audit::append(
        c,
        audit::Event {
            actor_id: None,
            action: "content.hold",
            object_type: s.kind,
            object_id: s.id,
            community_id: s.community_id,
            district_id: None,
            detail: json!({ "held_id": row.id, "reason": reason, "label": label, "author_id": s.author_id }),
        },
    )?;
    Ok(true)
}

/// The text `viewer` reads of a held text: as written for its author and the reviewers,
/// else a placeholder.
pub fn shown(text: String, hidden: bool, sees_held: bool) -> String {
    match hidden && !sees_held {
        true => HIDDEN.to_owned(),
        false => text,
    }
}

/// What others read in place of a held text.
pub const HIDDEN: &str = "（内容待社区审核）";
