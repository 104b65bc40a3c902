package cn.loopgate.shared.web;

import jakarta.faces.application.ViewExpiredException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

/**
 * A page post whose view cannot be restored — expired, or a forged {@code jakarta.faces.ViewState} such as
 * {@code -1:-1} — gets the "page expired" page. The container's own error-page dispatch could not show it:
 * it forwards the same POST, view state and all, so the error page is itself a postback of an unknown view,
 * fails again, and the client got the 500 page (issue 19). Here the expired page is rendered as a fresh GET
 * without the view state; an AJAX post is told to go there (a partial-response redirect).
 */
@WebFilter(urlPatterns = "*.xhtml", asyncSupported = true)
public class ExpiredViewFilter extends HttpFilter {

    static final String PAGE = "/error/expired.xhtml";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!expired(e) || response.isCommitted()) {
                throw e;
            }
            response.reset();
            response.setHeader("Cache-Control", "no-store");
            if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
                response.setContentType("text/xml");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                        + request.getContextPath() + PAGE + "\"/></partial-response>");
                return;
            }
            request.getRequestDispatcher(PAGE).forward(new FreshGet(request), response);
        }
    }

    static boolean expired(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ViewExpiredException) {
                return true;
            }
        }
        return false;
    }

    /** The request as a plain GET without parameters, so the expired page is rendered, not restored. */
    private static final class FreshGet extends HttpServletRequestWrapper {
        FreshGet(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getParameter(String name) {
            return null;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Collections.emptyMap();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String[] getParameterValues(String name) {
            return null;
        }

        @Override
        public String getHeader(String name) {
            return "Faces-Request".equalsIgnoreCase(name) ? null : super.getHeader(name);
        }
    }
}
