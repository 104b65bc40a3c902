package cn.loopgate.liaison;

import java.io.Serializable;

/** A liaison officer as pickers and the API show them: firm-bound (no parks) or park-wide, and how many firms they hold. */
public record LiaisonOption(long id, String username, String displayName, boolean firmBound, long firms) implements Serializable {

    public String getLabel() {
        return displayName + " (" + username + ")";
    }
}
