package org.huren.api.console;

import jakarta.servlet.http.HttpServletRequest;
import org.huren.api.language.ClientLanguage;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The console's languages: Chinese unless the user chose English ({@code ?lang=en}, kept in a cookie for the
 * console's paths). Elsewhere ({@code /api}, {@code /fhir}) the locale is the API client's ({@link ClientLanguage}):
 * its {@code Accept-Language}, else {@code huren.locale.default}.
 */
@Configuration
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleWebConfig implements WebMvcConfigurer {

    static final String LANGUAGE_COOKIE = "HUREN_LANG";
    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    /**
     * The texts of the console, one bundle per language ({@code messages_zh_CN}, {@code messages_en}); a language
     * without a bundle gets Chinese.
     */
    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setDefaultLocale(CHINESE);
        return messages;
    }

    /** The console's choice (its cookie, else Chinese); elsewhere the API client's language ({@link ClientLanguage}). */
    @Bean
    LocaleResolver localeResolver(ClientLanguage clients) {
        CookieLocaleResolver resolver = new CookieLocaleResolver(LANGUAGE_COOKIE);
        resolver.setCookiePath("/console");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setDefaultLocaleFunction(request -> defaultLocale(request, clients));
        return resolver;
    }

    static Locale defaultLocale(HttpServletRequest request, ClientLanguage clients) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/console") || path.startsWith("/console/") ? CHINESE : clients.of(request);
    }

    /** Resolves {@code reports/*} to the PDF reports' XML templates ({@link PdfReports}), ahead of the pages'. */
    @Bean
    static ClassLoaderTemplateResolver reportTemplates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".xhtml");
        resolver.setTemplateMode(TemplateMode.XML);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setResolvablePatterns(java.util.Set.of("reports/*"));
        resolver.setCheckExistence(true);
        resolver.setOrder(0);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        registry.addInterceptor(change).addPathPatterns("/console", "/console/**");
    }
}
