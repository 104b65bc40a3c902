package cn.loopgate.problem;

import cn.loopgate.shared.validation.Length;
import cn.loopgate.shared.validation.Required;

import java.time.Instant;

/** The commands on problems, validated in {@link ProblemService}. */
public final class Commands {

    private Commands() {
    }

    /** A file to attach: its name as uploaded and its bytes (the type is decided by the content). */
    public record Upload(String name, byte[] data) {
    }

    public record Raise(@Required Category category, @Required Urgency urgency,
                        @Required @Length(max = 2000) String description) {
        Raise normalized() {
            return new Raise(category, urgency, description == null ? null : description.strip());
        }
    }

    public record Comment(@Required @Length(max = 2000) String comment) {
    }

    public record Escalate(@Required Escalation kind, @Required @Length(max = 1000) String reason) {
    }

    public record Assign(@Required @Length(max = 100) String department, @Required Instant dueAt,
                         @Length(max = 1000) String note) {
    }

    public record Resolve(@Required @Length(max = 2000) String resolution) {
    }

    public record Reopen(@Required @Length(max = 1000) String reason) {
    }
}
