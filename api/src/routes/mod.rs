//! One endpoint per file. `configure` registers them all with `.service()` so that the
//! OpenAPI generator sees every route.

use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;

pub mod audit_list;
pub mod audit_verify;
pub mod auth_login;
pub mod auth_logout;
pub mod auth_refresh;
pub mod auth_wechat;
pub mod bindings_approve;
pub mod bindings_create;
pub mod bindings_list;
pub mod bindings_reject;
pub mod bindings_withdraw;
pub mod buildings_list;
pub mod communities_create;
pub mod communities_get;
pub mod communities_list;
pub mod districts_create;
pub mod districts_list;
pub mod dwellings_list;
pub mod health;
pub mod me_get;
pub mod me_phone;
pub mod me_update;
pub mod role_grants_create;
pub mod role_grants_list;
pub mod role_grants_revoke;
pub mod roster_import;
pub mod users_create;
pub mod users_list;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::healthz).service(health::readyz).service(health::openapi_yaml);
    cfg.service(
        scope::scope("/api/v1")
            .service(auth_wechat::handler)
            .service(auth_login::handler)
            .service(auth_refresh::handler)
            .service(auth_logout::handler)
            .service(me_get::handler)
            .service(me_phone::handler)
            .service(me_update::handler)
            .service(districts_create::handler)
            .service(districts_list::handler)
            .service(users_create::handler)
            .service(users_list::handler)
            .service(role_grants_create::handler)
            .service(role_grants_list::handler)
            .service(role_grants_revoke::handler)
            .service(communities_create::handler)
            .service(communities_list::handler)
            .service(communities_get::handler)
            .service(buildings_list::handler)
            .service(dwellings_list::handler)
            .service(roster_import::handler)
            .service(bindings_create::handler)
            .service(bindings_list::handler)
            .service(bindings_approve::handler)
            .service(bindings_reject::handler)
            .service(bindings_withdraw::handler)
            .service(audit_list::handler)
            .service(audit_verify::handler),
    );
}
