package cn.loopgate.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * The five roles. {@link #group()} is the name used by the container, web.xml and Keycloak realm roles.
 */
public enum Role {
    /** 企业防疫负责人: one firm, read and write. */
    FIRM_MANAGER("firm-manager"),
    /** 驻企联络员: the firms of their parks; reviews and approves. */
    LIAISON("liaison-officer"),
    /** 工信局: reads everything, writes nothing. */
    ANALYST("bureau-analyst"),
    /** 卡口值守: verifies permits, nothing else. */
    GUARD("gate-guard"),
    /** 系统管理员: master data and bindings. */
    ADMIN("admin");

    private final String group;

    Role(String group) {
        this.group = group;
    }

    public String group() {
        return group;
    }

    public static Optional<Role> ofGroup(String group) {
        return Arrays.stream(values()).filter(r -> r.group.equals(group)).findFirst();
    }
}
