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
pub mod ballot_cast;
pub mod ballot_mine;
pub mod bindings_approve;
pub mod bindings_create;
pub mod bindings_list;
pub mod bindings_reject;
pub mod bindings_withdraw;
pub mod buildings_list;
pub mod bulletin_list;
pub mod bulletin_receipt;
pub mod catalog_create;
pub mod catalog_list;
pub mod communities_create;
pub mod communities_get;
pub mod communities_list;
pub mod companies_create;
pub mod companies_list;
pub mod complaint_accept;
pub mod complaint_assign;
pub mod complaint_comment;
pub mod complaint_confirm;
pub mod complaint_figures_community;
pub mod complaint_figures_company;
pub mod complaint_me_too;
pub mod complaint_reject;
pub mod complaint_reply;
pub mod complaint_send_back;
pub mod complaint_start;
pub mod complaints_create;
pub mod complaints_get;
pub mod complaints_list;
pub mod consultation_announce;
pub mod consultation_close;
pub mod consultation_extend;
pub mod consultation_finish_review;
pub mod consultation_open;
pub mod consultation_preliminary;
pub mod consultation_publish;
pub mod consultations_create;
pub mod consultations_get;
pub mod consultations_list;
pub mod consultations_update;
pub mod contracts_create;
pub mod contracts_end;
pub mod contracts_list;
pub mod demand_chart_get;
pub mod demand_list_get;
pub mod district_demand_get;
pub mod districts_create;
pub mod districts_list;
pub mod dwellings_list;
pub mod health;
pub mod items_add;
pub mod items_decide;
pub mod items_remove;
pub mod me_get;
pub mod me_phone;
pub mod me_update;
pub mod objections_answer;
pub mod objections_create;
pub mod objections_list;
pub mod paper_confirm;
pub mod paper_create;
pub mod paper_list;
pub mod paper_void;
pub mod participation_get;
pub mod rating_periods_close;
pub mod rating_periods_create;
pub mod rating_periods_list;
pub mod rating_reply;
pub mod rating_results;
pub mod ratings_create;
pub mod ratings_mine;
pub mod ratings_update;
pub mod role_grants_create;
pub mod role_grants_list;
pub mod role_grants_revoke;
pub mod roster_import;
pub mod supervisors_appoint;
pub mod supervisors_list;
pub mod supervisors_revoke;
pub mod tally_get;
pub mod users_create;
pub mod users_list;
pub mod voters_list;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::healthz).service(health::readyz).service(health::openapi_yaml);
    cfg.service(
        scope::scope("/api/v1")
            .service(
                scope::scope("/communities")
                    .service(communities_create::handler)
                    .service(communities_list::handler)
                    // One match of the id, then the tails: far cheaper than matching every full pattern.
                    .service(
                        scope::scope("/{id}")
                            .service(bindings_list::handler)
                            .service(buildings_list::handler)
                            .service(catalog_create::handler)
                            .service(communities_get::handler)
                            .service(complaint_figures_community::handler)
                            .service(complaints_create::handler)
                            .service(complaints_list::handler)
                            .service(consultations_create::handler)
                            .service(consultations_list::handler)
                            .service(contracts_create::handler)
                            .service(contracts_list::handler)
                            .service(demand_chart_get::handler)
                            .service(demand_list_get::handler)
                            .service(dwellings_list::handler)
                            .service(roster_import::handler)
                            .service(supervisors_appoint::handler)
                            .service(supervisors_list::handler)
                            .service(supervisors_revoke::handler),
                    ),
            )
            .service(
                scope::scope("/consultations")
                    // One match of the id, then the tails: far cheaper than matching every full pattern.
                    .service(
                        scope::scope("/{id}")
                            .service(ballot_cast::handler)
                            .service(ballot_mine::handler)
                            .service(bulletin_list::handler)
                            .service(bulletin_receipt::handler)
                            .service(consultation_announce::handler)
                            .service(consultation_close::handler)
                            .service(consultation_extend::handler)
                            .service(consultation_finish_review::handler)
                            .service(consultation_open::handler)
                            .service(consultation_preliminary::handler)
                            .service(consultation_publish::handler)
                            .service(consultations_get::handler)
                            .service(consultations_update::handler)
                            .service(items_add::handler)
                            .service(items_decide::handler)
                            .service(items_remove::handler)
                            .service(objections_create::handler)
                            .service(objections_list::handler)
                            .service(paper_create::handler)
                            .service(paper_list::handler)
                            .service(participation_get::handler)
                            .service(tally_get::handler)
                            .service(voters_list::handler),
                    ),
            )
            .service(
                scope::scope("/complaints")
                    // One match of the id, then the tails: far cheaper than matching every full pattern.
                    .service(
                        scope::scope("/{id}")
                            .service(complaint_accept::handler)
                            .service(complaint_assign::handler)
                            .service(complaint_comment::handler)
                            .service(complaint_confirm::handler)
                            .service(complaint_me_too::handler)
                            .service(complaint_reject::handler)
                            .service(complaint_reply::handler)
                            .service(complaint_send_back::handler)
                            .service(complaint_start::handler)
                            .service(complaints_get::handler),
                    ),
            )
            .service(
                scope::scope("/rating-periods")
                    .service(rating_periods_create::handler)
                    .service(rating_periods_list::handler)
                    // One match of the id, then the tails: far cheaper than matching every full pattern.
                    .service(
                        scope::scope("/{id}")
                            .service(rating_periods_close::handler)
                            .service(rating_reply::handler)
                            .service(rating_results::handler)
                            .service(ratings_create::handler)
                            .service(ratings_mine::handler),
                    ),
            )
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
            .service(bindings_create::handler)
            .service(bindings_approve::handler)
            .service(bindings_reject::handler)
            .service(bindings_withdraw::handler)
            .service(audit_list::handler)
            .service(audit_verify::handler)
            .service(catalog_list::handler)
            .service(paper_confirm::handler)
            .service(paper_void::handler)
            .service(objections_answer::handler)
            .service(companies_create::handler)
            .service(companies_list::handler)
            .service(contracts_end::handler)
            .service(complaint_figures_company::handler)
            .service(ratings_update::handler)
            .service(district_demand_get::handler),
    );
}
