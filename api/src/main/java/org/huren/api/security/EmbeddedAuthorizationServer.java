package org.huren.api.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The embedded OAuth2 / OpenID Connect authorization server (Spring Authorization Server), on when no external
 * issuer is configured (ADR 0012): the two-command start issues real tokens. Clients and their grants, users and
 * the signing key live in PostgreSQL (V27), shared by all nodes. Machine clients (LIS, operator tools) use the
 * client-credentials grant; people sign in through the authorization-code grant with PKCE. Each access token
 * carries the HuRen claims of its client or user ({@link HurenClaims}).
 */
@Configuration
@Conditional(ExternalIssuer.Absent.class)
public class EmbeddedAuthorizationServer {

    /** Client settings keys of the HuRen claims of a machine client. */
    static final String ROLES_SETTING = "huren.roles";
    static final String LAB_SETTING = "huren.lab";
    static final String ALLIANCES_SETTING = "huren.alliances";
    /** The public client people sign in through (the web console, command-line tools, tests). */
    public static final String CONSOLE_CLIENT = "huren-console";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, configurer -> configurer.oidc(Customizer.withDefaults())
                        // a machine client may ask for scopes narrower than those it is registered for
                        .tokenEndpoint(token -> token
                                .accessTokenRequestConverters(converters -> converters.replaceAll(converter ->
                                        converter instanceof OAuth2ClientCredentialsAuthenticationConverter
                                                ? SmartScopeGrants.clientCredentials() : converter))
                                .authenticationProviders(providers -> providers.forEach(provider -> {
                                    if (provider instanceof OAuth2ClientCredentialsAuthenticationProvider credentials) {
                                        credentials.setAuthenticationValidator(SmartScopeGrants.validator());
                                    }
                                }))))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                .cors(Customizer.withDefaults())
                // people asking to sign in are sent to the login form
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
        http.securityMatcher("/login", "/logout", "/default-ui.css")
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .formLogin(Customizer.withDefaults())
                .logout(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    HurenUsers hurenUsers(JdbcTemplate jdbc, PasswordEncoder passwords) {
        return new HurenUsers(jdbc, passwords);
    }

    @Bean
    RegisteredClientRepository registeredClients(JdbcTemplate jdbc) {
        return new JdbcRegisteredClientRepository(jdbc);
    }

    @Bean
    OAuth2AuthorizationService authorizations(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    @Bean
    JWKSource<SecurityContext> signingKey(JdbcTemplate jdbc) {
        return SigningKeys.load(jdbc);
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> signingKey) {
        return new VerifiedTokens(OAuth2AuthorizationServerConfiguration.jwtDecoder(signingKey));
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build(); // the issuer is the URL the server is reached at
    }

    /** The HuRen claims of the client (client credentials) or of the signed-in user, on every access token. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> hurenClaims(HurenUsers users) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            RegisteredClient client = context.getRegisteredClient();
            context.getClaims().claim("client_id", client.getClientId());
            if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                ClientSettings settings = client.getClientSettings();
                context.getClaims().claim(HurenClaims.ROLES, split(settings.getSetting(ROLES_SETTING)));
                String lab = settings.getSetting(LAB_SETTING);
                if (lab != null && !lab.isBlank()) {
                    context.getClaims().claim(HurenClaims.LAB, lab);
                }
                context.getClaims().claim(HurenClaims.ALLIANCES, split(settings.getSetting(ALLIANCES_SETTING)));
            } else {
                users.find(context.getPrincipal().getName()).ifPresent(user -> {
                    context.getClaims().claim(HurenClaims.ROLES, user.roles());
                    if (user.lab() != null) {
                        context.getClaims().claim(HurenClaims.LAB, user.lab());
                    }
                    context.getClaims().claim(HurenClaims.ALLIANCES, user.alliances());
                });
            }
        };
    }

    /** A machine client (client credentials, secret) whose tokens carry these claims. */
    static RegisteredClient machineClient(String clientId, String encodedSecret, List<String> roles, String lab,
                                          List<String> alliances, Set<String> scopes, SecurityProperties security) {
        return RegisteredClient.withId(UUID.randomUUID().toString()).clientId(clientId).clientName(clientId)
                .clientSecret(encodedSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(all -> all.addAll(scopes))
                .clientSettings(ClientSettings.builder()
                        .setting(ROLES_SETTING, String.join(" ", roles))
                        .setting(LAB_SETTING, lab == null ? "" : lab)
                        .setting(ALLIANCES_SETTING, String.join(" ", alliances)).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(security.tokenTimeToLive()).build())
                .build();
    }

    /** The public client people sign in through: authorization code with PKCE, no consent screen. */
    static RegisteredClient consoleClient(List<String> redirectUris, SecurityProperties security) {
        return RegisteredClient.withId(UUID.randomUUID().toString()).clientId(CONSOLE_CLIENT)
                .clientName("HuRen console")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(redirectUris))
                .scopes(scopes -> scopes.addAll(SmartScopes.USER))
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(security.tokenTimeToLive()).build())
                .build();
    }

    private static List<String> split(String names) {
        return names == null || names.isBlank() ? List.of() : Arrays.asList(names.trim().split("\\s+"));
    }
}
