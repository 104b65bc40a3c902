package cn.loopgate.roster;

import cn.loopgate.shared.Masking;

import java.time.LocalDate;

/** A worker as shown: masked unless the viewer is entitled to the full record. */
public record WorkerView(long id, long firmId, String name, String residentId, String phone, String job,
                         Worker.Status status, LocalDate joinedOn, LocalDate leftOn, boolean masked, long version) implements java.io.Serializable {

    public static WorkerView masked(Worker w) {
        return new WorkerView(w.getId(), w.getFirm().getId(), w.getName(), Masking.residentId(w.getResidentId()),
                Masking.phone(w.getPhone()), w.getJob(), w.getStatus(), w.getJoinedOn(), w.getLeftOn(), true, w.getVersion());
    }

    public static WorkerView full(Worker w) {
        return new WorkerView(w.getId(), w.getFirm().getId(), w.getName(), w.getResidentId(), w.getPhone(), w.getJob(),
                w.getStatus(), w.getJoinedOn(), w.getLeftOn(), false, w.getVersion());
    }
}
