package dev.aigateway.core.internal.routing;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads hedged targets run on, made on first use: a virtual thread per target on JDK 21 and
 * later, else pooled daemon threads that end after 30 idle seconds. A hedge holds one thread per
 * target it started, for as long as that target takes to answer.
 */
final class HedgeThreads {
    private HedgeThreads() {}

    static void start(Runnable task) {
        Holder.EXECUTOR.execute(task);
    }

    private static final class Holder {
        static final ExecutorService EXECUTOR = create();

        private static ExecutorService create() {
            try {
                Method virtual = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
                return (ExecutorService) virtual.invoke(null);
            } catch (ReflectiveOperationException e) {
                AtomicInteger count = new AtomicInteger();
                return new ThreadPoolExecutor(
                        0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                            Thread thread = new Thread(r, "gateway-hedge-" + count.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
            }
        }
    }
}
