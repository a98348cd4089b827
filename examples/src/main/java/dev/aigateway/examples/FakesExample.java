package dev.aigateway.examples;

import dev.aigateway.examples.fakes.FakeProviders;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code fakes}: only the fake Gemini and fake OpenAI, for the offline walkthrough with a separate
 * gateway and {@code generate-app}. Prints their URLs and the environment variables that point
 * {@code generate-app} at them, then runs until stopped.
 */
public final class FakesExample implements Example {
    public static final int DEFAULT_GEMINI_PORT = 8791;
    public static final int DEFAULT_OPENAI_PORT = 8792;

    @Override
    public String name() {
        return "fakes";
    }

    @Override
    public String summary() {
        return "just the fake Gemini and OpenAI, with the env vars that point generate-app at them";
    }

    @Override
    public String usage() {
        return "[--gemini-port N] [--openai-port N]   (defaults " + DEFAULT_GEMINI_PORT + " and " + DEFAULT_OPENAI_PORT
                + "; 0 picks a free port)";
    }

    @Override
    public int run(List<String> args, PrintStream out) throws InterruptedException {
        FakeProviders fakes = start(args, out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            fakes.close();
                            stopped.countDown();
                        },
                        "fakes-shutdown"));
        stopped.await();
        return 0;
    }

    /** Starts the fakes on the ports {@code args} give and prints how to use them. */
    public FakeProviders start(List<String> args, PrintStream out) {
        int geminiPort = DEFAULT_GEMINI_PORT;
        int openAiPort = DEFAULT_OPENAI_PORT;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--gemini-port") && i + 1 < args.size()) {
                geminiPort = port(args.get(++i));
            } else if (arg.equals("--openai-port") && i + 1 < args.size()) {
                openAiPort = port(args.get(++i));
            } else {
                throw new IllegalArgumentException("unknown or incomplete option: " + arg);
            }
        }
        FakeProviders fakes = FakeProviders.start(geminiPort, openAiPort);
        out.println("Fake providers on 127.0.0.1 (offline; each accepts only its fake key):");
        out.println("  fake Gemini: " + fakes.gemini().url());
        out.println("  fake OpenAI: " + fakes.openAi().url());
        out.println();
        out.println("Point generate-app at them (these fake keys open nothing else):");
        out.println("  export GEMINI_API_KEY=" + FakeProviders.GEMINI_KEY);
        out.println("  export OPENAI_API_KEY=" + FakeProviders.OPENAI_KEY);
        out.println("  export GEMINI_BASE_URL=" + fakes.gemini().url());
        out.println("  export OPENAI_BASE_URL=" + fakes.openAi().url());
        out.println("Stop with Ctrl-C.");
        return fakes;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("not a port: " + value);
    }
}
