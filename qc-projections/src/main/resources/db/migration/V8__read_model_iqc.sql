-- IQC (室内质控): control lots and their targets, runs with their evaluations, control points for Levey-Jennings
-- charts ("iqc" processor); and the runs recognition brackets results with ("recognition" processor).

CREATE TABLE readmodel.iqc_series (
    series_id text PRIMARY KEY,
    lab_code  text NOT NULL,
    item_code text NOT NULL,
    rule_set  text NOT NULL,
    UNIQUE (lab_code, item_code)
);

CREATE TABLE readmodel.iqc_lot (
    series_id     text NOT NULL,
    level         text NOT NULL,
    lot           text NOT NULL,
    material      text,
    expiry        date,
    mean          numeric,
    sd            numeric,
    source        text NOT NULL,          -- ENTERED, ESTABLISHED, PENDING (targets being established)
    registered_at timestamptz NOT NULL,
    PRIMARY KEY (series_id, level, lot)
);

CREATE TABLE readmodel.iqc_run (
    series_id  text NOT NULL,
    run_id     text NOT NULL,
    run_at     timestamptz NOT NULL,
    status     text,                      -- ACCEPTED, WARNING, REJECTED; null while not evaluated
    violations jsonb NOT NULL DEFAULT '[]',
    rule_set   text,
    source     text,
    PRIMARY KEY (series_id, run_id)
);
CREATE INDEX iqc_run_time_idx ON readmodel.iqc_run (series_id, run_at);

CREATE TABLE readmodel.iqc_point (
    series_id text NOT NULL,
    run_id    text NOT NULL,
    run_at    timestamptz NOT NULL,
    level     text NOT NULL,
    lot       text NOT NULL,
    value     numeric NOT NULL,
    PRIMARY KEY (series_id, run_id, level)
);
CREATE INDEX iqc_point_series_idx ON readmodel.iqc_point (series_id, level, lot, run_at);

CREATE TABLE readmodel.rec_iqc_series (
    lab_code  text NOT NULL,
    item_code text NOT NULL,
    PRIMARY KEY (lab_code, item_code)
);

CREATE TABLE readmodel.rec_iqc_run (
    lab_code  text NOT NULL,
    item_code text NOT NULL,
    run_id    text NOT NULL,
    run_at    timestamptz NOT NULL,
    status    text NOT NULL,
    event_id  text NOT NULL,
    PRIMARY KEY (lab_code, item_code, run_id)
);

-- control values the recognition processor computes monthly CVs from
CREATE TABLE readmodel.rec_iqc_point (
    lab_code  text NOT NULL,
    item_code text NOT NULL,
    run_id    text NOT NULL,
    level     text NOT NULL,
    lot       text NOT NULL,
    month     text NOT NULL,                -- yyyy-MM, China Standard Time
    value     numeric NOT NULL,
    PRIMARY KEY (lab_code, item_code, run_id, level)
);
CREATE INDEX rec_iqc_point_month_idx ON readmodel.rec_iqc_point (lab_code, item_code, month);
