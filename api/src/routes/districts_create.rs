//! POST /api/v1/districts — the platform admin creates a district (街道 / 区).

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::principal::principal;
use diandan_app::views::DistrictView;
use diandan_domain::limits;
use diandan_domain::time;
use diandan_store::clock;
use diandan_store::communities::{self, DistrictRow};
use diandan_store::{audit, StoreError};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDistrict {
    pub name: String,
}

/// Create a district.
#[utoipa::path(
    operation_id = "createDistrict",
    tag = "communities",
    security(("bearer" = [])),
    request_body = NewDistrict,
    responses(
        (status = 201, body = DistrictView),
        (status = 403, body = crate::problem::Problem),
        (status = 409, description = "district_exists", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/districts")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<NewDistrict>,
) -> Result<HttpResponse, ApiError> {
    let name = limits::NAME.check(&body.into_inner().name).map_err(|m| Error::invalid("name", m))?;
    let row = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        p.require_global_admin()?;
        let row = DistrictRow { id: clock::new_id(), name, created_at: time::to_db(clock::now()) };
        communities::insert_district(c, &row).map_err(|e| match e {
            StoreError::Conflict(_) => Error::new(Code::DistrictExists, "a district with this name exists"),
            other => other.into(),
        })?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "district.create",
                object_type: "district",
                object_id: &row.id,
                community_id: None,
                detail: json!({ "name": row.name }),
            },
        )?;
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created().json(DistrictView::from(row)))
}
