package dev.aigateway.examples.langchain4j;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tool the model may call: LangChain4j describes {@link #add} to it and runs the call it asks for. */
public final class Calculator {
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @Tool("Adds two whole numbers and returns the sum")
    public long add(@P("the first number") long a, @P("the second number") long b) {
        calls.add("add(" + a + ", " + b + ")");
        return a + b;
    }

    /** The calls the model made, e.g. {@code add(1234, 5678)}. */
    public List<String> calls() {
        return List.copyOf(calls);
    }
}
