package org.huren.fhir.server;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SmartScopeTest {

    @Test
    void v2PermissionsGrantExactlyTheirLetters() {
        List<String> scopes = List.of("system/Observation.rs", "openid");
        assertThat(SmartScope.anyGrants(scopes, "Observation", 'r')).isTrue();
        assertThat(SmartScope.anyGrants(scopes, "Observation", 's')).isTrue();
        assertThat(SmartScope.anyGrants(scopes, "Observation", 'c')).isFalse();
        assertThat(SmartScope.anyGrants(scopes, "Patient", 'r')).isFalse();
    }

    @Test
    void v1ReadWriteAndWildcardsAreUnderstood() {
        assertThat(SmartScope.parse("user/Patient.read")).get().extracting(SmartScope::permissions).isEqualTo("rs");
        assertThat(SmartScope.parse("system/Observation.write")).get().extracting(SmartScope::permissions)
                .isEqualTo("cud");
        assertThat(SmartScope.anyGrants(List.of("system/*.*"), "Specimen", 'd')).isTrue();
        assertThat(SmartScope.anyGrants(List.of("system/*.rs"), "AuditEvent", 's')).isTrue();
    }

    @Test
    void whatIsNotASmartResourceScopeOrNeedsALaunchGrantsNothing() {
        assertThat(SmartScope.parse("openid")).isEmpty();
        assertThat(SmartScope.parse("user/Observation.rs?category=laboratory")).as("narrowed by a search: not honoured")
                .isEmpty();
        assertThat(SmartScope.parse("system/Observation.sr")).as("v2 letters come in cruds order").isEmpty();
        assertThat(SmartScope.parse("system/Observation.")).isEmpty();
        assertThat(SmartScope.anyGrants(List.of("patient/Observation.rs"), "Observation", 'r'))
                .as("no patient launch context in HuRen").isFalse();
        assertThat(SmartScope.anyResourceScope(List.of("openid", "profile"))).isFalse();
        assertThat(SmartScope.anyResourceScope(List.of("openid", "user/Observation.rs"))).isTrue();
    }
}
