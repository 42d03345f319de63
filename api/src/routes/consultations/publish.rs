//! POST /api/v1/consultations/{id}/publish

crate::state_step!(
    consultation "/publish",
    "publishResult",
    Publish,
    conflicts = "wrong_state",
    "Publish the reviewed result to designers."
);
