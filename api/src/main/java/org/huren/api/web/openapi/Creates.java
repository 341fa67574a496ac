package org.huren.api.web.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An idempotent create: 201 (with {@code Location} when {@link #location} names it) the first time, 200 with the
 * same body for the same request again. The OpenAPI document says so ({@link ApiDocumentation}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Creates {

    /** What the 201 answer means. */
    String value();

    /** The readable resource the {@code Location} header names (a path template), or none. */
    String location() default "";

    /** What the 200 answer means; empty: a repeat is refused (409), there is no 200. */
    String repeat() default "The same request again: nothing new is created; the same answer";
}
