package cn.loopgate.verification;

import cn.loopgate.park.Gate;
import cn.loopgate.park.GateRegistry;
import cn.loopgate.shared.web.PageModel;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The scan log page (scans.xhtml) for liaison officers and bureau analysts: filters by gate, result, days
 * and permit number; times shown in the zone of the gate's park. A link may preset gate and result
 * ({@code ?gateId=…&result=FORGED}, as the grouped gate alerts do).
 */
@Named
@ViewScoped
public class ScanLogView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Inject
    ScanLog log;
    @Inject
    GateRegistry registry;

    private Long gateId;
    private Verdict result;
    private LocalDate from;
    private LocalDate to;
    private String permitNumber;
    private List<GateView.Choice> gates;
    private PageModel<ScanLog.Row> model;

    public PageModel<ScanLog.Row> getModel() {
        if (model == null) {
            model = new PageModel<>((first, size) -> log.search(new ScanLog.Filter(null, gateId, result,
                    from == null ? null : from.atStartOfDay(CHINA).toInstant(),
                    to == null ? null : to.plusDays(1).atStartOfDay(CHINA).toInstant(), permitNumber), first, size),
                    r -> String.valueOf(r.id()));
        }
        return model;
    }

    public List<GateView.Choice> getGates() {
        if (gates == null) {
            List<Gate> all = registry.gates(null);
            gates = all.stream().map(g -> new GateView.Choice(g.getId(), g.getPark().getName() + " · " + g.getName())).toList();
        }
        return gates;
    }

    public Verdict[] getResults() {
        return Verdict.values();
    }

    /** The scan's time in the zone of the gate's park. */
    public String time(ScanLog.Row r) {
        return TIME.format(r.scannedAt().atZone(ZoneId.of(r.timeZone())));
    }

    public Long getGateId() { return gateId; }
    public void setGateId(Long v) { gateId = v; }
    public Verdict getResult() { return result; }
    public void setResult(Verdict v) { result = v; }
    public LocalDate getFrom() { return from; }
    public void setFrom(LocalDate v) { from = v; }
    public LocalDate getTo() { return to; }
    public void setTo(LocalDate v) { to = v; }
    public String getPermitNumber() { return permitNumber; }
    public void setPermitNumber(String v) { permitNumber = v == null || v.isBlank() ? null : v.strip(); }
}
