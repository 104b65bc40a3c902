package cn.loopgate.problem;

/** What a problem is about. */
public enum Category {
    /** 原材料进厂 */
    MATERIALS_IN,
    /** 产品出厂 */
    PRODUCTS_OUT,
    /** 用工（员工返岗） */
    STAFFING,
    /** 核酸检测 */
    TESTING,
    /** 防疫物资 */
    SUPPLIES,
    OTHER
}
