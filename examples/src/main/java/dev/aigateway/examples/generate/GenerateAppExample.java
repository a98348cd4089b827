package dev.aigateway.examples.generate;

import dev.aigateway.examples.Example;
import dev.aigateway.examples.FallbackDemo;
import dev.aigateway.examples.WalkthroughConfig;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code generate-app}: runs {@link GenerateApp} with settings from the environment until stopped. */
public final class GenerateAppExample implements Example {
    private final Map<String, String> env;

    public GenerateAppExample() {
        this(System.getenv());
    }

    public GenerateAppExample(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "generate-app";
    }

    @Override
    public String summary() {
        return "the walkthrough's web app: POST /generate {\"prompt\": ...} through a running gateway";
    }

    @Override
    public String usage() {
        return "(no options; set GEMINI_API_KEY, OPENAI_API_KEY, GATEWAY_URL, PORT)";
    }

    @Override
    public int run(List<String> args, PrintStream out) throws InterruptedException {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("generate-app takes no options, only environment variables");
        }
        GenerateApp app = start(out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.close();
                            stopped.countDown();
                        },
                        "generate-app-shutdown"));
        stopped.await();
        return 0;
    }

    /** Starts the app and prints where it listens and how it is set up (keys as set or missing). */
    public GenerateApp start(PrintStream out) {
        GenerateSettings settings = GenerateSettings.fromEnvironment(env);
        GenerateApp app = GenerateApp.start(settings);
        out.println("generate-app listening on " + app.url());
        out.println("  gateway: " + settings.gatewayUrl());
        out.println("  model asked for: " + settings.model());
        out.println("  GEMINI_API_KEY: " + (settings.gemini().apiKey().isPresent() ? "set" : "missing"));
        out.println("  OPENAI_API_KEY: " + (settings.openAi().apiKey().isPresent() ? "set" : "missing"));
        out.println("  config: "
                + WalkthroughConfig.masked(WalkthroughConfig.fallback(settings.gemini(), settings.openAi())));
        if (settings.gemini().apiKey().isEmpty()) {
            out.println("  Without a Gemini key, Gemini refuses and the gateway falls back to GPT-4o.");
        }
        if (settings.gemini().apiKey().isEmpty() && settings.openAi().apiKey().isEmpty()) {
            out.println("  warning: no key at all; every /generate will get a 502 from the providers' refusals.");
        }
        out.println("  try: curl -s " + app.url() + "/generate -H 'content-type: application/json' -d '{\"prompt\": \""
                + FallbackDemo.QUESTION + "\"}'");
        out.println("Stop with Ctrl-C.");
        return app;
    }
}
