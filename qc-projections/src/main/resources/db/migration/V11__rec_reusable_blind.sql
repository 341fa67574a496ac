-- Blind samples' results (盲样) join the reuse index, marked (issue 11): the lab that holds them must not be able to
-- tell them from patient results, so its own $reusable, rates and scorecard count them; every other lab, the
-- alliance's own figures, the KPIs and the gauges leave them out (RecognitionProjection.countsFor).
ALTER TABLE readmodel.rec_reusable ADD COLUMN blind boolean NOT NULL DEFAULT false;
DROP INDEX readmodel.rec_reusable_patient_idx;
CREATE INDEX rec_reusable_patient_idx ON readmodel.rec_reusable (patient_id, alliance_id, item_code, effective_at DESC)
    INCLUDE (status, lab_id, result_id, blind);

-- Stores upgraded from V10: the blind results already decided.
INSERT INTO readmodel.rec_reusable (result_id, alliance_id, patient_id, item_code, effective_at, lab_id, status,
    ever_recognized, blind)
SELECT d.result_id, d.alliance_id, x.patient_id, d.item_code, x.effective_at, x.lab_id, d.status, d.ever_recognized,
       true
FROM readmodel.recognition d JOIN readmodel.rec_result x ON x.result_id = d.result_id
WHERE x.blind
ON CONFLICT (result_id, alliance_id) DO NOTHING;
