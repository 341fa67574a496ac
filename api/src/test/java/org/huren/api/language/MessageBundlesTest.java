package org.huren.api.language;

import org.huren.domain.recognition.Criterion;
import org.huren.domain.recognition.CriterionVerdict;
import org.huren.domain.recognition.query.ResultTag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error, tag and criterion a client can be answered with has its text in both bundles ({@code messages_en},
 * {@code messages_zh_CN}) — the rule codes found in the sources where errors are raised ({@link RuleCodes}), every
 * {@link ResultTag}, every criterion × verdict — and no Java code writes Chinese in a string literal: Chinese
 * reaches clients from the Chinese bundle only. Comments and Javadoc keep their Chinese terms (STYLE.md asks for
 * them); annotation arguments are documentation (OpenAPI examples of what a Chinese lab sends); the product's name
 * {@code HuRen (互认)} and the checklist's official dimension names ({@code Dimension}, data of the standard, sent
 * as the code's display) are the exceptions.
 */
class MessageBundlesTest {

    private static final Pattern CJK = Pattern.compile("[\\p{IsHan}\\u3000-\\u303f\\uff00-\\uffef]");
    /** Literals allowed to hold Chinese: the product name, and the 11 checklist dimensions' official names. */
    private static final Set<String> ALLOWED = Set.of("HuRen (互认)");
    private static final String DIMENSION_NAMES = "Dimension.java";

    private static List<JavaSources.Source> sources;
    private static Properties english;
    private static Properties chinese;

    @BeforeAll
    static void read() throws IOException {
        sources = JavaSources.read();
        english = bundle("messages_en.properties");
        chinese = bundle("messages_zh_CN.properties");
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    /** The keys every answer of /fhir and /api may need. */
    private static Set<String> requiredKeys() {
        Set<String> keys = new TreeSet<>();
        Set<String> rules = new TreeSet<>(RuleCodes.inSources(sources));
        rules.addAll(RuleCodes.ofHttpStatuses());
        for (String rule : rules) {
            // a family written as a prefix reads its family's text (MessageTexts)
            keys.add(MessageTexts.problemKey(rule.equals("invalid-") ? MessageTexts.INVALID_FAMILY
                    : rule.equals("http-") ? MessageTexts.HTTP_FAMILY : rule));
        }
        keys.add("catalog.title");
        for (ResultTag tag : ResultTag.values()) {
            keys.add(MessageTexts.tagKey(tag));
        }
        for (Criterion criterion : Criterion.values()) {
            for (CriterionVerdict verdict : CriterionVerdict.values()) {
                keys.add(MessageTexts.criterionKey(criterion, verdict));
            }
        }
        return keys;
    }

    @Test
    void theScanFindsTheRulesRaisedInEachModule() {
        Set<String> rules = RuleCodes.inSources(sources);

        assertThat(rules).contains("unsupported-parameter", "invalid-resident-id", "patient-without-identifier",
                "version-conflict", "string-too-long", "read-model-behind", "invalid-token", "unauthenticated",
                "late", "invalid-");
        assertThat(rules).hasSizeGreaterThan(100);
    }

    @Test
    void everyErrorTagAndCriterionHasAnEnglishText() {
        List<String> missing = requiredKeys().stream()
                .filter(key -> english.getProperty(key) == null || english.getProperty(key).isBlank()).toList();

        assertThat(missing).as("keys missing in messages_en.properties").isEmpty();
    }

    @Test
    void everyErrorTagAndCriterionHasAChineseText() {
        List<String> missing = requiredKeys().stream()
                .filter(key -> chinese.getProperty(key) == null || !CJK.matcher(chinese.getProperty(key)).find())
                .toList();

        assertThat(missing).as("keys missing (or not in Chinese) in messages_zh_CN.properties").isEmpty();
    }

    @Test
    void bothBundlesHaveTheSameKeys() {
        assertThat(new TreeSet<>(chinese.stringPropertyNames()))
                .isEqualTo(new TreeSet<>(english.stringPropertyNames()));
    }

    @Test
    void noCodeWritesChineseInAStringLiteral() {
        List<String> found = new ArrayList<>();
        for (JavaSources.Source source : sources) {
            for (JavaSources.Literal literal : source.literals()) {
                String text = literal.value();
                for (String name : ALLOWED) {
                    text = text.replace(name, "");
                }
                boolean documentation = literal.inAnnotation()
                        || literal.file().getFileName().toString().equals(DIMENSION_NAMES);
                if (!documentation && CJK.matcher(text).find()) {
                    found.add(literal.file().getFileName() + ": \"" + literal.value() + "\"");
                }
            }
        }

        assertThat(found).as("Chinese belongs in messages_zh_CN.properties").isEmpty();
    }
}
