//! POST /api/v1/communities/{id}/supervisors — the committee appoints a quality supervisor.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::routes::supervisors_list::SupervisorView;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::principal::{community, principal};
use diandan_domain::roles::Role;
use diandan_domain::{ids, time};
use diandan_store::clock;
use diandan_store::complaints::{self, SupervisorRow};
use diandan_store::{audit, bindings};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSupervisor {
    /// A verified resident of the community.
    pub user_id: String,
}

/// Appoint a resident as quality supervisor (群众质量监督员) for the renovation works: they
/// file renovation-works reports, which go to the committee.
#[utoipa::path(
    operation_id = "appointSupervisor",
    tag = "complaints",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id")),
    request_body = NewSupervisor,
    responses(
        (status = 201, body = SupervisorView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "already_supervisor", body = crate::problem::Problem),
        (status = 422, description = "supervisor_not_resident", body = crate::problem::Problem),
    )
)]
#[post("/supervisors")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<NewSupervisor>,
) -> Result<HttpResponse, ApiError> {
    let user_id = body.into_inner().user_id;
    let id = id.into_inner();
    let view = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        let comm = community(c, &id)?;
        p.require(&[Role::Admin, Role::Committee], &comm)?;
        if !ids::is_uuid(&user_id) || bindings::approved_in(c, &user_id, &comm.id)?.is_empty() {
            return Err(Error::invalid("user_id", "is not a verified resident of this community")
                .with_code(Code::SupervisorNotResident));
        }
        if complaints::active_supervisor(c, &comm.id, &user_id)?.is_some() {
            return Err(Error::new(Code::AlreadySupervisor, "this resident is already a quality supervisor here"));
        }
        let row = SupervisorRow {
            id: clock::new_id(),
            community_id: comm.id.clone(),
            user_id,
            appointed_by: p.id().to_owned(),
            appointed_at: time::to_db(clock::now()),
            revoked_by: None,
            revoked_at: None,
        };
        complaints::appoint_supervisor(c, &row)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "supervisor.appoint",
                object_type: "quality_supervisor",
                object_id: &row.id,
                community_id: Some(&comm.id),
                detail: json!({ "user_id": row.user_id }),
            },
        )?;
        Ok(SupervisorView::from(row))
    })
    .await?;
    Ok(HttpResponse::Created().json(view))
}
