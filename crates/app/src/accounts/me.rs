//! One's own account: who am I (roles, dwellings), the name the committee sees, and the
//! WeChat-verified phone.

use crate::accounts::wechat::check_code;
use crate::moderation::screen::{record, screen, Subject};
use crate::principal::principal;
use crate::views::{BindingView, GrantView};
use crate::{Actor, Code, Context, Error};
use diandan_auth::wechat::WeChat;
use diandan_auth::wechat_security::Scene;
use diandan_domain::{limits, phone};
use diandan_store::{audit, bindings, roles, users};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub id: String,
    /// resident | staff
    pub kind: String,
    pub display_name: String,
    pub username: Option<String>,
    /// Your own verified phone, unmasked.
    pub phone: Option<String>,
    pub roles: Vec<GrantView>,
    pub bindings: Vec<BindingView>,
    /// Whether the person accepted the privacy policy in force.
    pub privacy: crate::accounts::personal::PrivacyStatus,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeUpdate {
    /// The name as registered (1–64 characters), shown to the committee with one's claims.
    pub display_name: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PhoneRequest {
    /// The code from the mini-program's `getPhoneNumber` button (or `dev:<phone>` when
    /// development login is enabled). A typed-in number is never accepted: binding
    /// auto-approval trusts this phone.
    pub code: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PhoneBound {
    pub phone: String,
}

/// The caller's account, active role grants and dwelling bindings.
pub fn read_me(ctx: &Context, actor: &Actor) -> Result<Me, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let grants = roles::list_for_user(c, p.id())?;
        let bound = bindings::list_for_user(c, p.id())?;
        let privacy = crate::accounts::personal::PrivacyStatus::of(&p.user, &ctx.privacy_version);
        Ok(Me {
            privacy,
            id: p.user.id,
            kind: p.user.kind,
            display_name: p.user.display_name,
            username: p.user.username,
            phone: p.user.phone,
            roles: grants.into_iter().map(GrantView::from).collect(),
            bindings: bound.into_iter().map(BindingView::own).collect(),
        })
    })
}

/// Sets the caller's display name.
pub fn update_me(ctx: &Context, actor: &Actor, update: &MeUpdate) -> Result<(), Error> {
    let name = Some(update.display_name.as_str());
    let screened = screen(ctx, &actor.user_id, Scene::Profile, &[("display_name", name)])?;
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let name = limits::DISPLAY_NAME.check(&update.display_name).map_err(|m| Error::invalid("display_name", m))?;
        users::set_display_name(c, p.id(), &name)?;
        // A held name is reviewed by the platform admin (a person's name belongs to no community).
        let subject = Subject {
            kind: "display_name",
            id: p.id(),
            community_id: None,
            parent_id: None,
            author_id: p.id(),
            text: &name,
        };
        record(c, &screened, subject)?;
        // The name itself stays out of the audit log (personal data); the change is recorded.
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "user.rename",
                object_type: "user",
                object_id: p.id(),
                community_id: None,
                district_id: None,
                detail: json!({}),
            },
        )?;
        Ok(())
    })
}

/// Asks WeChat for the number behind `request.code` and stores it on the caller's account.
/// The account is checked before WeChat is asked; no transaction is open while it answers.
/// Blocks on WeChat: call it on the blocking pool.
pub fn bind_phone(ctx: &Context, actor: &Actor, wechat: &WeChat, request: &PhoneRequest) -> Result<PhoneBound, Error> {
    ctx.db.read(|c| principal(c, actor).map(drop))?;
    check_code(&request.code)?;
    let raw = match wechat.dev_phone(&request.code) {
        Some(dev) => dev,
        None => crate::wechat_token::with_token(&ctx.db, wechat, |token| wechat.phone_number(token, &request.code))?,
    };
    let number = phone::normalize(&raw).ok_or_else(|| {
        Error::invalid("code", "the verified number is not a mainland mobile number").with_code(Code::PhoneNotMainland)
    })?;
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        users::set_verified_phone(c, p.id(), &number)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "user.phone_verified",
                object_type: "user",
                object_id: p.id(),
                community_id: None,
                district_id: None,
                detail: json!({}),
            },
        )?;
        Ok::<_, Error>(())
    })?;
    Ok(PhoneBound { phone: number })
}
