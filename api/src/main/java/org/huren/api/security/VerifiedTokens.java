package org.huren.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Duration;
import java.time.Instant;

/**
 * Bearer tokens verified once and then known until they expire: an LIS or a clinician's client sends the same
 * token with every request for its whole life, and decoding it each time (Base64 in constant time, an RSA signature
 * check, JSON, the validators) was the largest part of a {@code $reusable} call the server controls (issue 15, ADR
 * 0021). A token is kept only after the decoder accepted it, and only until its {@code exp}: a token the decoder
 * refuses is refused every time, and an expired one is decoded (and refused) again.
 */
final class VerifiedTokens implements JwtDecoder {

    private static final int MAX_TOKENS = 10_000;

    private final JwtDecoder decoder;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder().maximumSize(MAX_TOKENS)
            .expireAfter(new Expiry<String, Jwt>() {
                @Override
                public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
                    return untilExpiry(jwt);
                }

                @Override
                public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
                    return untilExpiry(jwt);
                }

                @Override
                public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
                    return currentDuration;
                }
            }).build();

    VerifiedTokens(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null && known.getExpiresAt() != null && known.getExpiresAt().isAfter(Instant.now())) {
            return known;
        }
        Jwt jwt = decoder.decode(token);
        if (jwt.getExpiresAt() != null) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    private static long untilExpiry(Jwt jwt) {
        return Math.max(0, Duration.between(Instant.now(), jwt.getExpiresAt()).toNanos());
    }
}
