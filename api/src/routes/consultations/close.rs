//! POST /api/v1/consultations/{id}/close

crate::state_step!(
    consultation "/close",
    "closeConsultation",
    Close,
    conflicts = "window_running, wrong_state",
    "Close voting once the window has ended (the scheduler also closes at closes_at); fixes the bulletin head."
);
