/**
 * Test support for Brook's own test suites: a JUnit extension that fails a test class whose Netty buffers leaked.
 */
package io.brook.testsupport;
