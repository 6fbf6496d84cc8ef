package io.brook.testkit.junit;

import io.brook.testkit.KafkaCluster;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContextException;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Gives tests a real, running Kafka cluster, shared across every test class of the test run: one single-node
 * cluster, and separately one 3-node cluster for the tests that ask for it. Each is started on first use and
 * closed when the run ends.
 *
 * <pre>{@code
 * @ExtendWith(KafkaClusterExtension.class)
 * class ProducerIT {
 *
 *     @Test
 *     void sends(KafkaCluster cluster) {                  // the shared single-node cluster
 *         ... cluster.bootstrapServers() ...
 *     }
 *
 *     @Test
 *     void survivesALeaderCrash(@ClusterSize(3) KafkaCluster cluster) {   // the shared 3-node cluster
 *         cluster.kill(1);
 *         ...
 *     }
 * }
 *
 * @ExtendWith(KafkaClusterExtension.class)
 * @ClusterSize(3)                                         // every KafkaCluster in this class has 3 nodes
 * class ReplicationIT {
 *     @ClusterSize(3) static KafkaCluster cluster;        // fields with @ClusterSize are injected, static or not
 *     ...
 * }
 * }</pre>
 *
 * <p>It resolves parameters of type {@link KafkaCluster} (of test, life-cycle and constructor methods, including
 * {@code @BeforeAll}), and injects {@code KafkaCluster} fields annotated with {@link ClusterSize}. The size is
 * the nearest {@link ClusterSize}: on the parameter or field, its method, its class or an enclosing class; 1 by
 * default. Where the brokers come from follows {@link KafkaCluster#builder()}'s defaults (external, Docker or
 * launched; Kafka version from {@code brook.kafka.version}).
 *
 * <p>Shared means shared: create topics with names unique to the test, and leave the cluster as found. A test may
 * stop or kill nodes; after each test the extension restarts any node left down. Tests that need a cluster of
 * their own configuration build one with {@link KafkaCluster#builder()} instead.
 *
 * <p>Thread-safe: the shared clusters live in the root context's store, each guarded by its own lock, so parallel
 * test classes start each cluster once.
 */
public final class KafkaClusterExtension
        implements ParameterResolver, TestInstancePostProcessor, BeforeAllCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaClusterExtension.class);
    private static final int DEFAULT_SIZE = 1;
    private static final int MAX_SIZE = 5;

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Optional<ClusterSize> size = parameterContext.findAnnotation(ClusterSize.class)
                .or(() -> annotation(parameterContext.getDeclaringExecutable()))
                .or(() -> classAnnotation(extensionContext.getTestClass()
                        .orElse(parameterContext.getDeclaringExecutable().getDeclaringClass())));
        return sharedCluster(extensionContext, size);
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws IllegalAccessException {
        for (Field field : injectableFields(testInstance.getClass(), false)) {
            inject(field, testInstance, context);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        for (Field field : injectableFields(context.getRequiredTestClass(), true)) {
            inject(field, null, context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        for (int size = 1; size <= MAX_SIZE; size++) {
            SharedCluster shared = store.get(key(size), SharedCluster.class);
            if (shared != null) {
                shared.restartStoppedNodes();
            }
        }
    }

    private static List<Field> injectableFields(Class<?> testClass, boolean wantStatic) {
        return ReflectionSupport.findFields(testClass,
                field -> field.getType() == KafkaCluster.class
                        && Modifier.isStatic(field.getModifiers()) == wantStatic
                        && !Modifier.isFinal(field.getModifiers())
                        && AnnotationSupport.isAnnotated(field, ClusterSize.class),
                HierarchyTraversalMode.TOP_DOWN);
    }

    private static void inject(Field field, Object target, ExtensionContext context) throws IllegalAccessException {
        field.setAccessible(true);
        if (field.get(target) == null) {
            field.set(target, sharedCluster(context, annotation(field)));
        }
    }

    private static KafkaCluster sharedCluster(ExtensionContext context, Optional<ClusterSize> annotation) {
        int size = annotation.map(ClusterSize::value).orElse(DEFAULT_SIZE);
        if (size < 1 || size > MAX_SIZE) {
            throw new ExtensionContextException("@ClusterSize must be between 1 and " + MAX_SIZE + ", was " + size);
        }
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        return store.getOrComputeIfAbsent(key(size), key -> new SharedCluster(size), SharedCluster.class).get();
    }

    private static String key(int size) {
        return "kafka-cluster-" + size;
    }

    private static Optional<ClusterSize> annotation(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, ClusterSize.class);
    }

    /** The class's annotation, else the nearest enclosing class's (for {@code @Nested} tests). */
    private static Optional<ClusterSize> classAnnotation(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            Optional<ClusterSize> found = annotation(type);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
