package org.huren.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The optional full check of incoming resources with HAPI's instance validator against the R4 base
 * definitions, offline. It costs milliseconds per resource (see the README's figures), so it is a switch
 * ({@code huren.fhir.validation=full}); the default fast path relies on strict parsing and HuRen's own
 * lab-data rules. A whole Bundle is validated in one call.
 */
public final class FullValidation {

    private final FhirValidator validator;

    private FullValidation(FhirValidator validator) {
        this.validator = validator;
    }

    public static FullValidation off() {
        return new FullValidation(null);
    }

    public static FullValidation on(FhirContext fhir) {
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir),
                new SnapshotGeneratingValidationSupport(fhir));
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
        instanceValidator.setAnyExtensionsAllowed(true);
        FhirValidator validator = fhir.newValidator().setValidateAgainstStandardSchema(false)
                .setValidateAgainstStandardSchematron(false);
        validator.registerValidatorModule(instanceValidator);
        FullValidation validation = new FullValidation(validator);
        validation.warmUp(fhir);
        return validation;
    }

    public boolean enabled() {
        return validator != null;
    }

    /** The first validation loads the base definitions (seconds): do it at start-up, not on a request. */
    private void warmUp(FhirContext fhir) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem("http://loinc.org").setCode("2345-7");
        validator.validateWithResult(observation);
    }

    public void check(IBaseResource resource) {
        if (validator == null) {
            return;
        }
        ValidationResult result = validator.validateWithResult(resource);
        Problem problem = Problem.of(422, "fhir-validation");
        for (SingleValidationMessage message : result.getMessages()) {
            if (message.getSeverity() == ResultSeverityEnum.ERROR || message.getSeverity() == ResultSeverityEnum.FATAL) {
                problem.issue(IssueType.STRUCTURE, message.getLocationString(), message.getMessage());
            }
        }
        if (!problem.isEmpty()) {
            throw problem.exception();
        }
    }
}
