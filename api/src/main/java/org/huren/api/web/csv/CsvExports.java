package org.huren.api.web.csv;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a {@link CsvExport} handler's answer is to be written as CSV: the rows it holds become a {@link CsvTable},
 * offered as a download ({@code Content-Disposition: attachment; filename=…}); {@code ?bom=true} puts a UTF-8 byte
 * order mark first, which Excel needs to read Chinese text.
 */
@ControllerAdvice
public class CsvExports implements ResponseBodyAdvice<Object> {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return CsvMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        CsvExport export = returnType.getMethodAnnotation(CsvExport.class);
        if (export == null || body instanceof CsvTable) {
            return body;
        }
        HttpServletRequest servlet = ((ServletServerHttpRequest) request).getServletRequest();
        ResolvableType answer = ResolvableType.forMethodReturnType(returnType.getMethod());
        List<?> rows;
        Class<?> rowType;
        if (export.rows().isEmpty()) {
            rows = List.copyOf((Collection<?>) body);
            rowType = answer.asCollection().getGeneric(0).resolve(Object.class);
        } else {
            RecordComponent component = Arrays.stream(answer.resolve(Object.class).getRecordComponents())
                    .filter(c -> c.getName().equals(export.rows())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no component " + export.rows() + " in " + answer));
            try {
                Collection<?> held = (Collection<?>) component.getAccessor().invoke(body);
                rows = held == null ? List.of() : List.copyOf(held);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component, e);
            }
            rowType = ResolvableType.forType(component.getGenericType()).asCollection().getGeneric(0)
                    .resolve(Object.class);
        }
        String filename = filename(export.value(), servlet) + ".csv";
        response.getHeaders().setContentDisposition(ContentDisposition.attachment().filename(filename).build());
        return new CsvTable(filename, rowType, rows, Boolean.parseBoolean(servlet.getParameter("bom")));
    }

    /** The template with its placeholders filled from the path variables and query parameters, kept file-safe. */
    @SuppressWarnings("unchecked")
    static String filename(String template, HttpServletRequest request) {
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder name = new StringBuilder();
        while (placeholder.find()) {
            String value = variables != null && variables.containsKey(placeholder.group(1))
                    ? variables.get(placeholder.group(1)) : request.getParameter(placeholder.group(1));
            placeholder.appendReplacement(name, Matcher.quoteReplacement(value == null ? "all" : value));
        }
        placeholder.appendTail(name);
        return name.toString().replaceAll("[^A-Za-z0-9._-]+", "_");
    }
}
