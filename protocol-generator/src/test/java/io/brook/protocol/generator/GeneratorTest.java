package io.brook.protocol.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {
    private static final String PING = """
            api Ping key=99 versions=0-2 flexible=1+
            request {
              payload: bytes versions=0+ nullable=0+
              data: records versions=1+ nullable=1+
            }
            response {
              errorCode: int16 versions=0+
              note: string versions=1+ tag=0 ignorable
            }
            """;

    @TempDir
    Path dir;

    @Test
    void generatesMessagesApiKeyErrorsExceptionsAndSamples() throws IOException {
        Path schemas = schemas(PING);
        Path out = dir.resolve("out");
        Path test = dir.resolve("test");
        int n = Generator.generate(files(schemas), out, test);
        Path request = out.resolve("io/brook/protocol/message/PingRequest.java");
        assertThat(Files.readString(request))
                .contains("public final class PingRequest implements ApiMessage, Releasable")
                .contains("public static PingRequest read(ByteBuf in, short version)")
                .contains("message.retainRecords();");
        assertThat(Files.readString(out.resolve("io/brook/protocol/message/PingResponse.java")))
                .contains("private static boolean isKnownTag(int tag, short version)")
                .doesNotContain("Releasable");
        assertThat(Files.readString(out.resolve("io/brook/protocol/ApiKey.java")))
                .contains("PING((short) 99, \"Ping\"");
        assertThat(Files.readString(out.resolve("io/brook/protocol/Errors.java")))
                .contains("default -> UNKNOWN_SERVER_ERROR;");
        assertThat(Files.readString(out.resolve("io/brook/common/errors/UnknownTopicOrPartitionException.java")))
                .contains("extends RetriableException");
        assertThat(test.resolve("io/brook/protocol/message/MessageSamples.java")).exists();
        assertThat(n).isEqualTo(2 + 2 + 3 + 2);
    }

    @Test
    void keepsUnchangedFilesAndDeletesStaleOnes() throws IOException {
        Path schemas = schemas(PING);
        Path out = dir.resolve("out");
        Generator.generate(files(schemas), out, null);
        Path request = out.resolve("io/brook/protocol/message/PingRequest.java");
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(request, old);
        Path stale = out.resolve("io/brook/protocol/message/GoneRequest.java");
        Files.writeString(stale, "// from a removed schema");
        Generator.generate(files(schemas), out, null);
        assertThat(Files.getLastModifiedTime(request)).isEqualTo(old);
        assertThat(stale).doesNotExist();
    }

    @Test
    void reportsTheErrorsOfEveryFileAtOnce() throws IOException {
        Path schemas = schemas(PING);
        Files.writeString(schemas.resolve("Bad.schema"), "api Bad key=98 versions=0-1 flexible=none\nrequest {\n"
                + "  x: int33 versions=0+\n}\nresponse {\n}\n");
        Files.writeString(schemas.resolve("Twin.schema"), PING.replace("Ping", "Twin"));
        assertThatThrownBy(() -> Generator.generate(files(schemas), dir.resolve("out"), null))
                .isInstanceOf(Generator.GenerationFailed.class)
                .hasMessageContaining("Bad.schema:3: unknown type 'int33'")
                .hasMessageContaining("key 99 is already used by Ping");
    }

    @Test
    void commandLineExitCodes() throws IOException {
        Path schemas = schemas(PING);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true));
            assertThat(Main.run(new String[] {"--schema-dir", schemas.toString(), "--out", dir.resolve("o").toString()}))
                    .isZero();
            Path extra = dir.resolve("Ping.schema");
            Files.writeString(extra, PING.replace("key=99", "key=-3"));
            assertThat(Main.run(new String[] {"--schema-dir", schemas.toString(), "--out", dir.resolve("o").toString(),
                    extra.toString()})).isEqualTo(1);
            assertThat(captured.toString()).contains("Ping.schema:1: key must be non-negative");
            assertThat(Main.run(new String[] {"--schema-dir", schemas.toString()})).isEqualTo(2);
            assertThat(Main.run(new String[] {"--bogus"})).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
    }

    private Path schemas(String ping) throws IOException {
        Path schemas = Files.createDirectories(dir.resolve("schema"));
        Files.writeString(schemas.resolve("Ping.schema"), ping);
        Files.writeString(schemas.resolve("errors.schema"), ErrorsParserTest.MINIMAL);
        return schemas;
    }

    private static List<Path> files(Path folder) throws IOException {
        try (var list = Files.list(folder)) {
            return list.sorted().toList();
        }
    }
}
