package org.huren.api.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

import java.util.ArrayList;
import java.util.Collection;

/**
 * HuRen as an OAuth2 resource server (ADR 0012): every request but the public ones carries a bearer token (JWT)
 * signed by the configured issuer — the embedded authorization server, or an external one named by
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}. Stateless: no session, no cookie, so no CSRF.
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity
public class SecurityConfig {

    @Bean
    @Order(3)
    SecurityFilterChain resourceServer(HttpSecurity http, SecurityErrors errors) throws Exception {
        http.securityMatcher("/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(Customizer.withDefaults())
                .authorizeHttpRequests(authorize -> {
                    authorize.requestMatchers(AccessRules.PUBLIC.toArray(String[]::new)).permitAll();
                    for (AccessRules.Reserved reserved : AccessRules.RESERVED) {
                        authorize.requestMatchers(reserved.matcher()).hasRole(reserved.role().name());
                    }
                    authorize.anyRequest().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authorities()))
                        .authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors));
        return http.build();
    }

    /**
     * No observation of Spring Security's own work: with an observation registry present it wraps every filter of
     * every chain in an observation (before and after the request), and observes each authentication and
     * authorization — about a sixth of the CPU of a {@code $reusable} call (issue 16), for spans and timers nobody
     * reads. The HTTP server observation ({@code http.server.requests}, trace and correlation ids) is not Spring
     * Security's and stays.
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** The token's HuRen roles as {@code ROLE_…} authorities, its scopes as {@code SCOPE_…}. */
    static JwtAuthenticationConverter authorities() {
        JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            Collection<GrantedAuthority> authorities = new ArrayList<>(scopes.convert(jwt));
            CallerFilter.roleAuthorities(jwt).forEach(role -> authorities.add(new SimpleGrantedAuthority(role)));
            return authorities;
        });
        return converter;
    }
}
