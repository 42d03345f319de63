//! demand
pub mod district;
pub mod list;
