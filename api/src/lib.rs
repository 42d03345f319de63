//! The diandan HTTP service: actix-web routes (one endpoint per file under `routes/`), the
//! authentication extractor, problem+json errors, configuration and the command line.

pub mod app;
pub mod blocking;
pub mod caller;
pub mod cli;
pub mod config;
pub mod console;
pub mod demand_chart;
pub mod demand_tables;
pub mod demo;
pub mod idempotent;
pub mod openapi;
pub mod openapi_codes;
pub mod openapi_rules;
pub mod password_work;
pub mod problem;
pub mod report_tables;
pub mod request_log;
pub mod route_table;
pub mod routes;
pub mod scheduler;
pub mod server;
pub mod state;
pub mod state_step;
pub mod tables;
pub mod text_guard;
pub mod upload;
pub mod write_allowance;
pub mod write_limit;

pub use app::build_app;
pub use state::AppState;
