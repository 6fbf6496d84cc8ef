/**
 * The build-time generator that turns Brook's schema files ({@code docs/PROTOCOL-SCHEMA.md}) into the message
 * classes of brook-protocol-codec. Not a runtime dependency.
 */
package io.brook.protocol.generator;
