package dev.aigateway.server;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chooses where requests run: a virtual thread per request on JDK 21 and later (looked up once, by
 * reflection, so the jar still runs on 17), a bounded pool of platform threads on 17. Requests block
 * on their upstream call, so the pool must be large enough for every concurrent stream.
 */
final class RequestExecutors {
    private RequestExecutors() {}

    /** The executor for this JVM; {@code maxThreads} bounds the platform pool on JDK 17. */
    static ExecutorService create(int maxThreads) {
        ExecutorService virtual = virtualThreadExecutor();
        return virtual != null ? virtual : boundedPool(maxThreads);
    }

    /** Whether {@link #create} gives virtual threads on this JVM. */
    static boolean virtualThreadsAvailable() {
        return findVirtualFactory() != null;
    }

    private static ExecutorService virtualThreadExecutor() {
        Method factory = findVirtualFactory();
        if (factory == null) {
            return null;
        }
        try {
            return (ExecutorService) factory.invoke(null);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static Method findVirtualFactory() {
        try {
            return java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /**
     * Threads are reused: a request goes to an idle thread when there is one, and a new thread starts
     * only when none is idle, up to {@code maxThreads}; past that the executor rejects the request
     * (the server answers 503). Idle threads end after a minute. A {@code LinkedBlockingQueue} with
     * {@code core == max} would instead start a new thread for every request until the maximum.
     */
    static ExecutorService boundedPool(int maxThreads) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, maxThreads, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "gateway-request-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
