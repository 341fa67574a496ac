-- Labs' code maps of their local item codes (本院项目对照, ADR 0017): one map per lab and code system, every change
-- kept. Fed by the "alliance" event processor; serves /api/labs/{lab}/code-maps and FHIR ConceptMap.
CREATE TABLE readmodel.code_map (
    code_map_id text PRIMARY KEY,
    lab_code    text NOT NULL,
    system      text NOT NULL,
    version     integer NOT NULL,          -- one per change: the ConceptMap's version
    updated_at  timestamptz NOT NULL,
    UNIQUE (lab_code, system)
);

CREATE TABLE readmodel.code_map_change (
    code_map_id    text NOT NULL,
    map_version    integer NOT NULL,
    code           text NOT NULL,
    change         text NOT NULL,          -- MAPPED, AMENDED, RETIRED
    effective_from date NOT NULL,
    retroactive    boolean NOT NULL,
    display        text,                   -- the lab's name of the item (a retirement: none)
    unit           text,
    item_code      text,
    item_name      text,
    loinc          text,
    catalog_unit   text,
    alliance_id    text,
    reason         text,                   -- a retirement's
    recorded_at    timestamptz NOT NULL,
    event_id       text NOT NULL,
    PRIMARY KEY (code_map_id, map_version)
);
CREATE INDEX code_map_change_code_idx ON readmodel.code_map_change (code_map_id, code, map_version);
