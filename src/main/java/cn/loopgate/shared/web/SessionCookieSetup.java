package cn.loopgate.shared.web;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The session cookie: HttpOnly, SameSite=Lax, and Secure unless {@code loopgate.cookie.secure=false}
 * (the embedded run on plain http://localhost sets that; production behind TLS keeps the default).
 */
@WebListener
public class SessionCookieSetup implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        boolean secure = ConfigProvider.getConfig().getOptionalValue("loopgate.cookie.secure", Boolean.class).orElse(true);
        cookie.setName("LOOPGATE_SESSION");
        cookie.setHttpOnly(true);
        cookie.setSecure(secure);
        cookie.setAttribute("SameSite", "Lax");
    }
}
