//! POST /api/v1/consultations/{id}/open

crate::state_step!(
    consultation "/open",
    "openConsultation",
    Open,
    conflicts = "announcement_period, wrong_state",
    "Open voting: freezes the electorate and fingerprints roll and menu. Allowed once the announcement period has run (the scheduler also opens at opens_at)."
);
