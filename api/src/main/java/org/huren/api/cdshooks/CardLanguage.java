package org.huren.api.cdshooks;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

import java.util.List;
import java.util.Locale;

/** The language of the cards: Chinese, or English when the CDS client's {@code Accept-Language} prefers it. */
final class CardLanguage {

    static final List<Locale> SUPPORTED = List.of(Locale.CHINESE, Locale.ENGLISH);

    private CardLanguage() {
    }

    static Locale of(HttpServletRequest request) {
        String accepted = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
        if (accepted == null || accepted.isBlank()) {
            return Locale.CHINESE;
        }
        try {
            Locale chosen = Locale.lookup(Locale.LanguageRange.parse(accepted), SUPPORTED);
            return chosen == null ? Locale.CHINESE : chosen;
        } catch (IllegalArgumentException malformed) {
            return Locale.CHINESE;
        }
    }
}
