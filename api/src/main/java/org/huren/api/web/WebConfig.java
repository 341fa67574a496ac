package org.huren.api.web;

import org.huren.api.security.ApiAccess;
import org.huren.api.security.CallerArguments;
import org.huren.api.web.csv.CsvMessageConverter;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/** MVC wiring of {@code /api}. */
@Configuration
public class WebConfig implements WebMvcConfigurer {

    private final ReadAfterWrite readAfterWrite;
    private final ApiAccess access;

    public WebConfig(ReadAfterWrite readAfterWrite, ApiAccess access) {
        this.readAfterWrite = readAfterWrite;
        this.access = access;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(access).addPathPatterns("/api/**");
        registry.addInterceptor(readAfterWrite).addPathPatterns("/api/**", "/cds-services/**");
    }

    /** {@code text/csv} for the QC tables marked {@code @CsvExport}. */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(new CsvMessageConverter());
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArguments());
    }
}
