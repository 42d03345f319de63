//! POST /api/v1/complaints/{id}/comments — status unchanged.

crate::state_step!(
    complaint "/comments",
    "commentOnComplaint",
    Comment,
    conflicts = "invalid_transition, changed_concurrently",
    "Add a comment: the call-back channel between the handler (or committee) and the submitter."
);
