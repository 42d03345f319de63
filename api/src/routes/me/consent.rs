//! POST /api/v1/me/privacy-consent — the person accepted the privacy policy in force.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::accounts::personal::{consent, Consent, PrivacyStatus};

/// Record consent to the privacy policy in force (`GET /me` says whether it is needed).
#[utoipa::path(
    operation_id = "recordPrivacyConsent",
    tag = "identity",
    security(("bearer" = [])),
    request_body = Consent,
    responses((status = 200, body = PrivacyStatus), (status = 401, body = crate::problem::Problem), (status = 422, body = crate::problem::Problem))
)]
#[post("/me/privacy-consent")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<Consent>,
) -> Result<web::Json<PrivacyStatus>, ApiError> {
    let b = body.into_inner();
    let s = blocking::run(&state, move |app| consent(app, &caller, &b)).await?;
    Ok(web::Json(s))
}
