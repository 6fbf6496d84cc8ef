/**
 * Internal: the cluster metadata cache ({@code MetadataManager}) and the immutable {@code ClusterSnapshot} it
 * publishes, with the refresh schedule, target choice and bootstrap recovery split into one class each. See
 * {@code docs/ARCHITECTURE.md}, "Metadata". Not a public API.
 */
package io.brook.core.internal.metadata;
