package org.huren.fhir.server;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.huren.domain.common.ConflictingStateException;
import org.huren.domain.common.DomainRuleViolation;
import org.huren.domain.eqa.EqaChannel;
import org.huren.domain.eqa.EqaRound;
import org.huren.domain.eqa.SubmitEqaResult;
import org.huren.fhir.ingest.EventStoreIndex;
import org.huren.fhir.ingest.RetriedUnitOfWork;

import java.util.ArrayList;
import java.util.List;

/**
 * EQA results as FHIR Observations ({@code Observation/$eqa-result}): each names its sample by
 * {@code specimen.identifier} (system {@value #SAMPLE_SYSTEM}, value = the sample code), its item by a LOINC (or
 * catalog) code, and carries {@code valueQuantity} — or {@code valueCodeableConcept}/{@code valueString} for a
 * qualitative item. They are EQA returns, not patient results: HuRen grades them and stores no lab result.
 */
public class EqaResults {

    public static final String SAMPLE_SYSTEM = "https://huren.org/fhir/sid/eqa-sample";

    private final CommandGateway commands;
    private final RetriedUnitOfWork unitsOfWork;
    private final EventStoreIndex eventStore;

    public EqaResults(CommandGateway commands, RetriedUnitOfWork unitsOfWork, EventStoreIndex eventStore) {
        this.commands = commands;
        this.unitsOfWork = unitsOfWork;
        this.eventStore = eventStore;
    }

    Parameters submit(String roundId, String lab, List<Observation> observations, RequestDetails request) {
        if (!eventStore.aggregateType(roundId).map("EqaRound"::equals).orElse(false)) {
            throw Problem.of(404, "unknown-round").issue(IssueType.NOTFOUND, "Parameters.parameter[round]",
                    "no EQA round " + roundId).exception();
        }
        if (lab == null || lab.isBlank()) {
            throw Problem.of(403, "unknown-lab").issue(IssueType.FORBIDDEN, null, "EQA results are sent by a "
                    + "participating lab's LIS client: the token acts for no lab (claim huren_lab)").exception();
        }
        List<SubmitEqaResult> submissions = new ArrayList<>();
        Problem invalid = Problem.of(422, "invalid-eqa-result");
        for (int i = 0; i < observations.size(); i++) {
            Observation o = observations.get(i);
            String at = "Parameters.parameter[observation][" + i + "]";
            String sample = o.getSpecimen().hasIdentifier() && SAMPLE_SYSTEM.equals(o.getSpecimen().getIdentifier()
                    .getSystem()) ? o.getSpecimen().getIdentifier().getValue() : null;
            if (sample == null || sample.isBlank()) {
                invalid.issue(IssueType.REQUIRED, at + ".specimen.identifier", "an EQA result names its sample: "
                        + "specimen.identifier with system " + SAMPLE_SYSTEM + " and the sample code");
                continue;
            }
            Coding coding = o.getCode().getCoding().stream().filter(Coding::hasCode).findFirst().orElse(null);
            if (coding == null) {
                invalid.issue(IssueType.REQUIRED, at + ".code", "an EQA result names its item (a LOINC code)");
                continue;
            }
            java.math.BigDecimal value = o.hasValueQuantity() ? o.getValueQuantity().getValue() : null;
            String unit = o.hasValueQuantity() ? o.getValueQuantity().getCode() : null;
            String category = o.hasValueCodeableConcept()
                    ? (o.getValueCodeableConcept().getCodingFirstRep().hasCode()
                    ? o.getValueCodeableConcept().getCodingFirstRep().getCode() : o.getValueCodeableConcept().getText())
                    : o.hasValueStringType() ? o.getValueStringType().getValue() : null;
            submissions.add(new SubmitEqaResult(roundId, lab, sample, coding.getCode(), value, unit, category, lab,
                    EqaChannel.FHIR, null));
        }
        if (!invalid.isEmpty()) {
            throw invalid.exception();
        }
        // all or nothing: one unit of work, one transaction, retried when another writer got to the round first
        Sent sent;
        try {
            sent = unitsOfWork.execute(unitOfWork -> send(submissions));
        } catch (ConcurrencyException | AggregateStreamCreationException e) {
            throw Problem.of(409, "concurrent-write").issue(IssueType.CONFLICT, null,
                    "the round was written concurrently by another request; retry").exception();
        } catch (ConflictingStateException e) {
            throw Problem.of(409, e.rule()).issue(IssueType.CONFLICT, e.field(), e).exception();
        } catch (DomainRuleViolation e) {
            throw Problem.of(422, e.rule()).issue(IssueType.BUSINESSRULE, e.field(), e).exception();
        }
        WriteAnswers.addPosition(request, eventStore.latestPosition(List.of(roundId)));
        if (sent.refused()) {
            throw Problem.of(422, "eqa-late").issue(IssueType.BUSINESSRULE, null, "round " + roundId
                    + " is past its deadline or graded: the results were refused (and logged)").exception();
        }
        return sent.answer();
    }

    /** The answer naming each submission's outcome; refused when the round took none (late or graded). */
    private record Sent(Parameters answer, boolean refused) {
    }

    /** Sends the submissions in the current unit of work. */
    private Sent send(List<SubmitEqaResult> submissions) {
        Parameters answer = new Parameters();
        boolean refused = false;
        for (int i = 0; i < submissions.size(); i++) {
            SubmitEqaResult submission = submissions.get(i);
            EqaRound.Submission outcome;
            try {
                outcome = commands.sendAndWait(submission);
            } catch (ConflictingStateException e) {
                throw new ConflictingStateException(e.rule(), path(e.field(), i), e.getMessage(),
                        e.arguments().toArray());
            } catch (DomainRuleViolation e) {
                throw new DomainRuleViolation(e.rule(), path(e.field(), i), e.getMessage(),
                        e.arguments().toArray());
            }
            Parameters.ParametersParameterComponent result = answer.addParameter().setName("result");
            result.addPart().setName("sample").setValue(new StringType(submission.sampleCode()));
            result.addPart().setName("code").setValue(new StringType(submission.code()));
            result.addPart().setName("outcome").setValue(new CodeType(outcome.name()));
            refused |= outcome == EqaRound.Submission.REFUSED;
        }
        return new Sent(answer, refused);
    }

    /**
     * The element of the {@code i}th observation a {@link SubmitEqaResult} field came from; the lab is the header,
     * not an element (null).
     */
    static String path(String field, int i) {
        String at = "Parameters.parameter[observation][" + i + "]";
        if (field == null) {
            return null;
        }
        return switch (field) {
            case "sampleCode" -> at + ".specimen.identifier";
            case "itemCode" -> at + ".code";
            case "value", "category" -> at + ".value";
            case "unit" -> at + ".valueQuantity.code";
            case "labCode" -> null;
            default -> at;
        };
    }
}
