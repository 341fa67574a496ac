-- Read models of the lab records an LIS sends: results, patients, specimens and reports.
-- Fed by the "lab-records" event processor; rebuilt from the event store by a replay.
CREATE SCHEMA IF NOT EXISTS readmodel;

CREATE TABLE readmodel.observation (
    id              text PRIMARY KEY,
    seq             bigserial NOT NULL UNIQUE,   -- first-seen order: stable paging under appends
    lab_id          text NOT NULL,
    patient_id      text,
    identifier_tokens text[] NOT NULL,           -- 'system|value' and bare 'value' of the LIS identifier
    code_tokens     text[] NOT NULL,             -- 'system|code' and bare 'code' of every coding
    effective_start timestamptz,
    effective_end   timestamptz,
    status          text NOT NULL,
    suspended_in    text[] NOT NULL,             -- alliances in which the lab was suspended when it sent it
    value_decimal   numeric,
    value_unit      text,
    version         bigint NOT NULL,
    last_updated    timestamptz NOT NULL,
    event_position  bigint NOT NULL,
    resource        text NOT NULL
);
CREATE INDEX observation_patient_idx ON readmodel.observation (patient_id);
CREATE INDEX observation_identifiers_idx ON readmodel.observation USING gin (identifier_tokens);
CREATE INDEX observation_codes_idx ON readmodel.observation USING gin (code_tokens);
CREATE INDEX observation_effective_idx ON readmodel.observation (effective_start);
CREATE INDEX observation_last_updated_idx ON readmodel.observation (last_updated);
CREATE INDEX observation_lab_idx ON readmodel.observation (lab_id);

CREATE TABLE readmodel.patient (
    id             text PRIMARY KEY,
    seq            bigserial NOT NULL UNIQUE,
    lab_id         text NOT NULL,
    version        bigint NOT NULL,
    last_updated   timestamptz NOT NULL,
    event_position bigint NOT NULL,
    resource       text NOT NULL
);

CREATE TABLE readmodel.patient_identifier (
    patient_id text NOT NULL REFERENCES readmodel.patient (id),
    system     text NOT NULL,
    value      text NOT NULL,
    PRIMARY KEY (patient_id, system, value)
);
CREATE INDEX patient_identifier_value_idx ON readmodel.patient_identifier (value, system);

CREATE TABLE readmodel.lab_document (
    id             text PRIMARY KEY,
    seq            bigserial NOT NULL UNIQUE,
    kind           text NOT NULL,                -- SPECIMEN or REPORT
    lab_id         text NOT NULL,
    patient_id     text,
    version        bigint NOT NULL,
    last_updated   timestamptz NOT NULL,
    event_position bigint NOT NULL,
    resource       text NOT NULL
);
CREATE INDEX lab_document_patient_idx ON readmodel.lab_document (patient_id);
