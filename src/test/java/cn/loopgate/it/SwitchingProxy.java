package cn.loopgate.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A load balancer without stickiness, for tests: a TCP proxy on 127.0.0.1 that sends each new connection to the
 * node chosen last ({@link #to}); switching closes the open connections, so the browser's next request reaches the
 * other node with the same cookies and the same page. The Host header stays the proxy's, as behind nginx.
 */
final class SwitchingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile int target;

    SwitchingProxy(int firstTarget) throws IOException {
        this.target = firstTarget;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "switching-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** From now on, connections go to this port; the open ones are closed. */
    void to(int port) {
        target = port;
        for (Socket s : open) {
            close(s);
        }
        open.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket node = new Socket();
                node.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 5000);
                open.add(client);
                open.add(node);
                pump(client, node);
                pump(node, client);
            } catch (IOException e) {
                // closed, or the node is down: the browser sees a refused connection, as behind a real proxy
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed
            } finally {
                close(from);
                close(to);
                open.remove(from);
                open.remove(to);
            }
        }, "switching-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        to(target);
    }
}
