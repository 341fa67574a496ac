package org.huren.ops.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

import ca.uhn.fhir.parser.IParser;

/**
 * Generates synthetic LIS-style FHIR R4 transaction Bundles: per Bundle one or more Patients (conditional
 * create on their MRN) and their lab Observations (conditional create on the LIS result id).
 *
 * <p>The content (patients, codes, values, times relative to {@code effectiveEnd}) is a pure function of
 * the seed and the order of {@link #generate} calls; the run id goes into every identifier so that a
 * repeated run creates new resources instead of matching the previous run's.
 */
public final class LabBundleGenerator {

    public static final String MRN_SYSTEM = "https://huren.example.org/sid/mrn";
    public static final String RESULT_SYSTEM = "https://huren.example.org/sid/lis-result";
    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category";

    /** A lab test: LOINC code, UCUM unit, reference interval (for plausible values) and decimals. */
    record Analyte(String loinc, String display, String ucum, double low, double high, int scale) {
    }

    static final List<Analyte> ANALYTES = List.of(
            new Analyte("2823-3", "Potassium [Moles/volume] in Serum or Plasma", "mmol/L", 3.5, 5.3, 2),
            new Analyte("2951-2", "Sodium [Moles/volume] in Serum or Plasma", "mmol/L", 137, 147, 1),
            new Analyte("14749-6", "Glucose [Moles/volume] in Serum or Plasma", "mmol/L", 3.9, 6.1, 2),
            new Analyte("718-7", "Hemoglobin [Mass/volume] in Blood", "g/L", 115, 175, 0),
            new Analyte("6690-2", "Leukocytes [#/volume] in Blood by Automated count", "10*9/L", 3.5, 9.5, 2),
            new Analyte("1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma",
                    "U/L", 9, 50, 0),
            new Analyte("14682-9", "Creatinine [Moles/volume] in Serum or Plasma", "umol/L", 57, 111, 0));

    private static final String[] FAMILY = {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"};
    private static final String[] GIVEN = {"Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Jun", "Hui", "Tao", "Xin"};
    private static final DateTimeFormatter FHIR_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private final Random random;
    private final long seed;
    private final String runId;
    private final int patients;
    private final OffsetDateTime effectiveEnd;
    private final IParser parser;

    public LabBundleGenerator(IParser parser, long seed, String runId, int patients, OffsetDateTime effectiveEnd) {
        this.parser = parser;
        this.random = new Random(seed);
        this.seed = seed;
        this.runId = runId;
        this.patients = patients;
        this.effectiveEnd = effectiveEnd.withOffsetSameInstant(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.MINUTES);
    }

    /** A serialized Bundle ready to post, and the LIS identifiers (system {@link #RESULT_SYSTEM}) of its results. */
    public record PreparedBundle(String phase, int index, int observations, byte[] json, List<String> resultIds) {
    }

    /**
     * Generates and serializes Bundles holding {@code observations} Observations in all, {@code bundleSize}
     * per Bundle (the last one may be smaller).
     *
     * @param phase short tag that goes into the identifiers, e.g. {@code W} (warm-up) or {@code M} (measured)
     */
    List<PreparedBundle> generate(String phase, int observations, int bundleSize) {
        List<PreparedBundle> out = new ArrayList<>((observations + bundleSize - 1) / bundleSize);
        int remaining = observations;
        for (int index = 0; remaining > 0; index++) {
            int n = Math.min(bundleSize, remaining);
            out.add(next(phase, index, n));
            remaining -= n;
        }
        return out;
    }

    /** Bundle {@code index} of {@code phase}, with {@code observations} results: for a client that builds as it posts. */
    public PreparedBundle next(String phase, int index, int observations) {
        Bundle bundle = bundle(phase, index, observations);
        byte[] json = parser.encodeResourceToString(bundle).getBytes(StandardCharsets.UTF_8);
        List<String> resultIds = bundle.getEntry().stream()
                .filter(e -> e.getResource() instanceof Observation)
                .map(e -> ((Observation) e.getResource()).getIdentifierFirstRep().getValue())
                .toList();
        return new PreparedBundle(phase, index, observations, json, resultIds);
    }

    private Bundle bundle(String phase, int index, int observations) {
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.TRANSACTION);
        String bundleKey = runId + "-" + phase + String.format("%06d", index);

        // 1 to 3 distinct patients per Bundle, never more than Observations or than the pool holds
        int patientCount = 1 + random.nextInt(Math.min(3, Math.min(observations, patients)));
        int[] chosen = new int[patientCount];
        for (int p = 0; p < patientCount; p++) {
            int candidate;
            do {
                candidate = random.nextInt(patients);
            } while (contains(chosen, p, candidate));
            chosen[p] = candidate;
        }

        String[] patientUrls = new String[patientCount];
        OffsetDateTime[] collected = new OffsetDateTime[patientCount];
        for (int p = 0; p < patientCount; p++) {
            patientUrls[p] = urn(bundleKey + "/Patient/" + chosen[p]);
            collected[p] = effectiveEnd.minusMinutes(random.nextInt(24 * 60));
            Patient patient = patient(chosen[p]);
            String mrn = mrn(chosen[p]);
            bundle.addEntry()
                    .setFullUrl(patientUrls[p])
                    .setResource(patient)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Patient")
                    .setIfNoneExist("identifier=" + MRN_SYSTEM + "|" + mrn);
        }

        for (int i = 0; i < observations; i++) {
            int p = i % patientCount; // spread the Observations over the Bundle's patients
            String resultId = bundleKey + "-" + String.format("%03d", i);
            Observation obs = observation(resultId, patientUrls[p], collected[p]);
            bundle.addEntry()
                    .setFullUrl(urn(resultId))
                    .setResource(obs)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Observation")
                    .setIfNoneExist("identifier=" + RESULT_SYSTEM + "|" + resultId);
        }
        return bundle;
    }

