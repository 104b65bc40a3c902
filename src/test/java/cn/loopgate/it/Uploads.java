package cn.loopgate.it;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Raw-bytes uploads and downloads for the roster import API (the JSON client {@link Api} sends text only). */
final class Uploads {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private Uploads() {
    }

    record Bytes(int status, byte[] body, String contentType) {
        JsonNode json() {
            try {
                return Api.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static Bytes post(Portal portal, String user, String path, String fileName, byte[] data) {
        return post(portal, user, path, fileName, data, false);
    }

    /**
     * With {@code expectContinue}, the body is sent only once the server asks for it (HTTP 100): a server
     * that refuses by the headers (too large) answers without reading, as a browser or curl would see.
     */
    static Bytes post(Portal portal, String user, String path, String fileName, byte[] data, boolean expectContinue) {
        String q = fileName == null ? "" : "?fileName=" + URLEncoder.encode(fileName, StandardCharsets.UTF_8);
        return send(portal, user, HttpRequest.newBuilder(URI.create(portal.baseUrl() + "/api/v1/" + path + q))
                .expectContinue(expectContinue).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(data)));
    }

    static Bytes get(Portal portal, String user, String path) {
        return send(portal, user, HttpRequest.newBuilder(URI.create(portal.baseUrl() + "/api/v1/" + path)).GET());
    }

    private static Bytes send(Portal portal, String user, HttpRequest.Builder b) {
        b.timeout(Duration.ofSeconds(120)).header("Accept-Language", "en")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + TestData.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Bytes(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
