package org.huren.api.language;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The main Java sources of the modules that answer clients, read as code: comments dropped, string literals (text
 * blocks included) kept with whether they stand inside an annotation's arguments (documentation such as OpenAPI
 * examples) — enough to find rule codes at their call sites and Chinese text in literals, not a Java parser.
 */
final class JavaSources {

    /** The modules whose texts reach clients; {@code ops} is a client of HuRen and writes test data. */
    static final List<String> MODULES = List.of("lab-domain", "qc-projections", "fhir-adapter", "api");

    record Literal(Path file, String value, boolean inAnnotation) {
    }

    record Source(Path file, String code, List<Literal> literals) {
    }

    private JavaSources() {
    }

    static List<Source> read() {
        // Maven runs the tests of api in api/: the sibling modules are one level up
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Source> sources = new ArrayList<>();
        for (String module : MODULES) {
            Path main = root.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(main)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    sources.add(parse(file, Files.readString(file)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    /** The code without comments (literals kept in place), and the literals. */
    static Source parse(Path file, String text) {
        StringBuilder code = new StringBuilder(text.length());
        List<Literal> literals = new ArrayList<>();
        // paren depth at which each open annotation's argument list started
        List<Integer> annotations = new ArrayList<>();
        int depth = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                literals.add(new Literal(file, text.substring(i + 3, end), !annotations.isEmpty()));
                code.append(text, i, end + 3);
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (text.charAt(end) != c) {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                if (c == '"') {
                    literals.add(new Literal(file, text.substring(i + 1, end), !annotations.isEmpty()));
                }
                code.append(text, i, end + 1);
                i = end + 1;
            } else {
                if (c == '@' && i + 1 < text.length() && Character.isJavaIdentifierStart(text.charAt(i + 1))) {
                    int end = i + 1;
                    while (end < text.length() && (Character.isJavaIdentifierPart(text.charAt(end))
                            || text.charAt(end) == '.')) {
                        end++;
                    }
                    if (end < text.length() && text.charAt(end) == '(') {
                        annotations.add(depth);
                    }
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                    if (!annotations.isEmpty() && annotations.get(annotations.size() - 1) == depth) {
                        annotations.remove(annotations.size() - 1);
                    }
                }
                code.append(c);
                i++;
            }
        }
        return new Source(file, code.toString(), literals);
    }
}
