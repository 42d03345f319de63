//! Places: districts, communities, their buildings and dwellings (the roster as read).

pub mod buildings;
pub mod communities;
pub mod districts;
pub mod dwellings;
