//! GET /api/v1/role-grants — who holds which role in a community or district.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::Error;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::principal::{community, principal};
use diandan_app::views::GrantView;
use diandan_domain::roles::Role;
use diandan_store::roles;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
pub struct GrantQuery {
    /// Grants in this community (admins of its district and its committee may read them).
    pub community_id: Option<String>,
    /// Admin grants of this district (its admins may read them).
    pub district_id: Option<String>,
    /// Include revoked grants (default false).
    pub include_revoked: Option<bool>,
}

/// List role grants of one community or district.
#[utoipa::path(
    operation_id = "listRoleGrants",
    tag = "identity",
    security(("bearer" = [])),
    params(GrantQuery),
    responses((status = 200, body = Vec<GrantView>), (status = 403, body = crate::problem::Problem), (status = 422, body = crate::problem::Problem))
)]
#[get("/role-grants")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<GrantQuery>,
) -> Result<web::Json<Vec<GrantView>>, ApiError> {
    let q = q.into_inner();
    let rows = blocking::read(&state, move |c| {
        let p = principal(c, &caller)?;
        let revoked = q.include_revoked.unwrap_or(false);
        match (&q.community_id, &q.district_id) {
            (Some(cid), None) => {
                let comm = community(c, cid)?;
                p.require(&[Role::Admin, Role::Committee], &comm)?;
                Ok(roles::list(c, Some(&comm.id), None, revoked)?)
            }
            (None, Some(did)) => {
                p.require_admin_of(did)?;
                Ok(roles::list(c, None, Some(did), revoked)?)
            }
            _ => Err(Error::invalid("community_id", "give exactly one of community_id or district_id")),
        }
    })
    .await?;
    Ok(web::Json(rows.into_iter().map(GrantView::from).collect()))
}
