package org.huren.projections.labrecords;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.huren.domain.query.InstantRange;
import org.huren.domain.labdoc.DocumentKind;
import org.huren.domain.query.SearchLabDocuments;
import org.huren.domain.query.SearchObservations;
import org.huren.domain.query.SearchPatients;
import org.huren.domain.query.SearchTotal;
import org.huren.domain.query.SortKey;
import org.huren.domain.query.SortOrder;
import org.huren.domain.recognition.query.FindReusable;
import org.huren.domain.recognition.query.GetRecognitionMatrix;
import org.huren.domain.recognition.query.GetRecognitionRates;
import org.huren.domain.recognition.query.RecognitionCell;
import org.huren.domain.recognition.query.ResultTag;
import org.huren.projections.recognition.RecognitionMatrix;
import org.huren.projections.recognition.RecognitionQueries;
import org.huren.projections.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans PostgreSQL makes for the searches clinicians and LIS send (issue 15), on a read model large enough for
 * the planner to have real statistics: 315,000 results of 60,000 patient records (20,000 persons, each with a
 * record at three labs, linked by a national ID; three results per record, 153 for 300 chronic patients). Each
 * search runs through its real query handler; every statement the handler sends is also run as
 * {@code EXPLAIN (ANALYZE, FORMAT JSON)} with the same arguments, and the test fails when a plan reads a whole big
 * table: a sequential scan of it, or an index scan without an index condition (the walk of the table in {@code seq}
 * order that made a search by {@code patient.identifier} take 351 ms on 130,000 results, issue 15; ADR 0021).
 */
class SearchPlanTest {

    private static final int PERSONS = 20_000;
    private static final int CHRONIC = 300;
    private static final String[] LABS = {"PLAN-A", "PLAN-B", "PLAN-C"};
    private static final String ALLIANCE = "plan-alliance";
    private static final String MRN = "https://huren.example.org/sid/mrn";
    private static final String NATIONAL_ID = "https://huren.example.org/sid/national-id";
    private static final String[] LOINC = {"2823-3", "2951-2", "14749-6", "718-7", "6690-2", "1742-6", "14682-9"};
    private static final Set<String> BIG_TABLES = Set.of("observation", "patient", "patient_identifier",
            "patient_link", "recognition", "lab_document", "rec_reusable");
    private static final List<String> SEEDED = List.of("readmodel.observation", "readmodel.patient",
            "readmodel.patient_identifier", "readmodel.patient_link", "readmodel.recognition",
            "readmodel.lab_document", "readmodel.rec_reusable", "readmodel.rec_catalog");
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final ExplainingJdbcTemplate jdbc = new ExplainingJdbcTemplate();

