package cn.loopgate.report;

/** The firm's production on the reported day. */
public enum ProductionStatus {
    NORMAL, PARTIAL, STOPPED
}
