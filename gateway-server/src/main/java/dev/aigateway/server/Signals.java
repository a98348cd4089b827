package dev.aigateway.server;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Operating-system signals (TERM, INT, HUP) through the JDK's {@code sun.misc.Signal}, looked up
 * by reflection: it is not a standard API, and where it or a signal is missing (HUP on Windows, a
 * JVM run with {@code -Xrs}) the server runs on without that handler.
 */
final class Signals {
    private static final Logger LOG = Logger.getLogger(Signals.class.getName());

    private Signals() {}

    /**
     * Runs {@code action} on each {@code SIG<name>} instead of the JVM's default (for TERM and
     * INT, exiting); returns whether the handler is in place. {@code action} runs on the JVM's
     * signal thread: keep it short.
     */
    static boolean handle(String name, Runnable action) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object signal = signalType.getConstructor(String.class).newInstance(name);
            InvocationHandler calls = (proxy, method, args) -> switch (method.getName()) {
                case "handle" -> {
                    action.run();
                    yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "SIG" + name + " handler";
            };
            Object handler =
                    Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerType}, calls);
            signalType.getMethod("handle", signalType, handlerType).invoke(null, signal, handler);
            return true;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.log(
                    Level.FINE,
                    "no handler for SIG" + name + ": " + e.getClass().getSimpleName());
            return false;
        }
    }
}
