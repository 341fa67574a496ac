package org.huren.fhir.ingest;

import org.hl7.fhir.r4.model.CodeableConcept;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Type;
import org.huren.domain.common.BusinessTime;
import org.huren.domain.common.Coding;
import org.huren.domain.common.Identifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Small conversions from HAPI's R4 model to HuRen's value objects. */
final class FhirValues {

    private FhirValues() {
    }

    static List<Coding> codings(List<CodeableConcept> concepts) {
        List<Coding> codings = new ArrayList<>();
        for (CodeableConcept concept : concepts) {
            codings.addAll(codings(concept));
        }
        return codings;
    }

    static List<Coding> codings(CodeableConcept concept) {
        List<Coding> codings = new ArrayList<>();
        if (concept != null) {
            for (org.hl7.fhir.r4.model.Coding coding : concept.getCoding()) {
                if (coding.hasCode()) {
                    codings.add(new Coding(coding.getSystem(), coding.getCode(), coding.getDisplay()));
                }
            }
        }
        return codings;
    }

    static List<Identifier> identifiers(List<org.hl7.fhir.r4.model.Identifier> identifiers) {
        List<Identifier> result = new ArrayList<>();
        for (org.hl7.fhir.r4.model.Identifier identifier : identifiers) {
            if (identifier.hasValue()) {
                String type = identifier.hasType() && identifier.getType().hasCoding()
                        ? identifier.getType().getCodingFirstRep().getCode() : null;
                result.add(new Identifier(identifier.getSystem(), identifier.getValue(), type));
            }
        }
        return result;
    }

    /** Dates without a time zone (a day, a month) are days in China Standard Time, where the alliance works. */
    static final ZoneId LAB_ZONE = ZoneId.of("Asia/Shanghai");

    /**
     * Business time of an effective[x] or collected[x]: dateTime, instant or Period; null when absent. A value
     * of day (or month, year) precision covers that whole day in China Standard Time — independent of the
     * server's own time zone.
     */
    static BusinessTime businessTime(Type value) {
        if (value instanceof BaseDateTimeType dateTime && dateTime.getValue() != null) {
            return span(dateTime);
        }
        if (value instanceof Period period && (period.hasStart() || period.hasEnd())) {
            BusinessTime start = period.hasStart() ? span(period.getStartElement()) : null;
            BusinessTime end = period.hasEnd() ? span(period.getEndElement()) : null;
            return new BusinessTime(start != null ? start.start() : end.start(), end != null ? end.end() : start.end());
        }
        return null;
    }

    private static BusinessTime span(BaseDateTimeType dateTime) {
        TemporalPrecisionEnum precision = dateTime.getPrecision();
        boolean hasTime = precision.ordinal() > TemporalPrecisionEnum.DAY.ordinal();
        if (hasTime && dateTime.getTimeZone() != null) {
            return BusinessTime.at(dateTime.getValue().toInstant());
        }
        LocalDateTime local = LocalDateTime.of(dateTime.getYear(), dateTime.getMonth() + 1,
                precision == TemporalPrecisionEnum.YEAR || precision == TemporalPrecisionEnum.MONTH ? 1
                        : dateTime.getDay(), hasTime ? dateTime.getHour() : 0, hasTime ? dateTime.getMinute() : 0,
                hasTime ? dateTime.getSecond() : 0, hasTime ? dateTime.getMillis() * 1_000_000 : 0);
        if (precision == TemporalPrecisionEnum.MONTH) {
            local = local.withDayOfMonth(1);
        }
        Instant start = local.atZone(LAB_ZONE).toInstant();
        Instant end = switch (precision) {
            case YEAR -> local.plusYears(1).atZone(LAB_ZONE).toInstant().minusMillis(1);
            case MONTH -> local.plusMonths(1).atZone(LAB_ZONE).toInstant().minusMillis(1);
            case DAY -> local.plusDays(1).atZone(LAB_ZONE).toInstant().minusMillis(1);
            default -> start;
        };
        return new BusinessTime(start, end);
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
