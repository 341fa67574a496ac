package org.huren.fhir.server;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.huren.fhir.ingest.IngestResult;

/** What every write answer carries besides its body. */
final class WriteAnswers {

    private WriteAnswers() {
    }

    static void addPosition(RequestDetails request, IngestResult result) {
        addPosition(request, result.eventPosition());
    }

    static void addPosition(RequestDetails request, long position) {
        if (position >= 0 && request instanceof ServletRequestDetails servlet
                && servlet.getServletResponse() != null) {
            servlet.getServletResponse().setHeader(HurenHeaders.EVENT_POSITION, Long.toString(position));
        }
    }
}
