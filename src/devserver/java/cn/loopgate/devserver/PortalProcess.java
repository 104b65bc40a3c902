package cn.loopgate.devserver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The portal as production runs it: {@code java -jar payara-micro.jar --deploy loopgate.war}, a child
 * process configured only through environment variables, bound to 127.0.0.1 on its own port. Tests
 * can stop it gracefully or kill it (-9) and start it again.
 */
public final class PortalProcess implements AutoCloseable {

    private final Path payaraJar;
    private final Path war;
    private final Path workDir;
    private final int port;
    private final Map<String, String> env;
    private final boolean inheritIo;
    private final List<String> extraArgs;
    private Process process;

    public PortalProcess(Path payaraJar, Path war, Path workDir, int port, Map<String, String> env, boolean inheritIo,
                         List<String> extraArgs) {
        this.payaraJar = payaraJar;
        this.war = war;
        this.workDir = workDir;
        this.port = port;
        this.env = new LinkedHashMap<>(env);
        this.inheritIo = inheritIo;
        this.extraArgs = List.copyOf(extraArgs);
    }

    public static Path requiredFile(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.isRegularFile(Path.of(value))) {
            throw new IllegalStateException("System property " + property + " must name an existing file (got " + value
                    + "); run through Maven: mvn -Prun package or mvn verify");
        }
        return Path.of(value);
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Payara's http element: do not announce the server's name and version. */
    public static final String SERVER_HEADER_OFF =
            "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.server-header=false";

    /** Environment entry with extra JVM options of the node, separated by spaces. */
    public static final String JAVA_OPTS = "LOOPGATE_JAVA_OPTS";

    public Path log() {
        return workDir.resolve("server.log");
    }

    /** Starts the process and waits until the login page answers. */
    public PortalProcess start(Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        // A fresh runtime directory each start: a reused one redeploys the previous copy of the WAR too.
        deleteTree(workDir.resolve("payara"));
        Path preboot = workDir.resolve("preboot.asadmin");
        Files.writeString(preboot, String.join("\n",
                "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address="
                        + env.getOrDefault("LOOPGATE_BIND_ADDRESS", "127.0.0.1"),
                // No "Server: Payara Micro" banner on any answer (docs/security.md); docker/preboot.asadmin does the same.
                SERVER_HEADER_OFF,
                "") );
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + env.getOrDefault("LOOPGATE_HEAP", "768m"),
                "-XX:+UseSerialGC",
                "-Dfile.encoding=UTF-8",
                "-Djava.net.preferIPv4Stack=true"));
        // More JVM options, e.g. -XX:TieredStopAtLevel=1 for a node that lives a minute (a test's): a start
        // compiled by C1 alone is a fifth faster on two cores (docs/performance.md, "Starting a node").
        String javaOpts = env.getOrDefault(JAVA_OPTS, "").strip();
        if (!javaOpts.isEmpty()) {
            cmd.addAll(List.of(javaOpts.split("\\s+")));
        }
        cmd.addAll(List.of(
                "-jar", payaraJar.toString(),
                "--deploy", war.toString(),
                "--contextroot", "/",
                "--port", String.valueOf(port),
                "--rootdir", workDir.resolve("payara").toString(),
                "--prebootcommandfile", preboot.toString(),
                // HTTP worker threads near the pool's 32 connections: more only queue for connections and CPU.
                "--maxhttpthreads", env.getOrDefault("LOOPGATE_HTTP_THREADS", "32")));
        // Payara Micro's --nocluster and --interfaces leave Hazelcast listening on every interface; only a
        // configuration file binds it to one address. A node started without "--cluster" gets a grid of its own.
        Path hazelcast = workDir.resolve("hazelcast.xml");
        Files.writeString(hazelcast, hazelcastXml(extraArgs, port));
        cmd.add("--hzconfigfile");
        cmd.add(hazelcast.toString());
        cmd.addAll(withoutHazelcastArgs(extraArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        if (inheritIo) {
            pb.inheritIO();
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        }
        process = pb.start();
        awaitReady(timeout);
        return this;
    }

    private static final List<String> HAZELCAST_SWITCHES = List.of("--clustername", "--clustermode", "--startport", "--interfaces");

    /**
     * The data grid of this node from the cluster switches a test passes (--clustername, --clustermode
     * tcpip:host:port,..., --startport, --interfaces): bound to that one address (loopback by default), short
     * heartbeat and merge delays so a restarted node that lists one peer rejoins at once.
     */
    static String hazelcastXml(List<String> args, int httpPort) {
        boolean clustered = args.contains("--cluster");
        String name = clustered ? value(args, "--clustername", "loopgate") : "loopgate-solo-" + httpPort;
        String address = value(args, "--interfaces", "127.0.0.1");
        String hzPort = value(args, "--startport", String.valueOf(20000 + httpPort % 20000));
        StringBuilder members = new StringBuilder();
        String mode = value(args, "--clustermode", "");
        if (clustered && mode.startsWith("tcpip:")) {
            for (String m : mode.substring("tcpip:".length()).split(",")) {
                members.append("<member>").append(m.strip()).append("</member>");
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hazelcast xmlns=\"http://www.hazelcast.com/schema/config\">\n"
                + "  <cluster-name>" + name + "</cluster-name>\n  <properties>\n"
                + "    <property name=\"hazelcast.socket.bind.any\">false</property>\n"
                + "    <property name=\"hazelcast.max.no.heartbeat.seconds\">15</property>\n"
                + "    <property name=\"hazelcast.merge.first.run.delay.seconds\">10</property>\n"
                + "    <property name=\"hazelcast.merge.next.run.delay.seconds\">10</property>\n"
                + "    <property name=\"hazelcast.phone.home.enabled\">false</property>\n  </properties>\n"
                + "  <network>\n    <port auto-increment=\"true\">" + hzPort + "</port>\n"
                + "    <interfaces enabled=\"true\"><interface>" + address + "</interface></interfaces>\n"
                + "    <join><multicast enabled=\"false\"/><auto-detection enabled=\"false\"/>"
                + "<tcp-ip enabled=\"true\" connection-timeout-seconds=\"3\">" + members + "</tcp-ip></join>\n"
                + "  </network>\n</hazelcast>\n";
    }

    private static String value(List<String> args, String key, String fallback) {
        int i = args.indexOf(key);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }

    /** The switches left for Payara Micro once the grid's own are in the configuration file. */
    static List<String> withoutHazelcastArgs(List<String> args) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (HAZELCAST_SWITCHES.contains(a)) {
                i++;
            } else if (!a.equals("--cluster") && !a.equals("--nocluster")) {
                rest.add(a);
            }
        }
        return rest;
    }

    private void awaitReady(Duration timeout) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + process.exitValue() + "; see " + log());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login.xhtml"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Portal not ready after " + timeout + "; see " + log());
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** kill -9: no shutdown hooks, no flushing; what the database committed is all that remains. */
    /** The Payara Micro process id (for looking at its sockets). */
    public long pid() {
        return process.pid();
    }

    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    public void waitFor() throws InterruptedException {
        if (process != null) {
            process.waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}
