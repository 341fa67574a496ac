package org.huren.fhir.ingest;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.hl7.fhir.r4.model.Observation;
import org.huren.domain.eqa.EqaChannel;
import org.huren.domain.eqa.SubmitEqaResult;
import org.huren.domain.eqa.query.BlindSampleRef;
import org.huren.domain.eqa.query.FindBlindSample;
import org.huren.domain.labresult.LabResultContent;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the results of a request that measure blind samples (盲样) of a flight inspection and makes each one's EQA
 * submission, sent in the same unit of work as the result itself. The LIS's answer does not change: the result is
 * stored and acknowledged like any other, and its EQA submission is never refused to the LIS (a result that
 * cannot be graded is logged by the round instead).
 */
public class BlindSampleRouting {

    private final QueryGateway queries;

    public BlindSampleRouting(QueryGateway queries) {
        this.queries = queries;
    }

    /** A blind result and the submission it makes. */
    public record Route(SubmitEqaResult submission) {
    }

    Map<LabRecordIngest.Planned, Route> routes(List<LabRecordIngest.Planned> records) {
        Map<String, LabRecordIngest.Planned> bySpecimen = new HashMap<>();
        for (LabRecordIngest.Planned p : records) {
            // only a result the lab stands by is graded: final, amended or corrected (a preliminary value waits)
            if (p.content instanceof PlannedContent.Result result && result.content().specimenId() != null
                    && result.content().status().isFinal()) {
                LabResultContent content = result.content();
                bySpecimen.put(content.specimenId() + "\u0000" + p.id, p);
            }
        }
        if (bySpecimen.isEmpty()) {
            return Map.of();
        }
        List<String> specimens = bySpecimen.keySet().stream().map(k -> k.substring(0, k.indexOf('\u0000')))
                .distinct().toList();
        List<BlindSampleRef> blind = queries.query(new FindBlindSample(specimens),
                ResponseTypes.multipleInstancesOf(BlindSampleRef.class)).join();
        if (blind.isEmpty()) {
            return Map.of();
        }
        Map<LabRecordIngest.Planned, Route> routes = new HashMap<>();
        for (BlindSampleRef ref : blind) {
            bySpecimen.forEach((key, p) -> {
                if (key.startsWith(ref.specimenId() + "\u0000") && ref.labCode().equals(p.lab.code())) {
                    routes.put(p, new Route(submission(ref, p)));
                }
            });
        }
        return routes;
    }

    private static SubmitEqaResult submission(BlindSampleRef ref, LabRecordIngest.Planned p) {
        LabResultContent content = ((PlannedContent.Result) p.content).content();
        String code = content.loinc().map(c -> c.code()).orElse(null);
        BigDecimal value = content.measurement() == null ? null : content.measurement().value();
        String unit = content.measurement() == null ? null : content.measurement().ucumCode();
        String category = null;
        if (p.entry.resource() instanceof Observation observation) {
            if (observation.hasValueCodeableConcept()) {
                var concept = observation.getValueCodeableConcept();
                category = concept.hasCoding() && concept.getCodingFirstRep().hasCode()
                        ? concept.getCodingFirstRep().getCode() : concept.getText();
            } else if (observation.hasValueStringType()) {
                category = observation.getValueStringType().getValue();
            }
        }
        return new SubmitEqaResult(ref.roundId(), ref.labCode(), ref.sampleCode(), code, value, unit, category,
                "LIS", EqaChannel.LIS, p.id);
    }
}
