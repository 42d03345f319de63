//! POST /api/v1/consultations/{id}/preliminary

crate::state_step!(
    consultation "/preliminary",
    "publishPreliminaryResult",
    Preliminary,
    conflicts = "wrong_state",
    "Publish the preliminary result for objections (询异公示)."
);
