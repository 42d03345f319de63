//! One endpoint per file. `configure` registers them all with `.service()` so that the
//! OpenAPI generator sees every route.

use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;

pub mod acceptance;
pub mod audit;
pub mod auth;
pub mod ballots;
pub mod bindings;
pub mod bulletin;
pub mod catalog;
pub mod communities;
pub mod companies;
pub mod complaints;
pub mod consultations;
pub mod contracts;
pub mod cost_shares;
pub mod demand;
pub mod design_objections;
pub mod designs;
pub mod districts;
pub mod held_texts;
pub mod items;
pub mod me;
pub mod messages;
pub mod notices;
pub mod objections;
pub mod paper;
pub mod projects;
pub mod proxies;
pub mod rating_periods;
pub mod ratings;
pub mod representatives;
pub mod reviews;
pub mod role_grants;
pub mod supervisors;
pub mod uploads;
pub mod users;
pub mod wechat;
pub mod works;
pub mod works_notices;

pub mod health;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::healthz).service(health::readyz).service(health::openapi_yaml);
    cfg.service(
        scope::scope("/api/v1")
            .service(
                scope::scope("/communities")
                    .service(communities::create::handler)
                    .service(communities::list::handler)
                    // One match of the id, then the tails: far cheaper than matching every full pattern.
                    .service(
                        scope::scope("/{id}")
                            .service(bindings::list::handler)
                            .service(communities::buildings::handler)
                            .service(catalog::create::handler)
                            .service(communities::get::handler)
                            .service(complaints::figures_community::handler)
                            .service(complaints::create::handler)
                            .service(complaints::list::handler)
                            .service(consultations::create::handler)
                            .service(consultations::list::handler)
                            .service(contracts::create::handler)
                            .service(contracts::list::handler)
                            .service(demand::chart::handler)
                            .service(demand::list::handler)
                            .service(communities::dwellings::handler)
                            .service(communities::roster::handler)
                            .service(notices::create::handler)
                            .service(notices::list::handler)
                            .service(projects::create::handler)
                            .service(projects::list::handler)
                            .service(representatives::appoint::handler)
                            .service(representatives::list::handler)
                            .service(representatives::revoke::handler)
                            .service(supervisors::appoint::handler)
                            .service(supervisors::list::handler)
                            .service(supervisors::revoke::handler),
                    ),
            )
            .service(
                scope::scope("/consultations")
                    // One match of the id, then the tails: far cheaper than matching every full pattern.
                    .service(
                        scope::scope("/{id}")
                            .service(ballots::cast::handler)
                            .service(ballots::mine::handler)
                            .service(bulletin::list::handler)
                            .service(bulletin::receipt::handler)
                            .service(consultations::announce::handler)
                            .service(consultations::close::handler)
                            .service(consultations::extend::handler)
                            .service(consultations::finish_review::handler)
                            .service(consultations::open::handler)
                            .service(consultations::preliminary::handler)
                            .service(consultations::publish::handler)
                            .service(consultations::get::handler)
                            .service(consultations::update::handler)
                            .service(cost_shares::list::handler)
                            .service(cost_shares::mine::handler)
                            .service(items::add::handler)
                            .service(items::decide::handler)
                            .service(items::remove::handler)
                            .service(objections::create::handler)
                            .service(objections::list::handler)
                            .service(paper::create::handler)
                            .service(paper::list::handler)
                            .service(proxies::create::handler)
                            .service(proxies::list::handler)
                            .service(ballots::participation::handler)
                            .service(ballots::tally::handler)
                            .service(ballots::voters::handler),
                    ),
            )
            .service(
                scope::scope("/complaints")
                    // One match of the id, then the tails: far cheaper than matching every full pattern.
                    .service(
                        scope::scope("/{id}")
                            .service(complaints::accept::handler)
                            .service(complaints::assign::handler)
                            .service(complaints::comment::handler)
                            .service(complaints::confirm::handler)
                            .service(complaints::me_too::handler)
                            .service(complaints::reject::handler)
                            .service(complaints::reply::handler)
                            .service(complaints::send_back::handler)
                            .service(complaints::start::handler)
                            .service(complaints::get::handler),
                    ),
            )
            .service(
                scope::scope("/rating-periods")
                    .service(rating_periods::create::handler)
                    .service(rating_periods::list::handler)
                    // One match of the id, then the tails: far cheaper than matching every full pattern.
                    .service(
                        scope::scope("/{id}")
                            .service(rating_periods::close::handler)
                            .service(ratings::reply::handler)
                            .service(ratings::results::handler)
                            .service(ratings::create::handler)
                            .service(ratings::mine::handler),
                    ),
            )
            .service(
                scope::scope("/projects").service(
                    scope::scope("/{id}")
                        .service(designs::submit::handler)
                        .service(designs::list::handler)
                        .service(works::party::handler)
                        .service(works::get::handler)
                        .service(works::milestone::handler)
                        .service(works_notices::issue::handler)
                        .service(acceptance::rate::handler)
                        .service(acceptance::decide::handler)
                        .service(acceptance::get::handler)
                        .service(projects::get::handler),
                ),
            )
            .service(
                scope::scope("/designs").service(
                    scope::scope("/{id}")
                        .service(reviews::open::handler)
                        .service(designs::approve::handler)
                        .service(design_objections::create::handler)
                        .service(design_objections::list::handler)
                        .service(designs::get::handler),
                ),
            )
            .service(
                scope::scope("/reviews").service(
                    scope::scope("/{id}")
                        .service(reviews::opinions::handler)
                        .service(reviews::decide::handler)
                        .service(reviews::get::handler),
                ),
            )
            .service(
                scope::scope("/notices").service(
                    scope::scope("/{id}")
                        .service(notices::read::handler)
                        .service(notices::withdraw::handler)
                        .service(notices::get::handler)
                        .service(notices::update::handler),
                ),
            )
            .service(auth::wechat::handler)
            .service(auth::login::handler)
            .service(auth::refresh::handler)
            .service(auth::logout::handler)
            .service(me::get::handler)
            .service(me::feed::handler)
            .service(proxies::mine::handler)
            .service(me::consent::handler)
            .service(me::export::handler)
            .service(me::erase::handler)
            .service(messages::templates::handler)
            .service(messages::grants::handler)
            .service(messages::record::handler)
            .service(me::phone::handler)
            .service(me::update::handler)
            .service(districts::create::handler)
            .service(districts::list::handler)
            .service(users::create::handler)
            .service(users::list::handler)
            .service(users::disable::handler)
            .service(users::enable::handler)
            .service(role_grants::create::handler)
            .service(role_grants::list::handler)
            .service(role_grants::revoke::handler)
            .service(bindings::create::handler)
            .service(bindings::approve::handler)
            .service(bindings::reject::handler)
            .service(bindings::withdraw::handler)
            .service(audit::list::handler)
            .service(audit::verify::handler)
            .service(catalog::list::handler)
            .service(paper::confirm::handler)
            .service(paper::void::handler)
            .service(proxies::confirm::handler)
            .service(proxies::reject::handler)
            .service(proxies::revoke::handler)
            .service(objections::answer::handler)
            .service(design_objections::answer::handler)
            .service(works_notices::plan::handler)
            .service(works_notices::close::handler)
            .service(companies::create::handler)
            .service(companies::list::handler)
            .service(contracts::end::handler)
            .service(complaints::figures_company::handler)
            .service(ratings::update::handler)
            .service(districts::demand::handler)
            .service(districts::projects::handler)
            .service(districts::report::handler)
            .service(uploads::create::handler)
            .service(uploads::get::handler)
            .service(held_texts::list::handler)
            .service(held_texts::decide::handler)
            .service(wechat::verify::handler)
            .service(wechat::push::handler),
    );
}
