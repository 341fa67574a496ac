package org.huren.domain.common;

/** The command is valid in itself but conflicts with what the aggregate already is (HTTP 409). */
public class ConflictingStateException extends DomainRuleViolation {

    public ConflictingStateException(String rule, String field, String message, Object... arguments) {
        super(rule, field, message, arguments);
    }
}
