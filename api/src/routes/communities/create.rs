//! POST /api/v1/communities — an admin registers a community (小区) in their district.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::places::communities::{create_community, NewCommunity};
use diandan_app::views::CommunityView;

/// Create a community.
#[utoipa::path(
    operation_id = "createCommunity",
    tag = "communities",
    security(("bearer" = [])),
    request_body = NewCommunity,
    responses(
        (status = 201, body = CommunityView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "community_exists", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<NewCommunity>,
) -> Result<HttpResponse, ApiError> {
    let new = body.into_inner();
    let view: CommunityView = blocking::run(&state, move |app| create_community(app, &caller, &new)).await?;
    Ok(HttpResponse::Created().json(view))
}
