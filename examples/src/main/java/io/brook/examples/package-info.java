/**
 * Runnable examples: {@code MainJob} is the README's main job (a producer and a consumer group against a real
 * broker), {@code ClusterTour} a tour of the admin client. Not part of any published artifact.
 */
package io.brook.examples;
