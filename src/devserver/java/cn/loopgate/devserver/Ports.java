package cn.loopgate.devserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Free loopback ports, since other processes may hold 8080 or 5432 on a shared machine. */
public final class Ports {

    private Ports() {
    }

    public static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A first port of a node's data grid, with {@code span} ports above it and the same again {@code offset}
     * higher (a second node's) all free. Chosen below the kernel's ephemeral range (32768 and up on Linux): a port
     * there can be taken by any outgoing connection between this check and the grid's bind, and a cluster whose
     * seed member's port was taken forms two grids of one. And below 20000, the first port a single node's
     * grid tries ({@link PortalProcess}).
     */
    public static int freeGridPort(int span, int offset) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 500; attempt++) {
            int first = 10_000 + random.nextInt(9_900 - offset - span);
            boolean free = true;
            for (int i = 0; i < span && free; i++) {
                free = isFree(first + i) && isFree(first + offset + i);
            }
            if (free) {
                return first;
            }
        }
        throw new IllegalStateException("no free ports for a data grid between 10000 and 19999");
    }

    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
