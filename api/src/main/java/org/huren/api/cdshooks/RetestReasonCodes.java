package org.huren.api.cdshooks;

import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseCodingJson;
import org.huren.domain.reuse.RetestReason;
import org.springframework.context.MessageSource;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The re-test reasons of DOMAIN.md §1 as a card's {@code overrideReasons}, and back from the reason a clinician chose
 * in the feedback: codes of {@value #SYSTEM}, one per {@link RetestReason}.
 */
final class RetestReasonCodes {

    static final String SYSTEM = "https://huren.org/fhir/CodeSystem/retest-reason";

    private RetestReasonCodes() {
    }

    /** Every reason, displayed in {@code locale}. */
    static List<CdsServiceResponseCodingJson> codings(MessageSource texts, Locale locale) {
        return Arrays.stream(RetestReason.values()).map(reason -> new CdsServiceResponseCodingJson()
                .setSystem(SYSTEM).setCode(reason.name())
                .setDisplay(texts.getMessage("reason." + reason.name(), null, locale))).toList();
    }

    /** The reason a coding names: one of ours (a coding without a system is taken as ours), or none. */
    static Optional<RetestReason> of(CdsServiceResponseCodingJson coding) {
        if (coding.getSystem() != null && !SYSTEM.equals(coding.getSystem()) || coding.getCode() == null) {
            return Optional.empty();
        }
        return Arrays.stream(RetestReason.values()).filter(r -> r.name().equals(coding.getCode())).findFirst();
    }
}
