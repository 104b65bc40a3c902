package cn.loopgate.identity.oidc;

import cn.loopgate.identity.ReturnTarget;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;

/**
 * Where the provider sends the browser after signing in. By the time this runs,
 * {@link OidcSignIn} has redeemed the code and signed the caller in; this only
 * takes them on to the page they first asked for.
 */
@WebServlet(OidcSignIn.CALLBACK)
public class OidcCallbackServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        Object target = session == null ? null : session.getAttribute(ReturnTarget.ATTRIBUTE);
        if (session != null) {
            session.removeAttribute(ReturnTarget.ATTRIBUTE);
        }
        String path = target instanceof String s && s.startsWith("/") && !s.startsWith("//") && !s.startsWith(OidcSignIn.CALLBACK)
                ? s : "/index.xhtml";
        response.sendRedirect(request.getContextPath() + path);
    }
}
