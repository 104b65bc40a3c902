package cn.loopgate.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.lang.reflect.Method;
import java.util.Collection;

/**
 * {@code loopgate_cluster_members}: how many portal nodes this node sees in its Hazelcast cluster (1 when
 * alone or started with {@code --nocluster}). An alert on "below the number of nodes" catches a node that
 * died or split off (docs/deployment.md). Payara publishes its Hazelcast instance at
 * {@code payara/Hazelcast}; it is read by reflection so the WAR does not compile against Hazelcast.
 */
@ApplicationScoped
public class ClusterMetrics {

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry.gauge(Metadata.builder().withName("loopgate_cluster_members")
                .withDescription("Members of this node's cluster, itself included").build(), ClusterMetrics::members);
    }

    static long members() {
        try {
            Object hazelcast = new InitialContext().lookup("payara/Hazelcast");
            return ((Collection<?>) call(call(hazelcast, "getCluster"), "getMembers")).size();
        } catch (NamingException | ReflectiveOperationException | RuntimeException e) {
            return 1;   // no data grid (--nocluster): this node alone
        }
    }

    /** A public method of a Hazelcast object whose class may be package-private (a proxy). */
    private static Object call(Object target, String method) throws ReflectiveOperationException {
        Method m = target.getClass().getMethod(method);
        m.setAccessible(true);
        return m.invoke(target);
    }
}
