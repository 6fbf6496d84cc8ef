package io.brook.protocol.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorsParserTest {
    private static final Path FILE = Path.of("errors.schema");
    static final String MINIMAL = """
            # code NAME retriable|fatal ExceptionClassName "default message"
            35 UNSUPPORTED_VERSION fatal UnsupportedVersionException "The version is not supported."
            -1 UNKNOWN_SERVER_ERROR fatal UnknownServerException "Unexpected \\"server\\" error."
            0 NONE fatal - ""
            3 UNKNOWN_TOPIC_OR_PARTITION retriable UnknownTopicOrPartitionException "No such topic."
            """;

    @Test
    void parsesAndSortsByCode() {
        List<ErrorSpec> errors = ErrorsParser.parse(FILE, MINIMAL);
        assertThat(errors).extracting(ErrorSpec::code).containsExactly((short) -1, (short) 0, (short) 3, (short) 35);
        assertThat(errors.get(0).message()).isEqualTo("Unexpected \"server\" error.");
        assertThat(errors.get(1).exceptionClass()).isNull();
        assertThat(errors.get(2).retriable()).isTrue();
    }

    @Test
    void reportsBadLines() {
        assertError(MINIMAL + "3 OTHER fatal OtherException \"x\"\n", ":6:", "code 3 is already used at line 5");
        assertError(MINIMAL + "4 OTHER sometimes OtherException \"x\"\n", ":6:", "expected retriable or fatal");
        assertError(MINIMAL + "4 OTHER fatal UnknownServerException \"x\"\n", ":6:", "already used at line 3");
        assertError(MINIMAL + "4 OTHER fatal - \"x\"\n", ":6:", "only NONE (0)");
        assertError(MINIMAL + "4 OTHER fatal OtherException unquoted\n", ":6:", "expected '<code> <NAME>");
        assertError(MINIMAL + "4 OTHER fatal ApiException \"x\"\n", ":6:", "hand-written base class");
        assertError("0 NONE fatal - \"\"\n", "", "must define UNKNOWN_SERVER_ERROR");
    }

    private static void assertError(String text, String line, String message) {
        assertThatThrownBy(() -> ErrorsParser.parse(FILE, text))
                .isInstanceOf(SchemaException.class)
                .hasMessageStartingWith("errors.schema" + line)
                .hasMessageContaining(message);
    }
}
