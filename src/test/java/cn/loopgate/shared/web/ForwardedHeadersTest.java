package cn.loopgate.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** X-Forwarded-Proto counts only from a configured proxy: anyone else could send it. */
class ForwardedHeadersTest {

    @AfterEach
    void reset() {
        ForwardedHeaders.trust(Set.of());
    }

    private static HttpServletRequest request(String peer, boolean secure, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(ForwardedHeadersTest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "isSecure" -> secure;
                    case "getHeader" -> headers.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void httpsFromTheTrustedProxyCountsAsSecure() {
        ForwardedHeaders.trust(Set.of("127.0.0.1"));
        assertTrue(ForwardedHeaders.isSecure(request("127.0.0.1", false, Map.of("X-Forwarded-Proto", "https"))));
        assertFalse(ForwardedHeaders.isSecure(request("127.0.0.1", false, Map.of("X-Forwarded-Proto", "http"))));
        assertFalse(ForwardedHeaders.isSecure(request("127.0.0.1", false, Map.of())));
    }

    @Test
    void theHeaderFromAnyoneElseIsIgnored() {
        ForwardedHeaders.trust(Set.of("10.1.2.3"));
        assertFalse(ForwardedHeaders.isSecure(request("127.0.0.1", false, Map.of("X-Forwarded-Proto", "https"))));
        ForwardedHeaders.trust(Set.of());
        assertFalse(ForwardedHeaders.isSecure(request("10.1.2.3", false, Map.of("X-Forwarded-Proto", "https"))));
    }

    @Test
    void ownTlsIsSecureAndTheListIsParsed() {
        assertTrue(ForwardedHeaders.isSecure(request("192.0.2.9", true, Map.of())));
        assertEquals(Set.of("127.0.0.1", "::1"), ForwardedHeaders.parse(" 127.0.0.1, ::1 ,,"));
    }
}
