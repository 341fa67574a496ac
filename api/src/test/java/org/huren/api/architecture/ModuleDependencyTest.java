package org.huren.api.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Dependencies point one way: api → fhir-adapter, qc-projections → lab-domain; the domain stays pure. */
class ModuleDependencyTest {

    static JavaClasses classes;

    @BeforeAll
    static void importHuren() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.huren");
    }

    @Test
    void theDomainKnowsNoSpringNoHapiNoSqlAndNoOuterModule() {
        noClasses().that().resideInAPackage("org.huren.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "ca.uhn.fhir..",
                        "org.hl7.fhir..", "java.sql..", "javax.sql..", "org.huren.fhir..", "org.huren.projections..",
                        "org.huren.api..")
                .check(classes);
    }

    @Test
    void theFhirAdapterAndTheProjectionsDoNotKnowEachOtherNorTheApplication() {
        noClasses().that().resideInAPackage("org.huren.fhir..")
                .should().dependOnClassesThat().resideInAnyPackage("org.huren.projections..", "org.huren.api..",
                        "org.springframework..")
                .check(classes);
        noClasses().that().resideInAPackage("org.huren.projections..")
                .should().dependOnClassesThat().resideInAnyPackage("org.huren.fhir..", "org.huren.api..",
                        "ca.uhn.fhir..")
                .check(classes);
    }
}
