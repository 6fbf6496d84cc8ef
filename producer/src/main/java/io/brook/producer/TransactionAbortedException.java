package io.brook.producer;

import io.brook.common.errors.BrookException;

/**
 * The record's transaction was aborted before the record was written ({@link Producer#abortTransaction()}, or an
 * earlier error made the transaction abortable): it was not sent and will never be visible to read_committed
 * consumers. Not retriable: send it again in a new transaction.
 */
public class TransactionAbortedException extends BrookException {
    public TransactionAbortedException(String message) {
        super(message);
    }
}
