package cn.loopgate.ops;

import cn.loopgate.report.ReportFiled;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Loopgate's business counters, published with the server's own at {@code /metrics} (Prometheus
 * format): daily reports filed (late, abnormal), approvals by kind, gate verifications by result.
 * Counted after commit, so a rolled-back action is not counted.
 */
@ApplicationScoped
public class BusinessMetrics {

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    void onReport(@Observes(during = TransactionPhase.AFTER_SUCCESS) ReportFiled filed) {
        registry.counter("loopgate_reports_filed", new Tag("late", String.valueOf(filed.late())),
                new Tag("abnormal", String.valueOf(filed.abnormal()))).inc();
    }

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Approvals of plans, cards, passes ({@code kind}), {@code count} at a time for batches. */
    public void approved(String kind, long count) {
        if (count > 0) {
            afterCommit(() -> registry.counter("loopgate_approvals", new Tag("kind", kind)).inc(count));
        }
    }

    /** A gate verification and its result (VALID, EXPIRED, REVOKED, FORGED, ...). */
    public void verified(String result) {
        afterCommit(() -> registry.counter("loopgate_verifications", new Tag("result", result)).inc());
    }

    private void afterCommit(Runnable count) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            count.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    count.run();
                }
            }
        });
    }
}
