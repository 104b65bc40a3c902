package cn.loopgate.plan;

/** Where a plan stands: with the liaison (SUBMITTED), back with the firm (RETURNED), or decided. */
public enum PlanStatus {
    SUBMITTED, RETURNED, APPROVED, REJECTED;

    public boolean open() {
        return this == SUBMITTED || this == RETURNED;
    }
}
