package org.huren.domain.common;

/**
 * A command broke a business rule. {@code field} names the offending element in the terms of the
 * incoming document (a FHIRPath such as {@code Observation.status}), so adapters can point at it.
 */
public class DomainRuleViolation extends RuntimeException {

    private final String rule;
    private final String field;

    public DomainRuleViolation(String rule, String field, String message) {
        super(message);
        this.rule = rule;
        this.field = field;
    }

    /** A stable code for the rule, used in metrics and error payloads. */
    public String rule() {
        return rule;
    }

    public String field() {
        return field;
    }
}
