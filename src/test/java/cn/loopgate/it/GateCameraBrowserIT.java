package cn.loopgate.it;

import cn.loopgate.permit.PermitType;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard points the phone's camera at a real permit: Chromium's fake camera plays a video of the permit's
 * QR code (frames drawn with ZXing, written as Y4M), the page decodes it with jsQR and shows VALID from the
 * server. Then the network drops (Chromium's network emulation): the next scan is verified on the phone
 * (signature with WebCrypto Ed25519, cached revocation list), shown as offline and queued; when the network
 * returns the queued scan is uploaded and lands in the scan log with its original time and offline verdict.
 */
class GateCameraBrowserIT {

    /** Frames per second of the fake camera video, and the cycle: the code shown, then an empty view. */
    private static final int FPS = 5;
    private static final int SHOWN_FRAMES = 10;
    private static final int EMPTY_FRAMES = 35;

    @Test
    void cameraScanOnlineThenOfflineThenUploaded() throws Exception {
        Portal portal = Portal.get();
        Api admin = portal.api("admin");
        long firm = TestData.newFirm(admin, "CD-HTP", false, 20);
        Instant now = Instant.parse(admin.get("test/clock").json().get("now").asText());
        long id = PermitFixtures.insert(portal, PermitType.CARD, firm, "沙悟净", "110105199001016666",
                now.minus(1, ChronoUnit.DAYS), now.plus(14, ChronoUnit.DAYS));
        String manager = TestData.newUser(admin, "FIRM_MANAGER", firm);
        String qr = portal.api(manager).get("permits/" + id).json().get("qr").asText();
        String guard = TestData.newUser(admin, "GUARD", null);
        TestData.gate(admin, "CD-HTP", "摄像头岗", guard);
        Path video = Files.createTempFile("loopgate-permit-", ".y4m");
        writeVideo(video, qr, 480, 360);

        try (Browser b = Browser.open(portal.baseUrl(), true, "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream", "--use-file-for-fake-video-capture=" + video,
                "--autoplay-policy=no-user-gesture-required")) {
            b.viewport(390, 844);
            b.login(guard);
            b.go("/gate/verify.xhtml");
            // online: the camera reads the code, the server decides
            WebElement box = b.waitFor(By.id("verdictBox"));
            waitUntil(b, () -> box.getAttribute("class").contains("lg-verdict-VALID"), "camera verdict VALID");
            assertEquals("online", box.getAttribute("data-source"));
            assertEquals("有效", b.driver.findElement(By.id("verdict")).getText());
            assertEquals("沙*净", b.driver.findElement(By.id("holder")).getText());
            assertEquals("摄像头岗", b.driver.findElement(By.id("scanGate")).getText());
            assertEquals("on", b.driver.findElement(By.id("lg-scanner")).getAttribute("data-camera"));
            assertEquals("ok", b.driver.findElement(By.id("lg-scanner")).getAttribute("data-feedback"));
            b.screenshot("gate-camera-390");
            // the page is kept for offline use (service worker) and the list is cached
            waitUntil(b, () -> b.driver.findElement(By.id("lg-scanner")).getAttribute("data-cached") != null, "service worker cached the page");
            assertTrue(Integer.parseInt(b.driver.findElement(By.id("lg-scanner")).getAttribute("data-cached")) >= 3,
                    "page, scripts and styles kept");
            Object cachedPage = ((JavascriptExecutor) b.driver).executeAsyncScript(
                    "var done = arguments[arguments.length - 1]; caches.match(location.href).then(function (r) { done(!!r); });");
            assertEquals(Boolean.TRUE, cachedPage, "the page itself is in the service worker's cache");
            b.waitForText(By.id("lg-net-list"), "吊销名单更新于");
            long onlineScans = PermitFixtures.count(portal, "select count(*) from gate_scan where permit_id = ?", id);

            // offline: the next pass of the code is verified on the phone and queued
            ChromiumNetworkConditions off = new ChromiumNetworkConditions();
            off.setOffline(true);
            ((ChromeDriver) b.driver).setNetworkConditions(off);
            waitUntil(b, () -> "offline".equals(b.driver.findElement(By.id("verdictBox")).getAttribute("data-source")), "offline verdict");
            assertTrue(b.driver.findElement(By.id("verdictBox")).getAttribute("class").contains("lg-verdict-VALID"));
            assertEquals("有效", b.driver.findElement(By.id("verdict")).getText());
            assertEquals(String.valueOf(id), b.driver.findElement(By.id("number")).getText(), "the permit id from the signed code");
            String net = b.driver.findElement(By.id("lg-net")).getText();
            assertTrue(net.contains("离线") && net.contains("吊销名单更新于") && net.contains("待上传"), net);
            b.screenshot("gate-camera-offline-390");
            assertEquals(onlineScans, PermitFixtures.count(portal, "select count(*) from gate_scan where permit_id = ?", id),
                    "nothing reached the server while offline");

            // a forged code pasted offline is refused on the phone too
            String forged = qr.substring(0, 30) + (qr.charAt(30) == 'A' ? 'B' : 'A') + qr.substring(31);
            WebElement field = b.driver.findElement(By.id("gate:content"));
            field.sendKeys(forged);
            b.driver.findElement(By.id("gate:verify")).click();
            b.waitForText(By.id("verdict"), "伪造");
            assertEquals("offline", b.driver.findElement(By.id("verdictBox")).getAttribute("data-source"));

            // back online: the queue is uploaded with the original scan times
            ((ChromeDriver) b.driver).deleteNetworkConditions();
            ((JavascriptExecutor) b.driver).executeScript("window.dispatchEvent(new Event('online'));");
            b.waitForText(By.id("lg-net-queue"), "已上传");
            assertTrue(PermitFixtures.count(portal, "select count(*) from gate_scan where permit_id = ? and offline_result = 'VALID'"
                    + " and result = 'VALID' and uploaded_at is not null and scanned_at < uploaded_at", id) >= 1);
            assertTrue(PermitFixtures.count(portal, "select count(*) from gate_scan where guard = ? and offline_result = 'FORGED'"
                    + " and result = 'FORGED'", guard) == 1);
            b.screenshot("gate-camera-uploaded-390");
            b.viewport(1440, 900);
            ((JavascriptExecutor) b.driver).executeScript("window.scrollTo(0, 0);");
            b.screenshot("gate-camera-1440");
        } finally {
            Files.deleteIfExists(video);
        }
    }

    /**
     * A real outage, not an emulated one: the browser reaches the portal through a small TCP relay, which the
     * test closes. The page is reloaded with the server out of reach: the service worker serves its copy, the
     * page says it is offline, a pasted code is verified on the phone and queued; the relay opens again and the
     * queue is uploaded.
     */
    @Test
    void thePageReloadsOfflineFromItsServiceWorkerAndUploadsLater() throws Exception {
        Portal portal = Portal.get();
        Api admin = portal.api("admin");
        long firm = TestData.newFirm(admin, "CD-HTP", false, 20);
        Instant now = Instant.parse(admin.get("test/clock").json().get("now").asText());
        long id = PermitFixtures.insert(portal, PermitType.CARD, firm, "牛魔王", "110105199001019999",
                now.minus(1, ChronoUnit.DAYS), now.plus(14, ChronoUnit.DAYS));
        String qr = portal.api(TestData.newUser(admin, "FIRM_MANAGER", firm)).get("permits/" + id).json().get("qr").asText();
        String guard = TestData.newUser(admin, "GUARD", null);
        TestData.gate(admin, "CD-HTP", "断网岗", guard);
        java.net.URI target = java.net.URI.create(portal.baseUrl());
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (Relay relay = new Relay(port, target.getHost(), target.getPort());
             Browser b = Browser.open("http://localhost:" + port, true)) {
            relay.open();
            b.viewport(390, 844);
            b.login(guard);
            b.go("/gate/verify.xhtml");
            WebElement root = b.waitFor(By.id("lg-scanner"));
            waitUntil(b, () -> root.getAttribute("data-cached") != null, "service worker cached the page");
            b.waitForText(By.id("lg-net-list"), "吊销名单更新于");

            relay.close();
            b.driver.navigate().refresh();
            b.waitFor(By.id("lg-scanner"));
            b.waitForText(By.id("lg-net-state"), "离线");
            b.driver.findElement(By.id("gate:content")).sendKeys(qr);
            b.driver.findElement(By.id("gate:verify")).click();
            b.waitForText(By.id("verdict"), "有效");
            assertEquals("offline", b.driver.findElement(By.id("verdictBox")).getAttribute("data-source"));
            b.waitForText(By.id("lg-net-queue"), "1 条离线扫码待上传");
            b.screenshot("gate-reloaded-offline-390");
            assertEquals(0, PermitFixtures.count(portal, "select count(*) from gate_scan where permit_id = ?", id));

            relay.open();
            ((JavascriptExecutor) b.driver).executeScript("window.dispatchEvent(new Event('online'));");
            b.waitForText(By.id("lg-net-queue"), "已上传 1 条离线扫码");
            assertEquals(1, PermitFixtures.count(portal, "select count(*) from gate_scan where permit_id = ? and guard = ?"
                    + " and offline_result = 'VALID' and result = 'VALID' and uploaded_at is not null", id, guard));
        }
    }

    /** Relays TCP connections from a local port to the portal; closing it cuts every open connection at once. */
    static final class Relay implements AutoCloseable {
        private final int port;
        private final String host;
        private final int targetPort;
        private final java.util.Set<java.net.Socket> sockets = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "gate-relay");
            t.setDaemon(true);
            return t;
        });
        private volatile java.net.ServerSocket server;

        Relay(int port, String host, int targetPort) {
            this.port = port;
            this.host = host;
            this.targetPort = targetPort;
        }

        void open() throws IOException {
            java.net.ServerSocket s = new java.net.ServerSocket();
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            server = s;
            threads.submit(() -> accept(s));
        }

        private void accept(java.net.ServerSocket s) {
            while (!s.isClosed()) {
                try {
                    java.net.Socket in = s.accept();
                    java.net.Socket out = new java.net.Socket(host, targetPort);
                    sockets.add(in);
                    sockets.add(out);
                    threads.submit(() -> pipe(in, out));
                    threads.submit(() -> pipe(out, in));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void pipe(java.net.Socket from, java.net.Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException e) {
                // the other side or the test closed it
            } finally {
                quietly(from);
                quietly(to);
            }
        }

        private void quietly(java.io.Closeable c) {
            try {
                c.close();
            } catch (IOException e) {
                // closing anyway
            }
            if (c instanceof java.net.Socket socket) {
                sockets.remove(socket);
            }
        }

        /** Stops accepting and cuts every open connection; {@link #open()} listens again on the same port. */
        @Override
        public void close() {
            if (server != null) {
                quietly(server);
            }
            for (java.net.Socket s : java.util.List.copyOf(sockets)) {
                quietly(s);
            }
        }
    }

    private static void waitUntil(Browser b, java.util.function.BooleanSupplier condition, String what) {
        try {
            new WebDriverWait(b.driver, Duration.ofSeconds(40)).until(d -> {
                try {
                    return condition.getAsBoolean();
                } catch (org.openqa.selenium.WebDriverException e) {
                    return false;
                }
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            b.evidence("timeout-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
            throw new AssertionError("waited 40 s for: " + what + "; console: " + b.console(), e);
        }
    }

    /**
     * A YUV4MPEG2 (4:2:0) video: the QR code, black on white in the middle of a grey scene, for a couple of
     * seconds, then an empty scene, so that a scanner that ignores a code held still sees it anew each loop.
     */
    static void writeVideo(Path file, String content, int width, int height) throws Exception {
        BitMatrix m = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0,
                Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        int scale = Math.min(width, height) * 9 / 10 / m.getWidth();
        int size = m.getWidth() * scale;
        int x0 = (width - size) / 2;
        int y0 = (height - size) / 2;
        byte[] shown = new byte[width * height];
        byte[] empty = new byte[width * height];
        Arrays.fill(shown, (byte) 120);
        Arrays.fill(empty, (byte) 120);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                shown[(y0 + y) * width + x0 + x] = (byte) (m.get(x / scale, y / scale) ? 16 : 235);
            }
        }
        byte[] chroma = new byte[(width / 2) * (height / 2)];
        Arrays.fill(chroma, (byte) 128);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("YUV4MPEG2 W" + width + " H" + height + " F" + FPS + ":1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
            for (int f = 0; f < SHOWN_FRAMES + EMPTY_FRAMES; f++) {
                frame(out, f < SHOWN_FRAMES ? shown : empty, chroma);
            }
        }
    }

    private static void frame(OutputStream out, byte[] luma, byte[] chroma) throws IOException {
        out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
        out.write(luma);
        out.write(chroma);
        out.write(chroma);
    }
}
