//! POST /api/v1/me/phone — bind a WeChat-verified phone number to the account.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::routes::auth_wechat::{check_code, wechat_problem};
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::principal::principal;
use diandan_domain::phone;
use diandan_store::{audit, users};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

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

/// Verify the phone number with WeChat and store it on the account.
#[utoipa::path(
    operation_id = "bindPhone",
    tag = "identity",
    security(("bearer" = [])),
    request_body = PhoneRequest,
    responses(
        (status = 200, body = PhoneBound),
        (status = 401, body = crate::problem::Problem),
        (status = 422, description = "validation_failed, phone_not_mainland", body = crate::problem::Problem),
        (status = 503, body = crate::problem::Problem),
    )
)]
#[post("/me/phone")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<PhoneRequest>,
) -> Result<web::Json<PhoneBound>, ApiError> {
    let code = body.into_inner().code;
    check_code(&code)?;
    let wechat = state.wechat.clone();
    let raw = web::block(move || wechat.phone_number(&code)).await?.map_err(wechat_problem)?;
    let number = phone::normalize(&raw).ok_or_else(|| {
        Error::invalid("code", "the verified number is not a mainland mobile number").with_code(Code::PhoneNotMainland)
    })?;
    let stored = number.clone();
    blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        users::set_verified_phone(c, p.id(), &stored)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "user.phone_verified",
                object_type: "user",
                object_id: p.id(),
                community_id: None,
                detail: json!({}),
            },
        )?;
        Ok(())
    })
    .await?;
    Ok(web::Json(PhoneBound { phone: number }))
}
