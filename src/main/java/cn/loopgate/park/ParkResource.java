package cn.loopgate.park;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** Districts and parks over the API. */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "parks")
public class ParkResource {

    @Inject
    ParkService parks;

    public record DistrictView(long id, String code, String name, String nameEn) {
        static DistrictView of(District d) {
            return new DistrictView(d.getId(), d.getCode(), d.getName(), d.getNameEn());
        }
    }

    public record ParkView(long id, String code, String name, String nameEn, long districtId, String districtCode,
                           String timeZone, LocalTime reportDeadline, int passMaxDays, Integer suspendAfterMissed,
                           LocalDate loopEndedOn) {
        static ParkView of(Park p) {
            return new ParkView(p.getId(), p.getCode(), p.getName(), p.getNameEn(), p.getDistrict().getId(),
                    p.getDistrict().getCode(), p.getTimeZone(), p.getReportDeadline(), p.getPassMaxDays(),
                    p.getSuspendAfterMissed(), p.getLoopEndedOn());
        }
    }

    @GET
    @Path("districts")
    public List<DistrictView> districts() {
        return parks.districts().stream().map(DistrictView::of).toList();
    }

    @GET
    @Path("districts/{id}")
    public DistrictView district(@PathParam("id") long id) {
        return DistrictView.of(parks.district(id));
    }

    @POST
    @Path("districts")
    public Response createDistrict(DistrictData data) {
        District d = parks.createDistrict(nonNull(data, new DistrictData(null, null, null)));
        return Response.created(URI.create("districts/" + d.getId())).entity(DistrictView.of(d)).build();
    }

    @PUT
    @Path("districts/{id}")
    public DistrictView updateDistrict(@PathParam("id") long id, DistrictData data) {
        return DistrictView.of(parks.updateDistrict(id, nonNull(data, new DistrictData(null, null, null))));
    }

    @GET
    @Path("parks")
    public List<ParkView> parks() {
        return parks.parks().stream().map(ParkView::of).toList();
    }

    @GET
    @Path("parks/{id}")
    public ParkView park(@PathParam("id") long id) {
        return ParkView.of(parks.park(id));
    }

    @POST
    @Path("parks")
    public Response createPark(ParkData data) {
        Park p = parks.createPark(nonNull(data, emptyPark()));
        return Response.created(URI.create("parks/" + p.getId())).entity(ParkView.of(p)).build();
    }

    @PUT
    @Path("parks/{id}")
    public ParkView updatePark(@PathParam("id") long id, ParkData data) {
        return ParkView.of(parks.updatePark(id, nonNull(data, emptyPark())));
    }

    private static ParkData emptyPark() {
        return new ParkData(null, null, null, null, null, null, 0, null, null);
    }

    static <T> T nonNull(T body, T empty) {
        return body == null ? empty : body;
    }
}
