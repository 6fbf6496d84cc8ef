package io.brook.core.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressRotationTest {
    private final AddressRotation rotation = new AddressRotation();

    private static InetAddress ip(int last) throws UnknownHostException {
        return InetAddress.getByAddress("b.test", new byte[] {10, 0, 0, (byte) last});
    }

    @Test
    void nothingToTryBeforeTheFirstResolution() {
        assertThat(rotation.next()).isNull();
    }

    @Test
    void eachAddressOnceThenAskForAFreshResolution() throws Exception {
        rotation.update(List.of(ip(1), ip(2), ip(3)));
        assertThat(rotation.next()).isEqualTo(ip(1));
        assertThat(rotation.next()).isEqualTo(ip(2));
        assertThat(rotation.next()).isEqualTo(ip(3));
        assertThat(rotation.next()).isNull();
    }

    @Test
    void aFreshResolutionSkipsTheAddressTriedLastIfThereIsAnother() throws Exception {
        rotation.update(List.of(ip(1), ip(2)));
        rotation.next();
        rotation.forget();
        assertThat(rotation.next()).isNull();

        rotation.update(List.of(ip(1), ip(2)));
        assertThat(rotation.next()).isEqualTo(ip(2));

        rotation.update(List.of(ip(2)));
        assertThat(rotation.next()).as("the only address is tried again").isEqualTo(ip(2));
    }

    @Test
    void anEmptyResolutionIsRejected() {
        assertThatThrownBy(() -> rotation.update(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
