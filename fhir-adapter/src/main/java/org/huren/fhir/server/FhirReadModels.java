package org.huren.fhir.server;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import org.huren.fhir.read.ReadModel;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;
import static org.huren.fhir.read.ReadModel.ALLIANCE;
import static org.huren.fhir.read.ReadModel.LAB_RECORDS;
import static org.huren.fhir.read.ReadModel.RECOGNITION;

/**
 * What each FHIR interaction reads, in one table: a request carrying {@link HurenHeaders#AWAIT_POSITION} waits
 * for these read models only. An interaction not in the table waits for all of them. Writes are listed too: a
 * write honours the header before checking the read models it names.
 */
public final class FhirReadModels {

    /** Keyed {@code "<resource type> <interaction or $operation>"}; server-level interactions have no type. */
    static final Map<String, Set<ReadModel>> TABLE = Map.ofEntries(
            // an Observation carries its recognition in each alliance as tags
            entry("Observation read", EnumSet.of(LAB_RECORDS, RECOGNITION)),
            entry("Observation vread", EnumSet.of(LAB_RECORDS, RECOGNITION)),
            entry("Observation search-type", EnumSet.of(LAB_RECORDS, RECOGNITION)),
            entry("Observation $recognition", EnumSet.of(LAB_RECORDS, RECOGNITION)),
            // the patient's records and their links, their recognized results; a recorded lookup checks the lab
            entry("Observation $reusable", EnumSet.of(LAB_RECORDS, RECOGNITION, ALLIANCE)),
            // writes: the submitting lab's membership (and a control run's catalog item)
            entry("Observation create", EnumSet.of(ALLIANCE)),
            entry("Observation update", EnumSet.of(ALLIANCE)),
            entry(" transaction", EnumSet.of(ALLIANCE)),
            entry(" batch", EnumSet.of(ALLIANCE)),
            // the round and its participants are checked by the round itself
            entry("Observation $eqa-result", ReadModel.NONE),
            entry("Patient read", EnumSet.of(LAB_RECORDS)),
            entry("Patient vread", EnumSet.of(LAB_RECORDS)),
            entry("Patient search-type", EnumSet.of(LAB_RECORDS)),
            entry("Specimen read", EnumSet.of(LAB_RECORDS)),
            entry("DiagnosticReport read", EnumSet.of(LAB_RECORDS)),
            entry("Organization read", EnumSet.of(ALLIANCE)),
            entry("Organization search-type", EnumSet.of(ALLIANCE)),
            entry("CodeSystem read", EnumSet.of(ALLIANCE)),
            entry("CodeSystem search-type", EnumSet.of(ALLIANCE)),
            entry("OperationDefinition read", ReadModel.NONE),
            entry(" metadata", ReadModel.NONE));

    private FhirReadModels() {
    }

    /** The interactions the table declares, as {@code "<resource type> <interaction or $operation>"}. */
    public static Set<String> declared() {
        return TABLE.keySet();
    }

    /** The read models an interaction reads; all of them when it is not in the table. */
    public static Set<ReadModel> of(String resourceType, RestOperationTypeEnum interaction, String operation) {
        if (interaction == null) {
            return ReadModel.ALL;
        }
        boolean extended = interaction == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
                || interaction == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE
                || interaction == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER;
        String key = (resourceType == null ? "" : resourceType) + " "
                + (extended && operation != null ? operation : interaction.getCode());
        return TABLE.getOrDefault(key, ReadModel.ALL);
    }
}
