package org.huren.api.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** MVC wiring of {@code /api}. */
@Configuration
public class WebConfig implements WebMvcConfigurer {

    private final ReadAfterWrite readAfterWrite;

    public WebConfig(ReadAfterWrite readAfterWrite) {
        this.readAfterWrite = readAfterWrite;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(readAfterWrite).addPathPatterns("/api/**");
    }
}
