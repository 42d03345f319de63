//! Work orders (诉求): submitting, the steps of their flow, reading and listing them as each
//! audience may, the figures per community and company, and the quality supervisors.

pub mod figures;
pub mod flow;
pub mod list;
pub mod period;
pub mod read;
pub mod submit;
pub mod supervisors;
pub mod views;
