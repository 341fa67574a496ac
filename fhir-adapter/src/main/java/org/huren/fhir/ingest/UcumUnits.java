package org.huren.fhir.ingest;

import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** UCUM unit codes checked against the UCUM essence shipped in {@code org.fhir:ucum}. */
public final class UcumUnits {

    public static final String SYSTEM = "http://unitsofmeasure.org";

    private final UcumEssenceService service;
    /** Labs use a few dozen units: each is parsed once. */
    private final Map<String, Optional<String>> verdicts = new ConcurrentHashMap<>();

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
        return verdicts.computeIfAbsent(code, c -> Optional.ofNullable(service.validate(c))).orElse(null);
    }
}
