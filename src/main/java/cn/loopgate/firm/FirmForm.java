package cn.loopgate.firm;

import java.io.Serializable;

/** The mutable form behind the firm pages; {@link #toData()} makes the command. */
public class FirmForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private Long id;
    private String creditCode;
    private String name;
    private Long parkId;
    private boolean aboveSize;
    private FourAbove fourAbove = FourAbove.NONE;
    private Industry industry;
    private int registeredStaff;
    private String legalRep;
    private String contactName;
    private String contactPhone;
    private String address;

    public static FirmForm of(Firm f) {
        FirmForm form = new FirmForm();
        form.id = f.getId();
        form.creditCode = f.getCreditCode();
        form.name = f.getName();
        form.parkId = f.getPark().getId();
        form.aboveSize = f.isAboveSize();
        form.fourAbove = f.getFourAbove();
        form.industry = f.getIndustry();
        form.registeredStaff = f.getRegisteredStaff();
        form.legalRep = f.getLegalRep();
        form.contactName = f.getContactName();
        form.contactPhone = f.getContactPhone();
        form.address = f.getAddress();
        return form;
    }

    public FirmData toData() {
        return new FirmData(creditCode, name, parkId, aboveSize, fourAbove, industry, registeredStaff, legalRep,
                contactName, contactPhone, address, null);
    }

    public Long getId() { return id; }
    public String getCreditCode() { return creditCode; }
    public void setCreditCode(String v) { creditCode = v; }
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public Long getParkId() { return parkId; }
    public void setParkId(Long v) { parkId = v; }
    public boolean isAboveSize() { return aboveSize; }
    public void setAboveSize(boolean v) { aboveSize = v; }
    public FourAbove getFourAbove() { return fourAbove; }
    public void setFourAbove(FourAbove v) { fourAbove = v; }
    public Industry getIndustry() { return industry; }
    public void setIndustry(Industry v) { industry = v; }
    public int getRegisteredStaff() { return registeredStaff; }
    public void setRegisteredStaff(int v) { registeredStaff = v; }
    public String getLegalRep() { return legalRep; }
    public void setLegalRep(String v) { legalRep = v; }
    public String getContactName() { return contactName; }
    public void setContactName(String v) { contactName = v; }
    public String getContactPhone() { return contactPhone; }
    public void setContactPhone(String v) { contactPhone = v; }
    public String getAddress() { return address; }
    public void setAddress(String v) { address = v; }
}
