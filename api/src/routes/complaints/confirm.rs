//! POST /api/v1/complaints/{id}/confirm — replied → closed.

crate::state_step!(
    complaint "/confirm",
    "confirmComplaint",
    Confirm,
    conflicts = "invalid_transition, changed_concurrently",
    "The submitter is satisfied with the answer: the order closes."
);
