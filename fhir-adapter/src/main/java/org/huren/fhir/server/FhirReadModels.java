package org.huren.fhir.server;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import org.huren.fhir.read.ReadModel;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
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
            entry("Observation history-instance", EnumSet.of(LAB_RECORDS, RECOGNITION)),
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
            entry("Patient history-instance", EnumSet.of(LAB_RECORDS)),
            // _revinclude=Observation:patient adds results, with their recognition
            entry("Patient search-type", EnumSet.of(LAB_RECORDS, RECOGNITION)),
            entry("Specimen read", EnumSet.of(LAB_RECORDS)),
            entry("Specimen vread", EnumSet.of(LAB_RECORDS)),
            entry("Specimen history-instance", EnumSet.of(LAB_RECORDS)),
            entry("Specimen search-type", EnumSet.of(LAB_RECORDS)),
            entry("DiagnosticReport read", EnumSet.of(LAB_RECORDS)),
            entry("DiagnosticReport vread", EnumSet.of(LAB_RECORDS)),
            entry("DiagnosticReport history-instance", EnumSet.of(LAB_RECORDS)),
            // _include=DiagnosticReport:result adds results, with their recognition
            entry("DiagnosticReport search-type", EnumSet.of(LAB_RECORDS, RECOGNITION)),
            entry("Organization read", EnumSet.of(ALLIANCE)),
            entry("Organization search-type", EnumSet.of(ALLIANCE)),
            entry("CodeSystem read", EnumSet.of(ALLIANCE)),
            entry("CodeSystem search-type", EnumSet.of(ALLIANCE)),
            // labs' code maps of their local codes are kept beside the catalog (ADR 0017)
            entry("ConceptMap read", EnumSet.of(ALLIANCE)),
            entry("ConceptMap search-type", EnumSet.of(ALLIANCE)),
            entry("ConceptMap $translate", EnumSet.of(ALLIANCE)),
            entry("OperationDefinition read", ReadModel.NONE),
            // the audit trail is its own table, written before each answer (ADR 0013)
            entry("AuditEvent read", ReadModel.NONE),
            entry("AuditEvent search-type", ReadModel.NONE),
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

    /**
     * The read models a request reads, told from its method and its path below the FHIR base alone — for waiting
     * before HAPI has parsed the request; all of them when the path does not say.
     */
    public static Set<ReadModel> ofPath(String method, String path) {
        List<String> parts = Arrays.stream(path.split("/")).filter(part -> !part.isEmpty()).toList();
        if (parts.isEmpty()) {
            // a transaction or a batch: both read the same
            return method.equals("POST") ? of(null, RestOperationTypeEnum.TRANSACTION, null) : ReadModel.ALL;
        }
        String first = parts.get(0);
        if (first.startsWith("$")) {
            return of(null, RestOperationTypeEnum.EXTENDED_OPERATION_SERVER, first);
        }
        if (first.equals("metadata")) {
            return of(null, RestOperationTypeEnum.METADATA, null);
        }
        if (parts.size() == 1) {
            return switch (method) {
                case "GET" -> of(first, RestOperationTypeEnum.SEARCH_TYPE, null);
                case "POST" -> of(first, RestOperationTypeEnum.CREATE, null);
                default -> ReadModel.ALL;
            };
        }
        String second = parts.get(1);
        if (second.startsWith("$")) {
            return of(first, RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, second);
        }
        if (second.equals("_search")) {
            return of(first, RestOperationTypeEnum.SEARCH_TYPE, null);
        }
        if (parts.size() == 2) {
            return switch (method) {
                case "GET" -> of(first, RestOperationTypeEnum.READ, null);
                case "PUT" -> of(first, RestOperationTypeEnum.UPDATE, null);
                default -> ReadModel.ALL;
            };
        }
        String third = parts.get(2);
        if (third.startsWith("$")) {
            return of(first, RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE, third);
        }
        if (third.equals("_history") && parts.size() == 4 && method.equals("GET")) {
            return of(first, RestOperationTypeEnum.VREAD, null);
        }
        if (third.equals("_history") && parts.size() == 3 && method.equals("GET")) {
            return of(first, RestOperationTypeEnum.HISTORY_INSTANCE, null);
        }
        return ReadModel.ALL;
    }
}
