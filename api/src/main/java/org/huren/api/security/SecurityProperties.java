package org.huren.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * {@code huren.security.*} (ADR 0012).
 *
 * @param corsOrigins     the browser origins (the web console, SMART apps) that may call HuRen; none by default
 * @param tokenTimeToLive how long an access token of the embedded authorization server is valid
 * @param demoSecret      the password of the demo users and the secret of the demo clients, seeded with the demo
 *                        alliance ({@code huren.demo.enabled}); never run a real alliance with the demo seeded
 * @param smartScopes     {@code enforce}: every FHIR interaction needs a SMART v2 scope granting it;
 *                        {@code when-issued}: a token carrying no SMART resource scope at all (an issuer not set up
 *                        for SMART) is judged by its roles alone
 */
@ConfigurationProperties("huren.security")
public record SecurityProperties(@DefaultValue({}) List<String> corsOrigins,
                                 @DefaultValue("30m") Duration tokenTimeToLive,
                                 @DefaultValue("huren-demo") String demoSecret,
                                 @DefaultValue("enforce") org.huren.fhir.server.SmartScopeCheck.Policy smartScopes) {
}
