package dev.aigateway.redis.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} for tests, on a free loopback port, with nothing persisted and its
 * files in a temporary directory. {@link #stop()} and {@link #restart()} (on the same port) make
 * "Redis goes down mid-test"; {@link #freeze()} makes a Redis that accepts connections but never
 * answers. Close it when done (try-with-resources or {@code @AfterAll}); a JVM that exits
 * without closing still kills it.
 *
 * <p>Needs the {@code redis-server} binary: on the PATH, in /usr/bin, /usr/local/bin, or named by
 * the environment variable {@code REDIS_SERVER}. Without it {@link #start} fails, with the
 * command that installs it; tests never skip for want of Redis.
 */
public final class RedisServer implements AutoCloseable {
    private static final long READY_TIMEOUT_MILLIS = 10_000;
    static final String MISSING = "these tests need a real redis-server, and none was found on the PATH, in /usr/bin or"
            + " /usr/local/bin, or at the path in the environment variable REDIS_SERVER. Install it with"
            + " `sudo apt-get install redis-server` (Debian, Ubuntu) or `brew install redis` (macOS),"
            + " or run .ci/run, which installs it.";

    private final Path binary;
    private final List<String> extraArguments;
    private final Path directory;
    private final int port;
    private final Thread killOnExit;
    private Process process;

    private RedisServer(Path binary, List<String> extraArguments, Path directory, int port) {
        this.binary = binary;
        this.extraArguments = extraArguments;
        this.directory = directory;
        this.port = port;
        this.killOnExit = new Thread(this::kill, "redis-server-" + port + "-kill");
    }

    /** Starts a Redis without a password. */
    public static RedisServer start() {
        return start(List.of());
    }

    /** Starts a Redis whose default user needs {@code password}. */
    public static RedisServer startRequiringPassword(String password) {
        return start(List.of("--requirepass", password));
    }

    /**
     * Starts a Redis with more configuration directives: {@code --name} then each word of the
     * value as its own argument, for example {@code List.of("--user", "alice", "on", ">secret",
     * "~*", "&*", "+@all")}.
     */
    public static RedisServer start(List<String> extraArguments) {
        Path binary = binary();
        Path directory = temporaryDirectory();
        RuntimeException last = null;
        // A free port can be taken between the probe and redis-server's bind: try a few.
        for (int attempt = 0; attempt < 3; attempt++) {
            RedisServer server = new RedisServer(binary, List.copyOf(extraArguments), directory, freePort());
            try {
                server.launch();
                Runtime.getRuntime().addShutdownHook(server.killOnExit);
                return server;
            } catch (RuntimeException e) {
                server.kill();
                last = e;
            }
        }
        new RedisServer(binary, List.of(), directory, 0).deleteDirectory();
        throw last;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:port}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Whether the server process runs (a frozen one included). */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the server as an outage would: clients see refused connections from now on. */
    public void stop() {
        kill();
    }

    /** Starts the server again on the same port, empty, and waits until it answers. */
    public void restart() {
        kill();
        launch();
    }

    /**
     * Stops the process without closing its sockets (SIGSTOP): connections open, commands get no
     * answer, as with a Redis stuck or behind a dead network path. {@link #thaw()} resumes it.
     */
    public void freeze() {
        signal("STOP");
    }

    public void thaw() {
        signal("CONT");
    }

    /** Stops the server and removes its directory. */
    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is exiting; the hook runs anyway
        }
        deleteDirectory();
    }

    @Override
    public String toString() {
        return "RedisServer[" + url() + (isRunning() ? "" : ", stopped") + "]";
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                directory.toString(),
                "--logfile",
                ""));
        command.addAll(extraArguments);
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + binary, e);
        }
        awaitAnswer();
    }

    /** Waits until the server answers PING (+PONG, or -NOAUTH when it wants a password). */
    private void awaitAnswer() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + " on port " + port
                        + " before answering; its log:\n" + log());
            }
            if (answersPing()) {
                return;
            }
            pause(20);
        }
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
                + READY_TIMEOUT_MILLIS + " ms; its log:\n" + log());
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int first = socket.getInputStream().read();
            return first == '+' || first == '-';
        } catch (IOException e) {
            return false;
        }
    }

    private void kill() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        // SIGKILL reaches a frozen process too, and an outage is what the tests want.
        running.destroyForcibly();
        try {
            if (!running.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server on port " + port + " did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void signal(String signal) {
        if (!isRunning()) {
            throw new IllegalStateException("redis-server on port " + port + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " failed for redis-server on port " + port);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String log() {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("redis.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void deleteDirectory() {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind harms no test
        }
    }

    /** Where redis-server is, or a failure that says how to install it. */
    static Path binary() {
        return binary(System.getenv(), List.of("/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"));
    }

    static Path binary(Map<String, String> environment, List<String> usualDirectories) {
        Stream<Path> configured =
                Stream.ofNullable(environment.get("REDIS_SERVER")).map(Path::of);
        Stream<Path> onPath = Stream.of(environment.getOrDefault("PATH", "").split(":"))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry, "redis-server"));
        Stream<Path> usual = usualDirectories.stream().map(directory -> Path.of(directory, "redis-server"));
        return Stream.concat(configured, Stream.concat(onPath, usual))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(MISSING));
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("redis-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }
}
