package org.huren.domain.eqa;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Sample codes of a flight inspection's blind samples (盲样) that give nothing away: a code the QC manager gave is
 * kept; a sample without one is called S1, S2… by its accession number's place (one specimen measured for two items
 * keeps one code), skipping codes given explicitly. The accession number itself is never a sample code — round
 * reads, results tables and error messages name samples by code, and the accession is what the lab's LIS sees.
 */
public final class BlindSampleCodes {

    private BlindSampleCodes() {
    }

    /**
     * The code of each sample, in order: {@code given.get(i)} when not blank, else the neutral code of
     * {@code accessions.get(i)} (the accession as {@code system|value}).
     */
    public static List<String> assign(List<String> given, List<String> accessions) {
        Set<String> taken = new HashSet<>();
        given.stream().filter(BlindSampleCodes::present).forEach(taken::add);
        Map<String, String> byAccession = new LinkedHashMap<>();
        int next = 1;
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            if (present(given.get(i))) {
                codes.add(given.get(i));
                continue;
            }
            String accession = Objects.toString(accessions.get(i), "\u0000" + i);
            String code = byAccession.get(accession);
            if (code == null) {
                while (taken.contains("S" + next)) {
                    next++;
                }
                code = "S" + next;
                taken.add(code);
                byAccession.put(accession, code);
            }
            codes.add(code);
        }
        return codes;
    }

    private static boolean present(String code) {
        return code != null && !code.isBlank();
    }
}
