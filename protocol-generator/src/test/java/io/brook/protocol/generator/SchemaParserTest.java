package io.brook.protocol.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SchemaParserTest {
    private static final Path FILE = Path.of("Sample.schema");

    private static final String VALID = """
            # A comment line.
            api Sample key=90 versions=1-5 flexible=3+

            request {
              topics: []SampleTopic versions=0+ nullable=0+ {   # nullable clipped to the field's versions
                name: string versions=0+
                ids: []int32 versions=2+ ignorable
              }
              retry: SampleTopic versions=4+
              label: string versions=2+ nullable=3+ default="a # not a comment"
              flag: bool versions=3+ tag=1 default=true ignorable
              count: uint16 versions=1+ default=0xffff
            }

            response {
              struct Shared {
                code: int16 versions=0+
              }
              first: Shared versions=0+
              others: []Shared versions=2+
            }
            """;

    @Test
    void parsesTheModel() {
        ApiSpec api = SchemaParser.parse(FILE, VALID);
        assertThat(api.name()).isEqualTo("Sample");
        assertThat(api.header().key()).isEqualTo((short) 90);
        assertThat(api.header().versions()).isEqualTo(SchemaVersions.parse("1-5"));
        assertThat(api.request().className()).isEqualTo("SampleRequest");
        assertThat(api.request().root().fields()).extracting(FieldSpec::name)
                .containsExactly("topics", "retry", "label", "flag", "count");
        FieldSpec label = api.request().root().fields().get(2);
        assertThat(label.defaultValue()).isEqualTo("a # not a comment");
        assertThat(label.defaultQuoted()).isTrue();
        assertThat(label.line()).isEqualTo(10);
        FieldSpec flag = api.request().root().fields().get(3);
        assertThat(flag.tag()).isEqualTo(1);
        assertThat(flag.ignorable()).isTrue();
        assertThat(api.request().structs()).containsOnlyKeys("SampleTopic");
        assertThat(api.response().structs()).containsOnlyKeys("Shared");
        assertThat(api.response().root().fields().get(1).type()).isEqualTo(FieldType.array(FieldType.struct("Shared")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no api line               | request {                                  | :1: | the first line must be 'api
            unknown type              | x: int33 versions=1+                        | :4: | unknown type 'int33'
            unknown attribute         | x: int32 versions=1+ optional               | :4: | unknown attribute 'optional'
            no versions               | x: int32 nullable=1+                        | :4: | lacks versions=
            nullable int              | x: int32 versions=1+ nullable=1+            | :4: | cannot be nullable
            tag outside flexible      | x: int32 versions=1+ tag=0                  | :4: | must lie inside the flexible versions
            versions outside the api  | x: int32 versions=0                         | :4: | lie outside the API's versions 1-5
            uint16 default too large  | x: uint16 versions=1+ default=70000         | :4: | outside the uint16 range
            null default, no nullable | x: string versions=1+ default=null          | :4: | default=null needs nullable=
            unquoted string default   | x: string versions=1+ default=abc           | :4: | must be quoted
            unknown struct            | x: Missing versions=1+                      | :4: | unknown struct type Missing
            keyword field name        | default: int32 versions=1+                  | :4: | Java keyword
            upper-case field name     | Count: int32 versions=1+                    | :4: | lowerCamelCase
            bad range                 | x: int32 versions=5-2                       | :4: | empty version range
            braces on a scalar        | x: int32 versions=1+ {                      | :4: | only struct or struct-array
            unterminated quote        | x: string versions=1+ default="abc          | :4: | unterminated quoted string
            """)
    void reportsBadFieldsWithFileAndLine(String what, String fieldLine, String line, String message) {
        String text = what.equals("no api line") ? fieldLine + "\n}\n"
                : "api Sample key=90 versions=1-5 flexible=3+\n\nrequest {\n  " + fieldLine + "\n}\nresponse {\n}\n";
        assertThatThrownBy(() -> SchemaParser.parse(FILE, text))
                .isInstanceOf(SchemaException.class)
                .hasMessageStartingWith("Sample.schema" + line)
                .hasMessageContaining(message);
    }

    @Test
    void reportsStructuralErrors() {
        assertError("api Sample key=90 versions=1-5 flexible=3+\nrequest {\n  a: int32 versions=1+\n  a: int32 versions=2+\n}\n"
                + "response {\n}\n", ":4:", "already defined at line 3");
        assertError("api Sample key=90 versions=1-5 flexible=3+\nrequest {\n  a: int32 versions=3+ tag=0\n"
                + "  b: int32 versions=3+ tag=0\n}\nresponse {\n}\n", ":4:", "tag 0 is already used at line 3");
        assertError("api Sample key=90 versions=1-5 flexible=3+\nrequest {\n  a: int32 versions=1+\n", ":2:", "never closed");
        assertError("api Sample key=90 versions=1-5 flexible=3+\nrequest {\n}\n", "", "missing 'response' block");
        assertError("api Sample key=90 versions=1+ flexible=3+\n", ":1:", "bounded range");
        assertError("api Sample versions=1-5 flexible=3+\n", ":1:", "lacks key=");
        assertError("api Sample key=90 versions=1-5 flexible=3+\nrequest {\n  struct S {\n    a: int32 versions=1+\n  }\n}\n"
                + "response {\n}\n", ":3:", "struct S is defined but never used");
        assertError("api Sample key=90 versions=1-5 flexible=3+\nrequest {\n  a: []S versions=1+ {\n  }\n"
                + "  b: []S versions=1+ {\n  }\n}\nresponse {\n}\n", ":5:", "already defined at line 3");
        assertError("api Sample key=90 versions=1-5 flexible=3+\nrequest {\n  r: records versions=1+\n}\n"
                + "response {\n}\n", ":3:", "must be nullable");
    }

    private static void assertError(String text, String line, String message) {
        assertThatThrownBy(() -> SchemaParser.parse(FILE, text))
                .isInstanceOf(SchemaException.class)
                .hasMessageStartingWith("Sample.schema" + line)
                .hasMessageContaining(message);
    }
}
