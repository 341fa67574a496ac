-- EQA rounds (室间质评) and flight inspections with blind samples (飞行检查, 盲样).

-- Written by the subscribing "blind-samples" processor in the transaction that registers them, so every later
-- lab result and patient record is judged against them by the ingest and by every read model.
CREATE TABLE readmodel.blind_specimen (
    specimen_id      text PRIMARY KEY,      -- HuRen's id of the lab's Specimen (derived from the accession)
    round_id         text NOT NULL,
    alliance_id      text NOT NULL,
    lab_code         text NOT NULL,
    sample_code      text NOT NULL,
    accession_system text,
    accession_value  text NOT NULL
);

CREATE TABLE readmodel.blind_patient (
    patient_id  text PRIMARY KEY,           -- HuRen's id of the lab's pseudo-patient record
    round_id    text NOT NULL,
    alliance_id text NOT NULL,
    lab_code    text NOT NULL
);

-- Lab records that only their lab and the QC managers may see (blind-sample results, pseudo-patients).
ALTER TABLE readmodel.observation ADD COLUMN qc_lab text;
ALTER TABLE readmodel.patient ADD COLUMN qc_lab text;

-- The "eqa" processor's read models.
CREATE TABLE readmodel.eqa_round (
    round_id       text PRIMARY KEY,
    alliance_id    text NOT NULL,
    kind           text NOT NULL,           -- ROUND, FLIGHT_INSPECTION
    provider       text NOT NULL,
    title          text,
    participants   text[] NOT NULL,
    deadline       timestamptz NOT NULL,
    rule_set       text NOT NULL,
    opened_by      text,
    opened_at      timestamptz NOT NULL,
    items          jsonb NOT NULL,
    samples        jsonb NOT NULL,          -- with assigned values: served only once graded
    pseudo_patient jsonb,
    graded_at      timestamptz,
    graded_trigger text,
    graded_by      text
);
CREATE INDEX eqa_round_alliance_idx ON readmodel.eqa_round (alliance_id, opened_at);

CREATE TABLE readmodel.eqa_submission (
    round_id         text NOT NULL,
    lab_code         text NOT NULL,
    sample_code      text NOT NULL,
    item_code        text NOT NULL,
    value            numeric,
    category         text,
    submitted_at     timestamptz NOT NULL,
    submitted_by     text,
    channel          text NOT NULL,
    source_result_id text,
    versions         int NOT NULL,
    PRIMARY KEY (round_id, lab_code, sample_code, item_code)
);

CREATE TABLE readmodel.eqa_refusal (
    seq              bigserial PRIMARY KEY,
    round_id         text NOT NULL,
    lab_code         text NOT NULL,
    sample_code      text,
    code             text,
    reason           text NOT NULL,
    detail           text,
    at               timestamptz NOT NULL,
    channel          text NOT NULL,
    source_result_id text
);
CREATE INDEX eqa_refusal_round_idx ON readmodel.eqa_refusal (round_id);

CREATE TABLE readmodel.eqa_grade (
    round_id     text NOT NULL,
    alliance_id  text NOT NULL,
    kind         text NOT NULL,
    lab_code     text NOT NULL,
    item_code    text NOT NULL,
    score        numeric NOT NULL,
    satisfactory boolean NOT NULL,
    acceptable   int NOT NULL,
    samples      int NOT NULL,
    rule_set     text NOT NULL,
    graded_at    timestamptz NOT NULL,
    standing     text NOT NULL,             -- SATISFACTORY, UNSATISFACTORY, UNSUCCESSFUL after this round
    sample_grades jsonb NOT NULL,
    event_id     text NOT NULL,
    PRIMARY KEY (round_id, lab_code, item_code)
);
CREATE INDEX eqa_grade_history_idx ON readmodel.eqa_grade (alliance_id, lab_code, item_code, graded_at);

CREATE TABLE readmodel.eqa_corrective_action (
    action_id   text PRIMARY KEY,
    alliance_id text NOT NULL,
    lab_code    text NOT NULL,
    item_code   text NOT NULL,
    description text NOT NULL,
    verified_by text NOT NULL,
    verified_at timestamptz NOT NULL
);

-- The recognition processor's own EQA facts.
CREATE TABLE readmodel.rec_eqa_grade (
    alliance_id  text NOT NULL,
    lab_code     text NOT NULL,
    item_code    text NOT NULL,
    round_id     text NOT NULL,
    graded_at    timestamptz NOT NULL,
    satisfactory boolean NOT NULL,
    event_id     text NOT NULL,
    PRIMARY KEY (alliance_id, lab_code, item_code, round_id)
);

CREATE TABLE readmodel.rec_eqa_verified (
    alliance_id text NOT NULL,
    lab_code    text NOT NULL,
    item_code   text NOT NULL,
    verified_at timestamptz NOT NULL,
    event_id    text PRIMARY KEY
);

-- $reusable's own narrow index of decided results: patient, item, when taken and the current status, so the
-- clinician's question touches a few index entries instead of the observation and recognition rows.
ALTER TABLE readmodel.rec_result ADD COLUMN patient_id text;

CREATE TABLE readmodel.rec_reusable (
    result_id    text NOT NULL,
    alliance_id  text NOT NULL,
    patient_id   text,
    item_code    text,
    effective_at timestamptz,
    lab_id       text NOT NULL,
    status       text NOT NULL,
    PRIMARY KEY (result_id, alliance_id)
);
CREATE INDEX rec_reusable_patient_idx ON readmodel.rec_reusable (patient_id, alliance_id, item_code, effective_at DESC)
    INCLUDE (status, lab_id);
