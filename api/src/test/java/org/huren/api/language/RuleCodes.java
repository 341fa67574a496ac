package org.huren.api.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every rule code the code can answer with, found where errors are raised: the rule argument of
 * {@code Problem.of(status, rule)}, {@code new DomainRuleViolation(rule, …)} (and its subclasses' {@code super}),
 * the filters' {@code write(request, response, status, rule, …)}, {@code json(status, rule, …)},
 * {@code problem(status, rule, …)}, {@code new Refusal(…)}, {@code RULE = …} and {@code setProperty("rule", …)}.
 * A rule written as a literal prefix ({@code "invalid-" + field}) is its family ({@code invalid-}); one passed on
 * from elsewhere ({@code e.rule()}) was found where it was raised. The statuses Spring MVC and the error page name
 * ({@code not-found}, {@code payload-too-large}) come from {@link org.springframework.http.HttpStatus}.
 */
final class RuleCodes {

    /** A call and the index of its rule argument (-1: the first literal among its first two arguments). */
    private record Call(Pattern start, int ruleArgument) {
    }

    private static final List<Call> CALLS = List.of(
            new Call(Pattern.compile("Problem\\.of\\("), 1),
            new Call(Pattern.compile("new (DomainRuleViolation|ConflictingStateException)\\("), 0),
            new Call(Pattern.compile("\\bsuper\\("), 0),
            new Call(Pattern.compile("new Refusal\\("), -1),
            new Call(Pattern.compile("\\bwrite\\("), 3),
            new Call(Pattern.compile("\\bjson\\("), 1),
            new Call(Pattern.compile("\\bproblem\\("), 1));
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*-?");
    private static final Pattern CONSTANT = Pattern.compile(
            "(?:RULE\\s*=\\s*|setProperty\\(\"rule\",\\s*)\"([a-z][a-z0-9-]*)\"");

    private RuleCodes() {
    }

    static Set<String> inSources(List<JavaSources.Source> sources) {
        Set<String> codes = new TreeSet<>();
        for (JavaSources.Source source : sources) {
            String code = source.code();
            for (Call call : CALLS) {
                Matcher start = call.start().matcher(code);
                while (start.find()) {
                    List<String> arguments = arguments(code, start.end());
                    List<String> candidates = call.ruleArgument() < 0
                            ? arguments.subList(0, Math.min(2, arguments.size()))
                            : arguments.size() > call.ruleArgument()
                            ? List.of(arguments.get(call.ruleArgument())) : List.of();
                    for (String argument : candidates) {
                        Matcher literal = LITERAL.matcher(argument);
                        while (literal.find()) {
                            String value = literal.group(1);
                            // a rule among other literals (a Refusal's detail) is hyphenated; one in its own
                            // argument may be a single word (late, forbidden)
                            if (CODE.matcher(value).matches() && (value.contains("-") || call.ruleArgument() >= 0)
                                    && !(call.start().pattern().contains("super") && !value.contains("-"))) {
                                codes.add(value);
                            }
                        }
                    }
                }
            }
            Matcher constant = CONSTANT.matcher(code);
            while (constant.find()) {
                codes.add(constant.group(1));
            }
        }
        return codes;
    }

    /** The rules Spring MVC and the error page derive from an HTTP status (ApiProblems, ProblemErrorController). */
    static Set<String> ofHttpStatuses() {
        Set<String> codes = new TreeSet<>();
        for (int status = 400; status < 600; status++) {
            org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(status);
            if (known != null) {
                codes.add(known.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
        }
        return codes;
    }

    /** The top-level arguments of the call whose argument list starts at {@code from}. */
    private static List<String> arguments(String code, int from) {
        List<String> arguments = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                i++;
                while (i < code.length() && code.charAt(i) != c) {
                    i += code.charAt(i) == '\\' ? 2 : 1;
                }
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    arguments.add(code.substring(start, i));
                    return arguments;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                arguments.add(code.substring(start, i));
                start = i + 1;
            }
        }
        return arguments;
    }
}
