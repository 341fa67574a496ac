package org.huren.api.language;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

import java.util.List;
import java.util.Locale;

/**
 * The language an API client is answered in: the first of its {@code Accept-Language} that HuRen has a message
 * bundle for (Chinese {@code zh-CN} — any {@code zh} — or English), else the deployment's
 * {@code huren.locale.default}. Spring's {@link AcceptHeaderLocaleResolver} decides; HAPI's servlet and the servlet
 * filters ask it here, Spring MVC through the application's {@code LocaleResolver}.
 */
@Component
public class ClientLanguage {

    /** The languages HuRen's message bundles cover ({@code messages_en}, {@code messages_zh_CN}). */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    private final AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();

    public ClientLanguage(LanguageProperties properties) {
        // plain "zh" too: Spring matches a request's other regions (zh-TW, zh-HK) only to a language without a country
        resolver.setSupportedLocales(List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE, Locale.CHINESE));
        resolver.setDefaultLocale(properties.defaultLocale());
    }

    public Locale of(HttpServletRequest request) {
        Locale locale = resolver.resolveLocale(request);
        // any Chinese is answered from the one Chinese bundle (simplified characters, as HuRen's users write)
        return SUPPORTED.stream().filter(supported -> supported.getLanguage().equals(locale.getLanguage()))
                .findFirst().orElse(locale);
    }
}
