package io.brook.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Decodes every {@code golden/<ApiName>-<request|response>-v<N>.hex} file (a message body without size or header:
 * responses captured from a real broker by {@code GoldenCapture}, requests captured from the wire of
 * {@code kafka-clients} by {@code RequestCapture}, both in {@code integration-tests}) and checks that re-encoding
 * gives the same bytes. Request bodies of Produce hold real record batches, which must come back byte-identical.
 * A '#' starts a comment to the end of the line; whitespace is ignored. Fails when the folder holds no .hex file.
 */
class GoldenBytesTest {
    private static final Path FOLDER = Path.of("src/test/resources/golden");
    private static final Pattern NAME = Pattern.compile("([A-Za-z]+)-(request|response)-v(\\d+)\\.hex");

    @TestFactory
    Stream<DynamicTest> everyGoldenFileReEncodesToTheSameBytes() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(FOLDER)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".hex")).sorted().toList();
        }
        assertThat(files).as("no golden .hex file in %s", FOLDER.toAbsolutePath()).isNotEmpty();
        return files.stream().map(f -> dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        assertThat(m.matches()).as("golden file name %s must be <ApiName>-<request|response>-v<N>.hex", file).isTrue();
        ApiKey key = Stream.of(ApiKey.values()).filter(k -> k.apiName().equals(m.group(1))).findFirst().orElse(null);
        assertThat(key).as("unknown API %s", m.group(1)).isNotNull();
        boolean request = m.group(2).equals("request");
        short version = Short.parseShort(m.group(3));
        String hex = readHex(file);
        ByteBuf in = Unpooled.wrappedBuffer(Hex.decode(hex));
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
        ApiMessage message = null;
        try {
            message = request ? key.readRequest(in, version) : key.readResponse(in, version);
            assertThat(in.readableBytes()).as("bytes left over after decoding").isZero();
            message.write(out, version);
            assertThat(Hex.of(out)).isEqualTo(hex);
            assertThat(message.size(version)).isEqualTo(out.readableBytes());
        } finally {
            if (message instanceof Releasable r) {
                r.release();
            }
            out.release();
        }
    }

    private static String readHex(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(line -> line.indexOf('#') >= 0 ? line.substring(0, line.indexOf('#')) : line)
                    .collect(Collectors.joining())
                    .replaceAll("\\s+", "")
                    .toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
