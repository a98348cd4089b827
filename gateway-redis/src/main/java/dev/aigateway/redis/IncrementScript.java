package dev.aigateway.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The counter of {@code SharedState.increment}: INCRBY, then PEXPIRE only when the key has no TTL,
 * which is when this call created it. A script runs atomically, so no replica sees a counter
 * without its TTL, and it works on every Redis since 2.6 (PEXPIRE's NX flag needs 7.0). The new
 * value is read back with GET: Lua holds numbers as doubles, which would round counters past
 * 2^53, while GET returns Redis's exact digits.
 */
final class IncrementScript {
    private static final byte[] SCRIPT = String.join(
                    "\n",
                    "redis.call('INCRBY', KEYS[1], ARGV[1])",
                    "if redis.call('PTTL', KEYS[1]) == -1 then",
                    "  redis.call('PEXPIRE', KEYS[1], ARGV[2])",
                    "end",
                    "return redis.call('GET', KEYS[1])")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA1 = sha1(SCRIPT);

    private IncrementScript() {}

    /** Runs the script by its digest, sending the source only when the server does not have it. */
    static long run(UnifiedJedis redis, byte[] key, List<byte[]> deltaAndTtl) {
        Object value;
        try {
            value = redis.evalsha(SHA1, List.of(key), deltaAndTtl);
        } catch (JedisNoScriptException e) {
            value = redis.eval(SCRIPT, List.of(key), deltaAndTtl);
        }
        return Long.parseLong(new String((byte[]) value, StandardCharsets.US_ASCII));
    }

    private static byte[] sha1(byte[] script) {
        try {
            String hex =
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script));
            return hex.getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
