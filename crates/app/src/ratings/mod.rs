//! ratings
pub mod periods;
pub mod rating;
pub mod reply;
pub mod results;
pub mod views;
