//! complaints
pub mod figures;
pub mod flow;
pub mod period;
pub mod submit;
pub mod views;
