package io.brook.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * Every generated sample case, API x version x direction x variant, as one named dynamic test each. Schema files
 * added later are covered by every test that uses this, without editing it.
 */
final class SampleCases {
    private SampleCases() {}

    /** One check of one case. */
    @FunctionalInterface
    interface Check {
        void run(ApiKey key, boolean request, short version, int variant) throws Throwable;
    }

    /** A dynamic test per case; {@code variants} sample variants per API version and direction (at least 1). */
    static Stream<DynamicTest> each(int variants, Check check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (ApiKey key : ApiKey.values()) {
            for (short v = key.lowestVersion(); v <= key.highestVersion(); v++) {
                for (boolean request : new boolean[] {true, false}) {
                    for (int variant = 0; variant < variants; variant++) {
                        String name = key.apiName() + (request ? "Request" : "Response") + " v" + v
                                + (variants > 1 ? " variant " + variant : "");
                        tests.add(dynamicTest(name, run(check, key, request, v, variant)));
                    }
                }
            }
        }
        assertThat(tests).as("no API to test: is the generator wired?").isNotEmpty();
        return tests.stream();
    }

    private static Executable run(Check check, ApiKey key, boolean request, short version, int variant) {
        return () -> check.run(key, request, version, variant);
    }
}
