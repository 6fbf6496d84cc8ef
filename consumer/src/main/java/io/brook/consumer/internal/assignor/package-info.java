/**
 * The partition assignors of the classic group protocol, each matching the kafka-clients assignor of the same name
 * (protocol name, user data, rules): {@code range}, {@code roundrobin}, {@code sticky} and {@code cooperative-sticky}
 * (the last two over {@code StickyPlanner}). Run by the group leader on the consumer's background thread.
 */
package io.brook.consumer.internal.assignor;
