package cn.loopgate.identity;

import cn.loopgate.shared.Messages;
import cn.loopgate.shared.rest.Problems;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Locale;

/**
 * What the sign-in mechanisms answer themselves, before any resource runs: a 401 with its challenge, or a short
 * failure (503 while the database is away). The API gets the portal's problem+json ({@link Problems#write});
 * a page gets a small HTML page in the caller's language.
 */
public final class Answers {

    private Answers() {
    }

    /** The request is for the API (problem+json and 401s), not a page (redirects to sign in). */
    public static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    /** 401 with a challenge: {@code Basic} for the built-in login, {@code Bearer} with an identity provider. */
    public static AuthenticationStatus unauthorized(HttpServletRequest request, HttpServletResponse response, String challenge) {
        try {
            response.setHeader("WWW-Authenticate", challenge);
            Problems.write(request, response, 401, "error.unauthenticated");
        } catch (IOException e) {
            // The client went away; nothing to tell it.
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** A failure of the mechanism itself; a 503 carries Retry-After (the pool reconnects by itself). */
    public static AuthenticationStatus failure(HttpServletRequest request, HttpServletResponse response, int status, String code) {
        try {
            if (status == 503) {
                response.setHeader("Retry-After", "10");
            }
            if (isApi(request)) {
                Problems.write(request, response, status, code);
            } else {
                Locale locale = Messages.supported(request.getLocale());
                String title = Messages.get(locale, "http." + status);
                response.setStatus(status);
                response.setContentType("text/html;charset=UTF-8");
                response.getWriter().write("<!DOCTYPE html><html><head><title>" + title + "</title></head><body><h1>" + title
                        + "</h1><p>" + Messages.get(locale, code) + "</p></body></html>");
            }
        } catch (IOException e) {
            // The client went away.
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
