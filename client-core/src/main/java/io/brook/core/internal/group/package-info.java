/**
 * What the consumer and the admin client share about consumer groups: the embedded "consumer" protocol formats
 * ({@link io.brook.core.internal.group.ConsumerProtocol}) carried in JoinGroup and SyncGroup and returned by
 * DescribeGroups.
 */
package io.brook.core.internal.group;
