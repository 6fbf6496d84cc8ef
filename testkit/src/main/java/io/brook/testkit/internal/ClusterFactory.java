package io.brook.testkit.internal;

import io.brook.testkit.ClusterSource;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.KafkaClusterException;
import java.util.Optional;

/** Picks and creates the cluster implementation for a {@link ClusterSource}. Stateless. */
public final class ClusterFactory {

    private static final String TESTCONTAINERS_CLASS = "org.testcontainers.DockerClientFactory";

    private ClusterFactory() {
    }

    /** Creates (without starting) the cluster the source asks for; {@code AUTO} is resolved here. */
    public static KafkaCluster create(ClusterSource source, ClusterSpec spec) {
        switch (source == ClusterSource.AUTO ? choose() : source) {
            case EXTERNAL:
                return new ExternalKafkaCluster(Settings.externalBootstrapServers().orElseThrow(
                        () -> new KafkaClusterException("an external cluster needs the environment variable "
                                + Settings.BOOTSTRAP_SERVERS_ENV + " (or the system property "
                                + Settings.BOOTSTRAP_SERVERS + ")")), spec);
            case DOCKER:
                if (!testcontainersPresent()) {
                    throw new KafkaClusterException("a Docker cluster needs org.testcontainers:testcontainers on "
                            + "the test class path");
                }
                // Reached only with Testcontainers present: the class links against it.
                return TestcontainersKafkaCluster.create(spec);
            case LOCAL:
                return new LocalKafkaCluster(spec);
            default:
                throw new IllegalStateException("unresolved source " + source);
        }
    }

    /** The {@code AUTO} choice: external if named, else Docker if usable, else local. */
    public static ClusterSource choose() {
        Optional<String> external = Settings.externalBootstrapServers();
        if (external.isPresent()) {
            return ClusterSource.EXTERNAL;
        }
        if (testcontainersPresent() && DockerProbe.engineAnswers()) {
            return ClusterSource.DOCKER;
        }
        return ClusterSource.LOCAL;
    }

    private static boolean testcontainersPresent() {
        try {
            Class.forName(TESTCONTAINERS_CLASS, false, ClusterFactory.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
