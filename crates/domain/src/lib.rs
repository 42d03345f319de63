//! Pure rules of diandan: no web framework, no database.
//!
//! Everything here is deterministic and unit-tested with exact figures; the
//! `store` and `api` crates call into it and never re-implement a rule.

pub mod access;
pub mod area;
pub mod audit;
pub mod ballot;
pub mod bulletin;
pub mod catalog;
pub mod complaint;
pub mod complaint_figures;
pub mod consultation;
pub mod cost_share;
pub mod demand;
pub mod election;
pub mod electorate;
pub mod ids;
pub mod limits;
pub mod message;
pub mod phone;
pub mod photo;
pub mod project;
pub mod proxy;
pub mod rate;
pub mod rating;
pub mod roles;
pub mod roster;
pub mod roster_xlsx;
pub mod scrub;
pub mod share;
pub mod tally;
pub mod text;
pub mod time;
pub mod wire;
pub mod works;
