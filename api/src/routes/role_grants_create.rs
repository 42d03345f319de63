//! POST /api/v1/role-grants — appoint a user to a role.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::principal::{community, principal};
use diandan_app::views::GrantView;
use diandan_domain::roles::Role;
use diandan_domain::{ids, time};
use diandan_store::clock;
use diandan_store::roles::{self, GrantRow};
use diandan_store::{audit, communities, companies, users};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewGrant {
    pub user_id: String,
    /// admin | committee | designer | property
    pub role: String,
    /// Required for committee and designer.
    pub community_id: Option<String>,
    /// Required for property: staff belong to a company and reach the communities it serves.
    pub company_id: Option<String>,
    /// For admin: the district administered. Omitted: every district (platform admin).
    pub district_id: Option<String>,
}

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
    let g = body.into_inner();
    let role =
        Role::parse(&g.role).ok_or_else(|| Error::invalid("role", "must be admin, committee, designer or property"))?;
    let row = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        let (district_id, community_id, company_id) = match role {
            Role::Admin => {
                if g.community_id.is_some() {
                    return Err(Error::invalid("community_id", "an admin role is granted per district, not per community"));
                }
                p.require_global_admin()?;
                if let Some(d) = &g.district_id {
                    if !ids::is_uuid(d) || communities::district(c, d)?.is_none() {
                        return Err(Error::not_found("district"));
                    }
                }
                (g.district_id.clone(), None, None)
            }
            Role::Property => {
                if g.district_id.is_some() || g.community_id.is_some() {
                    return Err(Error::invalid(
                        "company_id",
                        "property staff are granted per company; omit community_id and district_id",
                    ));
                }
                let cid = g.company_id.clone().ok_or_else(|| Error::invalid("company_id", "is required for the property role"))?;
                let company = (ids::is_uuid(&cid))
                    .then(|| companies::get(c, &cid))
                    .transpose()?
                    .flatten()
                    .ok_or_else(|| Error::not_found("company"))?;
                p.require_admin_of(&company.district_id)?;
                (None, None, Some(company.id))
            }
            _ => {
                if g.company_id.is_some() {
                    return Err(Error::invalid("company_id", "only property staff belong to a company"));
                }
                if g.district_id.is_some() {
                    return Err(Error::invalid("district_id", "community roles are granted per community; omit district_id"));
                }
                let cid = g.community_id.clone().ok_or_else(|| Error::invalid("community_id", "is required for this role"))?;
                let comm = community(c, &cid)?;
                p.require_admin_of(&comm.district_id)?;
                (None, Some(comm.id), None)
            }
        };
        if !ids::is_uuid(&g.user_id) || users::get(c, &g.user_id)?.is_none() {
            return Err(Error::not_found("user"));
        }
        let exists = match &company_id {
            Some(company) => roles::company_staff_exists(c, &g.user_id, company)?,
            None => roles::active_exists(c, &g.user_id, role, district_id.as_deref(), community_id.as_deref())?,
        };
        if exists {
            return Err(Error::new(Code::AlreadyGranted, "the user already holds this role here"));
        }
        let row = GrantRow {
            id: clock::new_id(),
            user_id: g.user_id.clone(),
            role: role.as_str().into(),
            district_id,
            community_id,
            granted_by: Some(p.id().to_owned()),
            granted_at: time::to_db(clock::now()),
            revoked_by: None,
            revoked_at: None,
            company_id,
        };
        roles::insert(c, &row)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "role.grant",
                object_type: "role_grant",
                object_id: &row.id,
                community_id: row.community_id.as_deref(),
                detail: json!({ "user_id": row.user_id, "role": row.role, "district_id": row.district_id, "company_id": row.company_id }),
            },
        )?;
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created().json(GrantView::from(row)))
}
