/**
 * Brook's admin client: {@link io.brook.admin.Admin} manages topics and partitions, configs
 * ({@link io.brook.admin.ConfigResource}, {@link io.brook.admin.Config}, {@link io.brook.admin.AlterConfigOp}),
 * offsets and records ({@link io.brook.admin.OffsetSpec}), consumer groups and their lag
 * ({@link io.brook.admin.ConsumerGroupListing}, {@link io.brook.admin.ConsumerGroupDescription}), transactions and
 * producers ({@link io.brook.admin.TransactionDescription}, {@link io.brook.admin.ProducerState}) and ACLs
 * ({@link io.brook.admin.AclBinding}, {@link io.brook.admin.AclBindingFilter}), and describes the cluster. Values
 * are immutable records validated on construction; each call has an options record for its timeout and
 * call-specific switches. A call over several resources in which some fail ends in one
 * {@link io.brook.admin.PartialFailureException}. See {@code docs/ADMIN.md}.
 */
package io.brook.admin;
