-- Demand lists, fixed when a consultation is published (its result is final then): the whole
-- list as served to designers (complaint counts are added when read), and one summary row per
-- item for the district's view. Mirrors the other backend's migration of the same name.

CREATE TABLE demand_lists (
    consultation_id TEXT PRIMARY KEY NOT NULL REFERENCES consultations(id),
    community_id TEXT NOT NULL REFERENCES communities(id),
    district_id TEXT NOT NULL REFERENCES districts(id),
    published_at TIMESTAMP NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX demand_lists_community ON demand_lists (community_id, published_at);
CREATE INDEX demand_lists_district ON demand_lists (district_id);

CREATE TABLE demand_items (
    consultation_id TEXT NOT NULL REFERENCES demand_lists(consultation_id),
    item_id TEXT NOT NULL,
    community_id TEXT NOT NULL,
    district_id TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    approved BOOLEAN NOT NULL,
    passed_instances BIGINT NOT NULL,
    instances BIGINT NOT NULL,
    support_heads BIGINT NOT NULL,
    support_area BIGINT NOT NULL,
    oppose_heads BIGINT NOT NULL,
    oppose_area BIGINT NOT NULL,
    abstain_heads BIGINT NOT NULL,
    abstain_area BIGINT NOT NULL,
    participating_heads BIGINT NOT NULL,
    participating_area BIGINT NOT NULL,
    total_heads BIGINT NOT NULL,
    total_area BIGINT NOT NULL,
    priority_score BIGINT NOT NULL,
    copay_willing BIGINT NOT NULL,
    PRIMARY KEY (consultation_id, item_id)
);
CREATE INDEX demand_items_district ON demand_items (district_id, code);

-- Complaint counts per catalogue item, read with every demand list.
CREATE INDEX complaints_catalog ON complaints (community_id, catalog_code, status);
