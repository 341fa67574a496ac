-- Recognition is segmented by lab (ADR 0019). The facts every lab of an alliance shares — its policy and its catalog —
-- are kept once per bucket of labs (32 fixed slices of the labs' hashes): each segment writes and reads its own copy
-- at its own point of the event stream. The rows already here become every bucket's copy.
ALTER TABLE readmodel.rec_catalog ADD COLUMN bucket smallint NOT NULL DEFAULT 0;
INSERT INTO readmodel.rec_catalog (bucket, alliance_id, code, version, effective_from, retired_from, loinc_codes, item)
SELECT b, alliance_id, code, version, effective_from, retired_from, loinc_codes, item
FROM readmodel.rec_catalog, generate_series(1, 31) b;
ALTER TABLE readmodel.rec_catalog DROP CONSTRAINT rec_catalog_pkey;
ALTER TABLE readmodel.rec_catalog ADD PRIMARY KEY (bucket, alliance_id, code, version);

ALTER TABLE readmodel.rec_policy ADD COLUMN bucket smallint NOT NULL DEFAULT 0;
INSERT INTO readmodel.rec_policy (bucket, alliance_id, not_yet_known_blocks, iqc_bracket_hours, eqa_max_age_days)
SELECT b, alliance_id, not_yet_known_blocks, iqc_bracket_hours, eqa_max_age_days
FROM readmodel.rec_policy, generate_series(1, 31) b;
ALTER TABLE readmodel.rec_policy DROP CONSTRAINT rec_policy_pkey;
ALTER TABLE readmodel.rec_policy ADD PRIMARY KEY (bucket, alliance_id);
