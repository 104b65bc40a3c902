package cn.loopgate.identity;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where to take a user after signing in: the page they asked for when they were sent to sign in. Only pages
 * are worth returning to (a GET of an {@code .xhtml} page or the root), not the browser's own fetches such
 * as {@code /favicon.ico}; both sign-in paths (the built-in form and the identity provider) use this.
 */
public final class ReturnTarget {

    /** Session attribute holding where to go after signing in. */
    public static final String ATTRIBUTE = "loopgate.returnTo";

    private ReturnTarget() {
    }

    /** The path of a request inside the application. */
    public static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** The page this request asks for, with its query, or null when it is not a page worth returning to. */
    public static String of(HttpServletRequest request) {
        String path = path(request);
        if ("GET".equals(request.getMethod()) && (path.endsWith(".xhtml") || path.equals("/"))) {
            return request.getQueryString() == null ? path : path + "?" + request.getQueryString();
        }
        return null;
    }

    /** Remembers this request's page in the session, when it is one. */
    public static void remember(HttpServletRequest request) {
        String target = of(request);
        if (target != null) {
            request.getSession(true).setAttribute(ATTRIBUTE, target);
        }
    }
}
