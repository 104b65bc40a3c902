package cn.loopgate.shared.web;

import cn.loopgate.shared.Messages;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.primefaces.csp.CspException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A page post whose answer PrimeFaces' CSP nonce mode refuses to render (no nonce, or another page's:
 * a hand-made post, not a browser) is answered 400 with a short page in the user's language. Without
 * this the container forwards the same post to the JSF error page, which PrimeFaces refuses again, and
 * the client gets an empty 500. PrimeFaces checks the nonce before rendering, after the action ran: the
 * forgery guard is the view state (server-side, per session; docs/security.md), not the nonce. Plain
 * HTML from the message bundle, no script.
 */
@WebFilter(urlPatterns = "*.xhtml", asyncSupported = true)
public class RefusedFormFilter extends HttpFilter {

    @Inject
    LocaleBean language;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!refusedByCsp(e) || response.isCommitted()) {
                throw e;
            }
            // The language the user chose in this session (Chinese by default); no session is created for it.
            Locale locale = request.getSession(false) == null ? Messages.DEFAULT_LOCALE : Messages.supported(language.getCurrent());
            String text = Messages.get(locale, "error.formRefused");
            response.reset();
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("text/html");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader("Cache-Control", "no-store");
            response.getWriter().write("<!DOCTYPE html><html lang=\"" + (Messages.ENGLISH.equals(locale) ? "en" : "zh-CN")
                    + "\"><head><meta charset=\"utf-8\"><title>400</title></head><body><p id=\"formRefused\">"
                    + text + "</p><p><a href=\"" + request.getContextPath() + "/\">Loopgate</a></p></body></html>");
        }
    }

    static boolean refusedByCsp(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CspException) {
                return true;
            }
        }
        return false;
    }
}
