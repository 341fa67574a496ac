-- QC audits (质控督查): audits, findings with their corrective actions, every step as a trail ("audit" processor);
-- major findings as recognition facts ("recognition" processor).

CREATE TABLE readmodel.audit (
    audit_id    text PRIMARY KEY,
    alliance_id text NOT NULL,
    lab_code    text NOT NULL,
    kind        text NOT NULL,
    auditors    text[] NOT NULL,
    audit_date  date NOT NULL,
    dimensions  text[] NOT NULL,
    item_codes  text[] NOT NULL,
    opened_by   text,
    opened_at   timestamptz NOT NULL,
    closed_at   timestamptz,
    summary     text
);
CREATE INDEX audit_alliance_idx ON readmodel.audit (alliance_id, lab_code);

CREATE TABLE readmodel.audit_finding (
    finding_id     text NOT NULL,
    audit_id       text NOT NULL,
    alliance_id    text NOT NULL,
    lab_code       text NOT NULL,
    dimension      text NOT NULL,
    severity       text NOT NULL,
    description    text NOT NULL,
    affected_items text[] NOT NULL,
    recorded_at    timestamptz NOT NULL,
    state          text NOT NULL,          -- NONE, ASSIGNED, SUBMITTED, REJECTED, VERIFIED
    owner          text,
    due_date       date,
    overdue        boolean NOT NULL DEFAULT false,
    verified_at    timestamptz,
    event_id       text NOT NULL,
    PRIMARY KEY (audit_id, finding_id)
);
CREATE INDEX audit_finding_lab_idx ON readmodel.audit_finding (alliance_id, lab_code, state);

CREATE TABLE readmodel.audit_trail (
    seq        bigserial PRIMARY KEY,
    audit_id   text NOT NULL,
    finding_id text,
    step       text NOT NULL,
    who        text,
    at         timestamptz NOT NULL,
    detail     text,
    event_id   text NOT NULL
);
CREATE INDEX audit_trail_audit_idx ON readmodel.audit_trail (audit_id, seq);

CREATE TABLE readmodel.rec_audited (
    alliance_id text NOT NULL,
    lab_code    text NOT NULL,
    PRIMARY KEY (alliance_id, lab_code)
);

CREATE TABLE readmodel.rec_finding (
    alliance_id text NOT NULL,
    lab_code    text NOT NULL,
    audit_id    text NOT NULL,
    finding_id  text NOT NULL,
    period      int NOT NULL,               -- 1, then one more each time the finding is reopened
    recorded_at timestamptz NOT NULL,
    verified_at timestamptz,
    item_codes  text[] NOT NULL,
    event_id    text NOT NULL,
    PRIMARY KEY (alliance_id, audit_id, finding_id, period)
);
CREATE INDEX rec_finding_lab_idx ON readmodel.rec_finding (alliance_id, lab_code);

-- Findings on the EQA dimension: their verified corrective action counts as the EQA corrective action of the
-- items they affect (the same flow lifts an EQA "unsuccessful" suspension).
CREATE TABLE readmodel.rec_eqa_finding (
    alliance_id text NOT NULL,
    lab_code    text NOT NULL,
    finding_id  text NOT NULL,
    audit_id    text NOT NULL,
    item_codes  text[] NOT NULL,
    PRIMARY KEY (alliance_id, audit_id, finding_id)
);

-- which audit finding verified an EQA corrective action (a reopened finding takes its verification back)
ALTER TABLE readmodel.rec_eqa_verified ADD COLUMN finding_ref text;

CREATE TABLE readmodel.eqa_audit_finding (
    alliance_id text NOT NULL,
    lab_code    text NOT NULL,
    finding_id  text NOT NULL,
    audit_id    text NOT NULL,
    item_codes  text[] NOT NULL,
    description text,
    PRIMARY KEY (alliance_id, audit_id, finding_id)
);
