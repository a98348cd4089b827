package dev.aigateway.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Starts a command (the gateway) and measures the time from launching it to the first 200 answer
 * of a request sent to it. The probe is a JVM already running when the command starts, and it
 * retries every millisecond with plain sockets, so that measuring costs the machine almost nothing
 * while the gateway starts: a shell loop spawning curl would compete with it for the CPU.
 *
 * <p>{@code java -cp bench.jar dev.aigateway.bench.StartupProbe --url URL [--header 'n: v']...
 * --body JSON --log FILE [--timeout-ms N] -- command...}
 *
 * <p>Prints {@code startup_ms=... pid=...} and leaves the command running; exits 1 if no 200 came
 * in time (the command is then stopped).
 */
public final class StartupProbe {
    private StartupProbe() {}

    public static void main(String[] args) throws Exception {
        URI url = null;
        List<String> headers = new ArrayList<>();
        String body = null;
        File log = null;
        long timeoutMillis = 30_000;
        int i = 0;
        for (; i < args.length && !args[i].equals("--"); i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--url" -> url = URI.create(value);
                case "--header" -> headers.add(value);
                case "--body" -> body = value;
                case "--log" -> log = new File(value);
                case "--timeout-ms" -> timeoutMillis = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<String> command = Arrays.asList(args).subList(Math.min(i + 1, args.length), args.length);
        if (url == null || body == null || log == null || command.isEmpty()) {
            System.err.println("usage: StartupProbe --url URL [--header 'n: v']... --body JSON --log FILE"
                    + " [--timeout-ms N] -- command...");
            System.exit(2);
            return;
        }
        byte[] request = FirstChunkProbe.request(url, headers, body);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        long start = System.nanoTime();
        Process process = builder.start();
        long deadline = start + timeoutMillis * 1_000_000;
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (answered(url, request)) {
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf(Locale.ROOT, "startup_ms=%d pid=%d%n", millis, process.pid());
                return;
            }
            Thread.sleep(1);
        }
        process.destroy();
        System.err.println("no 200 answer within " + timeoutMillis + " ms; see " + log);
        System.exit(1);
    }

    /** Whether one request on a new connection got a 200; false if the port is not open yet. */
    static boolean answered(URI url, byte[] request) {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] status = in.readNBytes(12);
            return new String(status, StandardCharsets.ISO_8859_1).equals("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }
}
