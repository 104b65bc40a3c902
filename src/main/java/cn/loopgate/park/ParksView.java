package cn.loopgate.park;

import cn.loopgate.shared.TimeZones;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** Administration of districts and parks (admin/districts.xhtml, admin/parks.xhtml). */
@Named
@ViewScoped
public class ParksView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ParkService service;

    private transient List<District> districts;
    private transient List<Park> parks;

    // District form
    private Long districtId;
    private String districtCode;
    private String districtName;
    private String districtNameEn;

    // Park form
    private Long parkId;
    private Long parkDistrictId;
    private String parkCode;
    private String parkName;
    private String parkNameEn;
    private String timeZone = TimeZones.CHINA_ID;
    private LocalTime reportDeadline = LocalTime.of(10, 0);
    private int passMaxDays = 30;
    private Integer suspendAfterMissed;
    private LocalDate loopEndedOn;

    @PostConstruct
    void load() {
        districts = service.districts();
        parks = service.parks();
    }

    public void newDistrict() {
        districtId = null;
        districtCode = districtName = districtNameEn = null;
    }

    public void editDistrict(District d) {
        districtId = d.getId();
        districtCode = d.getCode();
        districtName = d.getName();
        districtNameEn = d.getNameEn();
    }

    public void saveDistrict() {
        DistrictData data = new DistrictData(districtCode, districtName, districtNameEn);
        boolean ok = FacesSupport.attempt(() -> {
            if (districtId == null) {
                service.createDistrict(data);
            } else {
                service.updateDistrict(districtId, data);
            }
        });
        if (ok) {
            FacesSupport.info("common.saved");
            load();
        }
    }

    public void newPark() {
        parkId = null;
        parkDistrictId = null;
        parkCode = parkName = parkNameEn = null;
        timeZone = TimeZones.CHINA_ID;
        reportDeadline = LocalTime.of(10, 0);
        passMaxDays = 30;
        suspendAfterMissed = null;
        loopEndedOn = null;
    }

    public void editPark(Park p) {
        parkId = p.getId();
        parkDistrictId = p.getDistrict().getId();
        parkCode = p.getCode();
        parkName = p.getName();
        parkNameEn = p.getNameEn();
        timeZone = p.getTimeZone();
        reportDeadline = p.getReportDeadline();
        passMaxDays = p.getPassMaxDays();
        suspendAfterMissed = p.getSuspendAfterMissed();
        loopEndedOn = p.getLoopEndedOn();
    }

    public void savePark() {
        ParkData data = new ParkData(parkDistrictId, parkCode, parkName, parkNameEn, timeZone, reportDeadline,
                passMaxDays, suspendAfterMissed, loopEndedOn);
        boolean ok = FacesSupport.attempt(() -> {
            if (parkId == null) {
                service.createPark(data);
            } else {
                service.updatePark(parkId, data);
            }
        });
        if (ok) {
            FacesSupport.info("common.saved");
            load();
        }
    }

    public List<District> getDistricts() {
        if (districts == null) {
            load();
        }
        return districts;
    }

    public List<Park> getParks() {
        if (parks == null) {
            load();
        }
        return parks;
    }

    public Long getDistrictId() { return districtId; }
    public String getDistrictCode() { return districtCode; }
    public void setDistrictCode(String v) { districtCode = v; }
    public String getDistrictName() { return districtName; }
    public void setDistrictName(String v) { districtName = v; }
    public String getDistrictNameEn() { return districtNameEn; }
    public void setDistrictNameEn(String v) { districtNameEn = v; }
    public Long getParkId() { return parkId; }
    public Long getParkDistrictId() { return parkDistrictId; }
    public void setParkDistrictId(Long v) { parkDistrictId = v; }
    public String getParkCode() { return parkCode; }
    public void setParkCode(String v) { parkCode = v; }
    public String getParkName() { return parkName; }
    public void setParkName(String v) { parkName = v; }
    public String getParkNameEn() { return parkNameEn; }
    public void setParkNameEn(String v) { parkNameEn = v; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String v) { timeZone = v; }
    public LocalTime getReportDeadline() { return reportDeadline; }
    public void setReportDeadline(LocalTime v) { reportDeadline = v; }
    public int getPassMaxDays() { return passMaxDays; }
    public void setPassMaxDays(int v) { passMaxDays = v; }
    public Integer getSuspendAfterMissed() { return suspendAfterMissed; }
    public void setSuspendAfterMissed(Integer v) { suspendAfterMissed = v; }
    public LocalDate getLoopEndedOn() { return loopEndedOn; }
    public void setLoopEndedOn(LocalDate v) { loopEndedOn = v; }
}
