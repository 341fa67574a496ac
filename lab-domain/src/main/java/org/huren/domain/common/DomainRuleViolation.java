package org.huren.domain.common;

import java.util.List;

/**
 * A command broke a business rule. {@code field} names the offending element in the terms of the
 * incoming document (a FHIRPath such as {@code Observation.status}), so adapters can point at it.
 * The message is the English text; {@code arguments} are the values a translation of the rule's text needs
 * (adapters word the rule in the client's language from its code, README "Languages and identifier systems").
 */
public class DomainRuleViolation extends RuntimeException {

    private final String rule;
    private final String field;
    private final List<Object> arguments;

    public DomainRuleViolation(String rule, String field, String message, Object... arguments) {
        super(message);
        this.rule = rule;
        this.field = field;
        // values may be null (a missing unit, an absent date): List.of would refuse them
        this.arguments = java.util.Collections.unmodifiableList(java.util.Arrays.asList(arguments.clone()));
    }

    /** A stable code for the rule, used in metrics and error payloads. */
    public String rule() {
        return rule;
    }

    public String field() {
        return field;
    }

    /** The values the rule's text names (besides the field), in the order its translations expect them. */
    public List<Object> arguments() {
        return arguments;
    }
}
