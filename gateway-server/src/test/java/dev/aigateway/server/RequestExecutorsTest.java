package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestExecutorsTest {
    @Test
    void requestsRunOnVirtualThreadsFromJdk21AndOnTheBoundedPoolBefore() throws Exception {
        boolean jdk21 = Runtime.version().feature() >= 21;
        ExecutorService executor = RequestExecutors.create(3);
        try {
            assertEquals(jdk21, RequestExecutors.virtualThreadsAvailable());
            if (jdk21) {
                Object virtual = executor.submit(
                                () -> Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()))
                        .get();
                assertEquals(Boolean.TRUE, virtual);
            } else {
                ThreadPoolExecutor pool = assertInstanceOf(ThreadPoolExecutor.class, executor);
                assertEquals(3, pool.getMaximumPoolSize());
                String thread =
                        executor.submit(() -> Thread.currentThread().getName()).get();
                assertTrue(thread.startsWith("gateway-request-"), thread);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void thePlatformPoolReusesIdleThreads() throws Exception {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) RequestExecutors.boundedPool(1000);
        try {
            for (int i = 0; i < 100; i++) {
                pool.submit(() -> {}).get(5, TimeUnit.SECONDS);
            }
            // One after another, the requests find a finished thread idle again; only the moment
            // between a task's end and its thread's next wait can ever call for another thread.
            assertTrue(pool.getLargestPoolSize() < 10, "threads started: " + pool.getLargestPoolSize());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void thePlatformPoolRejectsPastItsBound() throws Exception {
        ExecutorService pool = RequestExecutors.boundedPool(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(2);
        try {
            for (int i = 0; i < 2; i++) {
                pool.execute(() -> {
                    started.countDown();
                    await(release);
                });
            }
            started.await(5, TimeUnit.SECONDS);
            assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> {}));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
