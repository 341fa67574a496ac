package org.huren.api.cdshooks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class CardLanguageTest {

    @ParameterizedTest(name = "Accept-Language \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''|zh",
            "zh-CN|zh",
            "en|en",
            "en-US,en;q=0.9,zh;q=0.5|en",
            "zh-CN,zh;q=0.9,en;q=0.8|zh",
            "fr-FR,de;q=0.8|zh",
            "fr,en;q=0.5|en",
            "*|zh",
            "not a language range!|zh"})
    void chineseUnlessTheClientPrefersEnglish(String accepted, String expected) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        if (!accepted.isEmpty()) {
            request.addHeader("Accept-Language", accepted);
        }
        assertThat(CardLanguage.of(request)).isEqualTo(Locale.forLanguageTag(expected));
    }
}
