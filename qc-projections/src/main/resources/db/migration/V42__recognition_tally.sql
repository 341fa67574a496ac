-- The recognition rates, the KPIs and the recognition matrix of the console counted the alliance's rows of the reuse
-- index (rec_reusable) on every request: at a million results that is a second-long scan per page (issue 16).
-- rec_tally holds the same counts per alliance × lab × item × month taken (CST) × blind, so a page sums a few hundred
-- rows instead (ADR 0023). It is kept by the database from every change of rec_reusable, in the statement that makes
-- the change: statement-level triggers aggregate the rows a statement inserted, updated or deleted (transition tables)
-- and add the differences, so the tally cannot drift from the index, whoever writes it (decisions, replays, resets).
CREATE TABLE readmodel.rec_tally (
    alliance_id text    NOT NULL,
    lab_id      text    NOT NULL,
    -- '' for results without a catalog item (rec_reusable.item_code NULL)
    item_code   text    NOT NULL,
    -- 'YYYY-MM' of effective_at in Asia/Shanghai, '' without one
    month       text    NOT NULL,
    blind       boolean NOT NULL,
    results     bigint  NOT NULL,
    recognized  bigint  NOT NULL,
    never       bigint  NOT NULL,
    withdrawn   bigint  NOT NULL,
    pending     bigint  NOT NULL,
    PRIMARY KEY (alliance_id, lab_id, item_code, month, blind)
);

-- One row's contribution (+1 or -1 as sign) to its tally row.
CREATE FUNCTION readmodel.rec_tally_add(changed readmodel.rec_tally[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO readmodel.rec_tally AS t (alliance_id, lab_id, item_code, month, blind, results, recognized, never,
                                          withdrawn, pending)
    SELECT c.alliance_id, c.lab_id, c.item_code, c.month, c.blind, sum(c.results), sum(c.recognized), sum(c.never),
           sum(c.withdrawn), sum(c.pending)
    FROM unnest(changed) c
    GROUP BY c.alliance_id, c.lab_id, c.item_code, c.month, c.blind
    HAVING sum(c.results) <> 0 OR sum(c.recognized) <> 0 OR sum(c.never) <> 0 OR sum(c.withdrawn) <> 0
        OR sum(c.pending) <> 0
    -- a fixed order of the rows locked: two writers of overlapping rows cannot deadlock
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (alliance_id, lab_id, item_code, month, blind) DO UPDATE SET
        results = t.results + excluded.results, recognized = t.recognized + excluded.recognized,
        never = t.never + excluded.never, withdrawn = t.withdrawn + excluded.withdrawn,
        pending = t.pending + excluded.pending
$$;

-- The tally rows of reuse-index rows r, each counted sign times (the same rule as the queries counted them before).
CREATE FUNCTION readmodel.rec_tally_of(r readmodel.rec_reusable, sign int) RETURNS readmodel.rec_tally
    LANGUAGE sql IMMUTABLE AS $$
    SELECT ROW(r.alliance_id, r.lab_id, coalesce(r.item_code, ''),
               coalesce(to_char(r.effective_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), ''), r.blind, sign,
               CASE WHEN r.status = 'RECOGNIZED' THEN sign ELSE 0 END,
               CASE WHEN r.status = 'NOT_RECOGNIZED' AND NOT r.ever_recognized THEN sign ELSE 0 END,
               CASE WHEN r.status = 'NOT_RECOGNIZED' AND r.ever_recognized THEN sign ELSE 0 END,
               CASE WHEN r.status = 'PENDING' THEN sign ELSE 0 END)::readmodel.rec_tally
$$;

CREATE FUNCTION readmodel.rec_tally_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM readmodel.rec_tally_add(ARRAY(SELECT readmodel.rec_tally_of(n, 1) FROM inserted n));
    RETURN NULL;
END $$;

CREATE FUNCTION readmodel.rec_tally_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM readmodel.rec_tally_add(ARRAY(SELECT readmodel.rec_tally_of(n, 1) FROM updated_new n
                                          UNION ALL SELECT readmodel.rec_tally_of(o, -1) FROM updated_old o));
    RETURN NULL;
END $$;

CREATE FUNCTION readmodel.rec_tally_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM readmodel.rec_tally_add(ARRAY(SELECT readmodel.rec_tally_of(o, -1) FROM deleted o));
    RETURN NULL;
END $$;

CREATE FUNCTION readmodel.rec_tally_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM readmodel.rec_tally;
    RETURN NULL;
END $$;

CREATE TRIGGER rec_tally_inserted AFTER INSERT ON readmodel.rec_reusable
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION readmodel.rec_tally_inserted();
CREATE TRIGGER rec_tally_updated AFTER UPDATE ON readmodel.rec_reusable
    REFERENCING OLD TABLE AS updated_old NEW TABLE AS updated_new
    FOR EACH STATEMENT EXECUTE FUNCTION readmodel.rec_tally_updated();
CREATE TRIGGER rec_tally_deleted AFTER DELETE ON readmodel.rec_reusable
    REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION readmodel.rec_tally_deleted();
CREATE TRIGGER rec_tally_truncated AFTER TRUNCATE ON readmodel.rec_reusable
    FOR EACH STATEMENT EXECUTE FUNCTION readmodel.rec_tally_truncated();

-- The rows already there.
INSERT INTO readmodel.rec_tally (alliance_id, lab_id, item_code, month, blind, results, recognized, never, withdrawn,
                                 pending)
SELECT (c).alliance_id, (c).lab_id, (c).item_code, (c).month, (c).blind, sum((c).results), sum((c).recognized),
       sum((c).never), sum((c).withdrawn), sum((c).pending)
FROM (SELECT readmodel.rec_tally_of(r, 1) AS c FROM readmodel.rec_reusable r) counted
GROUP BY 1, 2, 3, 4, 5;

-- The matrix's newest result of a cell (lab × item): the first entry of the cell in this index, not a sort of the
-- alliance's rows. It leads with alliance_id, so the single-column index on it is no longer needed.
CREATE INDEX rec_reusable_cell_idx ON readmodel.rec_reusable
    (alliance_id, lab_id, item_code, effective_at DESC NULLS LAST, result_id) INCLUDE (blind);
DROP INDEX readmodel.rec_reusable_alliance_idx;
