//! POST /api/v1/communities — an admin registers a community (小区) in their district.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::{ApiError, FieldError};
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::principal::principal;
use diandan_app::views::CommunityView;
use diandan_domain::limits;
use diandan_domain::{ids, time};
use diandan_store::clock;
use diandan_store::communities::{self, CommunityRow};
use diandan_store::{audit, StoreError};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCommunity {
    pub district_id: String,
    pub name: String,
    pub address: String,
    /// Year of construction (1900–this year).
    #[serde(default, deserialize_with = "diandan_app::whole_number::opt_int")]
    pub year_built: Option<i32>,
}

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
    let b = body.into_inner();
    let mut errors = Vec::new();
    let name = limits::NAME.check(&b.name).unwrap_or_else(|m| {
        errors.push(FieldError { field: "name".into(), message: m });
        String::new()
    });
    let address = limits::ADDRESS.check(&b.address).unwrap_or_else(|m| {
        errors.push(FieldError { field: "address".into(), message: m });
        String::new()
    });
    let this_year = chrono::Datelike::year(&chrono::Utc::now());
    if let Some(y) = b.year_built {
        if !(limits::YEAR_BUILT_MIN..=i64::from(this_year)).contains(&i64::from(y)) {
            errors.push(FieldError {
                field: "year_built".into(),
                message: format!("must be between {} and {this_year}", limits::YEAR_BUILT_MIN),
            });
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let row = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        if !ids::is_uuid(&b.district_id) || communities::district(c, &b.district_id)?.is_none() {
            return Err(Error::not_found("district"));
        }
        p.require_admin_of(&b.district_id)?;
        let row = CommunityRow {
            id: clock::new_id(),
            district_id: b.district_id,
            name,
            address,
            year_built: b.year_built,
            created_at: time::to_db(clock::now()),
        };
        communities::insert(c, &row).map_err(|e| match e {
            StoreError::Conflict(_) => {
                Error::new(Code::CommunityExists, "this district already has a community with this name")
            }
            other => other.into(),
        })?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "community.create",
                object_type: "community",
                object_id: &row.id,
                community_id: Some(&row.id),
                detail: json!({ "name": row.name, "district_id": row.district_id }),
            },
        )?;
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created().json(CommunityView::from(row)))
}
