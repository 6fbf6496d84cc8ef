package io.brook.admin;

import java.time.Duration;

/**
 * Options of {@link Admin#describeConfigs(java.util.Collection, DescribeConfigsOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 * @param includeSynonyms also report, per key, the other places it is or could be set ({@link
 *     ConfigEntry#synonyms()})
 * @param includeDocumentation also report each key's documentation
 */
public record DescribeConfigsOptions(Duration timeout, boolean includeSynonyms, boolean includeDocumentation) {
    public DescribeConfigsOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout, includeSynonyms false, includeDocumentation false. */
    public static DescribeConfigsOptions defaults() {
        return new DescribeConfigsOptions(null, false, false);
    }

    public DescribeConfigsOptions withTimeout(Duration timeout) {
        return new DescribeConfigsOptions(timeout, includeSynonyms, includeDocumentation);
    }

    public DescribeConfigsOptions withIncludeSynonyms(boolean includeSynonyms) {
        return new DescribeConfigsOptions(timeout, includeSynonyms, includeDocumentation);
    }

    public DescribeConfigsOptions withIncludeDocumentation(boolean includeDocumentation) {
        return new DescribeConfigsOptions(timeout, includeSynonyms, includeDocumentation);
    }
}
