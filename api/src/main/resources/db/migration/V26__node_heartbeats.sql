-- The application nodes sharing this database, each beating every few seconds: who is alive, so that segments are
-- balanced only over live nodes and a dead node's segments go to the survivors (SegmentBalancer, ADR 0011).
CREATE TABLE huren_node (
    node_id text PRIMARY KEY,
    seen_at timestamptz NOT NULL
);
