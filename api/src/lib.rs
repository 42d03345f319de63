//! The diandan HTTP service: actix-web routes (one endpoint per file under `routes/`), the
//! authentication extractor, problem+json errors, configuration and the command line.

pub mod access;
pub mod app;
pub mod ballot_input;
pub mod binding_decision;
pub mod blocking;
pub mod caller;
pub mod cli;
pub mod company_views;
pub mod complaint_figures;
pub mod complaint_flow;
pub mod complaint_period;
pub mod complaint_views;
pub mod config;
pub mod consultation_views;
pub mod demand_chart;
pub mod demand_list;
pub mod demand_tables;
pub mod demo;
pub mod district_demand;
pub mod idempotent;
pub mod lifecycle;
pub mod openapi;
pub mod openapi_rules;
pub mod owner;
pub mod page;
pub mod password_work;
pub mod problem;
pub mod rating_views;
pub mod request_log;
pub mod roster_file;
pub mod routes;
pub mod scheduler;
pub mod server;
pub mod session;
pub mod state;
pub mod tables;
pub mod tally_view;
pub mod text_guard;
pub mod transition_endpoint;
pub mod upload;
pub mod views;
pub mod voting;

pub use app::build_app;
pub use state::AppState;
