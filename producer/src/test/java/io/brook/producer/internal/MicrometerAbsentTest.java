package io.brook.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is an optional dependency: a producer created and used in a class loader without Micrometer works
 * (nothing on its path loads a Micrometer class unless a registry is given).
 */
class MicrometerAbsentTest {

    @Test
    void theProducerWorksWithoutMicrometerOnTheClassPath() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("micrometer")) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry", false, loader))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> producerType = loader.loadClass("io.brook.producer.Producer");
            Class<?> serializers = loader.loadClass("io.brook.common.Serializers");
            Class<?> serializerType = loader.loadClass("io.brook.common.Serializer");
            Object string = serializers.getMethod("string").invoke(null);
            Method create = producerType.getMethod("create", Map.class, serializerType, serializerType);
            Object producer = create.invoke(null, Map.of("bootstrap.servers", "127.0.0.1:1", "max.block.ms", 300,
                    "client.id", "no-micrometer"), string, string);
            Class<?> recordType = loader.loadClass("io.brook.producer.ProducerRecord");
            Object record = recordType.getMethod("of", String.class, Object.class, Object.class)
                    .invoke(null, "t", "k", "v");
            CompletableFuture<?> sent = (CompletableFuture<?>) producerType.getMethod("send", recordType)
                    .invoke(producer, record);
            assertThatThrownBy(() -> sent.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().extracting(t -> t.getClass().getName())
                    .isEqualTo("io.brook.common.errors.TimeoutException");
            producerType.getMethod("close").invoke(producer);
            assertThat(sent).isDone();
        }
    }
}
