package org.huren.domain.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ResourceKeyTest {

    private static final String SYSTEM = "urn:oid:2.16.156.310000.1.accession";
    private static final String VALUE = "A20240304-0017-GLU";
    private static final ResourceKey KEY = new ResourceKey(SYSTEM, VALUE);

    @Test
    void derivedIdIsDeterministicAcrossInstances() {
        String first = KEY.derivedId("Observation", "lab-a");
        String second = new ResourceKey(SYSTEM, VALUE).derivedId("Observation", "lab-a");

        assertThat(second).isEqualTo(first);
    }

    @Test
    void derivedIdIsANameBasedUuid() {
        UUID id = UUID.fromString(KEY.derivedId("Observation", "lab-a"));

        assertThat(id.version()).isEqualTo(3);
    }

    @Test
    void derivedIdDiffersByKind() {
        assertThat(KEY.derivedId("Observation", "lab-a")).isNotEqualTo(KEY.derivedId("Specimen", "lab-a"));
    }

    @Test
    void derivedIdDiffersByLab() {
        assertThat(KEY.derivedId("Observation", "lab-a")).isNotEqualTo(KEY.derivedId("Observation", "lab-b"));
    }

    @Test
    void derivedIdDiffersBySystem() {
        ResourceKey otherSystem = new ResourceKey(ResourceKey.LIS_RESOURCE_ID, VALUE);

        assertThat(KEY.derivedId("Observation", "lab-a")).isNotEqualTo(otherSystem.derivedId("Observation", "lab-a"));
    }

    @Test
    void derivedIdDiffersByValue() {
        ResourceKey otherValue = new ResourceKey(SYSTEM, "A20240304-0018-GLU");

        assertThat(KEY.derivedId("Observation", "lab-a")).isNotEqualTo(otherValue.derivedId("Observation", "lab-a"));
    }

    @Test
    void derivedIdKeepsPartsApartWhenTheirConcatenationIsTheSame() {
        String labAWithSystemX = new ResourceKey("x", VALUE).derivedId("Observation", "lab-a");
        String labAxWithoutSystem = new ResourceKey("", VALUE).derivedId("Observation", "lab-ax");

        assertThat(labAWithSystemX).isNotEqualTo(labAxWithoutSystem);
    }

    @Test
    void missingSystemIsTreatedAsEmpty() {
        ResourceKey withoutSystem = new ResourceKey(null, VALUE);

        assertThat(withoutSystem.system()).isEmpty();
        assertThat(withoutSystem.derivedId("Observation", "lab-a"))
                .isEqualTo(new ResourceKey("", VALUE).derivedId("Observation", "lab-a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void blankValueIsRejected(String blank) {
        assertThatIllegalArgumentException().isThrownBy(() -> new ResourceKey(SYSTEM, blank));
    }

    @Test
    void nullValueIsRejected() {
        assertThatNullPointerException().isThrownBy(() -> new ResourceKey(SYSTEM, null));
    }

    @Test
    void lisResourceIdKeyUsesTheHurenSystem() {
        ResourceKey key = ResourceKey.ofLisResourceId("obs-123");

        assertThat(key.token()).isEqualTo("urn:huren:lis-resource-id|obs-123");
    }
}
