package org.huren.projections.recognition;

import org.huren.domain.catalog.CatalogItem;
import org.huren.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog versions and which one a result's codes map to on its date ({@link AllianceFacts#versionFor}). */
class CatalogTest {

    private final Catalog catalog = new Catalog(TestDatabase.jdbc());
    private final LocalDate jan = LocalDate.of(2026, 1, 1);

    @BeforeEach
    void empty() {
        TestDatabase.truncate(Catalog.TABLES);
    }

    @Test
    void versionsComeByCodeNewestFirstAndRetiringRetiresEveryVersion() {
        CatalogItem k = RecognitionEvents.item("K", jan);
        catalog.version("a1", k, 1);
        catalog.version("a1", k.effectiveFrom(jan.plusMonths(1)), 2);
        catalog.version("a1", RecognitionEvents.item("GLU", jan), 1);
        catalog.version("a1", k, 1);
        catalog.retire("a1", "K", jan.plusMonths(6));

        List<AllianceFacts.CatalogVersion> versions = catalog.versions("a1");
        assertThat(versions).extracting(v -> v.item().code() + "@" + v.version() + " retired " + v.retiredFrom())
                .containsExactly("GLU@1 retired null", "K@2 retired 2026-07-01", "K@1 retired 2026-07-01");
        assertThat(versions.get(1).loincs()).isEqualTo(k.loincCodes());
    }

    @Test
    void aResultMapsToTheNewestVersionInForceOnItsDate() {
        CatalogItem k = RecognitionEvents.item("K", jan);
        catalog.version("a1", k, 1);
        catalog.version("a1", k.effectiveFrom(jan.plusMonths(1)), 2);
        catalog.retire("a1", "K", jan.plusMonths(6));
        AllianceFacts facts = new AllianceFacts(java.util.Map.of(), catalog.versions("a1"), java.util.Map.of(),
                org.huren.domain.recognition.RecognitionPolicy.defaults(), java.util.Map.of(), java.util.Map.of(),
                java.util.Set.of());
        List<String> codes = List.of("x-local", RecognitionEvents.POTASSIUM);

        assertThat(facts.versionFor(codes, jan.minusDays(1))).isEmpty();
        assertThat(facts.versionFor(codes, jan.plusDays(3))).hasValueSatisfying(v -> assertThat(v.version()).isEqualTo(1));
        assertThat(facts.versionFor(codes, jan.plusMonths(2))).hasValueSatisfying(v -> assertThat(v.version()).isEqualTo(2));
        assertThat(facts.versionFor(codes, jan.plusMonths(6))).as("retired").isEmpty();
        assertThat(facts.versionFor(List.of("1234-5"), jan.plusDays(3))).isEmpty();
        assertThat(facts.withCvMaximum("K")).hasValueSatisfying(item -> assertThat(item.effectiveFrom())
                .isEqualTo(jan.plusMonths(1)));
    }
}
