-- QC managers' decisions on patient links (issue 11): a record unlinked from a person, or linked to one again, with
-- the reason and when — so a result's $recognition can say its record was separated from that person. Fed by the
-- lab-records processor beside patient_link (whose linked = false row is what keeps an unlinked record out of every
-- match on the identifier it was unlinked from). A store upgraded from V9 fills it by a replay of lab-records.
CREATE TABLE readmodel.patient_link_decision (
    seq         bigserial PRIMARY KEY,
    person_id   text NOT NULL,
    alliance_id text NOT NULL,
    system      text NOT NULL,
    value       text NOT NULL,
    patient_id  text NOT NULL,
    decision    text NOT NULL,              -- UNLINKED, LINKED
    reason      text NOT NULL,
    decided_at  timestamptz NOT NULL,
    event_id    text NOT NULL UNIQUE
);
CREATE INDEX patient_link_decision_patient_idx ON readmodel.patient_link_decision (patient_id, seq);

-- the records unlinked from an identifier, looked up on every match by identifier
CREATE INDEX patient_link_unlinked_idx ON readmodel.patient_link (patient_id, system, value) WHERE NOT linked;
