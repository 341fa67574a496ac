package org.huren.api.console;

import org.huren.api.support.Browser;
import org.huren.api.support.HurenIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@HurenIntegrationTest
class ConsoleIT {

    @LocalServerPort
    int port;

    @Test
    void smoke() {
        try (Browser browser = Browser.open(port).signIn("qc-demo", "huren-demo")) {
            browser.find("#matrix");
            browser.screenshot("smoke");
            assertThat(browser.url()).contains("/console/alliances/demo");
        }
    }
}
