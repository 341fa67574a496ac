package org.huren.api.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.huren.domain.eqa.EqaItemGraded;
import org.huren.domain.eqa.EqaResultSubmitted;
import org.huren.domain.eqa.EqaRoundOpened;
import org.huren.domain.eqa.SampleGrade;
import org.huren.domain.eqa.ZCategory;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events stored before issue 11 (no uncertainties, no z′ or ζ, z at scale 4) still read with the event store's
 * Jackson mapper: the new fields are null, nothing else changes.
 */
class StoredEventCompatibilityTest {

    private static final ObjectMapper AXON = new AxonConfig().defaultAxonObjectMapper();

    @Test
    void aResultSubmittedBeforeUncertaintiesReadsWithoutOne() throws Exception {
        EqaResultSubmitted event = AXON.readValue("""
                {"roundId":"r1","allianceId":"demo","labCode":"A","sampleCode":"S1","itemCode":"K","value":4.05,
                 "category":null,"submittedAt":"2026-03-02T01:00:00Z","submittedBy":"lis","channel":"API",
                 "sourceResultId":null,"replaces":false}
                """, EqaResultSubmitted.class);
        assertThat(event.value()).isEqualByComparingTo("4.05");
        assertThat(event.uncertainty()).isNull();
    }

    @Test
    void aRoundOpenedBeforeAssignedUncertaintiesReadsWithoutThem() throws Exception {
        EqaRoundOpened event = AXON.readValue("""
                {"roundId":"r1","allianceId":"demo","kind":"ROUND","provider":"NCCL","title":"t",
                 "items":[{"itemCode":"K","loincCodes":["2823-3"],"unit":"mmol/L","qualitative":false,
                           "satisfactoryThresholdPercent":80,"catalogItem":null}],
                 "samples":[{"sampleCode":"S1","itemCode":"K","assigned":4.00,
                             "limit":{"kind":"SD_MULTIPLE","percent":null,"absolute":null,"k":2},
                             "sdForProficiency":0.1,"intendedCategory":null,"accession":null}],
                 "participants":["A"],"deadline":"2026-03-16T01:00:00Z","ruleSet":"NCCL","openedBy":"qc",
                 "pseudoPatient":null}
                """, EqaRoundOpened.class);
        assertThat(event.samples().get(0).assignedUncertainty()).isNull();
        assertThat(event.samples().get(0).toEqaSample().sdForProficiency()).isEqualByComparingTo("0.1");
    }

    @Test
    void aGradeBeforeZPrimeAndZetaReadsWithItsZAsRecorded() throws Exception {
        EqaItemGraded event = AXON.readValue("""
                {"roundId":"r1","allianceId":"demo","kind":"ROUND","labCode":"A","itemCode":"K",
                 "grade":{"itemCode":"K","samples":[{"sampleCode":"S1","acceptable":false,"difference":0.35,
                          "allowed":0.2,"z":3.5000,"zCategory":"UNSATISFACTORY","reason":"OUTSIDE_LIMIT"}],
                          "scorePercent":0.00,"satisfactory":false,"ruleSet":"NCCL"},
                 "gradedAt":"2026-03-16T01:00:00Z"}
                """, EqaItemGraded.class);
        SampleGrade sample = event.grade().samples().get(0);
        assertThat(sample.z()).isEqualTo(new BigDecimal("3.5000"));
        assertThat(sample.zCategory()).isEqualTo(ZCategory.UNSATISFACTORY);
        assertThat(sample.zPrime()).isNull();
        assertThat(sample.zPrimeCategory()).isNull();
        assertThat(sample.zeta()).isNull();
        assertThat(sample.zetaCategory()).isNull();
    }
}
