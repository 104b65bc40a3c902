package cn.loopgate.registration;

import cn.loopgate.firm.FourAbove;
import cn.loopgate.firm.Industry;
import cn.loopgate.shared.web.FacesSupport;
import cn.loopgate.shared.web.ForwardedHeaders;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.primefaces.model.file.UploadedFile;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The public registration page (register.xhtml). Two captcha-free bot checks beside the service's limits: a
 * field people never see (filled in, the page says "submitted" and nothing is saved), and a minimum time
 * between showing the form and sending it.
 */
@Named
@ViewScoped
public class RegisterView implements Serializable {

    /** Faster than this, a form of fifteen fields was not filled in by a person. */
    static final Duration MIN_FILL_TIME = Duration.ofSeconds(3);

    @Inject
    RegistrationService registrations;
    /**
     * How long a person took is measured on the system's clock, not the portal's business clock: that one may
     * stand still or jump (tests, a drill's set time), and a business clock that stands still must not make
     * every registration "too fast". Wall time, not a nanosecond counter: the view may be answered by another node.
     */
    private static final Clock ELAPSED = Clock.systemUTC();

    private Instant shownAt;
    private List<RegistrationService.ParkChoice> parks;
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
    private String email;
    private String address;
    private String username;
    private String password;
    /** The honeypot: hidden from people, filled in by form-filling bots. */
    private String website;
    private transient UploadedFile file;
    private Long receipt;

    @PostConstruct
    void init() {
        shownAt = ELAPSED.instant();
    }

    public void submit() {
        byte[] bytes = file == null || file.getSize() == 0 ? null : file.getContent();
        String fileName = file == null || file.getSize() == 0 ? null : file.getFileName();
        String pw = password;
        password = null;
        if (website != null && !website.isBlank()) {
            // A bot: answered like a person, so it learns nothing; nothing is saved.
            receipt = 0L;
            return;
        }
        if (Duration.between(shownAt, ELAPSED.instant()).compareTo(MIN_FILL_TIME) < 0) {
            FacesSupport.error("registration.tooFast");
            FacesContext.getCurrentInstance().validationFailed();
            return;
        }
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        RegistrationData d = new RegistrationData(creditCode, name, parkId, aboveSize, fourAbove, industry, registeredStaff,
                legalRep, contactName, contactPhone, email, address, username, pw);
        RegistrationService.Receipt r = FacesSupport.attempt(() -> registrations.submit(d, fileName, bytes,
                ForwardedHeaders.clientAddress(request)));
        if (r != null) {
            receipt = r.id();
        }
    }

    public List<RegistrationService.ParkChoice> getParks() {
        if (parks == null) {
            parks = registrations.parks();
        }
        return parks;
    }

    public FourAbove[] getCategories() { return FourAbove.values(); }
    public Industry[] getIndustries() { return Industry.values(); }
    public int getMaxMegabytes() { return registrations.maxLicenceMegabytes(); }
    public boolean isSubmitted() { return receipt != null; }
    public Long getReceipt() { return receipt; }

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
    public String getEmail() { return email; }
    public void setEmail(String v) { email = v; }
    public String getAddress() { return address; }
    public void setAddress(String v) { address = v; }
    public String getUsername() { return username; }
    public void setUsername(String v) { username = v; }
    public String getPassword() { return null; }
    public void setPassword(String v) { password = v; }
    public String getWebsite() { return website; }
    public void setWebsite(String v) { website = v; }
    public UploadedFile getFile() { return file; }
    public void setFile(UploadedFile v) { file = v; }
}
