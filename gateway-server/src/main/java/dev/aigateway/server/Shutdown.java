package dev.aigateway.server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.logging.Logger;

/**
 * How the server process ends and reloads. SIGTERM (or SIGINT, Ctrl-C) drains: the server stops
 * accepting, lets what is in flight finish for up to {@code --drain-seconds}, ends the streams
 * left with an error event, and the process exits 0. A second signal ends the drain at once.
 * SIGHUP reloads the config file. Any other exit (or a JVM without signal handlers) drains in a
 * shutdown hook.
 */
final class Shutdown {
    private static final Logger LOG = Logger.getLogger(Shutdown.class.getName());

    private final GatewayServer server;
    private final Duration drainTime;
    private final IntConsumer exit;
    private final AtomicInteger signals = new AtomicInteger();

    Shutdown(GatewayServer server, Duration drainTime, IntConsumer exit) {
        this.server = server;
        this.drainTime = drainTime;
        this.exit = exit;
    }

    /** Installs the signal handlers and the shutdown hook for the process's one server. */
    static void install(GatewayServer server, ServerOptions options) {
        Duration drainTime = Duration.ofSeconds(options.drainSeconds());
        Shutdown shutdown = new Shutdown(server, drainTime, System::exit);
        Signals.handle("TERM", shutdown::signalled);
        Signals.handle("INT", shutdown::signalled);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.drain(drainTime), "gateway-shutdown"));
        options.configFile()
                .ifPresent(file -> Signals.handle("HUP", () -> {
                    Thread reload = new Thread(file::reload, "config-file-reload");
                    reload.setDaemon(true);
                    reload.start();
                }));
    }

    /** A TERM or INT: the first drains and exits, the next ends the drain now. */
    void signalled() {
        if (signals.getAndIncrement() > 0) {
            LOG.info("ending the drain now");
            server.endDrainNow();
            return;
        }
        Thread drain = new Thread(
                () -> {
                    LOG.info("shutting down: finishing the requests in flight (at most " + drainTime.toSeconds()
                            + " s; signal again to stop now)");
                    server.drain(drainTime);
                    LOG.info("stopped");
                    exit.accept(0);
                },
                "gateway-drain");
        drain.start();
    }
}
