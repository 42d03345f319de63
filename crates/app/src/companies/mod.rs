//! Property companies and their service contracts with communities.

pub mod company;
pub mod contracts;
pub mod views;
