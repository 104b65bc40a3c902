package cn.loopgate.roster;

import cn.loopgate.shared.validation.Name;
import cn.loopgate.shared.validation.Names;
import cn.loopgate.shared.validation.Required;
import cn.loopgate.shared.validation.Length;
import cn.loopgate.shared.validation.MobilePhone;
import cn.loopgate.shared.validation.ResidentId;

import java.time.LocalDate;
import java.util.Locale;

/** A worker to add or update (the resident ID is fixed once added); shift/team and dormitory room optional. */
public record WorkerData(
        @Required @Length(max = 50) @Name String name,
        @Required @ResidentId String residentId,
        @Required @MobilePhone String phone,
        @Length(max = 50) String job,
        LocalDate joinedOn,
        @Length(max = 50) String shiftTeam,
        @Length(max = 50) String dormitory) {

    public WorkerData normalized() {
        return new WorkerData(Names.normalize(name),
                residentId == null ? null : residentId.strip().toUpperCase(Locale.ROOT),
                phone == null ? null : phone.strip().replace(" ", "").replace("-", ""),
                job == null || job.isBlank() ? null : job.strip(), joinedOn,
                shiftTeam == null || shiftTeam.isBlank() ? null : shiftTeam.strip(),
                dormitory == null || dormitory.isBlank() ? null : dormitory.strip());
    }
}
