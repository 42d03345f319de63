-- Property companies and their service periods, complaints as work orders, quality
-- supervisors, ratings of the property manager. Mirrors the other backend's migration of the
-- same name (same tables, same columns).

CREATE TABLE property_companies (
    id TEXT PRIMARY KEY NOT NULL,
    district_id TEXT NOT NULL REFERENCES districts(id),
    name TEXT NOT NULL,
    credit_code TEXT,
    contact_phone TEXT,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (district_id, name)
);

-- A company serves a community from starts_on to ends_on (inclusive, China dates as
-- YYYY-MM-DD text, which orders correctly as text on both backends); open-ended when null.
CREATE TABLE property_contracts (
    id TEXT PRIMARY KEY NOT NULL,
    company_id TEXT NOT NULL REFERENCES property_companies(id),
    community_id TEXT NOT NULL REFERENCES communities(id),
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    created_by TEXT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX property_contracts_community ON property_contracts (community_id, starts_on);
CREATE INDEX property_contracts_company ON property_contracts (company_id);

-- Property staff belong to a company; their grant names the company, and the communities they
-- reach are those the company serves today.
ALTER TABLE role_grants ADD COLUMN company_id TEXT REFERENCES property_companies(id);

CREATE TABLE quality_supervisors (
    id TEXT PRIMARY KEY NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    appointed_by TEXT NOT NULL REFERENCES users(id),
    appointed_at TIMESTAMP NOT NULL,
    revoked_by TEXT REFERENCES users(id),
    revoked_at TIMESTAMP
);
CREATE INDEX quality_supervisors_community ON quality_supervisors (community_id, user_id);

CREATE TABLE complaints (
    id TEXT PRIMARY KEY NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities(id),
    submitted_by TEXT NOT NULL REFERENCES users(id),
    dwelling_id TEXT NOT NULL REFERENCES dwellings(id),
    category TEXT NOT NULL,
    catalog_code TEXT,
    description TEXT NOT NULL,
    location_kind TEXT NOT NULL CHECK (location_kind IN ('building', 'unit', 'public')),
    building_id TEXT REFERENCES buildings(id),
    unit_id TEXT REFERENCES units(id),
    place TEXT,
    photos TEXT NOT NULL,
    urgency TEXT NOT NULL CHECK (urgency IN ('normal', 'urgent')),
    contact_me BOOLEAN NOT NULL,
    status TEXT NOT NULL,
    assignee TEXT CHECK (assignee IN ('company', 'committee')),
    company_id TEXT REFERENCES property_companies(id),
    deadline_at TIMESTAMP NOT NULL,
    first_response_at TIMESTAMP,
    replied_at TIMESTAMP,
    ever_late BOOLEAN NOT NULL,
    satisfied_count INTEGER NOT NULL,
    unsatisfied_count INTEGER NOT NULL,
    me_too_count INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP
);
CREATE INDEX complaints_community ON complaints (community_id, created_at);
CREATE INDEX complaints_company ON complaints (company_id, created_at);
CREATE INDEX complaints_submitter ON complaints (submitted_by);

CREATE TABLE complaint_events (
    id TEXT PRIMARY KEY NOT NULL,
    complaint_id TEXT NOT NULL REFERENCES complaints(id),
    action TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    actor_id TEXT NOT NULL REFERENCES users(id),
    actor_role TEXT NOT NULL,
    note TEXT,
    at TIMESTAMP NOT NULL
);
CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, at);

CREATE TABLE complaint_me_too (
    complaint_id TEXT NOT NULL REFERENCES complaints(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (complaint_id, user_id)
);

CREATE TABLE rating_periods (
    id TEXT PRIMARY KEY NOT NULL,
    district_id TEXT NOT NULL REFERENCES districts(id),
    name TEXT NOT NULL,
    opens_at TIMESTAMP NOT NULL,
    closes_at TIMESTAMP NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (district_id, name)
);

-- One rating per dwelling per period; a revision overwrites it (revisions counts them). The
-- company is the one serving the community when the rating was given.
CREATE TABLE ratings (
    id TEXT PRIMARY KEY NOT NULL,
    period_id TEXT NOT NULL REFERENCES rating_periods(id),
    dwelling_id TEXT NOT NULL REFERENCES dwellings(id),
    community_id TEXT NOT NULL REFERENCES communities(id),
    company_id TEXT NOT NULL REFERENCES property_companies(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    security INTEGER NOT NULL CHECK (security BETWEEN 1 AND 5),
    cleaning INTEGER NOT NULL CHECK (cleaning BETWEEN 1 AND 5),
    greening INTEGER NOT NULL CHECK (greening BETWEEN 1 AND 5),
    repairs INTEGER NOT NULL CHECK (repairs BETWEEN 1 AND 5),
    fees INTEGER NOT NULL CHECK (fees BETWEEN 1 AND 5),
    attitude INTEGER NOT NULL CHECK (attitude BETWEEN 1 AND 5),
    comment TEXT,
    revisions INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (period_id, dwelling_id)
);
CREATE INDEX ratings_period_company ON ratings (period_id, company_id);

CREATE TABLE rating_replies (
    id TEXT PRIMARY KEY NOT NULL,
    period_id TEXT NOT NULL REFERENCES rating_periods(id),
    company_id TEXT NOT NULL REFERENCES property_companies(id),
    text TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (period_id, company_id)
);
