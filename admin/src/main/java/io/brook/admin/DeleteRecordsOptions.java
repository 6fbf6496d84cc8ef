package io.brook.admin;

import java.time.Duration;

/**
 * Options of {@link Admin#deleteRecords(java.util.Map, DeleteRecordsOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 */
public record DeleteRecordsOptions(Duration timeout) {
    public DeleteRecordsOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout. */
    public static DeleteRecordsOptions defaults() {
        return new DeleteRecordsOptions(null);
    }

    public DeleteRecordsOptions withTimeout(Duration timeout) {
        return new DeleteRecordsOptions(timeout);
    }
}
