package cn.loopgate.dashboard;

import cn.loopgate.shared.web.FacesSupport;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.StreamedContent;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Firms of a day with their status (bureau/firms.xhtml): a park's firms (drill-down from the parks
 * table) or the city's lists of firms not reported, abnormal, stopped or not resumed.
 */
@Named
@ViewScoped
public class FirmListView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    DashboardService dashboard;
    @Inject
    Bulletin bulletin;

    private Long park;
    private String day;
    private DashboardService.FirmList list = DashboardService.FirmList.ALL;
    private List<FirmDay> rows;
    private String parkName;

    /** Reads the request parameters park, day and list (GET links from the overview). */
    @PostConstruct
    void init() {
        Map<String, String> q = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
        try {
            park = q.get("park") == null || q.get("park").isBlank() ? null : Long.valueOf(q.get("park"));
            list = q.get("list") == null || q.get("list").isBlank() ? DashboardService.FirmList.ALL
                    : DashboardService.FirmList.valueOf(q.get("list"));
        } catch (IllegalArgumentException e) {
            park = null;
            list = DashboardService.FirmList.ALL;
        }
        day = q.get("day");
        load();
    }

    public void load() {
        FacesSupport.attempt(() -> {
            Slice slice = Slice.CITY.withPark(park);
            rows = dashboard.firms(date(), slice, list, FacesSupport.locale());
            parkName = dashboard.placeName(slice, FacesSupport.locale());
        });
    }

    private LocalDate date() {
        try {
            return day == null || day.isBlank() ? null : LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public StreamedContent getExcel() {
        return DashboardView.download("firms-" + (day == null ? "today" : day) + ".xlsx", ExcelExport.CONTENT_TYPE,
                () -> ExcelExport.firms(rows == null ? List.of() : rows, bulletin.exportTitle("dashboard.list." + list.name(),
                        Slice.CITY.withPark(park), String.valueOf(getShownDay()), dashboard.asOf(date()), FacesSupport.locale()),
                        FacesSupport.locale()));
    }

    /** The day shown: the one asked for, or today. */
    public LocalDate getShownDay() {
        LocalDate d = date();
        return d != null ? d : dashboard.today();
    }

    public DashboardService.FirmList[] getLists() {
        return DashboardService.FirmList.values();
    }

    public List<FirmDay> getRows() { return rows; }
    public String getParkName() { return parkName; }
    public Long getPark() { return park; }
    public void setPark(Long park) { this.park = park; }
    public String getDay() { return day; }
    public void setDay(String day) { this.day = day; }
    public DashboardService.FirmList getList() { return list; }
    public void setList(DashboardService.FirmList list) { this.list = list == null ? DashboardService.FirmList.ALL : list; }
}
