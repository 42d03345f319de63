//! The diandan HTTP service: actix-web routes (one endpoint per file under `routes/`), the
//! authentication extractor, problem+json errors, configuration and the command line.

pub mod access;
pub mod app;
pub mod binding_decision;
pub mod blocking;
pub mod caller;
pub mod cli;
pub mod config;
pub mod demo;
pub mod openapi;
pub mod page;
pub mod problem;
pub mod request_log;
pub mod roster_file;
pub mod routes;
pub mod session;
pub mod state;
pub mod views;

pub use app::build_app;
pub use state::AppState;
