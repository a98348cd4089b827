package dev.aigateway.server.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J backend of the server's jar (registered only there, so that an application embedding
 * the libraries keeps its own): the access log ({@code dev.aigateway.access}) goes to standard
 * output line by line, every other logger (Jedis, ...) to java.util.logging with the server's own
 * lines.
 */
public final class ServerLogging implements SLF4JServiceProvider {
    static final String ACCESS_LOGGER = "dev.aigateway.access";

    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory =
            name -> loggers.computeIfAbsent(name, n -> n.equals(ACCESS_LOGGER) ? new LineLogger(n) : new JulLogger(n));
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {}
}
