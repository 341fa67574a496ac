-- Recognition of results sent with a lab's local code (ADR 0017), kept by the "recognition" processor beside its
-- other facts: every version of every mapped code, and for each result the local code it came under and the
-- version that covers it (none: unmapped).
CREATE TABLE readmodel.rec_local_code (
    lab_code       text NOT NULL,
    system         text NOT NULL,
    code           text NOT NULL,
    map_version    integer NOT NULL,
    code_map_id    text NOT NULL,
    effective_from date NOT NULL,
    retroactive    boolean NOT NULL,
    item_code      text,                   -- a retirement: none
    loinc          text,
    item_name      text,
    event_id       text NOT NULL,
    PRIMARY KEY (lab_code, system, code, map_version)
);

ALTER TABLE readmodel.rec_result
    ADD COLUMN local_system  text,         -- set only for a result without a LOINC coding
    ADD COLUMN local_code    text,
    ADD COLUMN local_display text,
    ADD COLUMN map_version   integer,      -- the covering version of rec_local_code; null: unmapped
    ADD COLUMN mapped_loinc  text,
    ADD COLUMN mapped_name   text,
    ADD COLUMN mapped_tokens text[];       -- 'http://loinc.org|code' and 'code': found by FHIR code searches

CREATE INDEX rec_result_local_code_idx ON readmodel.rec_result (lab_id, local_system, local_code)
    WHERE local_code IS NOT NULL;
CREATE INDEX rec_result_mapped_tokens_idx ON readmodel.rec_result USING gin (mapped_tokens)
    WHERE mapped_tokens IS NOT NULL;
