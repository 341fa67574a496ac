package org.huren.domain.common;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import java.util.Objects;

/**
 * Matches a {@link DomainRuleViolation} of exactly the given class (so a plain violation is not taken
 * for a {@link ConflictingStateException}, or vice versa) with the given rule code and field, for use
 * with the fixture's {@code expectException(Matcher)}.
 */
public final class DomainRuleViolationMatcher extends TypeSafeDiagnosingMatcher<DomainRuleViolation> {

    private final Class<? extends DomainRuleViolation> type;
    private final String rule;
    private final String field;

    private DomainRuleViolationMatcher(Class<? extends DomainRuleViolation> type, String rule, String field) {
        super(DomainRuleViolation.class);
        this.type = type;
        this.rule = rule;
        this.field = field;
    }

    /** A plain business-rule violation (HTTP 422), not a conflict. */
    public static Matcher<DomainRuleViolation> ruleViolation(String rule, String field) {
        return new DomainRuleViolationMatcher(DomainRuleViolation.class, rule, field);
    }

    /** A conflict with the aggregate's current state (HTTP 409). */
    public static Matcher<DomainRuleViolation> conflict(String rule, String field) {
        return new DomainRuleViolationMatcher(ConflictingStateException.class, rule, field);
    }

    /** A revision made against a version that is not the current one (HTTP 412). */
    public static Matcher<DomainRuleViolation> staleVersion() {
        return new DomainRuleViolationMatcher(StaleVersionException.class, "version-conflict", null);
    }

    @Override
    protected boolean matchesSafely(DomainRuleViolation actual, Description mismatch) {
        boolean matches = true;
        if (actual.getClass() != type) {
            mismatch.appendText("was a ").appendText(actual.getClass().getSimpleName()).appendText(" ");
            matches = false;
        }
        if (!Objects.equals(actual.rule(), rule)) {
            mismatch.appendText("with rule ").appendValue(actual.rule()).appendText(" ");
            matches = false;
        }
        if (!Objects.equals(actual.field(), field)) {
            mismatch.appendText("with field ").appendValue(actual.field()).appendText(" ");
            matches = false;
        }
        if (!matches) {
            mismatch.appendText("(message: ").appendValue(actual.getMessage()).appendText(")");
        }
        return matches;
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a ").appendText(type.getSimpleName())
                .appendText(" with rule ").appendValue(rule)
                .appendText(" and field ").appendValue(field);
    }
}
