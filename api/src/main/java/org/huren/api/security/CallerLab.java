package org.huren.api.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a controller parameter: the member lab the caller's token acts for (claim {@value HurenClaims#LAB}), or null.
 * No header names a lab (ADR 0012).
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface CallerLab {
}
