package org.huren.fhir.ingest;

/** How an LIS write treats a resource HuRen already holds under the same key. */
enum WriteMode {
    /** FHIR create / conditional create: an existing resource is answered unchanged. */
    CREATE,
    /** FHIR update / conditional update: the content is sent to the aggregate as a revision. */
    UPSERT
}
