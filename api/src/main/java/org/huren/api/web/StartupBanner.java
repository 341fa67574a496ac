package org.huren.api.web;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Tells a newcomer where to point their FHIR client and their browser. */
@Component
public class StartupBanner implements ApplicationListener<WebServerInitializedEvent> {

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        int port = event.getWebServer().getPort();
        System.out.println();
        System.out.println("  HuRen (互认) is running.");
        System.out.println("  FHIR base URL:  http://localhost:" + port + "/fhir");
        System.out.println("  Metadata:       http://localhost:" + port + "/fhir/metadata");
        System.out.println("  Health:         http://localhost:" + port + "/actuator/health");
        System.out.println("  Web console:    http://127.0.0.1:" + port + "/console");
        System.out.println();
    }
}
