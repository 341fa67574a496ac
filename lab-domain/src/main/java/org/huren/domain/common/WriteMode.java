package org.huren.domain.common;

/**
 * How an LIS write treats a resource HuRen already holds under the same key.
 */
public enum WriteMode {
    /** FHIR create / conditional create: an existing resource is returned unchanged. */
    CREATE,
    /** FHIR update / conditional update: changed content becomes a correction (or retraction). */
    UPSERT
}
