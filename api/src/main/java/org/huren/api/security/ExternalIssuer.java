package org.huren.api.security;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Whether an external token issuer is configured: without one HuRen runs its own authorization server, with one
 * it accepts that issuer's tokens ({@link ExternalIssuerTokens}).
 */
public class ExternalIssuer {

    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";

    private ExternalIssuer() {
    }

    /** No {@value #ISSUER_URI} and no {@value #JWK_SET_URI}. */
    public static class Absent implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty(ISSUER_URI))
                    && !StringUtils.hasText(context.getEnvironment().getProperty(JWK_SET_URI));
        }
    }

    /** {@value #ISSUER_URI} or {@value #JWK_SET_URI}. */
    public static class Present extends Absent {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !super.matches(context, metadata);
        }
    }
}
