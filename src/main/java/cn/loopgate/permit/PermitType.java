package cn.loopgate.permit;

/** What a permit is for; the prefix starts its printed number. */
public enum PermitType {
    /** 白名单卡: a worker may pass the loop's gates. */
    CARD("WL"),
    /** 车辆通行证: a vehicle and its drivers on a route. */
    PASS("CL"),
    /** 复工复产证明: the firm's approved resumption. */
    CERTIFICATE("FG");

    private final String prefix;

    PermitType(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
