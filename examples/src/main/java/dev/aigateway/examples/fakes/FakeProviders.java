package dev.aigateway.examples.fakes;

/**
 * The fake Gemini and the fake OpenAI together, each accepting one well-known fake key. The keys
 * open nothing but these fakes, so the examples may show them; real keys are never printed.
 */
public final class FakeProviders implements AutoCloseable {
    /** The only key the fake Gemini accepts. */
    public static final String GEMINI_KEY = "fake-gemini-key";

    /** The only key the fake OpenAI accepts. */
    public static final String OPENAI_KEY = "sk-fake-openai-key";

    private final FakeGemini gemini;
    private final FakeOpenAi openAi;

    private FakeProviders(FakeGemini gemini, FakeOpenAi openAi) {
        this.gemini = gemini;
        this.openAi = openAi;
    }

    /** Both fakes on free ports. */
    public static FakeProviders start() {
        return start(0, 0);
    }

    /** Both fakes on the given ports (0 picks a free one). */
    public static FakeProviders start(int geminiPort, int openAiPort) {
        FakeGemini gemini = FakeGemini.start(GEMINI_KEY, geminiPort);
        try {
            return new FakeProviders(gemini, FakeOpenAi.start(OPENAI_KEY, openAiPort));
        } catch (RuntimeException e) {
            gemini.close();
            throw e;
        }
    }

    public FakeGemini gemini() {
        return gemini;
    }

    public FakeOpenAi openAi() {
        return openAi;
    }

    @Override
    public void close() {
        try {
            openAi.close();
        } finally {
            gemini.close();
        }
    }
}
