package org.huren.api.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.time.Duration;
import java.util.List;

/** Cross-origin calls only from the origins configured in {@code huren.security.cors-origins}. */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
public class CorsConfig {

    @Bean
    CorsConfigurationSource corsConfigurationSource(SecurityProperties security) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (security.corsOrigins().isEmpty()) {
            return source; // no origin allowed: cross-origin requests are refused
        }
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(security.corsOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Prefer", "If-None-Exist",
                "If-Match", "X-Request-Id", "traceparent", "X-HuRen-Await-Position", "X-HuRen-Await-Millis"));
        cors.setExposedHeaders(List.of("Location", "ETag", "Last-Modified", "Content-Location", "X-Request-Id",
                "traceresponse", "X-HuRen-Event-Position", "WWW-Authenticate", "Retry-After", "Allow",
                "Content-Disposition"));
        cors.setMaxAge(Duration.ofHours(1));
        source.registerCorsConfiguration("/fhir/**", cors);
        source.registerCorsConfiguration("/api/**", cors);
        source.registerCorsConfiguration("/cds-services/**", cors);
        source.registerCorsConfiguration("/oauth2/**", cors);
        source.registerCorsConfiguration("/.well-known/**", cors);
        return source;
    }
}
