-- 怎么改: the renovation project that follows a published consultation, the designer's versions
-- of the concept design, the residents' representatives and their review. Mirrors the other
-- backend's migration of the same name (same tables, same columns).

-- One project per published consultation; `phase` is design, design_review, public_notice,
-- works, acceptance or done.
CREATE TABLE projects (
    id TEXT PRIMARY KEY NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities(id),
    consultation_id TEXT NOT NULL UNIQUE REFERENCES consultations(id),
    title TEXT NOT NULL,
    phase TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX projects_community ON projects (community_id);

-- Each phase the project entered, with when and by whom; a phase can come again (a design
-- sent back for revision returns to `design`). `ended_at` NULL: the current one.
CREATE TABLE project_phases (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects(id),
    phase TEXT NOT NULL,
    started_at TIMESTAMP NOT NULL,
    started_by TEXT REFERENCES users(id),
    ended_at TIMESTAMP
);
CREATE INDEX project_phases_project ON project_phases (project_id, started_at);

-- A version of the concept design (概念设计方案). Versions are never changed: a new one is a
-- new row. `state`: submitted, in_review, accepted, revise, superseded.
CREATE TABLE designs (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects(id),
    version INTEGER NOT NULL,
    note TEXT NOT NULL,
    state TEXT NOT NULL,
    submitted_by TEXT NOT NULL REFERENCES users(id),
    submitted_at TIMESTAMP NOT NULL,
    UNIQUE (project_id, version)
);

-- A measure of a design version. `key` is the designer's stable name for it ("M1"), the same
-- in every version, so versions compare measure by measure. `targets`: JSON
-- {"buildings": [ids], "units": [ids]}; both empty: the whole community. `refs`: JSON array of
-- references to documents kept elsewhere (a PDF drawing's archive number).
CREATE TABLE design_measures (
    id TEXT PRIMARY KEY NOT NULL,
    design_id TEXT NOT NULL REFERENCES designs(id),
    position INTEGER NOT NULL,
    key TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    estimated_cost_cents BIGINT,
    resident_share_bp INTEGER,
    targets TEXT NOT NULL,
    unlinked_reason TEXT,
    refs TEXT NOT NULL,
    UNIQUE (design_id, key)
);

-- Which demand items (approved or not) of the project's consultation a measure answers.
CREATE TABLE measure_items (
    measure_id TEXT NOT NULL REFERENCES design_measures(id),
    item_id TEXT NOT NULL REFERENCES consultation_items(id),
    PRIMARY KEY (measure_id, item_id)
);
CREATE INDEX measure_items_item ON measure_items (item_id);

-- Residents' representatives: 楼长 (`seat` building, unit_id NULL) and 单元联系人 (`seat`
-- unit), each bound to the verified dwelling they live in. One active appointment per seat and
-- per person in a community.
CREATE TABLE representatives (
    id TEXT PRIMARY KEY NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    dwelling_id TEXT NOT NULL REFERENCES dwellings(id),
    seat TEXT NOT NULL,
    building_id TEXT NOT NULL REFERENCES buildings(id),
    unit_id TEXT REFERENCES units(id),
    appointed_by TEXT NOT NULL REFERENCES users(id),
    appointed_at TIMESTAMP NOT NULL,
    revoked_by TEXT REFERENCES users(id),
    revoked_at TIMESTAMP
);
CREATE INDEX representatives_community ON representatives (community_id, revoked_at);

-- A review of one design version by the representatives appointed when it opened.
CREATE TABLE design_reviews (
    id TEXT PRIMARY KEY NOT NULL,
    design_id TEXT NOT NULL UNIQUE REFERENCES designs(id),
    opened_by TEXT NOT NULL REFERENCES users(id),
    opened_at TIMESTAMP NOT NULL,
    outcome TEXT,
    reason TEXT,
    decided_by TEXT REFERENCES users(id),
    decided_at TIMESTAMP
);

-- The panel, fixed when the review opens (a later appointment or revocation does not change
-- who was asked, so "absent" stays meaningful). `label` is the seat as residents name it.
CREATE TABLE review_panel (
    review_id TEXT NOT NULL REFERENCES design_reviews(id),
    representative_id TEXT NOT NULL REFERENCES representatives(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    label TEXT NOT NULL,
    PRIMARY KEY (review_id, representative_id)
);
CREATE INDEX review_panel_user ON review_panel (user_id);

-- A panel member's opinion of a measure; given again, it replaces the earlier one.
CREATE TABLE review_opinions (
    id TEXT PRIMARY KEY NOT NULL,
    review_id TEXT NOT NULL REFERENCES design_reviews(id),
    measure_id TEXT NOT NULL REFERENCES design_measures(id),
    representative_id TEXT NOT NULL REFERENCES representatives(id),
    opinion TEXT NOT NULL,
    comment TEXT,
    given_at TIMESTAMP NOT NULL,
    UNIQUE (review_id, measure_id, representative_id)
);

-- The public notice (公示) of an accepted design version: shown to every resident of the
-- community from `opens_at` to `closes_at`, posted on the notice board (`notice_id`); the
-- committee approves the design (`approved_*`) once it is over and every objection answered.
CREATE TABLE design_notices (
    design_id TEXT PRIMARY KEY NOT NULL REFERENCES designs(id),
    notice_id TEXT NOT NULL REFERENCES notices(id),
    opens_at TIMESTAMP NOT NULL,
    closes_at TIMESTAMP NOT NULL,
    approved_by TEXT REFERENCES users(id),
    approved_at TIMESTAMP
);

-- A resident's objection to one measure of a design on notice, from the verified dwelling
-- they live in; the committee answers each once.
CREATE TABLE design_objections (
    id TEXT PRIMARY KEY NOT NULL,
    design_id TEXT NOT NULL REFERENCES designs(id),
    measure_id TEXT NOT NULL REFERENCES design_measures(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    dwelling_id TEXT NOT NULL REFERENCES dwellings(id),
    text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    answer TEXT,
    answered_by TEXT REFERENCES users(id),
    answered_at TIMESTAMP
);
CREATE INDEX design_objections_design ON design_objections (design_id, created_at);
CREATE INDEX design_objections_user ON design_objections (user_id);
