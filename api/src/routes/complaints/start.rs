//! POST /api/v1/complaints/{id}/start — assigned | reopened → in_progress.

crate::state_step!(
    complaint "/start",
    "startComplaint",
    Start,
    conflicts = "invalid_transition, changed_concurrently",
    "Start work on an order: whoever it is assigned to."
);
