//! POST /api/v1/role-grants — appoint a user to a role.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::accounts::grants::{grant_role, NewGrant};
use diandan_app::views::GrantView;

/// Grant a role. Community roles are granted by an admin of the community's district; admin
/// roles by the platform admin only.
#[utoipa::path(
    operation_id = "grantRole",
    tag = "identity",
    security(("bearer" = [])),
    request_body = NewGrant,
    responses(
        (status = 201, body = GrantView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "already_granted", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/role-grants")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<NewGrant>,
) -> Result<HttpResponse, ApiError> {
    let grant = body.into_inner();
    let view: GrantView = blocking::run(&state, move |app| grant_role(app, &caller, &grant)).await?;
    Ok(HttpResponse::Created().json(view))
}
