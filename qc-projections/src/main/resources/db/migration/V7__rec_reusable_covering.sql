-- Recognition rates and the gauges read the narrow rec_reusable table instead of joining the wide decision rows;
-- $reusable reads its index only.
ALTER TABLE readmodel.rec_reusable ADD COLUMN ever_recognized boolean NOT NULL DEFAULT false;
DROP INDEX readmodel.rec_reusable_patient_idx;
CREATE INDEX rec_reusable_patient_idx ON readmodel.rec_reusable (patient_id, alliance_id, item_code, effective_at DESC)
    INCLUDE (status, lab_id, result_id);
CREATE INDEX rec_reusable_alliance_idx ON readmodel.rec_reusable (alliance_id);

-- Blind samples' results are decided like any other (their lab sees an ordinary result) but never indexed for reuse.
ALTER TABLE readmodel.rec_result ADD COLUMN blind boolean NOT NULL DEFAULT false;

-- Stores upgraded from V5 (before the reuse index existed): fill the index from the decisions already made.
UPDATE readmodel.rec_result r SET patient_id = o.patient_id
FROM readmodel.observation o WHERE o.id = r.result_id AND r.patient_id IS NULL;
INSERT INTO readmodel.rec_reusable (result_id, alliance_id, patient_id, item_code, effective_at, lab_id, status,
    ever_recognized)
SELECT d.result_id, d.alliance_id, x.patient_id, d.item_code, x.effective_at, x.lab_id, d.status, d.ever_recognized
FROM readmodel.recognition d JOIN readmodel.rec_result x ON x.result_id = d.result_id
ON CONFLICT (result_id, alliance_id) DO UPDATE SET ever_recognized = excluded.ever_recognized;

-- Lab documents (a blind specimen, a report on a pseudo-patient) that only their lab may read.
ALTER TABLE readmodel.lab_document ADD COLUMN qc_lab text;

-- What the pseudo-patient is known by, to hide the lab's record whatever identifier the LIS keys it by.
ALTER TABLE readmodel.blind_patient ADD COLUMN identifier_system text;
ALTER TABLE readmodel.blind_patient ADD COLUMN identifier_value text;
