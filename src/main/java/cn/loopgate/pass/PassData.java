package cn.loopgate.pass;

import cn.loopgate.shared.validation.Name;
import cn.loopgate.shared.validation.Names;
import cn.loopgate.shared.validation.Length;
import cn.loopgate.shared.validation.MobilePhone;
import cn.loopgate.shared.validation.PlateNumber;
import cn.loopgate.shared.validation.Required;
import cn.loopgate.shared.validation.ResidentId;

import java.time.LocalDate;
import java.util.Locale;

/** A vehicle pass application. The co-driver is optional, but complete when given. */
public record PassData(
        Long firmId,
        @Required @PlateNumber String plate,
        @Required VehiclePass.VehicleType vehicleType,
        @Required @Length(max = 50) @Name String driverName,
        @Required @ResidentId String driverResidentId,
        @Required @MobilePhone String driverPhone,
        @Length(max = 50) @Name String coDriverName,
        @ResidentId String coDriverResidentId,
        @MobilePhone String coDriverPhone,
        @Required @Length(max = 200) String origin,
        @Required @Length(max = 200) String destination,
        @Length(max = 200) String transferPoint,
        @Required @Length(max = 300) String cargo,
        @Required VehiclePass.Purpose purpose,
        @Required LocalDate validFrom,
        @Required LocalDate validTo) {

    public PassData normalized() {
        return new PassData(firmId, upper(plate), vehicleType, name(driverName), upper(driverResidentId), phone(driverPhone),
                name(coDriverName), upper(coDriverResidentId), phone(coDriverPhone), trim(origin), trim(destination),
                trim(transferPoint), trim(cargo), purpose, validFrom, validTo);
    }

    private static String name(String s) {
        return s == null || s.isBlank() ? null : Names.normalize(s);
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String upper(String s) {
        return s == null || s.isBlank() ? null : s.replace(" ", "").replace("·", "").strip().toUpperCase(Locale.ROOT);
    }

    private static String phone(String s) {
        return s == null || s.isBlank() ? null : s.strip().replace(" ", "").replace("-", "");
    }
}
