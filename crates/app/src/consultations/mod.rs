//! consultations
pub mod create;
pub mod decide;
pub mod get;
pub mod items;
pub mod lifecycle;
pub mod list;
pub mod objections;
pub mod schedule;
pub mod steps;
pub mod tally;
pub mod update;
pub mod views;
