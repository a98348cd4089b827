package dev.aigateway.examples.langchain4j;

/** Structured output: AiServices turns the model's JSON answer into this record. */
public record Person(String name, int age) {}
