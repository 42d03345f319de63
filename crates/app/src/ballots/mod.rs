//! Ballots: an owner casts or revises online, the committee enters, confirms and voids paper
//! ballots, and everyone entitled reads the tally, the participation and the voters' list.

pub mod cast;
pub mod input;
pub mod menu;
pub mod mine;
pub mod owner;
pub mod paper;
pub mod participation;
pub mod tally;
pub mod voters;
pub mod voting;
