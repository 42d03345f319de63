//! POST /api/v1/complaints/{id}/confirm — replied → closed.

crate::complaint_step!(
    "/confirm",
    "confirmComplaint",
    Confirm,
    "The submitter is satisfied with the answer: the order closes."
);
