package org.huren.fhir.server;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART App Launch scope on resources, in v2 syntax ({@code system/Observation.cruds}, {@code user/*.rs}) or the
 * v1 syntax it replaces ({@code .read}, {@code .write}, {@code .*}). A scope narrowed by search parameters
 * ({@code user/Observation.rs?category=laboratory}) grants nothing here: HuRen does not narrow searches by them, and a
 * scope must never grant more than it says.
 *
 * @param context      {@code system}, {@code user} or {@code patient}
 * @param resourceType a resource type, or {@code *}
 * @param permissions  the v2 permission letters it grants, in {@code cruds} order
 */
public record SmartScope(String context, String resourceType, String permissions) {

    private static final Pattern SYNTAX =
            Pattern.compile("(system|user|patient)/([A-Za-z]+|\\*)\\.(read|write|\\*|c?r?u?d?s?)");

    /** The scope a token names, if it is a SMART resource scope HuRen honours. */
    public static Optional<SmartScope> parse(String scope) {
        Matcher matcher = SYNTAX.matcher(scope);
        if (!matcher.matches() || matcher.group(3).isEmpty()) {
            return Optional.empty();
        }
        String permissions = switch (matcher.group(3)) {
            case "read" -> "rs";
            case "write" -> "cud";
            case "*" -> "cruds";
            default -> matcher.group(3);
        };
        return Optional.of(new SmartScope(matcher.group(1), matcher.group(2), permissions));
    }

    /** Whether any SMART resource scope among {@code scopes} grants {@code permission} on {@code resourceType}. */
    public static boolean anyGrants(Collection<String> scopes, String resourceType, char permission) {
        return parseAll(scopes).stream().anyMatch(scope -> scope.grants(resourceType, permission));
    }

    /** Whether {@code scopes} hold any SMART resource scope at all. */
    public static boolean anyResourceScope(Collection<String> scopes) {
        return !parseAll(scopes).isEmpty();
    }

    /** The SMART resource scopes among {@code scopes}, parsed (the others left out). */
    public static List<SmartScope> parseAll(Collection<String> scopes) {
        return scopes.stream().map(SmartScope::parse).flatMap(Optional::stream).toList();
    }

    /** Whether this scope grants everything {@code narrower} does (same context; so a client may ask for it). */
    public boolean covers(SmartScope narrower) {
        return context.equals(narrower.context)
                && narrower.permissions.chars().allMatch(p -> grants(narrower.resourceType, (char) p));
    }

    /**
     * Whether this scope grants {@code permission} ({@code c}, {@code r}, {@code u}, {@code d} or {@code s}) on
     * {@code resourceType}. {@code patient/} scopes need a launch context HuRen does not give, so they grant nothing.
     */
    public boolean grants(String resourceType, char permission) {
        return !"patient".equals(context)
                && ("*".equals(this.resourceType) || this.resourceType.equals(resourceType))
                && permissions.indexOf(Character.toLowerCase(permission)) >= 0;
    }

    /** The scope that would grant {@code permission} on {@code resourceType} in {@code context}, for error messages. */
    public static String needed(String context, String resourceType, char permission) {
        return context + "/" + resourceType + "." + String.valueOf(permission).toLowerCase(Locale.ROOT);
    }
}
