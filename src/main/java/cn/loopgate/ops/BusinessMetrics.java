package cn.loopgate.ops;

import cn.loopgate.report.ReportFiled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
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

    @Inject
    Event<Approved> approvals;
    @Inject
    Event<Verified> verifications;

    /** Plans, cards or passes ({@code kind}) approved, {@code count} at a time for batches. */
    public record Approved(String kind, long count) {
    }

    /** One gate verification and its result. */
    public record Verified(String result) {
    }

    /** Approvals of plans, cards, passes ({@code kind}), {@code count} at a time for batches. */
    public void approved(String kind, long count) {
        if (count > 0) {
            approvals.fire(new Approved(kind, count));
        }
    }

    /** A gate verification and its result (VALID, EXPIRED, REVOKED, FORGED, ...). */
    public void verified(String result) {
        verifications.fire(new Verified(result));
    }

    // AFTER_SUCCESS: counted once the transaction commits, never after a rollback; called at once
    // when there is no transaction.
    void onApproved(@Observes(during = TransactionPhase.AFTER_SUCCESS) Approved a) {
        registry.counter("loopgate_approvals", new Tag("kind", a.kind())).inc(a.count());
    }

    void onVerified(@Observes(during = TransactionPhase.AFTER_SUCCESS) Verified v) {
        registry.counter("loopgate_verifications", new Tag("result", v.result())).inc();
    }
}
