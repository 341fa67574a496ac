package org.huren.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An external issuer's token is a HuRen caller only when issued for HuRen ({@code aud}). */
class ExternalIssuerTokensTest {

    private final OAuth2TokenValidator<Jwt> audience = ExternalIssuerTokens.audienceValidator("huren");

    /** {@code aud} as the decoder hands it on: always a list, also when the token has one string (Keycloak). */
    private static Jwt token(List<String> aud) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("someone")
                .issuer("http://localhost:8180/realms/huren").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300)).claim("azp", "some-client");
        if (aud != null) {
            builder.claim("aud", aud);
        }
        return builder.build();
    }

    @Test
    void acceptsTokensForHuren() {
        assertThat(audience.validate(token(List.of("huren"))).hasErrors()).isFalse();
        assertThat(audience.validate(token(List.of("account", "huren"))).hasErrors()).isFalse();
    }

    @Test
    void refusesTokensForOtherApplicationsOrForNone() {
        // e.g. Keycloak's admin-cli or account-console: same realm, same signing key, no audience huren
        assertThat(audience.validate(token(null)).hasErrors()).isTrue();
        assertThat(audience.validate(token(List.of("account"))).hasErrors()).isTrue();
    }
}
