package org.huren.fhir.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** One recognition criterion as the read model keeps it (JSON), for rendering in FHIR. */
record CriterionJson(String criterion, String verdict, String reason, List<String> evidence) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<CriterionJson> parse(String json) {
        List<CriterionJson> criteria = new ArrayList<>();
        try {
            for (JsonNode node : JSON.readTree(json)) {
                List<String> evidence = new ArrayList<>();
                for (JsonNode e : node.path("evidence")) {
                    evidence.add(e.path("kind").asText() + " " + e.path("reference").asText()
                            + (e.path("summary").isMissingNode() ? "" : ": " + e.path("summary").asText()));
                }
                criteria.add(new CriterionJson(node.path("criterion").asText(), node.path("verdict").asText(),
                        node.path("reason").asText(), evidence));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return criteria;
    }
}
