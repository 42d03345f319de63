//! Subscribe messages: the templates to ask for, and what residents accepted. One endpoint per file.

pub mod grants;
pub mod record;
pub mod templates;
