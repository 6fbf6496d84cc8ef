package io.brook.protocol.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Parses every schema file, checks them together (unique API names and keys), and writes the Java sources.
 * Collects the errors of all files before failing, so one run shows every problem. Not thread-safe.
 */
public final class Generator {
    /** The file that lists the error codes. */
    public static final String ERRORS_FILE = "errors.schema";

    private final List<String> problems = new ArrayList<>();

    /** Thrown after parsing when any file had errors; the message lists them all, one per line. */
    public static final class GenerationFailed extends RuntimeException {
        GenerationFailed(List<String> problems) {
            super(problems.size() + " schema error(s):\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * Generates main sources (messages, ApiKey, Errors, exceptions) into {@code mainOut} and, when {@code testOut}
     * is not null, the sample factory for round-trip tests into {@code testOut}. Files whose content is unchanged
     * are not rewritten; stale {@code .java} files under the output folders are deleted.
     *
     * @return the number of files generated
     * @throws GenerationFailed listing every schema error
     */
    public static int generate(List<Path> schemaFiles, Path mainOut, Path testOut) {
        return new Generator().run(schemaFiles, mainOut, testOut);
    }

    private int run(List<Path> schemaFiles, Path mainOut, Path testOut) {
        List<ApiSpec> apis = new ArrayList<>();
        List<ErrorSpec> errors = null;
        for (Path file : schemaFiles) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (file.getFileName().toString().equals(ERRORS_FILE)) {
                    errors = ErrorsParser.parse(file, text);
                } else {
                    apis.add(SchemaParser.parse(file, text));
                }
            } catch (SchemaException e) {
                problems.add(e.getMessage());
            } catch (IOException e) {
                problems.add(file + ": cannot read: " + e);
            }
        }
        if (errors == null && problems.stream().noneMatch(p -> p.contains(ERRORS_FILE))) {
            problems.add("no " + ERRORS_FILE + " among the schema files (the generated code needs its errors)");
        }
        checkUnique(apis);
        if (!problems.isEmpty()) {
            throw new GenerationFailed(problems);
        }
        apis.sort(Comparator.comparingInt(a -> a.header().key()));
        Map<Path, String> main = new LinkedHashMap<>();
        for (ApiSpec api : apis) {
            for (MessageSpec m : List.of(api.request(), api.response())) {
                main.put(javaFile(mainOut, MessageEmitter.PACKAGE, m.className()), MessageEmitter.emit(api, m));
            }
        }
        main.put(javaFile(mainOut, "io.brook.protocol", "ApiKey"), ApiKeyEmitter.emit(apis));
        main.put(javaFile(mainOut, "io.brook.protocol", "Errors"), ErrorsEmitter.emitEnum(errors));
        for (ErrorSpec e : errors) {
            if (e.exceptionClass() != null) {
                main.put(javaFile(mainOut, ErrorsEmitter.EXCEPTION_PACKAGE, e.exceptionClass()),
                        ErrorsEmitter.emitException(e));
            }
        }
        writeAll(mainOut, main);
        int count = main.size();
        if (testOut != null) {
            Map<Path, String> test = new LinkedHashMap<>();
            for (ApiSpec api : apis) {
                test.put(javaFile(testOut, MessageEmitter.PACKAGE, SampleEmitter.className(api)),
                        SampleEmitter.emitApiSamples(api));
            }
            test.put(javaFile(testOut, MessageEmitter.PACKAGE, "MessageSamples"), SampleEmitter.emitIndex(apis));
            writeAll(testOut, test);
            count += test.size();
        }
        return count;
    }

    private void checkUnique(List<ApiSpec> apis) {
        Map<String, ApiSpec> byName = new HashMap<>();
        Map<Short, ApiSpec> byKey = new HashMap<>();
        for (ApiSpec api : apis) {
            ApiSpec other = byName.putIfAbsent(api.name(), api);
            if (other != null) {
                problems.add(api.file() + ": API " + api.name() + " is already defined in " + other.file());
            }
            other = byKey.putIfAbsent(api.header().key(), api);
            if (other != null && !other.name().equals(api.name())) {
                problems.add(api.file() + ": key " + api.header().key() + " is already used by " + other.name()
                        + " in " + other.file());
            }
            String expected = api.name() + ".schema";
            if (!api.file().getFileName().toString().equals(expected)) {
                problems.add(api.file() + ": the file of API " + api.name() + " must be named " + expected);
            }
        }
    }

    private static Path javaFile(Path root, String pkg, String cls) {
        return root.resolve(pkg.replace('.', '/')).resolve(cls + ".java");
    }

    private static void writeAll(Path root, Map<Path, String> files) {
        try {
            for (Map.Entry<Path, String> e : files.entrySet()) {
                Path p = e.getKey();
                Files.createDirectories(p.getParent());
                byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
                // Unchanged files keep their timestamp, so incremental compilation stays incremental.
                if (!Files.exists(p) || !java.util.Arrays.equals(Files.readAllBytes(p), content)) {
                    Files.write(p, content);
                }
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                    if (!files.containsKey(p)) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