    @BeforeAll
    static void aStoreOfResults() {
        JdbcTemplate db = TestDatabase.jdbc();
        TestDatabase.truncate(SEEDED);
        // person n has record <lab>-P<n> at each lab, carrying its MRN and the person's national ID
        db.update("""
                INSERT INTO readmodel.patient (id, lab_id, version, last_updated, event_position, resource, gender)
                SELECT l.lab || '-P' || n, l.lab, 1, now(), n, '{"resourceType":"Patient"}', 'female'
                FROM generate_series(1, ?) n, unnest(?::text[]) l(lab)
                """, PERSONS, LABS);
        db.update("""
                INSERT INTO readmodel.patient_identifier (patient_id, system, value)
                SELECT id, ?, id FROM readmodel.patient
                UNION ALL SELECT id, ?, 'NID-' || split_part(id, '-P', 2) FROM readmodel.patient
                """, MRN, NATIONAL_ID);
        db.update("""
                INSERT INTO readmodel.patient_link (person_id, alliance_id, system, value, patient_id, lab_id, linked)
                SELECT 'person-' || split_part(id, '-P', 2), ?, ?, 'NID-' || split_part(id, '-P', 2), id, lab_id, true
                FROM readmodel.patient
                """, ALLIANCE, NATIONAL_ID);
        // three results per record, one per day back from now, over the seven analytes
        db.update("""
                INSERT INTO readmodel.observation (id, lab_id, patient_id, identifier_tokens, code_tokens,
                    effective_start, status, suspended_in, version, last_updated, event_position, resource)
                SELECT p.id || '-R' || k, p.lab_id, p.id, ARRAY['lis|' || p.id || '-R' || k, p.id || '-R' || k],
                       ARRAY['http://loinc.org|' || c.code, c.code], now() - k * interval '1 day'
                           - (p.seq % 1440) * interval '1 minute', 'final', '{}', 1, now(), p.seq * 3 + k,
                       '{"resourceType":"Observation"}'
                FROM readmodel.patient p, generate_series(0, 2) k,
                     LATERAL (SELECT (?::text[])[1 + (p.seq + k) % 7] AS code) c
                """, (Object) LOINC);
        // the first CHRONIC persons (dialysis, diabetes) have 150 more results at each lab, two each day
        db.update("""
                INSERT INTO readmodel.observation (id, lab_id, patient_id, identifier_tokens, code_tokens,
                    effective_start, status, suspended_in, version, last_updated, event_position, resource)
                SELECT p.id || '-R' || k, p.lab_id, p.id, ARRAY['lis|' || p.id || '-R' || k, p.id || '-R' || k],
                       ARRAY['http://loinc.org|' || c.code, c.code], now() - k * interval '12 hours', 'final', '{}',
                       1, now(), 1000000 + p.seq * 100 + k, '{"resourceType":"Observation"}'
                FROM readmodel.patient p, generate_series(3, 152) k,
                     LATERAL (SELECT (?::text[])[1 + (p.seq + k) % 7] AS code) c
                WHERE split_part(p.id, '-P', 2)::int <= ?
                """, LOINC, CHRONIC);
        db.update("""
                INSERT INTO readmodel.recognition (result_id, alliance_id, status, ever_recognized, since, item_code,
                    criteria, cause_event_id, cause_type)
                SELECT id, ?, CASE WHEN event_position % 4 = 0 THEN 'NOT_RECOGNIZED' ELSE 'RECOGNIZED' END, true,
                       now(), 'K', '[]', 'e-' || id, 'LabResultReported'
                FROM readmodel.observation
                """, ALLIANCE);
        db.update("""
                INSERT INTO readmodel.rec_reusable (result_id, alliance_id, patient_id, item_code, effective_at, lab_id,
                    status)
                SELECT o.id, ?, o.patient_id, 'K', o.effective_start, o.lab_id, r.status
                FROM readmodel.observation o JOIN readmodel.recognition r ON r.result_id = o.id
                WHERE '2823-3' = ANY (o.code_tokens)
                """, ALLIANCE);
        db.update("""
                INSERT INTO readmodel.rec_catalog (alliance_id, code, version, effective_from, loinc_codes, item)
                VALUES (?, 'K', 1, date '2020-01-01', ARRAY['2823-3'], '{"validityDays": 7}')
                """, ALLIANCE);
        db.update("""
                INSERT INTO readmodel.lab_document (id, kind, lab_id, patient_id, version, last_updated, event_position,
                    resource, code_tokens, effective_start)
                SELECT 'DR-' || id, 'REPORT', lab_id, patient_id, 1, now(), event_position, '{}',
                       ARRAY['http://loinc.org|24323-8', '24323-8'], effective_start
                FROM readmodel.observation
                """);
        db.execute("VACUUM ANALYZE"); // statistics, and the GIN indexes' pending entries merged
    }

    @AfterAll
    static void emptyAgain() {
        TestDatabase.truncate(SEEDED);
    }

    // ------------------------------------------------------------------------------------ Observation searches

    @Test
    void byPatientIdentifierAndCode() {
        observations(search().patientIdentifiers(List.of(MRN + "|PLAN-A-P4711")).codes(List.of(loinc(0))), page ->
                assertThat(page).isNotEmpty());
    }

    @Test
    void byNationalIdLinkingThreeRecords() {
        observations(search().patientIdentifiers(List.of(NATIONAL_ID + "|NID-4711")), page ->
                assertThat(page).hasSize(9));
    }

    @Test
    void bySubjectAndCode() {
        observations(search().patientIds(List.of("PLAN-B-P815")).codes(List.of(loinc(1))), page -> {
        });
    }

