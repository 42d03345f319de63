//! PATCH /api/v1/me — set the name the committee sees when reviewing one's claims.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::Error;
use crate::state::AppState;
use actix_web::{patch, web, HttpResponse};
use diandan_app::principal::principal;
use diandan_domain::limits;
use diandan_store::{audit, users};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeUpdate {
    /// The name as registered (1–64 characters), shown to the committee with one's claims.
    pub display_name: String,
}

/// Update one's display name.
#[utoipa::path(
    operation_id = "updateMe",
    tag = "identity",
    security(("bearer" = [])),
    request_body = MeUpdate,
    responses((status = 204, description = "updated"), (status = 401, body = crate::problem::Problem), (status = 422, body = crate::problem::Problem))
)]
#[patch("/me")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<MeUpdate>,
) -> Result<HttpResponse, ApiError> {
    let name =
        limits::DISPLAY_NAME.check(&body.into_inner().display_name).map_err(|m| Error::invalid("display_name", m))?;
    blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        users::set_display_name(c, p.id(), &name)?;
        // The name itself stays out of the audit log (personal data); the change is recorded.
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "user.rename",
                object_type: "user",
                object_id: p.id(),
                community_id: None,
                detail: json!({}),
            },
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
