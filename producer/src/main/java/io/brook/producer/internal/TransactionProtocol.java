package io.brook.producer.internal;

import io.brook.core.internal.network.BrokerApiVersions;
import io.brook.core.internal.network.Capability;
import io.brook.core.internal.network.VersionRange;

/**
 * Which transaction protocol a transactional producer speaks, and so which versions of its requests it may use.
 * The choice is made here, from the broker's finalized {@code transaction.version} feature and the capabilities
 * its APIs offer, never by comparing version numbers in the transaction logic. The coordinator treats a
 * transaction as a version 2 one from the versions a client sends, so each protocol keeps to its own side of the
 * KIP-890 thresholds.
 *
 * <ul>
 *   <li>{@link #CLASSIC} (KIP-98): partitions enrolled with AddPartitionsToTxn, the group with AddOffsetsToTxn, one
 *       epoch for the producer's life (bumped only to recover).
 *   <li>{@link #V2} (KIP-890 part 2, {@code transaction.version >= 2}): Produce v12+ enrols its partitions,
 *       TxnOffsetCommit v5+ its group, and EndTxn v5+ bumps the epoch of every transaction and returns it.
 * </ul>
 *
 * <p>Immutable.
 */
enum TransactionProtocol {
    CLASSIC,
    V2;

    /** The finalized feature that offers transaction protocol version 2 at level 2 and above. */
    static final String FEATURE = "transaction.version";

    /** {@link #V2} when the broker finalized {@code transaction.version >= 2} and has the APIs for it. */
    static TransactionProtocol choose(BrokerApiVersions broker) {
        boolean offered = broker.finalizedFeatureLevel(FEATURE).orElse(0) >= 2;
        return offered && has(broker, Capability.PRODUCE_IMPLICIT_TXN_PARTITIONS)
                && has(broker, Capability.END_TXN_EPOCH_BUMP)
                && has(broker, Capability.TXN_OFFSET_COMMIT_IMPLICIT_GROUP) ? V2 : CLASSIC;
    }

    private static boolean has(BrokerApiVersions broker, Capability capability) {
        return broker.range(capability.api()).map(r -> r.max() >= capability.since()).orElse(false);
    }

    /** Whether a Produce enrols its partitions (no AddPartitionsToTxn). */
    boolean enrolsPartitionsWithProduce() {
        return this == V2;
    }

    /** Whether TxnOffsetCommit enrols the group (no AddOffsetsToTxn). */
    boolean enrolsGroupWithOffsets() {
        return this == V2;
    }

    /** Whether EndTxn returns a new epoch for the next transaction. */
    boolean bumpsEpochPerTransaction() {
        return this == V2;
    }

    /** Produce versions a transactional batch may go out at. */
    VersionRange produceVersions() {
        Capability c = Capability.PRODUCE_IMPLICIT_TXN_PARTITIONS;
        return this == V2 ? c.versions() : c.versionsWithout();
    }

    /** EndTxn versions. */
    VersionRange endTxnVersions() {
        Capability c = Capability.END_TXN_EPOCH_BUMP;
        return this == V2 ? c.versions() : c.versionsWithout();
    }

    /** TxnOffsetCommit versions. */
    VersionRange txnOffsetCommitVersions() {
        Capability c = Capability.TXN_OFFSET_COMMIT_IMPLICIT_GROUP;
        return this == V2 ? c.versions() : c.versionsWithout();
    }

    /** AddPartitionsToTxn versions (the client form, one transaction per request); classic protocol only. */
    VersionRange addPartitionsVersions() {
        return Capability.ADD_PARTITIONS_TO_TXN_BATCHED.versionsWithout();
    }
}
