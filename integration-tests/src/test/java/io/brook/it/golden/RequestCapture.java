package io.brook.it.golden;

import io.brook.it.golden.RequestRecorder.CapturedRequest;
import io.brook.protocol.ApiKey;
import io.brook.testkit.ClusterSource;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.Listener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * A developer tool, run by hand, that captures golden <em>request</em> bytes from the wire of a real client: it
 * launches a single-node testkit broker whose advertised listeners are {@link RecordingProxy}s on loopback, drives
 * {@code kafka-clients} through them ({@link KafkaClientsTour}: Admin, an idempotent and a transactional producer,
 * classic and KIP-848 group consumers, an Admin over SASL) and writes, for every (API, version) that the clients
 * sent and Brook supports, the first request body (no size prefix, no request header) as
 * {@code <ApiName>-request-v<N>.hex}, with a comment line naming the kafka-clients and broker versions.
 * {@code GoldenBytesTest} then checks that Brook decodes each and re-encodes it to the same bytes.
 *
 * <p>Nothing is rewritten on the way: the broker advertises the proxies' ports ({@code advertised.listeners}: one
 * proxy for its PLAINTEXT listener, one for its SASL_PLAINTEXT listener, where an Admin authenticates with
 * SASL/PLAIN), so clients that bootstrap through a proxy keep coming back through it. Only requests from clients
 * whose id starts with {@link KafkaClientsTour#CLIENT_ID_PREFIX} are kept ({@link RequestRecorder}; the broker's
 * own requests to itself, such as transaction markers, also pass through a proxy). Requests of APIs or versions
 * Brook does not support are listed, not written. Files of the same name are replaced; others are left alone.
 *
 * <p>Run from the repository root (the class path comes from the reactor, never from stale jars in
 * {@code ~/.m2}); the committed files come from two runs, one against a 3.9.1 broker (which brings the versions
 * a 4.x client falls back to, and the transaction protocol before KIP-890 part 2), then one against 4.1.1:
 * <pre>
 * mvn -B -o -q -pl integration-tests -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/capture.classpath
 * for v in 3.9.1 4.1.1; do java -Dbrook.kafka.version=$v \
 *     -cp integration-tests/target/test-classes:$(cat integration-tests/target/capture.classpath) \
 *     io.brook.it.golden.RequestCapture protocol-codec/src/test/resources/golden; done
 * </pre>
 */
public final class RequestCapture {
    /** A throwaway credential of the throwaway broker; it ends up in the SaslAuthenticate golden file. */
    private static final String SASL_PASSWORD = "golden-password";

    private RequestCapture() {
    }

    public static void main(String[] args) throws Exception {
        // kafka-clients logs every client's whole configuration at INFO: keep the summary readable.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        Path out = Path.of(args.length > 0 ? args[0] : "protocol-codec/src/test/resources/golden");
        Files.createDirectories(out);
        String brokerVersion = System.getProperty("brook.kafka.version", "4.1.1");
        String clientVersion = AppInfoParser.getVersion();
        RequestRecorder recorder = new RequestRecorder(RequestCapture::isTourClient);
        try (RecordingProxy plain = RecordingProxy.open(recorder);
             RecordingProxy sasl = RecordingProxy.open(recorder);
             KafkaCluster cluster = KafkaCluster.builder().nodes(1).kafkaVersion(brokerVersion)
                     .source(ClusterSource.LOCAL)
                     .listener(Listener.SASL_PLAINTEXT).saslUser(KafkaClientsTour.SASL_USER, SASL_PASSWORD)
                     .brokerProperty("advertised.listeners", "PLAINTEXT://" + plain.address() + ","
                             + Listener.SASL_PLAINTEXT.listenerName() + "://" + sasl.address())
                     .build()) {
            cluster.start();
            plain.relayTo(cluster.bootstrapServers());
            sasl.relayTo(cluster.bootstrapServers(Listener.SASL_PLAINTEXT));
            System.out.println("kafka-clients " + clientVersion + " -> proxies " + plain.address() + " and "
                    + sasl.address() + " (SASL_PLAINTEXT) -> Apache Kafka " + brokerVersion + " at "
                    + cluster.bootstrapServers() + " and " + cluster.bootstrapServers(Listener.SASL_PLAINTEXT));
            Map<String, String> saslClient = new HashMap<>(cluster.clientProperties(Listener.SASL_PLAINTEXT));
            saslClient.put("bootstrap.servers", sasl.address());
            List<String> failed = new KafkaClientsTour(plain.address(), saslClient, SASL_PASSWORD).run();
            List<CapturedRequest> captured = recorder.captured();
            for (CapturedRequest c : captured) {
                String api = c.key().apiName();
                GoldenFiles.write(out, api, true, c.version(), api + " request v" + c.version()
                        + ", captured from kafka-clients " + clientVersion + " (client id " + c.clientId()
                        + ") talking to Apache Kafka " + brokerVersion + " by RequestCapture", c.body());
            }
            report(out, captured, recorder.notKept(), failed, plain.connections() + sasl.connections());
        }
    }

    private static boolean isTourClient(String clientId) {
        return clientId != null && clientId.startsWith(KafkaClientsTour.CLIENT_ID_PREFIX);
    }

    private static void report(Path out, List<CapturedRequest> captured, Set<String> notKept, List<String> failed,
            int connections) {
        System.out.println("Wrote " + captured.size() + " request files to " + out.toAbsolutePath() + " ("
                + connections + " connections relayed):");
        captured.forEach(c -> System.out.println("  " + c.key().apiName() + " v" + c.version() + " ("
                + c.body().length + " bytes, from " + c.clientId() + ")"));
        Set<ApiKey> unseen = EnumSet.allOf(ApiKey.class);
        captured.forEach(c -> unseen.remove(c.key()));
        System.out.println("Brook APIs the clients did not send: " + unseen.stream().map(ApiKey::apiName).toList());
        System.out.println("Sent but not kept (API unknown to Brook, or version outside its range): " + notKept);
        System.out.println("Tour steps that failed: " + (failed.isEmpty() ? "none" : ""));
        failed.forEach(f -> System.out.println("  " + f));
    }
}
