package cn.loopgate.shared.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The CSP's form-action names the OpenID Connect issuer's origin only, read from plain configuration. */
class SecurityHeadersFilterTest {

    @Test
    void theOriginOfTheIssuerKeepsSchemeHostAndPortOnly() {
        assertEquals("https://sso.example.cn", SecurityHeadersFilter.origin("https://sso.example.cn/realms/loopgate"));
        assertEquals("http://127.0.0.1:8180", SecurityHeadersFilter.origin(" http://127.0.0.1:8180/realms/loopgate/ "));
    }

    @Test
    void noIssuerNoExtraOrigin() {
        assertNull(SecurityHeadersFilter.origin(""));
        assertNull(SecurityHeadersFilter.origin("   "));
    }
}
