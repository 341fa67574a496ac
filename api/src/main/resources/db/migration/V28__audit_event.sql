-- The audit trail of access (issue 13, ADR 0013): one row per request that read patient data or wrote anything,
-- refused ones included, each holding its FHIR AuditEvent (IHE BALP) and the columns AuditEvent search filters on.
-- Append-only; not in the event store, whose readers would have to wade through every read.
CREATE TABLE audit_event (
    id            uuid PRIMARY KEY,
    recorded      timestamptz NOT NULL,
    action        char(1)     NOT NULL,             -- C R U D E (AuditEvent.action)
    subtype       text        NOT NULL,             -- restful interaction or $operation
    agent_subject text,                             -- the token's sub
    agent_client  text,                             -- the token's client_id
    lab           text,                             -- the member lab the token acts for
    entities      text[]      NOT NULL DEFAULT '{}', -- resources read or written, as Type/id
    patients      text[]      NOT NULL DEFAULT '{}', -- Patient/id and system|value identifiers searched or touched
    outcome       smallint    NOT NULL,             -- 0 4 8 12 (AuditEvent.outcome)
    request_id    text,                             -- X-Request-Id
    resource      jsonb       NOT NULL              -- the AuditEvent
);

-- every search is bounded by time and pages newest first
CREATE INDEX audit_event_recorded ON audit_event (recorded DESC, id);
CREATE INDEX audit_event_agent_subject ON audit_event (agent_subject, recorded DESC);
CREATE INDEX audit_event_agent_client ON audit_event (agent_client, recorded DESC);
CREATE INDEX audit_event_lab ON audit_event (lab, recorded DESC);
CREATE INDEX audit_event_entities ON audit_event USING gin (entities);
CREATE INDEX audit_event_patients ON audit_event USING gin (patients);
-- refusals are few and wanted: a partial index finds them; action (five values) is filtered along the others
CREATE INDEX audit_event_failures ON audit_event (outcome, recorded DESC) WHERE outcome <> 0;
