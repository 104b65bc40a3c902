package cn.loopgate.shared;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code jakarta.json.Json.createReader()} and its siblings look the provider up
 * through the {@code ServiceLoader} at every call, a scan of the class path's jars that was a tenth of the CPU of a
 * filing and of a gate scan (docs/performance.md, "Where a request's time went"). Use {@code Jsonp.PROVIDER.createX()}.
 */
public final class Jsonp {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {
    }
}
