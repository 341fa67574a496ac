package org.huren.api.console;

import jakarta.servlet.http.HttpServletResponse;
import org.huren.api.security.ExternalIssuer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

import java.util.LinkedHashMap;

/**
 * The web console's door (ADR 0015): people sign in through the same OpenID Connect issuer as every other client
 * (authorization code with PKCE, as the public client {@value ConsoleClientRegistration#REGISTRATION}), and the
 * console keeps their tokens in a server-side session — the browser holds only the session cookie, and forms carry a
 * CSRF token. What each page shows is decided from the signed-in user's access token by the same rules as
 * {@code /api} ({@link ConsoleCallers}, {@link ConsoleAccess}).
 * <p>
 * The console's security context and saved request live under their own session keys, so that the embedded
 * authorization server's own sign-in (the login form, in the same browser session) is not overwritten by the
 * console's.
 */
@Configuration
public class ConsoleSecurity {

    static final String CONTEXT_KEY = "HUREN_CONSOLE_SECURITY_CONTEXT";
    static final String SAVED_REQUEST_KEY = "HUREN_CONSOLE_SAVED_REQUEST";
    /** Allows ECharts' and htmx's inline styles; every script and every other resource comes from HuRen itself. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; "
            + "form-action 'self'; base-uri 'self'";

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> registrations,
                                OAuth2AuthorizedClientRepository authorizedClients, JwtDecoder tokens)
            throws Exception {
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey(CONTEXT_KEY);
        HttpSessionRequestCache savedRequests = new HttpSessionRequestCache();
        savedRequests.setSessionAttrName(SAVED_REQUEST_KEY);
        http.securityMatcher("/console", "/console/**", "/oauth2/authorization/**", "/login/oauth2/code/**",
                        "/webjars/**")
                .securityContext(context -> context.securityContextRepository(contexts))
                .requestCache(cache -> cache.requestCache(savedRequests))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .addFilterBefore(new LoopbackHost(), SecurityContextHolderFilter.class);
        if (registrations.getIfAvailable() == null) {
            // an external issuer without a console client registration: the console says so
            org.springframework.security.web.AuthenticationEntryPoint unavailable = (request, response, e) ->
                    response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the web console needs an OpenID "
                            + "Connect client registration " + ConsoleClientRegistration.REGISTRATION);
            http.authorizeHttpRequests(authorize -> authorize.anyRequest().denyAll())
                    .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unavailable)
                            .accessDeniedHandler((request, response, denied) -> unavailable.commence(request,
                                    response, null)));
            return http.build();
        }
        String signIn = "/oauth2/authorization/" + ConsoleClientRegistration.REGISTRATION;
        LinkedHashMap<org.springframework.security.web.util.matcher.RequestMatcher,
                org.springframework.security.web.AuthenticationEntryPoint> entryPoints = new LinkedHashMap<>();
        // an htmx request whose session ended: the whole page reloads (and signs in again)
        entryPoints.put(new RequestHeaderRequestMatcher("HX-Request"), (request, response, e) -> {
            response.setHeader("HX-Refresh", "true");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        });
        DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(entryPoints);
        entryPoint.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint(signIn));
        // open to anyone, deliberately and only these: static scripts/styles (htmx, ECharts, the console's CSS) and the
        // two pages shown when no one is signed in (signed out, sign-in failed) — none holds or reveals any data
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/webjars/**", "/console/assets/**", "/console/signed-out",
                                "/console/sign-in-failed").permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login.loginPage(signIn).defaultSuccessUrl("/console")
                        .failureUrl("/console/sign-in-failed").authorizedClientRepository(authorizedClients))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint))
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/signed-out"))
                .addFilterAfter(new ConsoleCallers(authorizedClients, tokens), AuthorizationFilter.class);
        return http.build();
    }

    /** The signed-in user's tokens, kept in their session on the server. */
    @Bean
    OAuth2AuthorizedClientRepository consoleAuthorizedClients() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /** With the embedded authorization server: the console signs in through its public client. */
    @Bean
    @Conditional(ExternalIssuer.Absent.class)
    ClientRegistrationRepository consoleClientRegistration(Environment environment, ConsoleProperties console) {
        return new ConsoleClientRegistration(environment, console);
    }
}
