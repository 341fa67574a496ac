package org.huren.api.support;

import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The real Synthea data in test resources (Apache-2.0, see {@code external/README.md}), and how an LIS
 * interface would turn it into lab-only transaction Bundles: keep Patient, Organization, Specimen, lab
 * Observations and lab DiagnosticReports, and drop references to what was left out (Encounter, …).
 */
public final class SyntheaData {

    public static final String BASE = "/external/fhir-r4/";
    public static final Set<String> LAB_TYPES = Set.of("Patient", "Organization", "Specimen", "Observation",
            "DiagnosticReport");
    public static final List<String> BUNDLES = List.of(
            "Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json.gz",
            "Michael_Kihn_376f9fc0-ecd8-468a-ad93-3534a14561a3.json.gz",
            "Truman_Wiegand_299750d1-6993-41a2-a16b-0d566cbcfb30.json.gz");

    private SyntheaData() {
    }

    public static IParser parser() {
        return FhirTestClient.fhir().newJsonParser();
    }

    public static InputStream open(String path) {
        InputStream in = SyntheaData.class.getResourceAsStream(BASE + path);
        if (in == null) {
            throw new IllegalArgumentException("no test resource " + BASE + path);
        }
        try {
            return path.endsWith(".gz") ? new GZIPInputStream(in) : in;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String path) {
        try (InputStream in = open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T extends Resource> List<T> ndjson(String path, Class<T> type) {
        List<T> resources = new ArrayList<>();
        IParser parser = parser();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(path), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    resources.add(parser.parseResource(type, line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return resources;
    }

    public static Bundle syntheaBundle(String name) {
        return parser().parseResource(Bundle.class, text("synthea-bundles/" + name));
    }

    /** A whole Synthea Bundle reduced to what an LIS sends: lab entries only, dangling references removed. */
    public static Bundle labOnly(Bundle whole) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (BundleEntryComponent entry : whole.getEntry()) {
            Resource resource = entry.getResource();
            if (!LAB_TYPES.contains(resource.fhirType())) {
                continue;
            }
            if (resource instanceof Observation observation && !isLab(observation)) {
                continue;
            }
            if (resource instanceof DiagnosticReport report && !isLabReport(report)) {
                continue;
            }
            BundleEntryComponent copy = bundle.addEntry().setFullUrl(entry.getFullUrl()).setResource(resource.copy());
            copy.getRequest().setMethod(HTTPVerb.POST).setUrl(resource.fhirType());
        }
        return cleanReferences(bundle);
    }

    public static boolean isLab(Observation observation) {
        return observation.getCategory().stream().flatMap(c -> c.getCoding().stream())
                .anyMatch(c -> "laboratory".equals(c.getCode()));
    }

    public static boolean isLabReport(DiagnosticReport report) {
        return report.getCategory().stream().flatMap(c -> c.getCoding().stream())
                .anyMatch(c -> "LAB".equals(c.getCode()));
    }

    /**
     * The 6,009 Synthea lab Observations, grouped with their Patient into transaction Bundles of at most
     * {@code perBundle} Observations (an LIS sends a patient's results in batches).
     */
    public static List<Bundle> labObservationBundles(int perBundle) {
        Map<String, Patient> patients = new LinkedHashMap<>();
        for (Patient patient : ndjson("synthea-lab/patients.ndjson.gz", Patient.class)) {
            patients.put("urn:uuid:" + patient.getIdElement().getIdPart(), patient);
        }
        Map<String, List<Observation>> byPatient = new LinkedHashMap<>();
        for (Observation observation : ndjson("synthea-lab/lab-observations.ndjson.gz", Observation.class)) {
            byPatient.computeIfAbsent(observation.getSubject().getReference(), k -> new ArrayList<>()).add(observation);
        }
        List<Bundle> bundles = new ArrayList<>();
        for (Map.Entry<String, List<Observation>> entry : byPatient.entrySet()) {
            Patient patient = patients.get(entry.getKey());
            List<Observation> observations = entry.getValue();
            for (int from = 0; from < observations.size(); from += perBundle) {
                Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
                bundle.addEntry().setFullUrl(entry.getKey()).setResource(patient.copy())
                        .getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
                for (Observation observation : observations.subList(from, Math.min(from + perBundle,
                        observations.size()))) {
                    bundle.addEntry().setFullUrl("urn:uuid:" + observation.getIdElement().getIdPart())
                            .setResource(observation.copy())
                            .getRequest().setMethod(HTTPVerb.POST).setUrl("Observation");
                }
                bundles.add(cleanReferences(bundle));
            }
        }
        return bundles;
    }

    private static Bundle cleanReferences(Bundle bundle) {
        Set<String> fullUrls = new java.util.HashSet<>();
        bundle.getEntry().forEach(e -> fullUrls.add(e.getFullUrl()));
        for (BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource instanceof Observation observation) {
                observation.setEncounter(null);
            }
            if (resource instanceof DiagnosticReport report) {
                report.setEncounter(null);
                report.getResult().removeIf(r -> !fullUrls.contains(r.getReference()));
                report.getPerformer().removeIf(r -> !fullUrls.contains(r.getReference()));
            }
            if (resource instanceof Patient patient) {
                patient.getGeneralPractitioner().removeIf(r -> !fullUrls.contains(r.getReference()));
                Reference managing = patient.getManagingOrganization();
                if (managing.hasReference() && !fullUrls.contains(managing.getReference())) {
                    patient.setManagingOrganization(null);
                }
            }
        }
        return bundle;
    }
}
