//! Consultations (征询): drafting the menu, the committee's lifecycle steps, objections and
//! the committee's decisions on items, the schedule that opens and closes voting.

pub mod cost_shares;
pub mod create;
pub mod decide;
pub mod get;
pub mod items;
pub mod lifecycle;
pub mod list;
pub mod messages;
pub mod objections;
pub mod schedule;
pub mod steps;
pub mod tally;
pub mod update;
pub mod views;
