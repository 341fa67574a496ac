package org.huren.api.language;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.util.List;

/**
 * Words every problem+json answer of Spring MVC ({@code /api}, handlers and {@code ApiProblems} alike) in the
 * client's language just before it is written: the {@code detail} from the problem's {@code rule}, with the values
 * the handler left in the request attribute {@link #ARGUMENTS} (a broken domain rule's arguments). The locale is
 * Spring's, from the application's {@code LocaleResolver} (for {@code /api}: {@link ClientLanguage}).
 */
@ControllerAdvice
public class ProblemLanguageAdvice implements ResponseBodyAdvice<Object> {

    /** The request attribute holding the values of the problem being answered (a {@code List}). */
    public static final String ARGUMENTS = ProblemLanguageAdvice.class.getName() + ".arguments";

    private final MessageTexts texts;

    public ProblemLanguageAdvice(MessageTexts texts) {
        this.texts = texts;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && problem.getProperties() != null
                && problem.getProperties().get("rule") instanceof String rule) {
            List<?> arguments = request instanceof ServletServerHttpRequest servlet
                    && servlet.getServletRequest().getAttribute(ARGUMENTS) instanceof List<?> values ? values
                    : List.of();
            problem.setDetail(texts.problem(LocaleContextHolder.getLocale(), rule, arguments, problem.getDetail()));
        }
        return body;
    }
}
