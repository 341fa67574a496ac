package org.huren.api.security;

import org.huren.fhir.server.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access tokens as Keycloak 26 issues them from the realm in {@code docs/keycloak/huren-realm.json} (claims copied
 * from real tokens of the trial recorded there): the subject is the service account's or user's id, the client is
 * in {@code azp} (and {@code client_id} only for service accounts), an empty {@code huren_alliances} list is sent,
 * {@code scope} is one space-separated string. HuRen must read them as it reads its own.
 */
class KeycloakTokenShapeTest {

    private static Jwt token(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256")
                .issuer("http://localhost:8180/realms/huren").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(1800));
        claims.forEach(builder::claim);
        return builder.build();
    }

    @Test
    void lisServiceAccount() {
        Jwt jwt = token(Map.of("sub", "fc78878a-8b6d-4de4-afc1-3c2b2e67002a", "aud", "huren", "typ", "Bearer",
                "azp", "lis-hr-core", "client_id", "lis-hr-core", "scope", "profile email",
                "huren_roles", List.of("LIS"), "huren_lab", "HR-CORE", "huren_alliances", List.of(),
                "preferred_username", "service-account-lis-hr-core"));

        Caller caller = CallerFilter.callerOf(jwt);

        assertThat(caller.clientId()).isEqualTo("lis-hr-core");
        assertThat(caller.lab()).isEqualTo("HR-CORE");
        assertThat(caller.roles()).containsExactly("LIS");
        assertThat(caller.alliances()).isEmpty();
        assertThat(caller.scopes()).containsExactlyInAnyOrder("profile", "email");
        assertThat(SecurityConfig.authorities().convert(jwt).getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .contains(Role.LIS.authority(), "SCOPE_profile", "SCOPE_email");
    }

    @Test
    void signedInUserHasTheClientOnlyInAzp() {
        Jwt jwt = token(Map.of("sub", "258889d5-faf8-43a0-9325-9c215fe92a5f", "aud", "huren",
                "azp", "huren-console", "scope", "openid profile email",
                "huren_roles", List.of("QC_MANAGER", "ASSESSOR", "AUDITOR"), "huren_alliances", List.of("demo"),
                "preferred_username", "qc-demo"));

        Caller caller = CallerFilter.callerOf(jwt);

        assertThat(caller.clientId()).isEqualTo("huren-console");
        assertThat(caller.lab()).isNull();
        assertThat(caller.roles()).containsExactlyInAnyOrder("QC_MANAGER", "ASSESSOR", "AUDITOR");
        assertThat(caller.alliances()).isEqualTo(Set.of("demo"));
        assertThat(caller.actsIn("demo")).isTrue();
        assertThat(caller.actsIn("other")).isFalse();
    }

    @Test
    void networkClientActsInEveryAlliance() {
        Jwt jwt = token(Map.of("sub", "89c4bc72-41be-465f-bb9e-245ea9915333", "azp", "huren-qc-network",
                "client_id", "huren-qc-network", "huren_roles", List.of("QC_MANAGER"),
                "huren_alliances", List.of("*")));

        assertThat(CallerFilter.callerOf(jwt).actsIn("any-alliance")).isTrue();
    }
}
