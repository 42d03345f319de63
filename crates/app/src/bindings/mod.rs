//! Dwelling claims (bindings): a resident claims a dwelling, the committee lists and decides
//! the claims, the resident withdraws their own.

pub mod claim;
pub mod decision;
pub mod list;
pub mod withdraw;
