package cn.loopgate.firm;

/** The "four above" (四上) statistical category of a firm, or NONE. */
public enum FourAbove {
    /** 规模以上工业. */
    INDUSTRY,
    /** 有资质的建筑业. */
    CONSTRUCTION,
    /** 房地产开发经营. */
    REAL_ESTATE,
    /** 限额以上批发零售住宿餐饮. */
    TRADE_CATERING,
    /** 规模以上服务业. */
    SERVICES,
    NONE
}
