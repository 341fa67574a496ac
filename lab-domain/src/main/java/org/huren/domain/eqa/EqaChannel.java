package org.huren.domain.eqa;

/** How an EQA result reached HuRen: the REST API, a FHIR Observation on an EQA sample, or a blind sample's LIS result. */
public enum EqaChannel {
    API, FHIR, LIS
}
