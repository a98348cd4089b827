# syntax=docker/dockerfile:1
#
# The AI Gateway server as a container image:
#
#   docker build -t aigateway .
#   docker run -p 8787:8787 -v "$PWD/gateway.yaml:/etc/gateway/gateway.yaml:ro" \
#     -e GATEWAY_CONFIG=/etc/gateway/gateway.yaml -e OPENAI_API_KEY -e GEMINI_API_KEY aigateway
#
# docs/deployment.md explains the image, the config file and running replicas behind a load
# balancer with Redis.

# 1. Build the shaded jar from this source tree (the reactor needs every module's POM, so the
#    whole tree is copied; .dockerignore keeps build output and Git data out).
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl gateway-server -am -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true package

# 2. The runtime: a JRE 21, the jar, and an AppCDS archive of the classes a serving gateway loads.
#    The archive is made here, by this image's own JVM, from a training run (an archive only works
#    with the JVM build and the jar it was made from), so the container answers its first request
#    sooner.
FROM eclipse-temurin:21-jre
WORKDIR /app
COPY --from=build /src/gateway-server/target/gateway-server.jar /app/gateway-server.jar
COPY docker/cds-training.sh /app/cds-training.sh
RUN bash /app/cds-training.sh /app/gateway-server.jar /app/gateway.jsa \
    && rm /app/cds-training.sh \
    && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin gateway
USER 10001
EXPOSE 8787
# Probes /health with bash alone (the JRE image may have no curl). Set PORT, not server.port in the
# file, when the gateway listens elsewhere, so that this probe follows.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-8787} && printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# The small-footprint JVM settings of docs/configuration.md, the archive, and every address of the
# container. SIGTERM drains for --drain-seconds (30 by default): give `docker stop` more time than
# that (docker stop -t 35).
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xmx128m", "-XX:SharedArchiveFile=/app/gateway.jsa", "-jar", "/app/gateway-server.jar", "--host", "0.0.0.0"]
