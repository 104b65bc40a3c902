package cn.loopgate.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The X-Forwarded-* headers, believed only when the request comes straight from a proxy listed in
 * {@code loopgate.proxy.trusted-addresses} (env {@code LOOPGATE_PROXY_TRUSTED_ADDRESSES}, comma-separated
 * addresses, e.g. nginx's {@code 127.0.0.1}). Anyone else could send the header themselves, so without
 * the list (the default) the headers are ignored.
 */
public final class ForwardedHeaders {

    private static volatile Set<String> trusted;

    private ForwardedHeaders() {
    }

    /** Whether the browser's connection was HTTPS: our own TLS, or a trusted proxy saying so. */
    public static boolean isSecure(HttpServletRequest request) {
        if (request.isSecure()) {
            return true;
        }
        String proto = request.getHeader("X-Forwarded-Proto");
        return proto != null && "https".equalsIgnoreCase(proto.strip()) && fromTrustedProxy(request);
    }

    /**
     * The client's address: the TCP peer, or, when the peer is a trusted proxy, the last address of its
     * X-Forwarded-For (the one that proxy added; earlier entries are the client's to invent). The same rule as
     * the sign-in's source address ({@code identity.BuiltInSignIn}).
     */
    public static String clientAddress(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank() && fromTrustedProxy(request)) {
            String[] hops = forwarded.split(",");
            String last = hops[hops.length - 1].strip();
            return last.isEmpty() ? peer : last;
        }
        return peer;
    }

    static boolean fromTrustedProxy(HttpServletRequest request) {
        return trusted().contains(request.getRemoteAddr());
    }

    /** For tests: the trusted proxies without MicroProfile Config. */
    static void trust(Set<String> proxies) {
        trusted = Set.copyOf(proxies);
    }

    static Set<String> trusted() {
        Set<String> t = trusted;
        if (t == null) {
            t = parse(ConfigProvider.getConfig().getOptionalValue("loopgate.proxy.trusted-addresses", String.class).orElse(""));
            trusted = t;
        }
        return t;
    }

    static Set<String> parse(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
}
