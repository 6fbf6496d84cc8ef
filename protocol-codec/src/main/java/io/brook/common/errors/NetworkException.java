package io.brook.common.errors;

/**
 * A client-side transport failure: the connection to a broker could not be opened, closed before the response
 * arrived, or the request could not be written. The message names the broker (and the request, if one was
 * involved). Retriable: another attempt opens a new connection. No broker sent this: it carries no Kafka error
 * code (a broker's own {@code NETWORK_EXCEPTION} answer is {@link BrokerNetworkException}).
 */
public class NetworkException extends BrookException {
    public NetworkException(String message) {
        super(message);
    }

    public NetworkException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
