-- The patient linker's own facts (ADR 0008), kept by its subscribing processor in the transaction of each write
-- that changes them: which identifier systems each alliance trusts, which labs each alliance has enrolled, and
-- every member patient record's identifiers. They were the recognition processor's (rec_trusted_system,
-- rec_patient_identifier, with rec_membership); here they are rebuilt from the event store itself, so they are
-- exact however far that processor was behind.
CREATE TABLE readmodel.link_trusted_system (
    alliance_id text NOT NULL,
    system      text NOT NULL,
    PRIMARY KEY (alliance_id, system)
);

CREATE TABLE readmodel.link_member (
    alliance_id text NOT NULL,
    lab_code    text NOT NULL,
    PRIMARY KEY (alliance_id, lab_code)
);
CREATE INDEX link_member_lab_idx ON readmodel.link_member (lab_code);

CREATE TABLE readmodel.link_patient_identifier (
    patient_id text NOT NULL,
    lab_id     text NOT NULL,
    system     text NOT NULL,
    value      text NOT NULL,
    PRIMARY KEY (patient_id, system, value)
);
CREATE INDEX link_patient_identifier_lab_idx ON readmodel.link_patient_identifier (lab_id, system);

-- a system is trusted when the latest change for it says so
INSERT INTO readmodel.link_trusted_system (alliance_id, system)
SELECT alliance_id, system FROM (
    SELECT DISTINCT ON (p ->> 'allianceId', p ->> 'system') p ->> 'allianceId' AS alliance_id,
           p ->> 'system' AS system, (p ->> 'trusted')::boolean AS trusted
    FROM (SELECT globalindex, convert_from(payload, 'UTF8')::jsonb AS p FROM domainevententry
          WHERE payloadtype = 'org.huren.domain.alliance.IdentifierSystemTrustChanged') changes
    ORDER BY p ->> 'allianceId', p ->> 'system', globalindex DESC) latest
WHERE trusted;

INSERT INTO readmodel.link_member (alliance_id, lab_code)
SELECT DISTINCT p ->> 'allianceId', p ->> 'labCode'
FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM domainevententry
      WHERE payloadtype = 'org.huren.domain.alliance.LabEnrolled') enrolments;

-- every identifier a record ever carried; a flight inspection's pseudo-patient is nobody's record
INSERT INTO readmodel.link_patient_identifier (patient_id, lab_id, system, value)
SELECT DISTINCT p ->> 'patientId', p ->> 'labId', coalesce(i ->> 'system', ''), i ->> 'value'
FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM domainevententry
      WHERE payloadtype IN ('org.huren.domain.patient.PatientRegistered',
                            'org.huren.domain.patient.PatientDetailsChanged')) patients
CROSS JOIN jsonb_array_elements(p -> 'content' -> 'identifiers') i
WHERE i ->> 'value' IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM readmodel.blind_patient b WHERE b.patient_id = p ->> 'patientId')
ON CONFLICT DO NOTHING;

DROP TABLE readmodel.rec_trusted_system, readmodel.rec_patient_identifier;
