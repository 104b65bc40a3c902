package cn.loopgate.it;

import cn.loopgate.permit.PermitService;
import cn.loopgate.permit.PermitType;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Permits inserted straight into the table, PDFs fetched as bytes, QR codes read from rendered pages. */
final class PermitFixtures {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PermitFixtures() {
    }

    /** Inserts an ACTIVE permit for the firm (in its park) and returns its id. */
    static long insert(Portal portal, PermitType type, long firmId, String holderName, String holderKey,
                       Instant validFrom, Instant validTo) throws SQLException {
        return insert(portal.db.dataSource(), type, firmId, holderName, holderKey, validFrom, validTo);
    }

    static long insert(javax.sql.DataSource db, PermitType type, long firmId, String holderName, String holderKey,
                       Instant validFrom, Instant validTo) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("insert into permit (type, number, firm_id, park_id, holder_name, holder_digest,"
                     + " valid_from, valid_to, issued_at, issued_by) select ?, ?, f.id, f.park_id, ?, ?, ?, ?, now(), 'it'"
                     + " from firm f where f.id = ? returning id")) {
            s.setString(1, type.name());
            s.setString(2, type.prefix() + "-IT-" + System.nanoTime());
            s.setString(3, holderName);
            s.setString(4, PermitService.digest(type, holderKey));
            s.setTimestamp(5, Timestamp.from(validFrom));
            s.setTimestamp(6, Timestamp.from(validTo));
            s.setLong(7, firmId);
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    static void sql(Portal portal, String statement, Object... args) throws SQLException {
        try (Connection c = portal.db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    static long count(Portal portal, String query, Object... args) throws SQLException {
        return count(portal.db.dataSource(), query, args);
    }

    static long count(javax.sql.DataSource db, String query, Object... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(query)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    /** GET as a user (Basic auth); status and body bytes. */
    record Bytes(int status, String contentType, byte[] body) {
    }

    static Bytes download(Portal portal, String user, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(portal.baseUrl() + path)).timeout(Duration.ofSeconds(120));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + TestData.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<byte[]> r = HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Bytes(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    /** The QR texts on a page of a PDF, top to bottom, left to right. */
    static List<String> qrCodes(byte[] pdf, int page) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            BufferedImage img = new PDFRenderer(doc).renderImageWithDPI(page, 200, ImageType.GRAY);
            Result[] results = new QRCodeMultiReader().decodeMultiple(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(img))),
                    Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
            List<Result> sorted = new ArrayList<>(List.of(results));
            sorted.sort(Comparator.comparingDouble((Result r) -> Math.round(r.getResultPoints()[0].getY() / 50))
                    .thenComparingDouble(r -> r.getResultPoints()[0].getX()));
            return sorted.stream().map(Result::getText).toList();
        }
    }

    /** Reads until the answer passes the check or the time is up (then the last answer, for the assertion). */
    static <T> T eventually(java.util.function.Supplier<T> read, java.util.function.Predicate<T> done, Duration within)
            throws InterruptedException {
        Instant end = Instant.now().plus(within);
        T last = read.get();
        while (!done.test(last) && Instant.now().isBefore(end)) {
            Thread.sleep(250);
            last = read.get();
        }
        return last;
    }
}
