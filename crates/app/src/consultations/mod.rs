//! consultations
pub mod lifecycle;
pub mod steps;
pub mod tally;
pub mod views;
