package fr.yseraa.observatory.wms;

import fr.yseraa.observatory.core.ows.ExceptionReporter;
import fr.yseraa.observatory.core.ows.ExceptionReports;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.core.ows.OwsService;
import fr.yseraa.observatory.wms.capabilities.GetCapabilitiesOperation;
import fr.yseraa.observatory.wms.capabilities.TimeExtents;
import fr.yseraa.observatory.wms.info.GetFeatureInfoOperation;
import fr.yseraa.observatory.wms.legend.GetLegendGraphicOperation;
import fr.yseraa.observatory.wms.map.GetMapOperation;
import fr.yseraa.observatory.wms.map.MapRequestParser;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;

/**
 * The Web Map Service, 1.3.0 and 1.1.1. Every failure answers the ServiceExceptionReport of the request's version
 * with the WMS code and its HTTP status; server faults are logged with an id the report quotes, never a trace.
 */
public final class WmsService implements OwsService {

    private final GetCapabilitiesOperation capabilities;
    private final GetMapOperation getMap;
    private final GetFeatureInfoOperation featureInfo;
    private final GetLegendGraphicOperation legend;

    public WmsService(WmsContext context) {
        TimeExtents times = new TimeExtents(context.features());
        MapRequestParser parser = new MapRequestParser(context, times);
        this.capabilities = new GetCapabilitiesOperation(context, times);
        this.getMap = new GetMapOperation(context, parser);
        this.featureInfo = new GetFeatureInfoOperation(context, parser);
        this.legend = new GetLegendGraphicOperation(context, parser.layers());
    }

    @Override
    public String name() {
        return "WMS";
    }

    @Override
    public List<String> versions() {
        return List.of("1.3.0", "1.1.1");
    }

    @Override
    public Set<String> operations() {
        return Set.of("GetCapabilities", "GetMap", "GetFeatureInfo", "GetLegendGraphic");
    }

    /** The ServiceExceptionReport of the version; failures of the shared engine under the WMS code that fits. */
    @Override
    public ExceptionReporter exceptionReporter(String version) {
        WmsVersion v = version == null ? WmsVersion.V1_3_0 : WmsVersion.of(version).orElse(WmsVersion.V1_3_0);
        return (e, response) -> {
            OwsException reported = WmsExceptionCode.isWms(e) ? e : translate(e);
            // the engine's 5xx (the database out of reach 503, ServerBusy) keep their status
            response.setStatus(!WmsExceptionCode.isWms(e) && e.httpStatus() >= 500 ? e.httpStatus() : reported.httpStatus());
            response.setContentType(WmsExceptionWriter.contentType(v));
            try (OutputStream out = response.body()) {
                WmsExceptionWriter.write(reported, v, out);
            }
        };
    }

    /** Answers at a workspace's virtual endpoint ({@code /{workspace}/wms}) with that workspace's layers only. */
    @Override
    public boolean servesWorkspaces() {
        return true;
    }

    @Override
    public void handle(OwsRequest request, OwsResponse response) throws IOException {
        boolean capabilitiesRequest = request.operation().equals("GetCapabilities");
        WmsVersion version = capabilitiesRequest ? GetCapabilitiesOperation.negotiate(request)
                : WmsVersion.of(request.version()).orElse(WmsVersion.V1_3_0);
        ExceptionReports.answer(exceptionReporter(version.text()), response,
                () -> "WMS " + request.operation() + " " + request.kvp().asMap(), () -> {
            if (request.isXml()) {
                throw new OwsException(WmsExceptionCode.OPERATION_NOT_SUPPORTED, "request",
                        "This WMS takes key-value (GET) requests only");
            }
            switch (request.operation()) {
                case "GetCapabilities" -> capabilities.handle(request, version, response);
                case "GetMap" -> getMap.handle(request, version, response);
                case "GetFeatureInfo" -> featureInfo.handle(request, version, response);
                case "GetLegendGraphic" -> legend.handle(request, response);
                default -> throw new OwsException(WmsExceptionCode.OPERATION_NOT_SUPPORTED, "request",
                        "Operation " + request.operation() + " is not supported");
            }
        });
    }

    /** An exception of the shared engine (feature access...) as the WMS names it. */
    private static OwsException translate(OwsException e) {
        WmsExceptionCode code = e.code() == OwsExceptionCode.MISSING_PARAMETER_VALUE ? WmsExceptionCode.MISSING_PARAMETER_VALUE
                : e.code() == OwsExceptionCode.OPERATION_NOT_SUPPORTED ? WmsExceptionCode.OPERATION_NOT_SUPPORTED
                : e.code() == OwsExceptionCode.NO_APPLICABLE_CODE || e.httpStatus() >= 500 ? WmsExceptionCode.NO_APPLICABLE_CODE
                : WmsExceptionCode.INVALID_PARAMETER_VALUE;
        return new OwsException(code, e.locator(), e.getMessage());
    }
}
