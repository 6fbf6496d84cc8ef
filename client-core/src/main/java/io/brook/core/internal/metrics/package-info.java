/**
 * Internal: the one seam producers and consumers record meters through ({@code Meters}); {@code MicrometerMeters}
 * is the only class that touches Micrometer, loaded only when the user passes a {@code MeterRegistry}, so
 * Micrometer stays an optional dependency.
 */
package io.brook.core.internal.metrics;
