package io.brook.testkit.internal.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The main class of a launched broker JVM: formats the node's storage on its first start, then runs
 * {@code kafka.Kafka}. Meanwhile a daemon thread ({@value #WATCHDOG_THREAD_NAME}) reads standard input, which is a
 * pipe from the test JVM, and halts the broker when it closes: that happens when the test JVM exits in any way,
 * even killed, so a broker never outlives the tests that started it.
 *
 * <p>Runs in the broker's JVM, on the broker's class path: it must use nothing but the JDK (Kafka's classes are
 * reached by reflection).
 *
 * <p>Arguments: {@code [--format <cluster id> [--add-scram <credential>]...] <server.properties>}; the
 * {@code --add-scram} pairs go to the storage tool as they are.
 */
public final class BrokerMain {

    static final String WATCHDOG_THREAD_NAME = "brook-broker-parent-watchdog";
    /** Exit status when the test JVM went away. */
    static final int PARENT_GONE = 3;
    /** Exit status when formatting the storage failed. */
    static final int FORMAT_FAILED = 2;

    private BrokerMain() {
    }

    public static void main(String[] args) {
        watchParent(System.in);
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            // Last, so that the end of the log (all a failure report shows) names the cause.
            System.err.println("brook-testkit: the broker failed: " + e);
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Throwable {
        String serverProperties;
        if (args.length >= 3 && args[0].equals("--format") && args.length % 2 == 1) {
            serverProperties = args[args.length - 1];
            String[] extra = java.util.Arrays.copyOfRange(args, 2, args.length - 1);
            format(args[1], serverProperties, extra);
        } else if (args.length == 1) {
            serverProperties = args[0];
        } else {
            System.err.println("usage: BrokerMain [--format <cluster id> [--add-scram <credential>]...] "
                    + "<server.properties>");
            System.exit(1);
            return;
        }
        invokeStatic("kafka.Kafka", "main", new Class<?>[] {String[].class}, (Object) new String[] {serverProperties});
    }

    private static void watchParent(InputStream parentPipe) {
        Thread watchdog = new Thread(() -> {
            try {
                while (parentPipe.read() >= 0) {
                    // The test JVM never writes; anything read is ignored until the pipe closes.
                }
            } catch (IOException e) {
                // A broken pipe means the same as end of input: the test JVM is gone.
            }
            System.err.println("brook-testkit: the test JVM is gone; halting this broker");
            Runtime.getRuntime().halt(PARENT_GONE);
        }, WATCHDOG_THREAD_NAME);
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Runs Kafka's storage tool in this JVM, saving the start-up of a second one. */
    private static void format(String clusterId, String serverProperties, String[] extra) throws Throwable {
        String[] toolArgs = new String[5 + extra.length];
        System.arraycopy(new String[] {"format", "-t", clusterId, "-c", serverProperties}, 0, toolArgs, 0, 5);
        System.arraycopy(extra, 0, toolArgs, 5, extra.length);
        Object status = invokeStatic("kafka.tools.StorageTool", "execute",
                new Class<?>[] {String[].class, java.io.PrintStream.class}, toolArgs, System.out);
        if (!Integer.valueOf(0).equals(status)) {
            System.err.println("brook-testkit: formatting the storage failed with status " + status);
            System.exit(FORMAT_FAILED);
        }
    }

    private static Object invokeStatic(String className, String methodName, Class<?>[] types, Object... args)
            throws Throwable {
        Method method = Class.forName(className).getMethod(methodName, types);
        try {
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