    @Test
    void byPatientAlone() {
        observations(search().patientIds(List.of("PLAN-B-P815")), page -> assertThat(page).hasSize(3));
    }

    @Test
    void byPatientIdentifierAndDate() {
        observations(search().patientIdentifiers(List.of(NATIONAL_ID + "|NID-4711"))
                .effective(List.of(new InstantRange(NOW.minus(2, ChronoUnit.DAYS), null))), page -> {
        });
    }

    @Test
    void byPatientIdentifierAndTag() {
        observations(search().patientIdentifiers(List.of(NATIONAL_ID + "|NID-4711"))
                .tags(List.of(ResultTag.RECOGNIZED)), page -> assertThat(page).isNotEmpty());
    }

    @Test
    void byPatientIdentifierSortedByDateNewestFirst() {
        observations(search().patientIdentifiers(List.of(NATIONAL_ID + "|NID-4711"))
                .sort(List.of(new SortOrder(SortKey.EFFECTIVE, true))), page -> assertThat(page).hasSize(9));
    }

    @Test
    void aChronicPatientsResultsByCodeSortedByDate() {
        observations(search().patientIdentifiers(List.of(MRN + "|PLAN-A-P42")).codes(List.of(loinc(2)))
                .sort(List.of(new SortOrder(SortKey.EFFECTIVE, true))), page -> assertThat(page).isNotEmpty());
    }

    @Test
    void aChronicPatientsTenthPage() {
        observations(search().patientIdentifiers(List.of(NATIONAL_ID + "|NID-42")).page(90, 10), page ->
                assertThat(page).hasSize(10));
    }

    @Test
    void aChronicPatientsRecognizedResultsOfTheLastWeek() {
        observations(search().patientIds(List.of("PLAN-C-P7")).tags(List.of(ResultTag.RECOGNIZED))
                .effective(List.of(new InstantRange(NOW.minus(7, ChronoUnit.DAYS), null))), page ->
                assertThat(page).isNotEmpty());
    }

    @Test
    void aPatientNobodyKnows() {
        observations(search().patientIdentifiers(List.of(MRN + "|nobody")).codes(List.of(loinc(0))), page ->
                assertThat(page).isEmpty());
    }

    /**
     * A LIS pages through its lab's results of the last two days (about 41,000): the tenth page is read without
     * counting every match — {@code Bundle.total} is left out above {@link SearchTotal#LIMIT} — unless the search
     * asks {@code _total=accurate} (issue 15: counting 333,000 results of a day took seconds). The count finds the
     * lab's rows by index; the page itself walks the results in first-seen order and stops when the page is full.
     */
    @Test
    void aLabsResultsOfTheLastTwoDaysPageTen() {
        Query lastTwoDays = search().labIds(List.of("PLAN-A"))
                .effective(List.of(new InstantRange(NOW.minus(2, ChronoUnit.DAYS), null))).page(450, 50);
        ObservationProjection projection = new ObservationProjection(jdbc);

        var page = projection.search(lastTwoDays.build());
        assertThat(page.items()).hasSize(50);
        assertThat(page.total()).isNull();
        jdbc.assertNoFullScans(sql -> sql.contains("count("));

        Long accurate = projection.search(lastTwoDays.total(SearchTotal.ACCURATE).build()).total();
        Long exactly = TestDatabase.jdbc().queryForObject("SELECT count(*) FROM readmodel.observation WHERE lab_id = "
                + "'PLAN-A' AND coalesce(effective_end, effective_start) >= ?", Long.class,
                java.sql.Timestamp.from(NOW.minus(2, ChronoUnit.DAYS)));
        assertThat(accurate).isEqualTo(exactly).isGreaterThan(SearchTotal.LIMIT);
        assertThat(projection.search(lastTwoDays.total(SearchTotal.ESTIMATE).build()).total())
                .isGreaterThan(SearchTotal.LIMIT);
        assertThat(projection.search(lastTwoDays.total(SearchTotal.NONE).build()).total()).isNull();
    }

