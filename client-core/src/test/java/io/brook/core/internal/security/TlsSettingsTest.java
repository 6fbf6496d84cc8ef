package io.brook.core.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.config.AdminConfigs;
import io.brook.common.config.TlsProvider;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TlsSettingsTest {
    @Test
    void autoPrefersOpenSslWhereItLoads() {
        // client-core's tests have netty-tcnative (an optional dependency) on the class path.
        assertThat(OpenSsl.isAvailable()).as("netty-tcnative loads here").isTrue();
        assertThat(TlsSettings.provider(TlsProvider.AUTO)).isEqualTo(SslProvider.OPENSSL);
        assertThat(TlsSettings.provider(TlsProvider.JDK)).isEqualTo(SslProvider.JDK);
        assertThat(TlsSettings.provider(TlsProvider.OPENSSL)).isEqualTo(SslProvider.OPENSSL);
    }

    @Test
    void buildsOnEitherEngineWithTheJdksDefaultTrustAndSaysWhich() {
        for (String engine : new String[] {"jdk", "openssl"}) {
            TlsSettings tls = TlsSettings.from(AdminConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "h:1",
                    "security.protocol", "SSL", "brook.ssl.provider", engine)));
            assertThat(tls.engine()).isEqualTo(engine);
            assertThat(tls.verifiesHostname()).isTrue();
            assertThat(tls.toString()).contains(engine).contains("client certificate no");
        }
        TlsSettings unverified = TlsSettings.from(AdminConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "h:1",
                "security.protocol", "SSL", "ssl.endpoint.identification.algorithm", "")));
        assertThat(unverified.verifiesHostname()).isFalse();
    }
}
