package cn.loopgate.firm;

import java.io.Serializable;

/** A firm as a picker offers it: id, and "name (credit code)". */
public record FirmOption(long id, String label) implements Serializable {

    public static FirmOption of(Firm f) {
        return new FirmOption(f.getId(), f.getName() + " (" + f.getCreditCode() + ")");
    }
}