    /** A page holding the last match tells the total without a count; fewer matches than the limit are counted. */
    @Test
    void totalsWithoutCountingEverything() {
        ObservationProjection projection = new ObservationProjection(jdbc);
        Query chronic = search().patientIdentifiers(List.of(NATIONAL_ID + "|NID-42"));

        jdbc.statements.clear();
        var last = projection.search(chronic.page(440, 50).build());
        assertThat(last.items()).hasSize(19);
        assertThat(last.total()).isEqualTo(459);
        assertThat(jdbc.statements).noneMatch(s -> s.contains("count("));

        assertThat(projection.search(chronic.page(0, 10).build()).total()).isEqualTo(459);
        assertThat(projection.search(chronic.page(0, 0).build()).total()).isEqualTo(459);
        assertThat(projection.search(chronic.page(900, 10).build()).total()).isEqualTo(459);
        assertThat(projection.search(chronic.page(0, 10).total(SearchTotal.NONE).build()).total()).isNull();
        assertThat(projection.search(chronic.page(450, 10).total(SearchTotal.NONE).build()).total()).isEqualTo(459);
        assertThat(projection.search(search().patientIdentifiers(List.of(MRN + "|nobody")).build()).total())
                .isZero();
        jdbc.assertNoFullScans();
    }

    @Test
    void byLisIdentifier() {
        observations(search().identifiers(List.of("lis|PLAN-C-P12-R1")), page -> assertThat(page).hasSize(1));
    }

    // ------------------------------------------------------------------------- Patients, reports, $reusable

    @Test
    void patientsByIdentifier() {
        PatientProjection projection = new PatientProjection(jdbc);
        var page = projection.search(new SearchPatients(List.of(), List.of(NATIONAL_ID + "|NID-9999"), List.of(),
                List.of(), null, List.of(), List.of(), 0, 20, SearchTotal.UP_TO_LIMIT, null));
        assertThat(page.items()).hasSize(3);
        jdbc.assertNoFullScans();
    }

    @Test
    void reportsByPatientIdentifier() {
        LabDocumentProjection projection = new LabDocumentProjection(jdbc);
        var page = projection.search(new SearchLabDocuments(DocumentKind.REPORT, List.of(), List.of(),
                List.of(NATIONAL_ID + "|NID-9999"), List.of(), List.of(), List.of(), List.of(), List.of(), 0, 20,
                SearchTotal.UP_TO_LIMIT, null));
        assertThat(page.items()).hasSize(9);
        jdbc.assertNoFullScans();
    }

    @Test
    void reusable() {
        new RecognitionQueries(jdbc).reusable(new FindReusable(ALLIANCE, List.of(NATIONAL_ID + "|NID-4711"),
                "http://loinc.org|2823-3", NOW, null));
        jdbc.assertNoFullScans();
    }

    /** The console's matrix: the counts from the tally, each cell's newest result by one probe of the cell index. */
    @Test
    void recognitionMatrix() {
        assertThat(new RecognitionMatrix(jdbc).matrix(new GetRecognitionMatrix(ALLIANCE, null)))
                .extracting(RecognitionCell::labCode).containsExactly(LABS);
        jdbc.assertNoFullScans();
    }

    /** The rates, by every grouping: sums of the tally, never a count of the index (ADR 0023). */
    @Test
    void recognitionRates() {
        for (GetRecognitionRates.Grouping by : GetRecognitionRates.Grouping.values()) {
            assertThat(new RecognitionQueries(jdbc).rates(new GetRecognitionRates(ALLIANCE, by, LABS[0])))
                    .isNotEmpty();
        }
        jdbc.assertNoFullScans();
        assertThat(jdbc.statements).noneMatch(s -> s.contains("rec_reusable"));
    }

    // ------------------------------------------------------------------------------------------------ support

    private static String loinc(int i) {
        return "http://loinc.org|" + LOINC[i];
    }

    private void observations(Query query, Consumer<List<?>> check) {
        var page = new ObservationProjection(jdbc).search(query.build());
        check.accept(page.items());
        jdbc.assertNoFullScans();
    }

    private static Query search() {
        return new Query();
    }

    /** A {@link SearchObservations} as the FHIR layer builds it, one criterion at a time. */
    private static final class Query {
        private List<String> patientIds = List.of();
        private List<String> patientIdentifiers = List.of();
        private List<String> identifiers = List.of();
        private List<String> codes = List.of();
        private List<InstantRange> effective = List.of();
        private List<ResultTag> tags = List.of();
        private List<SortOrder> sort = List.of();
        private int offset;
        private int count = 20;
        private List<String> labIds = List.of();
        private SearchTotal total = SearchTotal.UP_TO_LIMIT;

