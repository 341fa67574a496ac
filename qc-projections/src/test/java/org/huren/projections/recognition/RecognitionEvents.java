package org.huren.projections.recognition;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.huren.domain.alliance.AccreditationWithdrawn;
import org.huren.domain.alliance.AllianceFormed;
import org.huren.domain.alliance.AllianceKind;
import org.huren.domain.alliance.Integration;
import org.huren.domain.alliance.LabAccredited;
import org.huren.domain.alliance.LabEnrolled;
import org.huren.domain.alliance.LabLevel;
import org.huren.domain.alliance.RecognitionPolicySet;
import org.huren.domain.catalog.CatalogItem;
import org.huren.domain.catalog.CatalogItemPublished;
import org.huren.domain.catalog.DefaultCatalog;
import org.huren.domain.common.BusinessTime;
import org.huren.domain.common.Coding;
import org.huren.domain.common.Measurement;
import org.huren.domain.iqc.ControlLotRegistered;
import org.huren.domain.iqc.ControlResult;
import org.huren.domain.iqc.ControlRunEvaluated;
import org.huren.domain.iqc.ControlRunRecorded;
import org.huren.domain.iqc.RunStatus;
import org.huren.domain.labresult.LabResultContent;
import org.huren.domain.labresult.LabResultCorrected;
import org.huren.domain.labresult.LabResultReported;
import org.huren.domain.labresult.ResultStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The events of a recognition scenario, each recorded at its own time (a second after the one before unless said
 * otherwise), as the event store hands them to the processor.
 */
final class RecognitionEvents {

    static final String ALLIANCE = "test-alliance";
    static final String LAB = "LAB-A";
    static final String POTASSIUM = "2823-3";

    private final List<EventMessage<?>> events = new ArrayList<>();
    private Instant clock;
    private String lab = LAB;

    RecognitionEvents(Instant start) {
        this.clock = start;
    }

    List<EventMessage<?>> events() {
        return List.copyOf(events);
    }

    Instant now() {
        return clock;
    }

    RecognitionEvents at(Instant at) {
        clock = at;
        return this;
    }

    /** The lab of the results, corrections, withdrawals and IQC added from now on. */
    RecognitionEvents lab(String code) {
        lab = code;
        return this;
    }

    RecognitionEvents add(Object payload) {
        clock = clock.plusSeconds(1);
        events.add(new GenericEventMessage<>(UUID.randomUUID().toString(), payload, Map.of(), clock));
        return this;
    }

    /** An alliance with the default catalog's K, lab {@link #LAB} enrolled and accredited for K, evidence not blocking. */
    RecognitionEvents allianceWithAccreditedLab(LocalDate from) {
        add(new AllianceFormed(ALLIANCE, "测试医联体", AllianceKind.CITY_GROUP, Integration.TIGHT, "core"));
        add(new CatalogItemPublished(ALLIANCE, item("K", from), 1));
        add(new RecognitionPolicySet(ALLIANCE, false, 24, 365));
        add(new LabEnrolled(ALLIANCE, LAB, LAB + " 检验科", LabLevel.SECONDARY, List.of()));
        add(new LabAccredited(ALLIANCE, LAB, Set.of("K"), from, from.plusYears(2), "assessment-1", List.of("李")));
        return this;
    }

    /** Another lab enrolled in the alliance and accredited for K (the current lab stays). */
    RecognitionEvents accreditedLab(String code, LocalDate from) {
        add(new LabEnrolled(ALLIANCE, code, code + " 检验科", LabLevel.SECONDARY, List.of()));
        return add(new LabAccredited(ALLIANCE, code, Set.of("K"), from, from.plusYears(2), "assessment-" + code,
                List.of("李")));
    }

    static CatalogItem item(String code, LocalDate from) {
        return DefaultCatalog.load(from).stream().filter(i -> i.code().equals(code)).findFirst().orElseThrow();
    }

    /** A potassium result measured at {@code effective}. */
    RecognitionEvents potassium(String resultId, Instant effective) {
        return add(new LabResultReported(resultId, lab, null, content(effective, "4.1", ResultStatus.FINAL)));
    }

    RecognitionEvents corrected(String resultId, Instant effective, ResultStatus status) {
        return add(new LabResultCorrected(resultId, lab, content(effective, "4.3", status), "hash-before"));
    }

    RecognitionEvents withdrawal(String item, Instant effective) {
        return add(new AccreditationWithdrawn(ALLIANCE, lab, item, "test", effective));
    }

    RecognitionEvents controlLot(String item) {
        return add(new ControlLotRegistered(lab + "/" + item, lab, item, "L1", "material", "LOT1",
                LocalDate.of(2030, 1, 1), new BigDecimal("5.00"), new BigDecimal("0.10"), "qc"));
    }

    RecognitionEvents controlRun(String item, String runId, Instant runAt, String value, RunStatus status) {
        add(new ControlRunRecorded(lab + "/" + item, lab, item, runId, runAt,
                List.of(new ControlResult("L1", new BigDecimal(value))), Map.of("L1", "LOT1"), "API"));
        return add(new ControlRunEvaluated(lab + "/" + item, lab, item, runId, runAt, status, List.of(),
                "1-3s", false));
    }

    static LabResultContent content(Instant effective, String value, ResultStatus status) {
        return new LabResultContent(status, List.of(new Coding(Coding.LOINC, POTASSIUM, "Potassium")),
                new Measurement(new BigDecimal(value), "mmol/L", "mmol/L", null), BusinessTime.at(effective),
                effective, "patient-1", null, "{}", "hash-" + value + status, Map.of());
    }
}
