//! ballots
pub mod cast;
pub mod input;
pub mod mine;
pub mod owner;
pub mod paper;
pub mod participation;
pub mod tally;
pub mod voters;
pub mod voting;
