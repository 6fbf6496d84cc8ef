package io.brook.producer.internal;

import io.brook.core.internal.network.Capability;
import io.brook.core.internal.network.VersionRange;

/**
 * Which transaction protocol a transactional producer speaks, as the versions of the requests it may use. The
 * choice is made here, by capability, never by comparing version numbers in the transaction logic.
 *
 * <p>{@link #CLASSIC}: partitions enrolled with AddPartitionsToTxn, the group with AddOffsetsToTxn, one epoch for
 * the producer's life (bumped only to recover). Produce, EndTxn and TxnOffsetCommit stay below the versions that
 * would make the coordinator treat the transaction as a version 2 one (KIP-890 part 2), which the broker decides
 * from the versions a client sends.
 *
 * <p>Immutable.
 */
enum TransactionProtocol {
    CLASSIC;

    /** Produce versions a transactional batch may go out at. */
    VersionRange produceVersions() {
        return Capability.PRODUCE_IMPLICIT_TXN_PARTITIONS.versionsWithout();
    }

    /** EndTxn versions. */
    VersionRange endTxnVersions() {
        return Capability.END_TXN_EPOCH_BUMP.versionsWithout();
    }

    /** TxnOffsetCommit versions. */
    VersionRange txnOffsetCommitVersions() {
        return Capability.TXN_OFFSET_COMMIT_IMPLICIT_GROUP.versionsWithout();
    }

    /** AddPartitionsToTxn versions (the client form, one transaction per request). */
    VersionRange addPartitionsVersions() {
        return Capability.ADD_PARTITIONS_TO_TXN_BATCHED.versionsWithout();
    }
}
