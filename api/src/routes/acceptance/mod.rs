//! The acceptance of a project's works with the residents' satisfaction (竣工验收): one endpoint
//! per file.

pub mod decide;
pub mod get;
pub mod rate;
