package org.huren.api.web;

import org.huren.fhir.read.ReadModel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The read models an {@code /api} endpoint reads: a request carrying {@code X-HuRen-Await-Position} waits for
 * these only ({@code @ReadsFrom({})}: none). An endpoint without it waits for every read model. On a write, the
 * read models it checks before writing.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ReadsFrom {

    ReadModel[] value();
}