    private Observation observation(String resultId, String patientUrl, OffsetDateTime collected) {
        Analyte a = ANALYTES.get(random.nextInt(ANALYTES.size()));
        double mid = (a.low() + a.high()) / 2;
        double sd = (a.high() - a.low()) / 4;
        if (random.nextInt(10) == 0) {
            sd *= 2.5; // about one result in ten well spread, so some fall outside the reference interval
        }
        double v = Math.max(a.low() * 0.3, mid + sd * random.nextGaussian());
        BigDecimal value = BigDecimal.valueOf(v).setScale(a.scale(), RoundingMode.HALF_UP);

        Observation obs = new Observation();
        obs.addIdentifier(new Identifier().setSystem(RESULT_SYSTEM).setValue(resultId));
        obs.setStatus(Observation.ObservationStatus.FINAL);
        obs.addCategory(new CodeableConcept().addCoding(
                new Coding(CATEGORY_SYSTEM, "laboratory", "Laboratory")));
        obs.setCode(new CodeableConcept().addCoding(new Coding(LOINC, a.loinc(), a.display())));
        obs.setSubject(new Reference(patientUrl));
        obs.setEffective(new DateTimeType(FHIR_DATE_TIME.format(collected)));
        obs.setValue(new Quantity()
                .setValue(value)
                .setUnit(a.ucum())
                .setSystem(UCUM)
                .setCode(a.ucum()));
        return obs;
    }

    /** The same patient always looks the same within a seed; only the MRN carries the run id. */
    private Patient patient(int n) {
        SplittableRandom r = new SplittableRandom(seed * 31 + n);
        Patient patient = new Patient();
        patient.addIdentifier(new Identifier().setSystem(MRN_SYSTEM).setValue(mrn(n)));
        patient.addName(new HumanName()
                .setFamily(FAMILY[r.nextInt(FAMILY.length)])
                .addGiven(GIVEN[r.nextInt(GIVEN.length)]));
        patient.setGender(r.nextBoolean() ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(r.nextInt(365 * 70));
        patient.setBirthDateElement(new DateType(birth.toString()));
        return patient;
    }

    private String mrn(int n) {
        return runId + "-P" + String.format("%05d", n);
    }

    private String urn(String key) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean contains(int[] a, int len, int v) {
        for (int i = 0; i < len; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }
}
