package io.brook.protocol.record;

import io.brook.common.errors.CorruptRecordException;

/** Builds the typed errors of record decoding, each naming the batch it concerns. Stateless. */
final class RecordErrors {
    private RecordErrors() {}

    static CorruptRecordException corrupt(long baseOffset, String problem) {
        return new CorruptRecordException("record batch at offset " + baseOffset + " is corrupt: " + problem);
    }

    static CorruptRecordException corrupt(long baseOffset, String problem, Throwable cause) {
        return new CorruptRecordException("record batch at offset " + baseOffset + " is corrupt: " + problem + ": "
                + cause.getMessage(), cause);
    }
}
