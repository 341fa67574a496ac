package org.huren.fhir.ingest;

import org.huren.domain.common.ResourceKey;
import org.huren.domain.labdoc.DocumentKind;
import org.huren.domain.labdoc.LabDocumentContent;
import org.huren.domain.labdoc.RecordLabDocument;
import org.huren.domain.labdoc.ReviseLabDocument;
import org.huren.domain.labresult.LabResultContent;
import org.huren.domain.labresult.ReportLabResult;
import org.huren.domain.labresult.ReviseLabResult;
import org.huren.domain.patient.PatientContent;
import org.huren.domain.patient.RegisterPatient;
import org.huren.domain.patient.UpdatePatientDetails;

/** What a planned entry writes — a patient, a result or a lab document — and the commands that write it. */
sealed interface PlannedContent {

    /** The command that creates the record. */
    Object creation(String id, String lab, ResourceKey key);

    /** The command that revises the record; {@code expectedVersion} the version it was made against (If-Match), or null. */
    Object revision(String id, String lab, Long expectedVersion);

    record PatientRecord(PatientContent content) implements PlannedContent {

        @Override
        public Object creation(String id, String lab, ResourceKey key) {
            return new RegisterPatient(id, lab, key, content);
        }

        @Override
        public Object revision(String id, String lab, Long expectedVersion) {
            return new UpdatePatientDetails(id, lab, content, expectedVersion);
        }
    }

    record Result(LabResultContent content) implements PlannedContent {

        @Override
        public Object creation(String id, String lab, ResourceKey key) {
            return new ReportLabResult(id, lab, key, content);
        }

        @Override
        public Object revision(String id, String lab, Long expectedVersion) {
            return new ReviseLabResult(id, lab, content, expectedVersion);
        }
    }

    record Document(DocumentKind kind, LabDocumentContent content) implements PlannedContent {

        @Override
        public Object creation(String id, String lab, ResourceKey key) {
            return new RecordLabDocument(id, lab, kind, key, content);
        }

        @Override
        public Object revision(String id, String lab, Long expectedVersion) {
            return new ReviseLabDocument(id, lab, kind, content, expectedVersion);
        }
    }

    /** The content of a patient, or null when its mapping found problems. */
    static PlannedContent patient(PatientContent content) {
        return content == null ? null : new PatientRecord(content);
    }

    /** The content of a result, or null when its mapping found problems. */
    static PlannedContent result(LabResultContent content) {
        return content == null ? null : new Result(content);
    }

    /** The content of a lab document, or null when its mapping found problems. */
    static PlannedContent document(DocumentKind kind, LabDocumentContent content) {
        return content == null ? null : new Document(kind, content);
    }
}