        Query patientIds(List<String> v) { patientIds = v; return this; }
        Query patientIdentifiers(List<String> v) { patientIdentifiers = v; return this; }
        Query identifiers(List<String> v) { identifiers = v; return this; }
        Query codes(List<String> v) { codes = v; return this; }
        Query effective(List<InstantRange> v) { effective = v; return this; }
        Query tags(List<ResultTag> v) { tags = v; return this; }
        Query sort(List<SortOrder> v) { sort = v; return this; }
        Query page(int offset, int count) { this.offset = offset; this.count = count; return this; }
        Query labIds(List<String> v) { labIds = v; return this; }
        Query total(SearchTotal v) { total = v; return this; }

        SearchObservations build() {
            return new SearchObservations(List.of(), identifiers, patientIds, patientIdentifiers, codes, effective,
                    labIds, List.of(), null, tags, sort, offset, count, total, null);
        }
    }

    /**
     * The module's database, running every statement also as {@code EXPLAIN (ANALYZE, FORMAT JSON)} with the same
     * arguments and keeping the plans, so a test can check the plans of the statements a real handler sent.
     */
    private static final class ExplainingJdbcTemplate extends JdbcTemplate {

        private static final ObjectMapper JSON = new ObjectMapper();
        private final List<String> fullScans = new ArrayList<>();
        final List<String> statements = new ArrayList<>();

        ExplainingJdbcTemplate() {
            super(TestDatabase.jdbc().getDataSource());
        }

        @Override
        public <T> List<T> query(String sql, RowMapper<T> rowMapper, Object... args) {
            explain(sql, args);
            return super.query(sql, rowMapper, args);
        }

        @Override
        public void query(String sql, RowCallbackHandler handler, Object... args) {
            explain(sql, args);
            super.query(sql, handler, args);
        }

        @Override
        public <T> T queryForObject(String sql, Class<T> requiredType, Object... args) {
            explain(sql, args);
            return super.queryForObject(sql, requiredType, args);
        }

        @Override
        public <T> List<T> queryForList(String sql, Class<T> elementType, Object... args) {
            explain(sql, args);
            return super.queryForList(sql, elementType, args);
        }

        private void explain(String sql, Object... args) {
            if (sql.startsWith("EXPLAIN")) {
                statements.add(sql);
                return;
            }
            String plan = super.query("EXPLAIN (ANALYZE, FORMAT JSON) " + sql,
                    (ResultSetExtractor<String>) rs -> rs.next() ? rs.getString(1) : null, args);
            try {
                JsonNode root = JSON.readTree(plan).get(0);
                statements.add(String.format("%.2f ms: %s", root.path("Execution Time").asDouble(),
                        sql.replaceAll("\\s+", " ")));
                collectFullScans(root.path("Plan"), sql, plan);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void collectFullScans(JsonNode node, String sql, String plan) {
            String type = node.path("Node Type").asText();
            String relation = node.path("Relation Name").asText();
            if (BIG_TABLES.contains(relation)) {
                boolean seqScan = type.equals("Seq Scan");
                boolean wholeIndex = (type.equals("Index Scan") || type.equals("Index Only Scan"))
                        && !node.has("Index Cond");
                if (seqScan || wholeIndex) {
                    fullScans.add(type + " of " + relation + (node.has("Index Name") ? " (" + node.path("Index Name")
                            .asText() + ")" : "") + " in\n" + sql + "\nplan: " + plan);
                }
            }
            for (JsonNode child : node.path("Plans")) {
                collectFullScans(child, sql, plan);
            }
        }

        void assertNoFullScans() {
            assertNoFullScans(sql -> true);
        }

        /** No statement {@code checked} selects read a whole big table. */
        void assertNoFullScans(java.util.function.Predicate<String> checked) {
            statements.forEach(s -> System.out.println("[plan] " + s));
            assertThat(fullScans.stream().filter(checked)).as("scans of a whole big table").isEmpty();
        }
    }
}
