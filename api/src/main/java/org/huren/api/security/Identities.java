package org.huren.api.security;

import org.springframework.context.annotation.Conditional;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Service;

import java.util.Base64;
import java.util.List;
import java.util.Set;

/** Adds clients and users to the embedded authorization server. */
@Service
@Conditional(ExternalIssuer.Absent.class)
public class Identities {

    private final RegisteredClientRepository clients;
    private final HurenUsers users;
    private final PasswordEncoder passwords;
    private final SecurityProperties security;
    private final StringKeyGenerator secrets = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 32);

    public Identities(RegisteredClientRepository clients, HurenUsers users, PasswordEncoder passwords,
                      SecurityProperties security) {
        this.clients = clients;
        this.users = users;
        this.passwords = passwords;
        this.security = security;
    }

    /**
     * Registers a machine client (client-credentials grant) whose tokens carry these claims.
     *
     * @param secret its secret, or null to make one
     * @return the secret, shown this once; null when the client id is taken
     */
    public String addMachineClient(String clientId, String secret, List<Role> roles, String lab,
                                   List<String> alliances) {
        if (clients.findByClientId(clientId) != null) {
            return null;
        }
        String plain = secret == null ? secrets.generateKey() : secret;
        Set<String> scopes = roles.contains(Role.LIS) ? SmartScopes.LIS : SmartScopes.SYSTEM;
        clients.save(EmbeddedAuthorizationServer.machineClient(clientId, passwords.encode(plain),
                roles.stream().map(Role::name).toList(), lab, alliances, scopes, security));
        return plain;
    }

    /** A machine client as registered: its id and the claims its tokens carry (never its secret). */
    @io.swagger.v3.oas.annotations.media.Schema(name = "AdminClient")
    public record MachineClient(String clientId, List<String> roles, String lab, List<String> alliances) {
    }

    /** The machine client {@code clientId}, if registered. */
    public java.util.Optional<MachineClient> machineClient(String clientId) {
        return java.util.Optional.ofNullable(clients.findByClientId(clientId))
                .filter(client -> client.getAuthorizationGrantTypes()
                        .contains(org.springframework.security.oauth2.core.AuthorizationGrantType.CLIENT_CREDENTIALS))
                .map(client -> {
                    var settings = client.getClientSettings();
                    String lab = settings.getSetting(EmbeddedAuthorizationServer.LAB_SETTING);
                    return new MachineClient(clientId, words(settings.getSetting(
                            EmbeddedAuthorizationServer.ROLES_SETTING)), lab == null || lab.isBlank() ? null : lab,
                            words(settings.getSetting(EmbeddedAuthorizationServer.ALLIANCES_SETTING)));
                });
    }

    /** The user {@code username}, if there is one (never their password). */
    public java.util.Optional<HurenUsers.HurenUser> user(String username) {
        return users.find(username);
    }

    private static List<String> words(String names) {
        return names == null || names.isBlank() ? List.of() : List.of(names.trim().split("\\s+"));
    }

    /**
     * Registers the public client people sign in through, unless it is there; one registered before gets the
     * redirect URIs it lacks (the web console's, added later).
     */
    public void addConsoleClient(List<String> redirectUris) {
        RegisteredClient existing = clients.findByClientId(EmbeddedAuthorizationServer.CONSOLE_CLIENT);
        if (existing == null) {
            clients.save(EmbeddedAuthorizationServer.consoleClient(redirectUris, security));
        } else if (!existing.getRedirectUris().containsAll(redirectUris)) {
            clients.save(RegisteredClient.from(existing).redirectUris(uris -> uris.addAll(redirectUris)).build());
        }
    }

    /** Adds a user; false when the name is taken. */
    public boolean addUser(String username, String password, String displayName, List<Role> roles, String lab,
                           List<String> alliances) {
        return users.create(new HurenUsers.HurenUser(username, displayName, roles.stream().map(Role::name).toList(),
                lab, alliances, true), password);
    }
}
