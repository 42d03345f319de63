//! Liveness, readiness and the OpenAPI document.

use crate::blocking;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct Health {
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database: Option<&'static str>,
}

/// The process is alive.
#[utoipa::path(operation_id = "getHealth", tag = "health", responses((status = 200, body = Health)))]
#[get("/healthz")]
pub async fn healthz() -> web::Json<Health> {
    web::Json(Health { status: "ok", database: None })
}

/// The database answers; 503 otherwise.
#[utoipa::path(operation_id = "getReadiness", tag = "health", responses((status = 200, body = Health), (status = 503, body = crate::problem::Problem)))]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<web::Json<Health>, ApiError> {
    let backend = blocking::run(&state, diandan_app::health::database_ready).await?;
    Ok(web::Json(Health { status: "ready", database: Some(backend) }))
}

/// This API's OpenAPI 3.1 document.
#[utoipa::path(operation_id = "getOpenApiDocument", tag = "health", responses((status = 200, description = "the OpenAPI document (an object, written as YAML)", content_type = "application/yaml", body = Object)))]
#[get("/openapi.yaml")]
pub async fn openapi_yaml() -> HttpResponse {
    // The committed document, which a test keeps equal to the one generated from the routes
    // (generating it here would make the routes depend on themselves).
    const YAML: &str = include_str!("../../../openapi.yaml");
    HttpResponse::Ok().content_type("application/yaml; charset=utf-8").body(YAML)
}
