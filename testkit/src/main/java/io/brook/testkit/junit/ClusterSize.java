package io.brook.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The number of nodes of the shared cluster that {@link KafkaClusterExtension} injects: on a
 * {@code KafkaCluster} parameter, its method, its test class (or an enclosing class), or on a {@code KafkaCluster}
 * field (which also marks the field for injection). The nearest annotation wins; without one, the size is 1.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
public @interface ClusterSize {

    /** The number of nodes: 1 or 3 (2 to 5 also work, each size being its own shared cluster). */
    int value();
}
