package org.huren.api.language;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

import java.util.Locale;

/**
 * {@code huren.locale.default}: the language of HuRen's answers on {@code /fhir} and {@code /api} when the client's
 * {@code Accept-Language} names none HuRen speaks (or is absent). English unless the deployment says otherwise
 * (e.g. {@code zh-CN} for an alliance whose LIS clients send no header).
 */
@ConfigurationProperties("huren.locale")
public record LanguageProperties(@Name("default") Locale defaultLocale) {

    public LanguageProperties {
        defaultLocale = defaultLocale == null ? Locale.ENGLISH : defaultLocale;
    }
}
