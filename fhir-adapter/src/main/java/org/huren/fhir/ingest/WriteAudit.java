package org.huren.fhir.ingest;

import java.util.List;

/**
 * The audit record of a write, stored in the write's own database transaction (ADR 0013): no second commit on the
 * ingest path, and no write stored without its record.
 */
public interface WriteAudit {

    /** Nothing recorded in the transaction (the answer is audited after it instead). */
    WriteAudit NONE = new WriteAudit() {
        @Override
        public void beforeCommit(List<String> written) {
        }

        @Override
        public void committed() {
        }
    };

    /** Inside the write's transaction, just before it commits: the records written, as {@code Type/id}. */
    void beforeCommit(List<String> written);

    /** The transaction committed: the record is stored with the write. */
    void committed();
}
