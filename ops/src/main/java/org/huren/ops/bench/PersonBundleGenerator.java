package org.huren.ops.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
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

import org.huren.ops.bench.LabBundleGenerator.Analyte;

import ca.uhn.fhir.parser.IParser;

import static org.huren.ops.bench.LabBundleGenerator.ANALYTES;

/**
 * The recognition benchmark's results, built lazily one transaction Bundle at a time (Bundle {@code i} is a pure
 * function of the seed, the run id, {@code i} and the clock), so a million results never sit in memory.
 *
 * <p>A pool of persons, each with one national ID ({@value #NATIONAL_ID} {@code |<run>-<person>}) and, at each
 * lab, a lab-local Patient record with the lab's own MRN ({@code <lab>-P<person>}) that also carries the
 * national ID. Bundle {@code i} belongs to lab {@code i mod labs}: it holds {@value #RESULTS_PER_PATIENT}
 * results per patient for a few distinct random persons of the pool, each Patient as a conditional create on
 * its MRN (as an LIS sends it with every order) and each result — final, category laboratory, one of the seven
 * {@link LabBundleGenerator#ANALYTES}, a plausible value — as a conditional create on its unique LIS id
 * {@code <run>-R<bundle>-<n>}. The effective time is the moment the Bundle is built (seconds, +08:00), but never
 * before {@code notBefore} (the labs' enrolment), so every result falls inside the membership and accreditation.
 *
 * <p>Thread-safe: {@link #build} keeps no state between calls; each caller passes its own parser.
 */
final class PersonBundleGenerator {

    /** The national ID system the alliance trusts; the same as the api tests' {@code LabData.NATIONAL_ID}. */
    static final String NATIONAL_ID = "https://huren.example.org/sid/national-id";
    /** Results per patient in a Bundle: a small panel, as an LIS reports it. */
    static final int RESULTS_PER_PATIENT = 4;

    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter FHIR_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final String[] FAMILY = {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"};
    private static final String[] GIVEN = {"Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Jun", "Hui", "Tao", "Xin"};

    /** A serialized Bundle ready to post as {@code lab}. */
    record LabBundle(int index, String lab, int results, byte[] json) {
    }

    private final long seed;
    private final String runId;
    private final List<String> labs;
    private final int persons;
    private final int results;
    private final int bundleSize;
    private final OffsetDateTime notBefore;

    /**
     * @param notBefore no result is effective before this instant (rounded up to whole seconds)
     */
    PersonBundleGenerator(long seed, String runId, List<String> labs, int persons, int results, int bundleSize,
                          OffsetDateTime notBefore) {
        this.seed = seed;
        this.runId = runId;
        this.labs = List.copyOf(labs);
        this.persons = persons;
        this.results = results;
        this.bundleSize = bundleSize;
        OffsetDateTime t = notBefore.withOffsetSameInstant(CHINA);
        OffsetDateTime whole = t.truncatedTo(ChronoUnit.SECONDS);
        this.notBefore = whole.isBefore(t) ? whole.plusSeconds(1) : whole;
    }

    int bundleCount() {
        return (int) ((results + (long) bundleSize - 1) / bundleSize);
    }

    /** The national ID value of person {@code person} of run {@code runId}. */
    static String nationalId(String runId, int person) {
        return runId + "-" + String.format(Locale.ROOT, "%07d", person);
    }

    static String mrn(String lab, int person) {
        return lab + "-P" + String.format(Locale.ROOT, "%07d", person);
    }

    /** Builds and serializes Bundle {@code index} (0 to {@link #bundleCount()} - 1). */
    LabBundle build(int index, IParser parser) {
        int n = (int) Math.min(bundleSize, results - (long) index * bundleSize);
        if (index < 0 || n <= 0) {
            throw new IllegalArgumentException("no Bundle " + index + " among " + bundleCount());
        }
        String lab = labs.get(index % labs.size());
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        OffsetDateTime now = OffsetDateTime.now(CHINA).truncatedTo(ChronoUnit.SECONDS);
        String effective = FHIR_DATE_TIME.format(now.isBefore(notBefore) ? notBefore : now);

        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.TRANSACTION);

        int patientCount = Math.min(persons, (n + RESULTS_PER_PATIENT - 1) / RESULTS_PER_PATIENT);
        int[] chosen = new int[patientCount];
        String[] patientUrls = new String[patientCount];
        for (int p = 0; p < patientCount; p++) {
            int candidate;
            do {
                candidate = random.nextInt(persons);
            } while (contains(chosen, p, candidate));
            chosen[p] = candidate;
            String mrn = mrn(lab, candidate);
            patientUrls[p] = urn(mrn);
            bundle.addEntry()
                    .setFullUrl(patientUrls[p])
                    .setResource(patient(lab, candidate))
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Patient")
                    .setIfNoneExist("identifier=" + LabBundleGenerator.MRN_SYSTEM + "|" + mrn);
        }
        for (int i = 0; i < n; i++) {
            String resultId = runId + "-R" + String.format(Locale.ROOT, "%07d-%03d", index, i);
            bundle.addEntry()
                    .setFullUrl(urn(resultId))
                    .setResource(observation(random, resultId, patientUrls[i % patientCount], effective))
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Observation")
                    .setIfNoneExist("identifier=" + LabBundleGenerator.RESULT_SYSTEM + "|" + resultId);
        }
        return new LabBundle(index, lab, n, parser.encodeResourceToString(bundle).getBytes(StandardCharsets.UTF_8));
    }

