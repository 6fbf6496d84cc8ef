package io.brook.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BootstrapAddressTest {

    @Test
    void parsesHostNamesAndIpLiterals() {
        assertThat(BootstrapAddress.parse("kafka-1.example.com:9092"))
                .isEqualTo(new BootstrapAddress("kafka-1.example.com", 9092));
        assertThat(BootstrapAddress.parse(" 10.0.0.1:19092 ")).isEqualTo(new BootstrapAddress("10.0.0.1", 19092));
        assertThat(BootstrapAddress.parse("[::1]:9092")).isEqualTo(new BootstrapAddress("::1", 9092));
        assertThat(BootstrapAddress.parse("fe80::1:9092")).isEqualTo(new BootstrapAddress("fe80::1", 9092));
    }

    @Test
    void printsIpv6InBrackets() {
        assertThat(new BootstrapAddress("::1", 9092)).hasToString("[::1]:9092");
        assertThat(new BootstrapAddress("h", 1)).hasToString("h:1");
    }

    @Test
    void rejectsMalformedEntriesNamingThem() {
        for (String bad : new String[] {"host", "host:", ":9092", "host:port", "host:-1", "host:65536", "[]:1"}) {
            assertThatThrownBy(() -> BootstrapAddress.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
    }
}
