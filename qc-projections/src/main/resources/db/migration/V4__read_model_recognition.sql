-- Recognition (互认): the facts each decision rests on, as the "recognition" processor has seen them, and
-- the decisions with their history. One segment: the processor sees every event in store order, so a
-- result is always decided on the alliance facts recorded before it — and a replay decides the same.

CREATE TABLE readmodel.rec_result (
    result_id    text PRIMARY KEY,
    lab_id       text NOT NULL,
    codes        text[] NOT NULL,          -- LOINC codes of the result
    unit         text,
    value        numeric,
    status       text NOT NULL,
    effective_at timestamptz,
    event_id     text NOT NULL
);
CREATE INDEX rec_result_lab_idx ON readmodel.rec_result (lab_id);

CREATE TABLE readmodel.rec_membership (
    alliance_id text NOT NULL,
    lab_code    text NOT NULL,
    status      text NOT NULL,
    from_at     timestamptz NOT NULL,
    to_at       timestamptz,
    event_id    text NOT NULL,
    PRIMARY KEY (alliance_id, lab_code, from_at, event_id)
);
CREATE INDEX rec_membership_lab_idx ON readmodel.rec_membership (lab_code);

CREATE TABLE readmodel.rec_catalog (
    alliance_id    text NOT NULL,
    code           text NOT NULL,
    version        int NOT NULL,
    effective_from date NOT NULL,
    retired_from   date,
    loinc_codes    text[] NOT NULL,
    item           jsonb NOT NULL,
    PRIMARY KEY (alliance_id, code, version)
);

CREATE TABLE readmodel.rec_accreditation (
    alliance_id   text NOT NULL,
    lab_code      text NOT NULL,
    item_code     text NOT NULL,
    valid_from    date NOT NULL,
    valid_until   date NOT NULL,
    withdrawn_at  timestamptz,
    assessment_id text,
    event_id      text NOT NULL,
    PRIMARY KEY (alliance_id, lab_code, item_code, event_id)
);

CREATE TABLE readmodel.rec_policy (
    alliance_id          text PRIMARY KEY,
    not_yet_known_blocks boolean NOT NULL,
    iqc_bracket_hours    int NOT NULL,
    eqa_max_age_days     int NOT NULL
);

CREATE TABLE readmodel.recognition (
    result_id       text NOT NULL,
    alliance_id     text NOT NULL,
    status          text NOT NULL,         -- RECOGNIZED, NOT_RECOGNIZED, PENDING (RecognitionStatus)
    ever_recognized boolean NOT NULL,      -- recognized once and not now: shown as withdrawn
    since           timestamptz NOT NULL,  -- when the current status began (recorded time)
    withdrawn_at    timestamptz,
    item_code       text,
    criteria        text NOT NULL,         -- every criterion with verdict, reason and evidence (JSON)
    cause_event_id  text NOT NULL,
    cause_type      text NOT NULL,
    PRIMARY KEY (result_id, alliance_id)
);
CREATE INDEX recognition_status_idx ON readmodel.recognition (alliance_id, status);

CREATE TABLE readmodel.recognition_change (
    seq            bigserial PRIMARY KEY,
    result_id      text NOT NULL,
    alliance_id    text NOT NULL,
    status         text NOT NULL,
    at             timestamptz NOT NULL,
    criteria       text NOT NULL,
    cause_event_id text NOT NULL,
    cause_type     text NOT NULL
);
CREATE INDEX recognition_change_result_idx ON readmodel.recognition_change (result_id, alliance_id, seq);

-- What clinicians did with recognized results: reused, or re-tested with a reason.
CREATE TABLE readmodel.reuse_outcome (
    outcome_id         text PRIMARY KEY,
    alliance_id        text NOT NULL,
    clinician          text NOT NULL,
    department         text,
    ordering_lab       text,
    patient_identifier text,
    item_code          text NOT NULL,
    result_id          text,
    choice             text NOT NULL,       -- REUSED, RETESTED
    reason             text,
    reason_text        text,
    patient_informed   boolean NOT NULL,
    recorded_at        timestamptz NOT NULL
);
CREATE INDEX reuse_outcome_alliance_idx ON readmodel.reuse_outcome (alliance_id, recorded_at);

-- Patient linking (the recognition processor's own facts): which identifier systems each alliance trusts,
-- and every member patient record's identifiers.
CREATE TABLE readmodel.rec_trusted_system (
    alliance_id text NOT NULL,
    system      text NOT NULL,
    PRIMARY KEY (alliance_id, system)
);

CREATE TABLE readmodel.rec_patient_identifier (
    patient_id text NOT NULL,
    lab_id     text NOT NULL,
    system     text NOT NULL,
    value      text NOT NULL,
    PRIMARY KEY (patient_id, system, value)
);
CREATE INDEX rec_patient_identifier_lab_idx ON readmodel.rec_patient_identifier (lab_id, system);

-- Linked patient records (fed by the lab-records processor, beside the patients it searches).
CREATE TABLE readmodel.patient_link (
    person_id   text NOT NULL,
    alliance_id text NOT NULL,
    system      text NOT NULL,
    value       text NOT NULL,
    patient_id  text NOT NULL,
    lab_id      text NOT NULL,
    linked      boolean NOT NULL,
    PRIMARY KEY (person_id, patient_id)
);
CREATE INDEX patient_link_patient_idx ON readmodel.patient_link (patient_id);
