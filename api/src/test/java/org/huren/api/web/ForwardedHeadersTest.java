package org.huren.api.web;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Forwarded headers count only when a trusted proxy sent them; anyone else's are removed. */
class ForwardedHeadersTest {

    @Test
    void aTrustedProxysHeadersGiveThePublicAddress() throws Exception {
        HttpServletRequest seen = through(new ForwardedHeaders(List.of("127.0.0.0/8", "::1")), "127.0.0.1");
        assertThat(seen.getRequestURL().toString()).isEqualTo("https://huren.example.org/lab/fhir/Observation");
        assertThat(seen.getContextPath()).isEqualTo("/lab");
        assertThat(seen.getRemoteAddr()).isEqualTo("203.0.113.7");
    }

    @Test
    void anUntrustedSendersHeadersAreRemoved() throws Exception {
        HttpServletRequest seen = through(new ForwardedHeaders(List.of("127.0.0.0/8", "::1")), "10.1.2.3");
        assertThat(seen.getRequestURL().toString()).isEqualTo("http://localhost/fhir/Observation");
        assertThat(seen.getHeader("X-Forwarded-Host")).isNull();
        assertThat(seen.getRemoteAddr()).isEqualTo("10.1.2.3");
    }

    @Test
    void proxiesAreNamedByAddressOrRange() {
        ForwardedHeaders headers = new ForwardedHeaders(List.of("10.0.0.0/8", " 192.168.1.5", "", "::1"));
        assertThat(headers.trusts("10.1.2.3")).isTrue();
        assertThat(headers.trusts("192.168.1.5")).isTrue();
        assertThat(headers.trusts("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(headers.trusts("192.168.1.6")).isFalse();
        assertThat(new ForwardedHeaders(List.of()).trusts("127.0.0.1")).as("none trusted").isFalse();
    }

    private static HttpServletRequest through(ForwardedHeaders filter, String peer) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/Observation");
        request.setRemoteAddr(peer);
        request.addHeader("X-Forwarded-Proto", "https");
        request.addHeader("X-Forwarded-Host", "huren.example.org");
        request.addHeader("X-Forwarded-Port", "443");
        request.addHeader("X-Forwarded-Prefix", "/lab");
        request.addHeader("X-Forwarded-For", "203.0.113.7");
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        return (HttpServletRequest) chain.getRequest();
    }
}
