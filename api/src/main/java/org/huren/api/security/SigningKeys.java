package org.huren.api.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.UUID;

/**
 * The embedded authorization server's RSA signing key, kept in {@code huren_signing_key}: made by the first node
 * that starts, used by every node, so a token stays valid across restarts and on any node.
 */
final class SigningKeys {

    private SigningKeys() {
    }

    static JWKSource<SecurityContext> load(JdbcTemplate jdbc) {
        if (!jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM huren_signing_key)", Boolean.class)) {
            KeyPair pair = generate();
            jdbc.update("INSERT INTO huren_signing_key (key_id, public_key, private_key) VALUES (?, ?, ?) "
                            + "ON CONFLICT DO NOTHING", UUID.randomUUID().toString(), pair.getPublic().getEncoded(),
                    pair.getPrivate().getEncoded());
        }
        return jdbc.query("SELECT key_id, public_key, private_key FROM huren_signing_key ORDER BY created_at, key_id "
                + "LIMIT 1", rs -> {
            rs.next();
            try {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                RSAKey key = new RSAKey.Builder((RSAPublicKey) rsa.generatePublic(
                        new X509EncodedKeySpec(rs.getBytes("public_key"))))
                        .privateKey((RSAPrivateKey) rsa.generatePrivate(
                                new PKCS8EncodedKeySpec(rs.getBytes("private_key"))))
                        .keyID(rs.getString("key_id")).build();
                return new ImmutableJWKSet<>(new JWKSet(key));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the stored signing key cannot be read", e);
            }
        });
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
