//! The designers' demand list of a community, and the district's sums.

pub mod district;
pub mod list;
