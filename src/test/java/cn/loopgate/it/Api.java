package cn.loopgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small client of the portal's REST API for tests: Basic auth as a demo user, JSON in and out. */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1: with the default h2c upgrade, one refused request (e.g. an over-long URL) closes the shared HTTP/2
    // connection and fails the other requests in flight on it (seen in ApiFuzzIT).
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String authorization;
    private final String language;
    private final String accept;

    /** A client signed in with Basic credentials, or anonymous when {@code user} is null. */
    public static Api basic(String base, String user, String password) {
        return new Api(base, user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)), "zh-CN",
                "application/json");
    }

    /** A client sending a bearer token (an access token from Keycloak). */
    public static Api bearer(String base, String token) {
        return new Api(base, "Bearer " + token, "zh-CN", "application/json");
    }

    private Api(String base, String authorization, String language, String accept) {
        this.base = base;
        this.authorization = authorization;
        this.language = language;
        this.accept = accept;
    }

    /** The same caller, asking for English messages. */
    public Api english() {
        return new Api(base, authorization, "en", accept);
    }

    /** The same caller, sending this Accept header (JSON first with any type as a fallback reaches PDF and Excel downloads too). */
    public Api accepting(String mediaRanges) {
        return new Api(base, authorization, language, mediaRanges);
    }

    /** A response: status, and the body as JSON (null when empty or not JSON). */
    public record Res(int status, JsonNode body, String raw, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            return body;
        }

        public String errorFor(String field) {
            if (body == null || !body.has("errors")) {
                return null;
            }
            for (JsonNode e : body.get("errors")) {
                if (field.equals(e.path("field").asText())) {
                    return e.path("message").asText();
                }
            }
            return null;
        }
    }

    public Res get(String path) {
        return send(builder(path).GET());
    }

    public Res delete(String path) {
        return send(builder(path).DELETE());
    }

    public Res post(String path, Object body) {
        return send(builder(path).header("Content-Type", "application/json").POST(bodyOf(body)));
    }

    public Res put(String path, Object body) {
        return send(builder(path).header("Content-Type", "application/json").PUT(bodyOf(body)));
    }

    public Res postRaw(String path, String contentType, String body) {
        return send(builder(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POSTs raw bytes (an upload such as a commitment letter). */
    public Res postBytes(String path, String contentType, byte[] body) {
        return send(builder(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public static ObjectNode obj() {
        return JSON.createObjectNode();
    }

    private HttpRequest.BodyPublisher bodyOf(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + (path.startsWith("/") ? path : "/api/v1/" + path)))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", accept)
                .header("Accept-Language", language);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private Res send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode node = null;
            try {
                node = r.body() == null || r.body().isBlank() ? null : JSON.readTree(r.body());
            } catch (IOException notJson) {
                // leave null; raw holds it
            }
            return new Res(r.statusCode(), node, r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
