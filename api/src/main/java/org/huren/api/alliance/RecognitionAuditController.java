package org.huren.api.alliance;

import org.huren.api.security.CallerLab;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.huren.api.web.ReadsFrom;
import org.huren.fhir.read.ReadModel;
import org.huren.api.web.ApiProblems;
import org.huren.domain.query.FindResource;
import org.huren.domain.query.StoredResource;
import org.huren.domain.recognition.query.GetRecognitionHistory;
import org.huren.domain.recognition.query.RecognitionView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** QC managers' audit trail of one result's recognition: every decision change with its cause. */
@RestController
@Tag(name = "Recognition audit", description = "互认: each decision change of a result, with the event behind it")
public class RecognitionAuditController {

    private final QueryGateway queries;

    public RecognitionAuditController(QueryGateway queries) {
        this.queries = queries;
    }

    /**
     * The history of a result that may be read by the lab asking (the lab its token acts for): a blind sample's
     * result (盲样) exists only for its own lab, as on every FHIR path ({@link StoredResource#visibleTo}) — for anyone
     * else the answer is the 404 of a result that does not exist.
     */
    @GetMapping("/api/results/{resultId}/recognition-history")
    @ReadsFrom({ReadModel.RECOGNITION, ReadModel.LAB_RECORDS})
    @Operation(summary = "Every change of the result's recognition, oldest first, with criteria and cause "
            + "(a blind sample's result: only for its lab, the lab its token acts for)")
    public List<RecognitionView> history(@PathVariable String resultId,
                                         @CallerLab String lab) {
        boolean visible = queries.query(new FindResource("Observation", resultId),
                ResponseTypes.optionalInstanceOf(StoredResource.class)).join()
                .map(result -> result.visibleTo(lab)).orElse(false);
        List<RecognitionView> history = !visible ? List.of() : queries.query(new GetRecognitionHistory(resultId),
                ResponseTypes.multipleInstancesOf(RecognitionView.class)).join();
        if (history.isEmpty()) {
            throw noHistory(resultId);
        }
        return history;
    }

    /** The answer for a result without history — and for one the caller may not see, so the two look alike. */
    public static ApiProblems.NotFound noHistory(String resultId) {
        return new ApiProblems.NotFound("resultId", "no recognition decided for result " + resultId);
    }
}
