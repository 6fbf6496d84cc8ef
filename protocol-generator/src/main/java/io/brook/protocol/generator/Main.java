package io.brook.protocol.generator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Command line of the generator:
 *
 * <pre>
 * java -cp brook-protocol-generator.jar io.brook.protocol.generator.Main \
 *     --schema-dir DIR [--schema-dir DIR...] --out DIR [--test-out DIR] [FILE.schema...]
 * </pre>
 *
 * Reads every {@code *.schema} file in the schema folders plus the listed files (a listed file replaces a folder
 * file of the same name), writes main sources to {@code --out} and the round-trip sample factory to
 * {@code --test-out}. Exits 1 and prints every problem as {@code file:line: message} when a schema is bad, 2 on
 * bad usage.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command line; returns the exit status. Separate from main() so that tests and Maven can call it. */
    public static int run(String[] args) {
        List<Path> dirs = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        Path out = null;
        Path testOut = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--schema-dir") || a.equals("--out") || a.equals("--test-out")) && i + 1 >= args.length) {
                return usage(a + " needs a value");
            }
            switch (a) {
                case "--schema-dir" -> dirs.add(Path.of(args[++i]));
                case "--out" -> out = Path.of(args[++i]);
                case "--test-out" -> testOut = Path.of(args[++i]);
                default -> {
                    if (a.startsWith("--")) {
                        return usage("unknown option " + a);
                    }
                    files.add(Path.of(a));
                }
            }
        }
        if (out == null) {
            return usage("--out is required");
        }
        Map<String, Path> byName = new LinkedHashMap<>();
        try {
            for (Path dir : dirs) {
                try (Stream<Path> list = Files.list(dir)) {
                    list.filter(p -> p.toString().endsWith(".schema")).sorted()
                            .forEach(p -> byName.put(p.getFileName().toString(), p));
                }
            }
        } catch (IOException e) {
            return usage("cannot list a schema folder: " + e);
        }
        for (Path f : files) {
            byName.put(f.getFileName().toString(), f);
        }
        try {
            int n = Generator.generate(new ArrayList<>(byName.values()), out, testOut);
            System.out.println("brook-protocol-generator: " + byName.size() + " schema files, " + n
                    + " Java files in " + out + (testOut == null ? "" : " and " + testOut));
            return 0;
        } catch (Generator.GenerationFailed e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    private static int usage(String problem) {
        System.err.println("brook-protocol-generator: " + problem);
        System.err.println("usage: Main --schema-dir DIR [--schema-dir DIR...] --out DIR [--test-out DIR]"
                + " [FILE.schema...]");
        return 2;
    }
}
