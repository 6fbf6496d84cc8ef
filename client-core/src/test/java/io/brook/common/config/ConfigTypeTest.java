package io.brook.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTypeTest {

    @Test
    void integersAcceptIntegralNumbersAndTextInRange() {
        assertThat(ConfigType.INT.parse(5)).isEqualTo(5);
        assertThat(ConfigType.INT.parse(5L)).isEqualTo(5);
        assertThat(ConfigType.INT.parse((short) 5)).isEqualTo(5);
        assertThat(ConfigType.INT.parse(" -5 ")).isEqualTo(-5);
        assertThat(ConfigType.LONG.parse(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(ConfigType.LONG.parse(3)).isEqualTo(3L);
        assertThatThrownBy(() -> ConfigType.INT.parse(1L << 31)).hasMessageContaining("an int");
        assertThatThrownBy(() -> ConfigType.INT.parse(2.0)).hasMessageContaining("an int");
        assertThatThrownBy(() -> ConfigType.LONG.parse("12ms")).hasMessageContaining("a long");
    }

    @Test
    void booleansAcceptBooleanOrTrueFalseText() {
        assertThat(ConfigType.BOOLEAN.parse(true)).isTrue();
        assertThat(ConfigType.BOOLEAN.parse("FALSE")).isFalse();
        assertThatThrownBy(() -> ConfigType.BOOLEAN.parse("yes")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> ConfigType.BOOLEAN.parse(1)).hasMessageContaining("true or false");
    }

    @Test
    void listsSplitOnCommasTrimAndDropEmptyEntries() {
        assertThat(ConfigType.LIST.parse(" a , b,,c ")).containsExactly("a", "b", "c");
        assertThat(ConfigType.LIST.parse("")).isEmpty();
        assertThat(ConfigType.LIST.parse(List.of(" a", "b "))).containsExactly("a", "b");
        assertThat(ConfigType.LIST.format(List.of("a", "b"))).isEqualTo("a,b");
        assertThatThrownBy(() -> ConfigType.LIST.parse(5)).hasMessageContaining("comma-separated");
    }

    @Test
    void enumsAcceptTheConstantOrItsSpellingCaseInsensitively() {
        ConfigType<ClientDnsLookup> type = ConfigType.enumOf(ClientDnsLookup.class);
        assertThat(type.parse("Use_All_Dns_Ips")).isEqualTo(ClientDnsLookup.USE_ALL_DNS_IPS);
        assertThat(type.parse(ClientDnsLookup.USE_ALL_DNS_IPS)).isEqualTo(ClientDnsLookup.USE_ALL_DNS_IPS);
        assertThat(type.format(ClientDnsLookup.USE_ALL_DNS_IPS)).isEqualTo("use_all_dns_ips");
        assertThat(type.constants()).containsExactly("use_all_dns_ips", "resolve_canonical_bootstrap_servers_only");
        assertThatThrownBy(() -> type.parse(SecurityProtocol.SSL)).hasMessageContaining("one of use_all_dns_ips");
    }

    @Test
    void stringsAreTrimmed() {
        assertThat(ConfigType.STRING.parse("  my-app ")).isEqualTo("my-app");
    }
}
