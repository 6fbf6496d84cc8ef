package io.brook.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.errors.InvalidTopicException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "orders", "Orders.v2", "my_topic-1", "...", "__consumer_offsets", "0"})
    void acceptsLegalNames(String name) {
        assertThatCode(() -> TopicNames.validate(name)).doesNotThrowAnyException();
    }

    @Test
    void acceptsTheLongestLegalName() {
        assertThatCode(() -> TopicNames.validate("x".repeat(249))).doesNotThrowAnyException();
    }

    @Test
    void rejectsTooLongNamesSayingTheLimit() {
        assertThatThrownBy(() -> TopicNames.validate("x".repeat(250)))
                .isInstanceOf(InvalidTopicException.class)
                .hasMessageContaining("250 characters long, the limit is 249");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", ".."})
    void rejectsEmptyAndReservedNames(String name) {
        assertThatThrownBy(() -> TopicNames.validate(name)).isInstanceOf(InvalidTopicException.class)
                .hasMessageStartingWith("Invalid topic name '" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"my topic", "a/b", "a:b", "caf\u00e9", "tab\there", " "})
    void rejectsIllegalCharactersNamingThem(String name) {
        assertThatThrownBy(() -> TopicNames.validate(name)).isInstanceOf(InvalidTopicException.class)
                .hasMessageContaining("is not allowed");
    }

    @Test
    void namesTheOffendingCharacterAndItsIndex() {
        assertThatThrownBy(() -> TopicNames.validate("ab cd")).hasMessage(
                "Invalid topic name 'ab cd': character '\\u0020' at index 2 is not allowed "
                        + "(only ASCII letters, digits, '.', '_' and '-')");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> TopicNames.validate(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TopicNames.validateAll(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TopicNames.validateAll(Arrays.asList("a", null)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void validateAllDropsDuplicatesKeepingOrder() {
        assertThat(TopicNames.validateAll(List.of("b", "a", "b", "c", "a"))).containsExactly("b", "a", "c");
    }
}
