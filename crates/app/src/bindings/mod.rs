//! bindings
pub mod decision;
