package cn.loopgate.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like HTTP session without a browser: signs in through the login form (JSF view state
 * and all) and keeps the session cookie, which can be sent to any node of a cluster.
 */
public final class WebSession {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    public HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Sends any request with this session's cookies (e.g. an API call a page's browser would make). */
    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The JSF view state of a rendered page (the first form's; with server-side state all forms share it). */
    public static String viewState(String page) {
        Matcher m = VIEW_STATE.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no view state on the page");
        }
        return m.group(1);
    }

    /**
     * The page's PrimeFaces CSP nonce: the browser's script sends it back with every postback
     * ({@code primefaces.nonce}); a post without it is refused.
     */
    public static String nonce(String page) {
        Matcher m = Pattern.compile("nonce=\"([^\"]+)\"").matcher(page);
        return m.find() ? m.group(1) : "";
    }

    /**
     * Posts a form as a browser would: the fields in order, URL-encoded as UTF-8; with {@code ajax}, as
     * PrimeFaces' partial request from {@code source} (the answer is a partial-response XML).
     */
    public HttpResponse<String> postForm(String url, java.util.Map<String, String> fields, String source, boolean ajax)
            throws IOException, InterruptedException {
        StringBuilder form = new StringBuilder();
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(fields);
        if (ajax) {
            all.put("jakarta.faces.partial.ajax", "true");
            all.put("jakarta.faces.source", source);
            all.put("jakarta.faces.partial.execute", "@all");
            all.put("jakarta.faces.partial.render", "@all");
        }
        all.put(source, source);
        all.forEach((k, v) -> form.append(form.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        if (ajax) {
            b.header("Faces-Request", "partial/ajax").header("X-Requested-With", "XMLHttpRequest");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Signs in on {@code base}; true when the portal answered with the redirect into the app. */
    public boolean login(String base, String user, String password) throws IOException, InterruptedException {
        return login(base, user, password, false);
    }

    /** Signs in, ticking "keep me signed in on this device" when {@code remember}. */
    public boolean login(String base, String user, String password, boolean remember) throws IOException, InterruptedException {
        String page = get(base + "/login.xhtml").body();
        Matcher m = VIEW_STATE.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no view state on the login page");
        }
        String form = "login=login&login%3Ausername=" + enc(user) + "&login%3Apassword=" + enc(password)
                + (remember ? "&login%3Aremember_input=on" : "")
                + "&login%3Asubmit=&jakarta.faces.ViewState=" + enc(m.group(1));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login.xhtml"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return r.statusCode() == 302 && r.headers().firstValue("Location").orElse("").endsWith("/index.xhtml");
    }

    /** The session cookie is host-scoped; copy it to another node's address and port. */
    public void sameCookiesFor(String otherBase) {
        URI other = URI.create(otherBase);
        List.copyOf(cookies.getCookieStore().getCookies()).forEach(c -> {
            java.net.HttpCookie copy = (java.net.HttpCookie) c.clone();
            cookies.getCookieStore().add(other, copy);
        });
    }

    /** The value of a cookie this session holds, or null. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    /** Forgets a cookie, as when a browser ends the session or a phone is handed over without it. */
    public void dropCookie(String name) {
        List.copyOf(cookies.getCookieStore().getCookies()).stream().filter(c -> c.getName().equals(name))
                .forEach(c -> cookies.getCookieStore().getURIs().forEach(u -> cookies.getCookieStore().remove(u, c)));
        List.copyOf(cookies.getCookieStore().getCookies()).stream().filter(c -> c.getName().equals(name))
                .forEach(c -> cookies.getCookieStore().remove(null, c));
    }

    /** Sets a cookie for {@code base} (e.g. a copied one, as a thief would replay it). */
    public void putCookie(String base, String name, String value) {
        java.net.HttpCookie c = new java.net.HttpCookie(name, value);
        c.setPath("/");
        c.setVersion(0);
        cookies.getCookieStore().add(URI.create(base), c);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
