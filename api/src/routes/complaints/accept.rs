//! POST /api/v1/complaints/{id}/accept — submitted → accepted.

crate::state_step!(
    complaint "/accept",
    "acceptComplaint",
    Accept,
    conflicts = "invalid_transition, changed_concurrently",
    "Accept an order (受理): the committee of its community."
);
