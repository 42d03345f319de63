//! Integration tests: the real diandan server over HTTP, on SQLite and on PostgreSQL.
//! Each `backend_tests!` list runs every named test once per backend.

mod audit;
mod auth;
mod authz;
mod authz_writes;
mod bindings;
mod candidates;
mod complaints;
mod console;
mod consultations;
mod content;
mod cost_shares;
mod crash;
mod demand;
mod errors;
mod fixtures;
mod hardening;
mod health;
mod instances;
mod layering;
mod live;
mod migrations;
mod outage;
mod photos;
mod projects;
mod proxies;
mod ratings;
mod reaching;
mod reports;
mod roles;
mod roster;
mod works;
