-- Read models of alliances: members, the recognition catalog (every version), accreditations with their
-- history, and on-site assessments. Fed by the "alliance" event processor.

CREATE TABLE readmodel.alliance (
    id               text PRIMARY KEY,
    name             text NOT NULL,
    kind             text NOT NULL,
    integration      text NOT NULL,
    core_institution text NOT NULL,
    formed_at        timestamptz NOT NULL,
    not_yet_known_blocks boolean NOT NULL DEFAULT true,   -- recognition policy (DOMAIN.md defaults)
    iqc_bracket_hours    int NOT NULL DEFAULT 24,
    eqa_max_age_days     int NOT NULL DEFAULT 365
);

CREATE TABLE readmodel.alliance_member (
    alliance_id   text NOT NULL,
    lab_code      text NOT NULL,
    institution   text NOT NULL,
    level         text NOT NULL,
    status        text NOT NULL,               -- ACTIVE, SUSPENDED, WITHDRAWN
    status_reason text,
    since         timestamptz NOT NULL,        -- when it last joined
    identifiers   jsonb NOT NULL,
    PRIMARY KEY (alliance_id, lab_code)
);
CREATE INDEX alliance_member_lab_idx ON readmodel.alliance_member (lab_code);

CREATE TABLE readmodel.alliance_member_identifier (
    alliance_id text NOT NULL,
    lab_code    text NOT NULL,
    system      text NOT NULL,
    value       text NOT NULL,
    PRIMARY KEY (alliance_id, lab_code, system, value)
);
CREATE INDEX alliance_member_identifier_value_idx ON readmodel.alliance_member_identifier (value, system);

CREATE TABLE readmodel.catalog_item_version (
    alliance_id    text NOT NULL,
    code           text NOT NULL,
    version        int NOT NULL,
    effective_from date NOT NULL,
    loinc_codes    text[] NOT NULL,
    item           jsonb NOT NULL,
    PRIMARY KEY (alliance_id, code, version)
);

CREATE TABLE readmodel.catalog_item_retirement (
    alliance_id    text NOT NULL,
    code           text NOT NULL,
    effective_from date NOT NULL,
    reason         text NOT NULL,
    PRIMARY KEY (alliance_id, code)
);

CREATE TABLE readmodel.accreditation (
    alliance_id   text NOT NULL,
    lab_code      text NOT NULL,
    item_code     text NOT NULL,
    status        text NOT NULL,               -- ACCREDITED, WITHDRAWN, EXPIRED
    valid_from    date NOT NULL,
    valid_until   date NOT NULL,
    assessment_id text,
    assessors     jsonb NOT NULL,
    ended_at      timestamptz,
    end_reason    text,
    PRIMARY KEY (alliance_id, lab_code, item_code)
);

CREATE TABLE readmodel.accreditation_change (
    seq           bigserial PRIMARY KEY,
    alliance_id   text NOT NULL,
    lab_code      text NOT NULL,
    item_code     text NOT NULL,
    change        text NOT NULL,               -- ACCREDITED, WITHDRAWN, EXPIRED
    effective_at  timestamptz NOT NULL,
    recorded_at   timestamptz NOT NULL,
    valid_until   date,
    assessment_id text,
    reason        text,
    event_id      text NOT NULL,
    event_type    text NOT NULL
);
CREATE INDEX accreditation_change_lab_idx ON readmodel.accreditation_change (alliance_id, lab_code);

CREATE TABLE readmodel.assessment (
    id          text PRIMARY KEY,
    alliance_id text NOT NULL,
    lab_code    text NOT NULL,
    assessors   jsonb NOT NULL,
    visit_date  date NOT NULL,
    status      text NOT NULL,                 -- OPEN, CLOSED
    outcome     text,
    item_codes  jsonb,
    valid_until date
);

CREATE TABLE readmodel.assessment_score (
    assessment_id text NOT NULL,
    dimension     text NOT NULL,
    verdict       text NOT NULL,
    findings      jsonb NOT NULL,
    notes         text,
    PRIMARY KEY (assessment_id, dimension)
);
