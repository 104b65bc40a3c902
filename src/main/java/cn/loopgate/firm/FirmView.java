package cn.loopgate.firm;

import cn.loopgate.shared.Masking;

import java.time.Instant;
import java.time.LocalDate;

/** A firm as the API shows it. The contact phone is masked for readers who only count firms. */
public record FirmView(long id, String creditCode, String name, long parkId, String parkCode, String parkName,
                       boolean aboveSize, FourAbove fourAbove, Industry industry, int registeredStaff,
                       String legalRep, String contactName, String contactPhone, String address,
                       LocalDate registeredOn, LocalDate resumedOn, Instant suspendedSince, String suspendedReason,
                       long version) implements java.io.Serializable {

    public static FirmView of(Firm f, boolean showContact) {
        return new FirmView(f.getId(), f.getCreditCode(), f.getName(), f.getPark().getId(), f.getPark().getCode(),
                f.getPark().getName(), f.isAboveSize(), f.getFourAbove(), f.getIndustry(), f.getRegisteredStaff(),
                f.getLegalRep(), f.getContactName(), showContact ? f.getContactPhone() : Masking.phone(f.getContactPhone()),
                f.getAddress(), f.getRegisteredOn(), f.getResumedOn(), f.getSuspendedSince(), f.getSuspendedReason(),
                f.getVersion());
    }
}
