package cn.loopgate.registration;

import java.time.Instant;

/**
 * One registration for the liaison who decides it: everything the applicant entered except the password (the
 * phone in full: they call the applicant), the licence scan's type and size, and the duplicates with the
 * firms and registrations they point to.
 */
public record RegistrationDetail(long id, long parkId, String parkName, String creditCode, String name, boolean aboveSize,
                                 String fourAbove, String industry, int registeredStaff, String legalRep, String contactName,
                                 String contactPhone, String email, String address, String username, String status,
                                 String reason, Instant submittedAt, Instant decidedAt, String decidedBy, Long firmId,
                                 String licenceType, int licenceBytes, Long existingFirmId, String existingFirmName,
                                 java.util.List<Long> sameCode, java.util.List<Long> samePhone, long version)
        implements java.io.Serializable {

    public boolean pending() {
        return RegistrationStatus.PENDING.name().equals(status);
    }
}
