//! Ratings of the property manager: periods, residents' ratings, the company's replies and
//! the results.

pub mod periods;
pub mod rating;
pub mod reply;
pub mod results;
pub mod views;
