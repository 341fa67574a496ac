package org.huren.api.console;

import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;

/**
 * The console as a client of the embedded authorization server: public client {@value #REGISTRATION} (no secret;
 * Spring Security adds PKCE to a public client's authorization request), scopes {@code openid profile}. The browser
 * is sent to the authorization endpoint on the host it reached the console at; the console itself trades the code
 * for tokens and reads the signing keys over the loopback interface ({@code huren.console.issuer-internal-url},
 * default {@code http://127.0.0.1:<port>}). Made at the first sign-in, once the server's port is known.
 */
final class ConsoleClientRegistration implements ClientRegistrationRepository {

    static final String REGISTRATION = "huren-console";

    private final Environment environment;
    private final ConsoleProperties console;
    private volatile ClientRegistration registration;

    ConsoleClientRegistration(Environment environment, ConsoleProperties console) {
        this.environment = environment;
        this.console = console;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!REGISTRATION.equals(registrationId)) {
            return null;
        }
        ClientRegistration made = registration;
        if (made == null) {
            String internal = console.issuerInternalUrl() != null ? console.issuerInternalUrl()
                    : "http://127.0.0.1:" + environment.getRequiredProperty("local.server.port");
            made = ClientRegistration.withRegistrationId(REGISTRATION).clientId(REGISTRATION)
                    .clientName("HuRen console")
                    .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .scope("openid", "profile")
                    // relative: the browser follows it on the host it is using
                    .authorizationUri("/oauth2/authorize")
                    .tokenUri(internal + "/oauth2/token")
                    .jwkSetUri(internal + "/oauth2/jwks")
                    .userNameAttributeName(IdTokenClaimNames.SUB)
                    .build();
            registration = made;
        }
        return made;
    }
}
