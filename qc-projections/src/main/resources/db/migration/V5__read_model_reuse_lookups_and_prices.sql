-- Order-time lookups (调阅) and what they found (a reminder, 互认提醒, when a reusable result existed), the
-- outcome each answers, and the catalog item prices that estimate what reuses saved. Kept by the recognition
-- processor beside the reuse outcomes.

CREATE TABLE readmodel.reuse_lookup (
    lookup_id      text PRIMARY KEY,
    alliance_id    text NOT NULL,
    ordering_lab   text NOT NULL,
    clinician      text,
    department     text,
    requested_code text NOT NULL,
    item_code      text,                -- null when the code is not in the catalog
    result_id      text,                -- the reusable result found, or null
    result_lab     text,
    valid_until    timestamptz,
    reasons        text[] NOT NULL,
    looked_up_at   timestamptz NOT NULL
);
CREATE INDEX reuse_lookup_alliance_idx ON readmodel.reuse_lookup (alliance_id, looked_up_at);

ALTER TABLE readmodel.reuse_outcome ADD COLUMN lookup_id text;

CREATE TABLE readmodel.item_price (
    alliance_id    text NOT NULL,
    item_code      text NOT NULL,
    effective_from date NOT NULL,
    price          numeric NOT NULL,
    currency       text NOT NULL,
    PRIMARY KEY (alliance_id, item_code, effective_from)
);