    private static Observation observation(SplittableRandom random, String resultId, String patientUrl,
                                           String effective) {
        Analyte a = ANALYTES.get(random.nextInt(ANALYTES.size()));
        double mid = (a.low() + a.high()) / 2;
        double sd = (a.high() - a.low()) / 4;
        if (random.nextInt(10) == 0) {
            sd *= 2.5; // about one result in ten well spread, so some fall outside the reference interval
        }
        double v = Math.max(a.low() * 0.3, mid + sd * random.nextGaussian());
        BigDecimal value = BigDecimal.valueOf(v).setScale(a.scale(), RoundingMode.HALF_UP);

        Observation obs = new Observation();
        obs.addIdentifier(new Identifier().setSystem(LabBundleGenerator.RESULT_SYSTEM).setValue(resultId));
        obs.setStatus(Observation.ObservationStatus.FINAL);
        obs.addCategory(new CodeableConcept().addCoding(
                new Coding(LabBundleGenerator.CATEGORY_SYSTEM, "laboratory", "Laboratory")));
        obs.setCode(new CodeableConcept().addCoding(new Coding(LabBundleGenerator.LOINC, a.loinc(), a.display())));
        obs.setSubject(new Reference(patientUrl));
        obs.setEffective(new DateTimeType(effective));
        obs.setValue(new Quantity()
                .setValue(value)
                .setUnit(a.ucum())
                .setSystem(LabBundleGenerator.UCUM)
                .setCode(a.ucum()));
        return obs;
    }

    /** A person looks the same at every lab (name, sex, birth date); only the MRN differs. */
    private Patient patient(String lab, int person) {
        SplittableRandom r = new SplittableRandom(seed * 31 + person);
        Patient patient = new Patient();
        patient.addIdentifier(new Identifier().setSystem(LabBundleGenerator.MRN_SYSTEM).setValue(mrn(lab, person)));
        patient.addIdentifier(new Identifier().setSystem(NATIONAL_ID).setValue(nationalId(runId, person)));
        patient.addName(new HumanName()
                .setFamily(FAMILY[r.nextInt(FAMILY.length)])
                .addGiven(GIVEN[r.nextInt(GIVEN.length)]));
        patient.setGender(r.nextBoolean() ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(r.nextInt(365 * 70));
        patient.setBirthDateElement(new DateType(birth.toString()));
        return patient;
    }

    private static String urn(String key) {
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
