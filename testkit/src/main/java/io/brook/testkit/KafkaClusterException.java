package io.brook.testkit;

/** A cluster could not be started, resolved or reached. The message says which node and why, with its log tail. */
public class KafkaClusterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KafkaClusterException(String message) {
        super(message);
    }

    public KafkaClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
