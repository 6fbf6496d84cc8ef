/**
 * Brook's admin client: {@link io.brook.admin.Admin} creates, lists, describes and deletes topics and describes
 * the cluster. Values ({@link io.brook.admin.NewTopic}, {@link io.brook.admin.TopicDescription},
 * {@link io.brook.admin.PartitionInfo}, {@link io.brook.admin.ClusterDescription}, {@link io.brook.admin.Node})
 * are immutable records validated on construction; each call has an options record for its timeout and
 * call-specific switches.
 */
package io.brook.admin;
