/**
 * The record batch compression codecs Kafka defines: none, gzip, snappy, lz4 (Kafka's LZ4 frame) and zstd.
 */
package io.brook.protocol.compress;
