package cn.loopgate.shared.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** All JSON resources live under /api/v1; the OpenAPI document is served by Payara at /openapi. */
@ApplicationPath("/api/v1")
@OpenAPIDefinition(info = @Info(title = "Loopgate API", version = "1",
        description = "Closed-loop production portal: firms, rosters, plans, daily reports, permits, figures."))
public class RestApplication extends Application {
}
