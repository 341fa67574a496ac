package org.huren.api.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmartScopeGrantsTest {

    @Test
    void aClientMayAskForLessThanItIsRegisteredForNeverMore() {
        assertThat(SmartScopeGrants.grantable("system/Observation.rs", SmartScopes.LIS)).isTrue();
        assertThat(SmartScopeGrants.grantable("system/Observation.read", SmartScopes.LIS)).isTrue();
        assertThat(SmartScopeGrants.grantable("system/Observation.cruds", SmartScopes.LIS)).isTrue();
        assertThat(SmartScopeGrants.grantable("system/Organization.c", SmartScopes.LIS)).isFalse();
        assertThat(SmartScopeGrants.grantable("system/*.rs", SmartScopes.LIS)).isFalse();
        assertThat(SmartScopeGrants.grantable("user/Observation.rs", SmartScopes.LIS)).as("another context").isFalse();
        assertThat(SmartScopeGrants.grantable("system/AuditEvent.rs", SmartScopes.SYSTEM)).isTrue();
        assertThat(SmartScopeGrants.grantable("system/AuditEvent.c", SmartScopes.SYSTEM)).isFalse();
        assertThat(SmartScopeGrants.grantable("anything-else", SmartScopes.SYSTEM)).isFalse();
    }
}
