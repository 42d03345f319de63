//! POST /api/v1/complaints/{id}/send-back — replied → reopened.

crate::state_step!(
    complaint "/send-back",
    "sendBackComplaint",
    SendBack,
    conflicts = "invalid_transition, changed_concurrently",
    "The submitter is not satisfied: the order reopens and its deadline starts again."
);
