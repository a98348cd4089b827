package dev.aigateway.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The config file in force, and its reloads. {@link #current()} is the last good reading; a call
 * takes it once, when it starts, so a reload never changes a request in flight. A reload that finds
 * a mistake logs it and leaves the last good reading in force. Keys, named configs, the default
 * config and limits take effect on reload; server options and {@code redis:} need a restart (a
 * change to them is logged as such).
 */
final class ConfigFile {
    /** How often {@link #watch} looks at the file. */
    static final Duration WATCH_INTERVAL = Duration.ofSeconds(2);

    private static final Logger LOG = Logger.getLogger(ConfigFile.class.getName());

    private final Path path;
    private final Map<String, String> env;
    private final AtomicReference<GatewayFile> current;
    /** The digest of the text last read, good or bad, so a bad file is reported once. */
    private byte[] lastSeen;

    private ConfigFile(Path path, Map<String, String> env, GatewayFile first, byte[] digest) {
        this.path = path;
        this.env = Map.copyOf(env);
        this.current = new AtomicReference<>(first);
        this.lastSeen = digest;
    }

    /**
     * Reads the file at {@code path}, with {@code ${VAR}} from {@code env}.
     *
     * @throws ConfigFileException naming the file, line and path of the first mistake
     */
    static ConfigFile load(Path path, Map<String, String> env) {
        byte[] text = read(path);
        return new ConfigFile(path, env, parse(path, text, env), digest(text));
    }

    /** The reading in force. */
    GatewayFile current() {
        return current.get();
    }

    Path path() {
        return path;
    }

    /** Reads the file again (on SIGHUP); returns whether a new reading is in force. */
    synchronized boolean reload() {
        byte[] text;
        try {
            text = read(path);
        } catch (ConfigFileException e) {
            reject(e);
            return false;
        }
        return reload(text);
    }

    /** Reads the file again if its text changed since it was last read; returns whether it was. */
    synchronized boolean reloadIfChanged() {
        byte[] text;
        try {
            text = read(path);
        } catch (ConfigFileException e) {
            // Being replaced (a ConfigMap swaps a link): the next look finds the new file.
            return false;
        }
        return !MessageDigest.isEqual(digest(text), lastSeen) && reload(text);
    }

    private boolean reload(byte[] text) {
        lastSeen = digest(text);
        GatewayFile next;
        try {
            next = parse(path, text, env);
        } catch (ConfigFileException e) {
            reject(e);
            return false;
        }
        GatewayFile previous = current.getAndSet(next);
        LOG.info("reloaded " + path + ": " + next.keys().size() + " gateway keys, "
                + next.configs().size() + " named configs"
                + next.defaultConfig().map(d -> ", default_config " + d).orElse(""));
        if (!settings(previous.serverOptions()).equals(settings(next.serverOptions()))) {
            LOG.warning(path.getFileName() + ": server options or redis changed; they take effect when the gateway"
                    + " restarts (the rest of the file is in force now)");
        }
        return true;
    }

    private void reject(ConfigFileException e) {
        LOG.severe("error: " + e.getMessage() + "; the file was not reloaded, the configuration read before stays in"
                + " force");
    }

    /**
     * Looks at the file every {@code interval} and reloads it when its text changed: an editor's
     * save, a ConfigMap update. Reading the small file is simpler and surer than file events,
     * which miss a ConfigMap's link swap. Close the result to stop.
     */
    AutoCloseable watch(Duration interval) {
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "config-file-watch");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(
                () -> {
                    try {
                        reloadIfChanged();
                    } catch (RuntimeException e) {
                        LOG.log(
                                Level.WARNING,
                                "could not look at " + path + ": "
                                        + e.getClass().getSimpleName());
                    }
                },
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return watcher::shutdownNow;
    }

    private static GatewayFile parse(Path path, byte[] text, Map<String, String> env) {
        return GatewayFileParser.parse(path.getFileName().toString(), text, env, System.currentTimeMillis() / 1000);
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigFileException(path.toString(), 0, "", "no such file");
        } catch (IOException e) {
            throw new ConfigFileException(
                    path.toString(), 0, "", "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static List<String> settings(List<FileOption> options) {
        return options.stream().map(o -> o.flag() + "=" + o.value()).sorted().toList();
    }

    private static byte[] digest(byte[] text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
