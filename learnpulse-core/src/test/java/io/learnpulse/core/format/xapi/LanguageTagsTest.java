package io.learnpulse.core.format.xapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 5646 syntax: subtag kinds and lengths, case-insensitive. */
class LanguageTagsTest {

    @ParameterizedTest
    @ValueSource(strings = {"en", "en-US", "en-GB", "tlh", "zh-Hant-TW", "de-CH-1901", "sl-rozaj-biske",
        "zh-yue-HK", "es-419", "sr-Latn-RS", "en-a-bbb-x-a-ccc", "x-whatever", "i-klingon", "EN-us", "english"})
    void valid(String tag) {
        assertThat(LanguageTags.isValid(tag)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "e", "en_US", "en-", "-en", "en--US", "en-US-", "123", "en-toolongsubtag",
        "x", "en-a", "en-a-x-y", "de-419-DE-1", "é"})
    void invalid(String tag) {
        assertThat(LanguageTags.isValid(tag)).isFalse();
    }
}
