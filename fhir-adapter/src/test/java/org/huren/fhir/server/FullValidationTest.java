package org.huren.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The optional full path: HAPI's R4 instance validator, offline, on the official invalid test cases —
 * what it adds to the fast path's rules (see ADR 0002).
 */
class FullValidationTest {

    static final FhirContext FHIR = FhirContext.forR4();
    static FullValidation validation;

    @BeforeAll
    static void warmUp() {
        validation = FullValidation.on(FHIR);
    }

    static Observation load(String file) throws IOException {
        try (InputStream in = FullValidationTest.class.getResourceAsStream("/external/" + file)) {
            return FHIR.newJsonParser().parseResource(Observation.class,
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static List<String> errors(String file) throws IOException {
        Observation observation = load(file);
        UnprocessableEntityException refused = catchThrowableOfType(() -> validation.check(observation),
                UnprocessableEntityException.class);
        assertThat(refused).as(file + " refused").isNotNull();
        OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
        return outcome.getIssue().stream().map(i -> i.getDiagnostics() + " @ "
                + i.getExpression().stream().map(StringType::getValue).toList()).toList();
    }

    @Test
    void findsTheMissingCodeTheOfficialValidatorReports() throws IOException {
        assertThat(errors("obs-quantity.json")).anySatisfy(e -> assertThat(e).contains("Observation.code"));
        assertThat(errors("Observation-ex-pain.json")).anySatisfy(e -> assertThat(e).contains("Observation.code"));
    }

    @Test
    void findsTheNarrativeWithoutDivThatTheFastPathDoesNotLookAt() throws IOException {
        assertThat(errors("obs-vs-2.json")).anySatisfy(e -> assertThat(e).contains("div"));
    }

    @Test
    void acceptsAValidLabObservation() {
        assertThatCode(() -> validation.check(load("observation-example-f001-glucose.json")))
                .doesNotThrowAnyException();
    }

    @Test
    void isOffWhenNotSwitchedOn() {
        assertThatCode(() -> FullValidation.off().check(load("obs-quantity.json"))).doesNotThrowAnyException();
        assertThat(FullValidation.off().enabled()).isFalse();
    }
}
