/**
 * The types every Brook client shares: {@link io.brook.common.TopicPartition}, {@link io.brook.common.Header},
 * {@link io.brook.common.OffsetAndMetadata}, {@link io.brook.common.ConsumerGroupMetadata}, and the
 * {@link io.brook.common.Serializer}/{@link io.brook.common.Deserializer} interfaces with their built-in
 * implementations ({@link io.brook.common.Serializers}, {@link io.brook.common.Deserializers}). All values are
 * immutable. ({@code Header} and the {@code errors} sub-package are part of brook-protocol-codec, which every client
 * depends on.)
 */
package io.brook.common;
