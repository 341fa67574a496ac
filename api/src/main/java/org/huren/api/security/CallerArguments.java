package org.huren.api.security;

import jakarta.servlet.http.HttpServletRequest;
import org.huren.fhir.server.Caller;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@link Caller} and {@link CallerLab} controller parameters from the request's verified token. */
public class CallerArguments implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class || parameter.hasParameterAnnotation(CallerLab.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                  NativeWebRequest request, WebDataBinderFactory binders) {
        Caller caller = Caller.of(request.getNativeRequest(HttpServletRequest.class));
        if (parameter.getParameterType() == Caller.class) {
            return caller;
        }
        return caller == null ? null : caller.lab();
    }
}
