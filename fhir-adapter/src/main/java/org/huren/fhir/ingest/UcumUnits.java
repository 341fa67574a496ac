package org.huren.fhir.ingest;

import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** UCUM unit codes checked against the UCUM essence shipped in {@code org.fhir:ucum}. */
public final class UcumUnits {

    public static final String SYSTEM = "http://unitsofmeasure.org";

    private final UcumEssenceService service;
    /** Labs use a few dozen units: each valid one is parsed once (invalid ones are rare and not kept). */
    private static final int MAX_CACHED = 10_000;
    private final Set<String> validUnits = ConcurrentHashMap.newKeySet();

    public UcumUnits() {
        try (InputStream essence = UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml")) {
            service = new UcumEssenceService(essence);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UcumException e) {
            throw new IllegalStateException("UCUM essence unreadable", e);
        }
    }

    /** @return null when {@code code} is a valid UCUM expression, else why not. */
    public String problemWith(String code) {
        if (validUnits.contains(code)) {
            return null;
        }
        String problem = service.validate(code);
        if (problem == null && validUnits.size() < MAX_CACHED) {
            validUnits.add(code);
        }
        return problem;
    }
}
