//! POST /api/v1/consultations/{id}/announce

crate::state_step!(
    consultation "/announce",
    "announceConsultation",
    Announce,
    conflicts = "announcement_period, empty_menu, invalid_window, wrong_state",
    "Announce (公示): the agenda becomes public and fixed; the voting window must leave the announcement period."
);
