package org.huren.api.language;

import org.huren.domain.recognition.Criterion;
import org.huren.domain.recognition.CriterionVerdict;
import org.huren.domain.recognition.query.ResultTag;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/**
 * HuRen's answers in the client's language, from the message bundles ({@code messages_en}, {@code messages_zh_CN};
 * Spring's {@link MessageSource}), keyed by the stable codes the answers already carry:
 * <ul>
 * <li>{@code problem.<rule>} — an error's text, by its rule code ({@code unsupported-parameter}); its arguments are
 * the values the error carries besides the field (the field itself is named by the error's expression or
 * {@code field}). A rule of the {@code invalid-<field>} family without its own text reads
 * {@code problem.invalid-value}, one of {@code http-<status>} {@code problem.http-error};</li>
 * <li>{@code tag.<code>} — a recognition tag's display, with the alliance as argument (the HR mark);</li>
 * <li>{@code criterion.<CODE>.<verdict>} — what a recognition criterion's verdict means.</li>
 * </ul>
 * English errors keep the text written where they are raised (it names the values in place); the bundle's English
 * text words the rule itself ({@code OperationOutcome.issue.details.text}).
 */
@Component
public class MessageTexts {

    /** The fallback text of the {@code invalid-<field>} rules, which name the field in their code. */
    static final String INVALID_FAMILY = "invalid-value";
    /** The fallback text of the {@code http-<status>} rules: statuses HTTP names no reason for. */
    static final String HTTP_FAMILY = "http-error";

    private final MessageSource messages;

    public MessageTexts(MessageSource messages) {
        this.messages = messages;
    }

    /** The bundle key of a rule code. */
    public static String problemKey(String rule) {
        return "problem." + rule;
    }

    public static String tagKey(ResultTag tag) {
        return "tag." + tag.code();
    }

    public static String criterionKey(Criterion criterion, CriterionVerdict verdict) {
        return "criterion." + criterion.name() + "." + verdict.name().toLowerCase(Locale.ROOT);
    }

    /** Whether answers in {@code locale} keep the English text written where an error was raised. */
    public static boolean english(Locale locale) {
        return Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
    }

    /**
     * The text of an error in {@code locale}: in English the one written where it was raised ({@code english},
     * when there is one), else the rule's text from the bundle; {@code english} when the bundle has none.
     */
    public String problem(Locale locale, String rule, List<?> arguments, String english) {
        if (english(locale) && english != null) {
            return english;
        }
        String text = rule(locale, rule, arguments);
        return text != null ? text : english;
    }

    /** The bundle's text of a rule in {@code locale}, or null when it has none. */
    public String rule(Locale locale, String rule, List<?> arguments) {
        if (rule == null) {
            return null;
        }
        Object[] values = arguments == null ? new Object[0] : arguments.toArray();
        String text = messages.getMessage(problemKey(rule), values, null, locale);
        if (text == null && rule.startsWith("invalid-")) {
            text = messages.getMessage(problemKey(INVALID_FAMILY), values, null, locale);
        }
        if (text == null && rule.startsWith("http-")) {
            text = messages.getMessage(problemKey(HTTP_FAMILY), values, null, locale);
        }
        return text;
    }

    /** A tag's display in {@code locale}: what it says about the result, and in which alliance. */
    public String tag(Locale locale, ResultTag tag, String allianceId) {
        return messages.getMessage(tagKey(tag), new Object[]{allianceId}, locale);
    }

    /** The title of an alliance's recognition catalog (互认项目目录) in {@code locale}. */
    public String catalogTitle(Locale locale, String allianceName) {
        return messages.getMessage("catalog.title", new Object[]{allianceName}, locale);
    }

    /** The title of a lab's code map (本院项目代码对照, a ConceptMap) in {@code locale}. */
    public String codeMapTitle(Locale locale, String labCode) {
        return messages.getMessage("codeMap.title", new Object[]{labCode}, locale);
    }

    public String criterion(Locale locale, Criterion criterion, CriterionVerdict verdict) {
        return messages.getMessage(criterionKey(criterion, verdict), new Object[0], locale);
    }
}
