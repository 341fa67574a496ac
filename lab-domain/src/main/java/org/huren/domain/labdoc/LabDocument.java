package org.huren.domain.labdoc;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.huren.domain.common.Change;
import org.huren.domain.common.ConflictingStateException;
import org.huren.domain.common.StaleVersionException;
import org.huren.domain.common.WriteOutcome;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A specimen or lab report of one lab (lab × LIS key), with its revision history. */
public class LabDocument {

    @AggregateIdentifier
    private String documentId;
    private String labId;
    private DocumentKind kind;
    private String contentHash;
    private long version;

    protected LabDocument() {
        // required by Axon
    }

    @CommandHandler
    public LabDocument(RecordLabDocument command) {
        apply(new LabDocumentRecorded(command.documentId(), command.labId(), command.kind(), command.key(),
                command.content()));
    }

    @CommandHandler
    public WriteOutcome handle(ReviseLabDocument command) {
        if (!labId.equals(command.labId()) || kind != command.kind()) {
            throw new ConflictingStateException("document-mismatch", command.kind().fhirType(),
                    command.kind().fhirType() + " " + documentId + " belongs to another lab or is of another type");
        }
        StaleVersionException.requireCurrent(kind.fhirType() + "/" + documentId, command.expectedVersion(), version);
        if (command.content().contentHash().equals(contentHash)) {
            return new WriteOutcome(documentId, Change.UNCHANGED, version);
        }
        apply(new LabDocumentRevised(documentId, labId, kind, command.content()));
        return new WriteOutcome(documentId, Change.CORRECTED, version);
    }

    @EventSourcingHandler
    void on(LabDocumentRecorded event) {
        documentId = event.documentId();
        labId = event.labId();
        kind = event.kind();
        contentHash = event.content().contentHash();
        version++;
    }

    @EventSourcingHandler
    void on(LabDocumentRevised event) {
        contentHash = event.content().contentHash();
        version++;
    }
}
