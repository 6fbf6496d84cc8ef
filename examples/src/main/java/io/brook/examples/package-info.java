/**
 * Runnable examples; {@code ClusterTour} is the README's main job. Not part of any published artifact.
 */
package io.brook.examples;
