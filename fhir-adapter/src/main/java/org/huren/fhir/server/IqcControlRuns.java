package org.huren.fhir.server;

import ca.uhn.fhir.rest.api.MethodOutcome;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.huren.domain.alliance.query.CatalogItemView;
import org.huren.domain.alliance.query.GetCatalog;
import org.huren.domain.common.ConflictingStateException;
import org.huren.domain.common.DomainRuleViolation;
import org.huren.domain.iqc.ControlResult;
import org.huren.domain.iqc.IqcSeries;
import org.huren.domain.iqc.RecordControlRun;
import org.huren.fhir.ingest.EventStoreIndex;
import org.huren.fhir.lab.LabDirectory;
import org.huren.fhir.lab.MemberLab;
import org.huren.fhir.read.ConfirmedReads;
import org.huren.fhir.read.ReadModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * IQC control runs as FHIR Observations: category {@value #CATEGORY_SYSTEM}|{@value #CONTROL} marks a control
 * measurement, not a patient result. One Observation is one run: {@code identifier} = the run id,
 * {@code effectiveDateTime} = run time, {@code code} = the item's LOINC code, one {@code component} per control
 * level ({@code component.code} = the level, e.g. L1; {@code valueQuantity} in the item's unit). Runs are stored
 * with the lab's IQC series and evaluated at once; no lab result is stored.
 */
public class IqcControlRuns {

    public static final String CATEGORY_SYSTEM = "https://huren.org/fhir/CodeSystem/observation-category";
    public static final String CONTROL = "qc-control";

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final LabDirectory labs;
    private final ConfirmedReads confirmed;
    private final EventStoreIndex eventStore;

    public IqcControlRuns(CommandGateway commands, QueryGateway queries, LabDirectory labs,
                          EventStoreIndex eventStore, ConfirmedReads confirmed) {
        this.confirmed = confirmed;
        this.commands = commands;
        this.queries = queries;
        this.labs = labs;
        this.eventStore = eventStore;
    }

    public static boolean isControl(Observation observation) {
        return observation.getCategory().stream().flatMap(c -> c.getCoding().stream())
                .anyMatch(c -> CATEGORY_SYSTEM.equals(c.getSystem()) && CONTROL.equals(c.getCode()));
    }

    MethodOutcome record(Observation observation, String labHeader, ca.uhn.fhir.rest.api.server.RequestDetails request) {
        Problem invalid = Problem.of(422, "invalid-control-run");
        MemberLab lab = labHeader == null ? null : labs.byCode(labHeader.trim()).orElse(null);
        if (lab == null || !lab.maySubmit()) {
            throw Problem.of(403, "unknown-lab").issue(IssueType.FORBIDDEN, null, "a control run is sent by a member "
                    + "lab: the token acts for " + (labHeader == null ? "no lab" : "lab " + labHeader.trim()
                    + ", which is not one") + " (claim huren_lab)").exception();
        }
        String runId = observation.getIdentifier().stream().filter(i -> i.hasValue()).map(i -> i.getValue())
                .findFirst().orElse(null);
        if (runId == null) {
            invalid.issue(IssueType.REQUIRED, "Observation.identifier", "a control run is identified by its run id");
        }
        if (!observation.hasEffectiveDateTimeType()) {
            invalid.issue(IssueType.REQUIRED, "Observation.effectiveDateTime", "a control run has its run time");
        }
        String loinc = observation.getCode().getCoding().stream().filter(c -> "http://loinc.org".equals(c.getSystem()))
                .map(Coding::getCode).findFirst().orElse(null);
        org.huren.domain.catalog.CatalogItem item = loinc == null ? null
                : confirmed.read(ReadModel.ALLIANCE, () -> itemOf(lab, loinc), Objects::nonNull);
        String itemCode = item == null ? null : item.code();
        if (itemCode == null) {
            invalid.issue(IssueType.CODEINVALID, "Observation.code", "the control run's LOINC code " + loinc
                    + " is not an item of the catalog of the lab's alliances");
        }
        List<ControlResult> results = new ArrayList<>();
        for (int i = 0; i < observation.getComponent().size(); i++) {
            Observation.ObservationComponentComponent component = observation.getComponent().get(i);
            String level = component.getCode().getCodingFirstRep().getCode();
            if (level == null || !component.hasValueQuantity() || !component.getValueQuantity().hasValue()) {
                invalid.issue(IssueType.REQUIRED, "Observation.component[" + i + "]",
                        "each level is a component with its level code and valueQuantity");
                continue;
            }
            String unit = component.getValueQuantity().getCode();
            if (item != null && unit != null && !unit.equals(item.ucumUnit())) {
                invalid.issue(IssueType.VALUE, "Observation.component[" + i + "].valueQuantity.code",
                        "control values of " + item.code() + " are in " + item.ucumUnit() + ", not " + unit);
                continue;
            }
            results.add(new ControlResult(level, component.getValueQuantity().getValue()));
        }
        if (results.isEmpty()) {
            invalid.issue(IssueType.REQUIRED, "Observation.component", "a control run has at least one level");
        }
        if (!invalid.isEmpty()) {
            throw invalid.exception();
        }
        String seriesId = IqcSeries.idOf(lab.code(), itemCode);
        if (eventStore.aggregateType(seriesId).isEmpty()) {
            throw Problem.of(422, "no-control-lot").issue(IssueType.BUSINESSRULE, "Observation.code",
                    "register a control lot of " + itemCode + " at " + lab.code() + " first").exception();
        }
        try {
            commands.sendAndWait(new RecordControlRun(seriesId, lab.code(), itemCode, runId,
                    observation.getEffectiveDateTimeType().getValue().toInstant(), results, "FHIR"));
        } catch (ConflictingStateException e) {
            throw Problem.of(409, e.rule()).issue(IssueType.CONFLICT, path(e.field()), e).exception();
        } catch (DomainRuleViolation e) {
            throw Problem.of(422, e.rule()).issue(IssueType.BUSINESSRULE, path(e.field()), e)
                    .exception();
        }
        WriteAnswers.addPosition(request, eventStore.latestPosition(List.of(seriesId)));
        OperationOutcome info = new OperationOutcome();
        info.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL)
                .setDiagnostics("control run " + runId + " of " + itemCode + " recorded for " + lab.code()
                        + "; its evaluation is at /api/iqc/" + lab.code() + "/" + itemCode + "/runs");
        MethodOutcome outcome = new MethodOutcome();
        outcome.setCreated(true);
        outcome.setOperationOutcome(info);
        return outcome;
    }

    /**
     * The element of the control Observation a {@link RecordControlRun} field came from: run id and time, and each
     * level's result ({@code results[i]}, in component order) — the results are taken from the components one to
     * one once every component is valid.
     */
    static String path(String field) {
        if (field == null) {
            return null;
        }
        return switch (field.replaceAll("\\[\\d+]", "[]")) {
            case "runId" -> "Observation.identifier";
            case "runAt" -> "Observation.effectiveDateTime";
            case "results" -> "Observation.component";
            // the level names the lot too (a FHIR run is measured on each level's current lot)
            case "results[].level", "results[].lot" -> "Observation.component" + field.substring(
                    field.indexOf('['), field.indexOf(']') + 1) + ".code";
            case "results[].value" -> "Observation.component" + field.substring(field.indexOf('['),
                    field.indexOf(']') + 1) + ".valueQuantity";
            default -> "Observation";
        };
    }

    /** The catalog item of the LOINC code in an alliance the lab is a member of (not one it withdrew from). */
    private org.huren.domain.catalog.CatalogItem itemOf(MemberLab lab, String loinc) {
        for (String alliance : lab.alliances()) {
            for (CatalogItemView view : queries.query(new GetCatalog(alliance, null, false),
                    ResponseTypes.multipleInstancesOf(CatalogItemView.class)).join()) {
                if (view.item().loincCodes().contains(loinc)) {
                    return view.item();
                }
            }
        }
        return null;
    }
}
