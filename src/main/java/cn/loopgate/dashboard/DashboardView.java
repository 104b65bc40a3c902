package cn.loopgate.dashboard;

import cn.loopgate.firm.FourAbove;
import cn.loopgate.firm.Industry;
import cn.loopgate.park.District;
import cn.loopgate.park.Park;
import cn.loopgate.park.ParkService;
import cn.loopgate.shared.web.FacesSupport;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The bureau's overview (bureau/dashboard.xhtml; liaison/dashboard.xhtml for a liaison's parks):
 * filters, headline cards with numerator/denominator/as-of, the trend and park charts, the parks
 * table, Excel export and the bulletin. Figures come from {@link DashboardService} only.
 */
@Named
@ViewScoped
public class DashboardView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    DashboardService dashboard;
    @Inject
    Bulletin bulletin;
    @Inject
    BulletinArchive archive;
    @Inject
    ParkService parkService;

    private LocalDate day;
    private LocalDate from;
    private Long districtId;
    private Long parkId;
    private boolean aboveOnly;
    private FourAbove fourAbove;
    private Industry industry;

    private Figures figures;
    private List<Figures> parks = List.of();
    private List<Figures> trend = List.of();

    @PostConstruct
    void init() {
        day = dashboard.latestDueDay();
        from = day.minusDays(13);
        apply();
    }

    public void apply() {
        FacesSupport.attempt(() -> {
            Slice s = slice();
            figures = dashboard.figures(day, s);
            day = figures.day();
            parks = dashboard.byPark(day, s, locale());
            trend = dashboard.trend(from == null || from.isAfter(day) ? day.minusDays(13) : from, day, s);
        });
    }

    public Slice slice() {
        return new Slice(districtId, parkId, aboveOnly ? Boolean.TRUE : null, fourAbove, industry);
    }

    public String getTrendChart() {
        return Charts.line(trend, List.of(
                new Charts.Series(FacesSupport.text("dashboard.card.resumption"), Figures::resumption),
                new Charts.Series(FacesSupport.text("dashboard.card.arrivalResumed"), Figures::arrivalResumed),
                new Charts.Series(FacesSupport.text("dashboard.card.capacity"), Figures::capacity),
                new Charts.Series(FacesSupport.text("dashboard.card.compliance"), Figures::compliance)));
    }

    public String getParksChart() {
        return Charts.bar(parks, List.of(
                new Charts.Series(FacesSupport.text("dashboard.card.resumption"), Figures::resumption),
                new Charts.Series(FacesSupport.text("dashboard.card.arrivalResumed"), Figures::arrivalResumed)));
    }

    public StreamedContent getParksExcel() {
        return download("parks-" + day + ".xlsx", ExcelExport.CONTENT_TYPE, () -> ExcelExport.figures(parks, figures, null,
                bulletin.exportTitle("dashboard.export.parks", slice(), String.valueOf(day), figures.asOf(), locale()), locale()));
    }

    public StreamedContent getTrendExcel() {
        return download("trend-" + day + ".xlsx", ExcelExport.CONTENT_TYPE, () -> ExcelExport.figures(trend, null,
                bulletin.subject(slice(), locale()), bulletin.exportTitle("dashboard.export.trend", slice(),
                        trend.get(0).day() + " – " + trend.get(trend.size() - 1).day(), trend.get(trend.size() - 1).asOf(), locale()),
                locale()));
    }

    /** Publishes the bulletin of the shown day and filters (frozen, numbered) and opens the archive. */
    public String issueBulletin() {
        BulletinArchive.Published p = FacesSupport.attempt(() -> archive.issue(new BulletinArchive.IssueBulletin(day,
                districtId, parkId, aboveOnly ? Boolean.TRUE : null, fourAbove, industry)));
        if (p == null) {
            return null;
        }
        FacesSupport.info("bulletins.issued", p.number());
        jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
        return "/bureau/bulletins?faces-redirect=true";
    }

    public StreamedContent getBulletinPdf() {
        return download("bulletin-" + day + ".pdf", "application/pdf", () -> bulletin.pdf(day, slice(), locale()));
    }

    public StreamedContent getBulletinPdfEn() {
        return download("bulletin-" + day + "-en.pdf", "application/pdf", () -> bulletin.pdf(day, slice(), Locale.ENGLISH));
    }

    static StreamedContent download(String name, String type, Supplier<byte[]> data) {
        return DefaultStreamedContent.builder().name(name).contentType(type)
                .stream(() -> new ByteArrayInputStream(data.get())).build();
    }

    private static Locale locale() {
        return FacesSupport.locale();
    }

    public List<District> getDistricts() {
        return parkService.districts();
    }

    public List<Park> getParkOptions() {
        return parkService.parks().stream().filter(p -> dashboard.parkInScope(p.getId())).toList();
    }

    public FourAbove[] getCategories() {
        return FourAbove.values();
    }

    public Industry[] getIndustries() {
        return Industry.values();
    }

    public Figures getFigures() { return figures; }
    public List<Figures> getParks() { return parks; }
    public List<Figures> getTrend() { return trend; }
    public LocalDate getDay() { return day; }
    public void setDay(LocalDate day) { this.day = day; }
    public LocalDate getFrom() { return from; }
    public void setFrom(LocalDate from) { this.from = from; }
    public Long getDistrictId() { return districtId; }
    public void setDistrictId(Long districtId) { this.districtId = districtId; }
    public Long getParkId() { return parkId; }
    public void setParkId(Long parkId) { this.parkId = parkId; }
    public boolean isAboveOnly() { return aboveOnly; }
    public void setAboveOnly(boolean aboveOnly) { this.aboveOnly = aboveOnly; }
    public FourAbove getFourAbove() { return fourAbove; }
    public void setFourAbove(FourAbove fourAbove) { this.fourAbove = fourAbove; }
    public Industry getIndustry() { return industry; }
    public void setIndustry(Industry industry) { this.industry = industry; }
}
