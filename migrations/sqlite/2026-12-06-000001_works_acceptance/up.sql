-- 怎么改, after the design's approval: the parties of the works, problem and stop-work notices
-- with the rectification ledger, each measure's milestones, the residents' satisfaction at
-- completion and the committee's acceptance decisions. Mirrors the other backend's migration of
-- the same name (same tables, same columns).

-- The parties of a project's works: `party` builder (建设单位), contractor (施工单位) or
-- supervisor (监理单位), each named once per project (naming it again replaces it), with the
-- account of its contact when it has one: the contact reads the works and gives the
-- rectification plans of the notices addressed to the party.
CREATE TABLE project_parties (
    project_id TEXT NOT NULL REFERENCES projects(id),
    party TEXT NOT NULL,
    name TEXT NOT NULL,
    contact_user_id TEXT REFERENCES users(id),
    named_by TEXT NOT NULL REFERENCES users(id),
    named_at TIMESTAMP NOT NULL,
    PRIMARY KEY (project_id, party)
);
CREATE INDEX project_parties_contact ON project_parties (contact_user_id);

-- A problem notice (整改通知单, `kind` problem) or a stop-work notice (停工通知, `kind`
-- stop_work) on a measure of the approved design. `source`: supervisor_report (from the works
-- report `complaint_id`) or inspection. Its ledger state follows from `plan_at`, `deadline` and
-- `closed_at`; closing (销号; lifting, for a stop-work notice) takes a note.
CREATE TABLE works_notices (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects(id),
    measure_id TEXT NOT NULL REFERENCES design_measures(id),
    kind TEXT NOT NULL,
    source TEXT NOT NULL,
    complaint_id TEXT REFERENCES complaints(id),
    responsible TEXT NOT NULL,
    problem TEXT NOT NULL,
    deadline TIMESTAMP NOT NULL,
    issued_by TEXT NOT NULL REFERENCES users(id),
    issued_at TIMESTAMP NOT NULL,
    plan TEXT,
    plan_by TEXT REFERENCES users(id),
    plan_at TIMESTAMP,
    closed_by TEXT REFERENCES users(id),
    closed_at TIMESTAMP,
    close_note TEXT
);
CREATE INDEX works_notices_project ON works_notices (project_id, issued_at);

-- A measure's milestones (started, half, finished), posted by the committee in that order.
CREATE TABLE works_milestones (
    measure_id TEXT NOT NULL REFERENCES design_measures(id),
    milestone TEXT NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects(id),
    note TEXT NOT NULL,
    posted_by TEXT NOT NULL REFERENCES users(id),
    posted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (measure_id, milestone)
);
CREATE INDEX works_milestones_project ON works_milestones (project_id);

-- A dwelling's rating of a finished measure (竣工验收): one per dwelling and measure, given again
-- it replaces the earlier one; `level` satisfied, basically_satisfied or dissatisfied.
CREATE TABLE acceptance_ratings (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects(id),
    measure_id TEXT NOT NULL REFERENCES design_measures(id),
    dwelling_id TEXT NOT NULL REFERENCES dwellings(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    level TEXT NOT NULL,
    comment TEXT,
    rated_at TIMESTAMP NOT NULL,
    UNIQUE (measure_id, dwelling_id)
);
CREATE INDEX acceptance_ratings_project ON acceptance_ratings (project_id);

-- The committee's acceptance decisions (accepted ends the project; not_accepted keeps it in
-- acceptance), each with the figures it was taken on (JSON: satisfaction per measure, open
-- notices).
CREATE TABLE project_acceptances (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects(id),
    decision TEXT NOT NULL,
    reason TEXT NOT NULL,
    figures TEXT NOT NULL,
    decided_by TEXT NOT NULL REFERENCES users(id),
    decided_at TIMESTAMP NOT NULL
);
CREATE INDEX project_acceptances_project ON project_acceptances (project_id, decided_at);
