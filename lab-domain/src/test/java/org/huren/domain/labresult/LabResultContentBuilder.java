package org.huren.domain.labresult;

import org.huren.domain.common.BusinessTime;
import org.huren.domain.common.Coding;
import org.huren.domain.common.Measurement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Test data: a fasting-glucose result as an LIS would report it. Only the content hash and status
 * matter to the aggregate; the value is there so that a "changed" content reads as a real change.
 */
final class LabResultContentBuilder {

    private static final Coding GLUCOSE = new Coding(Coding.LOINC, "1558-6", "Fasting glucose [Moles/volume] in Serum or Plasma");
    private static final Instant COLLECTED = Instant.parse("2024-03-04T07:30:00Z");
    private static final Instant ISSUED = Instant.parse("2024-03-04T10:15:00Z");

    private String contentHash = "sha256:glucose-5.4-final";
    private ResultStatus status = ResultStatus.FINAL;
    private BigDecimal value = new BigDecimal("5.4");

    private LabResultContentBuilder() {
    }

    static LabResultContentBuilder aGlucoseResult() {
        return new LabResultContentBuilder();
    }

    /** Shorthand for the two properties the aggregate's rules look at. */
    static LabResultContent content(String contentHash, ResultStatus status) {
        return aGlucoseResult().withContentHash(contentHash).withStatus(status).build();
    }

    LabResultContentBuilder withContentHash(String contentHash) {
        this.contentHash = contentHash;
        return this;
    }

    LabResultContentBuilder withStatus(ResultStatus status) {
        this.status = status;
        return this;
    }

    LabResultContentBuilder withValue(String value) {
        this.value = new BigDecimal(value);
        return this;
    }

    LabResultContent build() {
        String resource = "{\"resourceType\":\"Observation\",\"status\":\"" + status.code()
                + "\",\"valueQuantity\":{\"value\":" + value.toPlainString() + ",\"code\":\"mmol/L\"}}";
        return new LabResultContent(status,
                List.of(GLUCOSE),
                new Measurement(value, "mmol/L", "mmol/L", null),
                BusinessTime.at(COLLECTED),
                ISSUED,
                "patient-0001",
                "specimen-0001",
                resource,
                contentHash, java.util.Map.of("alliance-a", "ACTIVE"));
    }
}
