package io.brook.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NettyLeakGuardExtensionTest {

    @Test
    void failureMessageNamesTheClassAndCarriesEveryRecord() {
        List<LeakReport> leaks = List.of(
                new LeakReport("ByteBuf", "\n#1:\n\tat example.Foo.bar(Foo.java:12)"),
                new LeakReport("HashedWheelTimer", ""));

        String message = NettyLeakGuardExtension.failureMessage("FooTest", leaks);

        assertThat(message)
                .startsWith("Netty reported 2 leak(s) while FooTest ran")
                .contains("at example.Foo.bar(Foo.java:12)")
                .contains("a HashedWheelTimer was garbage-collected before release(); no access records were kept");
    }
}
