package org.huren.domain.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Words Chinese labs and health commissions write in what they send — column headers, item-name synonyms, unit
 * spellings — read once from a UTF-8 {@code .properties} file beside the class that uses them. They are input data,
 * not messages, so they live in a file a QC specialist can read and extend, and no Java code writes Chinese in a
 * string literal (Chinese reaches clients from the message bundles only). Each file documents its vocabulary in
 * its header comment; a value is one word or a comma-separated list of words.
 */
public final class Vocabulary {

    private final String resource;
    private final Properties words;

    private Vocabulary(String resource, Properties words) {
        this.resource = resource;
        this.words = words;
    }

    /** The vocabulary in {@code name}, a resource in the package of {@code owner}; a missing file is a bug. */
    public static Vocabulary of(Class<?> owner, String name) {
        Properties words = new Properties();
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no vocabulary " + name + " beside " + owner.getName());
            }
            words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Vocabulary(owner.getPackageName().replace('.', '/') + "/" + name, words);
    }

    /** The words listed under {@code key}, in the file's order; a key the file lacks is a bug, not an empty list. */
    public List<String> words(String key) {
        String value = words.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(resource + " has no " + key);
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(w -> !w.isEmpty()).toList();
    }

    /** Every word of the file with what it stands for: a vocabulary mapping words to codes. */
    public Map<String, String> entries() {
        return words.stringPropertyNames().stream()
                .collect(Collectors.toUnmodifiableMap(word -> word, words::getProperty));
    }

    /** Every word listed under any key: a vocabulary of synonyms grouped by what they name. */
    public List<String> allWords() {
        return words.stringPropertyNames().stream().sorted().flatMap(key -> words(key).stream()).toList();
    }
}
