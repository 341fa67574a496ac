package org.huren.api.web;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import org.huren.api.iqc.IqcController;
import org.huren.api.projection.ProjectionStatusController;
import org.huren.fhir.read.ReadModel;
import org.huren.fhir.server.FhirReadModels;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.fhir.read.ReadModel.ALLIANCE;
import static org.huren.fhir.read.ReadModel.EQA;
import static org.huren.fhir.read.ReadModel.IQC;
import static org.huren.fhir.read.ReadModel.LAB_RECORDS;
import static org.huren.fhir.read.ReadModel.RECOGNITION;

/** Which read models a request awaiting a position waits for: declared per endpoint, all when undeclared. */
class ReadsFromTest {

    @Test
    void everyApiReadDeclaresTheReadModelsItReads() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        List<String> undeclared = new ArrayList<>();
        int reads = 0;
        for (var candidate : scanner.findCandidateComponents("org.huren.api")) {
            for (Method method : Class.forName(candidate.getBeanClassName()).getDeclaredMethods()) {
                if (method.isAnnotationPresent(GetMapping.class)) {
                    reads++;
                    if (!method.isAnnotationPresent(ReadsFrom.class)) {
                        undeclared.add(method.getDeclaringClass().getSimpleName() + "." + method.getName());
                    }
                }
            }
        }
        assertThat(reads).isGreaterThan(25);
        assertThat(undeclared).isEmpty();
    }

    @Test
    void anIqcViewWaitsForIqcOnlyAndSigmaAlsoForTheCatalogAndEqa() throws Exception {
        assertThat(ReadAfterWrite.readModelsOf(handler(IqcController.class, "runs"))).containsExactly(IQC);
        assertThat(ReadAfterWrite.readModelsOf(handler(IqcController.class, "sigma")))
                .containsExactlyInAnyOrder(IQC, ALLIANCE, EQA);
    }

    @Test
    void anUndeclaredEndpointWaitsForEveryReadModel() throws Exception {
        assertThat(ReadAfterWrite.readModelsOf(handler(IqcController.class, "run"))).isEqualTo(ReadModel.ALL);
        assertThat(ReadAfterWrite.readModelsOf(new Object())).isEqualTo(ReadModel.ALL);
        assertThat(ReadAfterWrite.readModelsOf(handler(ProjectionStatusController.class, "status")))
                .isEqualTo(ReadModel.ALL);
    }

    @Test
    void fhirInteractionsWaitForWhatTheyRead() {
        assertThat(FhirReadModels.of("Observation", RestOperationTypeEnum.SEARCH_TYPE, null))
                .containsExactlyInAnyOrder(LAB_RECORDS, RECOGNITION);
        assertThat(FhirReadModels.of("Observation", RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, "$reusable"))
                .containsExactlyInAnyOrder(LAB_RECORDS, RECOGNITION, ALLIANCE);
        assertThat(FhirReadModels.of("Patient", RestOperationTypeEnum.READ, null)).containsExactly(LAB_RECORDS);
        assertThat(FhirReadModels.of("Organization", RestOperationTypeEnum.SEARCH_TYPE, null))
                .containsExactly(ALLIANCE);
        assertThat(FhirReadModels.of(null, RestOperationTypeEnum.TRANSACTION, null)).containsExactly(ALLIANCE);
        assertThat(FhirReadModels.of(null, RestOperationTypeEnum.METADATA, null)).isEmpty();
        assertThat(FhirReadModels.of("Encounter", RestOperationTypeEnum.READ, null)).isEqualTo(ReadModel.ALL);
        assertThat(FhirReadModels.of("Observation", null, null)).isEqualTo(ReadModel.ALL);
    }

    private static HandlerMethod handler(Class<?> controller, String name) {
        for (Method method : controller.getDeclaredMethods()) {
            if (method.getName().equals(name)) {
                return new HandlerMethod(controller.getName(), method);
            }
        }
        throw new IllegalArgumentException(name);
    }
}
