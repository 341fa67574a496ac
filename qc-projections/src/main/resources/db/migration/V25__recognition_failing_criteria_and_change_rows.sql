-- The criteria a decision failed, and those not yet known, beside it: served on every Observation as an extension
-- without parsing the criteria JSON per row.
ALTER TABLE readmodel.recognition
    ADD COLUMN failing       text[] NOT NULL DEFAULT '{}',
    ADD COLUMN not_yet_known text[] NOT NULL DEFAULT '{}';

UPDATE readmodel.recognition r SET
    failing = coalesce((SELECT array_agg(c ->> 'criterion' ORDER BY n)
                        FROM jsonb_array_elements(r.criteria::jsonb) WITH ORDINALITY AS x(c, n)
                        WHERE c ->> 'verdict' = 'FAIL'), '{}'),
    not_yet_known = coalesce((SELECT array_agg(c ->> 'criterion' ORDER BY n)
                              FROM jsonb_array_elements(r.criteria::jsonb) WITH ORDINALITY AS x(c, n)
                              WHERE c ->> 'verdict' = 'NOT_YET_KNOWN'), '{}');

-- Each change row says what the decision was then in full: the item, whether the result had ever been recognized
-- (so a withdrawal reads "withdrawn", not "never recognized"), and when it was last withdrawn.
ALTER TABLE readmodel.recognition_change
    ADD COLUMN item_code       text,
    ADD COLUMN ever_recognized boolean,
    ADD COLUMN withdrawn_at    timestamptz;

WITH ordered AS (
    SELECT seq, status, at,
           bool_or(status = 'RECOGNIZED') OVER w AS ever,
           lag(status) OVER (PARTITION BY result_id, alliance_id ORDER BY seq) AS before
    FROM readmodel.recognition_change
    WINDOW w AS (PARTITION BY result_id, alliance_id ORDER BY seq ROWS UNBOUNDED PRECEDING)
), withdrawals AS (
    SELECT o.seq, o.ever,
           max(CASE WHEN o.before = 'RECOGNIZED' AND o.status <> 'RECOGNIZED' THEN o.at END)
               OVER (PARTITION BY c.result_id, c.alliance_id ORDER BY o.seq ROWS UNBOUNDED PRECEDING) AS withdrawn
    FROM ordered o JOIN readmodel.recognition_change c ON c.seq = o.seq
)
UPDATE readmodel.recognition_change c SET ever_recognized = w.ever, withdrawn_at = w.withdrawn,
    item_code = (SELECT r.item_code FROM readmodel.recognition r
                 WHERE r.result_id = c.result_id AND r.alliance_id = c.alliance_id)
FROM withdrawals w WHERE w.seq = c.seq;

UPDATE readmodel.recognition_change SET ever_recognized = false WHERE ever_recognized IS NULL;
ALTER TABLE readmodel.recognition_change ALTER COLUMN ever_recognized SET NOT NULL;
