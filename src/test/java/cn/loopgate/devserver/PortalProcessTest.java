package cn.loopgate.devserver;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher's Hazelcast file: one address, never 0.0.0.0, members from the test's switches. */
class PortalProcessTest {

    @Test
    void clusterSwitchesBecomeTheConfigurationFile() {
        List<String> args = List.of("--cluster", "--clustername", "it-1", "--interfaces", "127.0.0.1",
                "--clustermode", "tcpip:127.0.0.1:25000", "--startport", "25010", "--nohostaware");
        String xml = PortalProcess.hazelcastXml(args, 18081);
        assertTrue(xml.contains("<cluster-name>it-1</cluster-name>"), xml);
        assertTrue(xml.contains("<interface>127.0.0.1</interface>"), xml);
        assertTrue(xml.contains("<member>127.0.0.1:25000</member>"), xml);
        assertTrue(xml.contains(">25010</port>"), xml);
        assertTrue(xml.contains("\"hazelcast.socket.bind.any\">false<"), xml);
        assertEquals(List.of("--nohostaware"), PortalProcess.withoutHazelcastArgs(args));
    }

    @Test
    void aSingleNodeGetsAGridOfItsOwnOnLoopback() {
        String xml = PortalProcess.hazelcastXml(List.of(), 18081);
        assertTrue(xml.contains("<cluster-name>loopgate-solo-18081</cluster-name>"), xml);
        assertTrue(xml.contains("<interface>127.0.0.1</interface>") && !xml.contains("<member>"), xml);
        assertEquals(List.of(), PortalProcess.withoutHazelcastArgs(List.of("--nocluster")));
    }
}
