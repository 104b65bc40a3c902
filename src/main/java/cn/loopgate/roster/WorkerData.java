package cn.loopgate.roster;

import cn.loopgate.shared.validation.MobilePhone;
import cn.loopgate.shared.validation.ResidentId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.Locale;

/** A worker to add or update (the resident ID is fixed once added). */
public record WorkerData(
        @NotBlank(message = "{validation.required}") @Size(max = 50, message = "{validation.tooLong}") String name,
        @NotBlank(message = "{validation.required}") @ResidentId String residentId,
        @NotBlank(message = "{validation.required}") @MobilePhone String phone,
        @Size(max = 50, message = "{validation.tooLong}") String job,
        LocalDate joinedOn) {

    public WorkerData normalized() {
        return new WorkerData(name == null ? null : name.strip(),
                residentId == null ? null : residentId.strip().toUpperCase(Locale.ROOT),
                phone == null ? null : phone.strip().replace(" ", "").replace("-", ""),
                job == null || job.isBlank() ? null : job.strip(), joinedOn);
    }
}
