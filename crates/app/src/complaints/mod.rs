//! complaints
pub mod figures;
pub mod flow;
pub mod list;
pub mod period;
pub mod read;
pub mod submit;
pub mod supervisors;
pub mod views;
