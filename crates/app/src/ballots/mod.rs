//! ballots
pub mod cast;
pub mod input;
pub mod owner;
pub mod voting;
