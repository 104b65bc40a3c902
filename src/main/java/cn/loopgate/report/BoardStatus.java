package cn.loopgate.report;

/** A firm's line on the liaison's board for one day. */
public enum BoardStatus {
    ABNORMAL, MISSING, ZERO
}
