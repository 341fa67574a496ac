package org.huren.api.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;

import java.util.List;

/**
 * With an external issuer (a hospital's Keycloak realm, ADR 0012), HuRen accepts only the tokens issued <em>for
 * HuRen</em>: their {@code aud} must name {@code huren.security.audience} ({@code huren}). An issuer serves many
 * applications — in Keycloak every client of the realm, {@code admin-cli} and {@code account-console} included,
 * gets tokens signed with the same key — and without this check any of those tokens would pass as a HuRen caller.
 * Spring Boot adds this validator to the decoder it builds from the issuer's discovery document, next to its
 * issuer and expiry checks. The embedded authorization server's tokens are checked by its own decoder.
 */
@Configuration
@Conditional(ExternalIssuer.Present.class)
public class ExternalIssuerTokens {

    @Bean
    OAuth2TokenValidator<Jwt> hurenAudience(@Value("${huren.security.audience:huren}") String audience) {
        return audienceValidator(audience);
    }

    static JwtClaimValidator<List<String>> audienceValidator(String audience) {
        return new JwtClaimValidator<>(JwtClaimNames.AUD, (List<String> aud) -> aud != null && aud.contains(audience));
    }
}
