//! POST /api/v1/complaints/{id}/confirm — replied → closed.

crate::state_step!(
    complaint "/confirm",
    "confirmComplaint",
    Confirm,
    "The submitter is satisfied with the answer: the order closes."
);
