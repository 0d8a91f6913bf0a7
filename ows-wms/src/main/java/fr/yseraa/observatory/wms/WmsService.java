package fr.yseraa.observatory.wms;

import fr.yseraa.observatory.core.ows.OwsException;
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
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Web Map Service, 1.3.0 and 1.1.1. Every failure answers the ServiceExceptionReport of the request's version
 * with the WMS code and its HTTP status; server faults are logged with an id the report quotes, never a trace.
 */
public final class WmsService implements OwsService {

    private static final Logger LOG = LoggerFactory.getLogger(WmsService.class);

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

    @Override
    public void handle(OwsRequest request, OwsResponse response) throws IOException {
        boolean capabilitiesRequest = request.operation().equals("GetCapabilities");
        WmsVersion version = capabilitiesRequest ? GetCapabilitiesOperation.negotiate(request)
                : WmsVersion.of(request.version()).orElse(WmsVersion.V1_3_0);
        try {
            if (request.isXml()) {
                throw new WmsException(WmsExceptionCode.OPERATION_NOT_SUPPORTED, "request",
                        "This WMS takes key-value (GET) requests only");
            }
            switch (request.operation()) {
                case "GetCapabilities" -> capabilities.handle(request, version, response);
                case "GetMap" -> getMap.handle(request, version, response);
                case "GetFeatureInfo" -> featureInfo.handle(request, version, response);
                case "GetLegendGraphic" -> legend.handle(request, response);
                default -> throw new WmsException(WmsExceptionCode.OPERATION_NOT_SUPPORTED, "request",
                        "Operation " + request.operation() + " is not supported");
            }
        } catch (WmsException e) {
            report(e, version, response);
        } catch (OwsException e) {
            report(translate(e), version, response);
        } catch (RuntimeException e) {
            String id = UUID.randomUUID().toString();
            LOG.error("WMS request {} failed: {} {}", id, request.operation(), request.kvp().asMap(), e);
            report(new WmsException(WmsExceptionCode.NO_APPLICABLE_CODE, null,
                    "Internal error; quote request id " + id + " to the administrator"), version, response);
        }
    }

    /** An exception of the shared engine (feature access...) as the WMS names it. */
    private static WmsException translate(OwsException e) {
        WmsExceptionCode code = switch (e.code()) {
            case MISSING_PARAMETER_VALUE -> WmsExceptionCode.MISSING_PARAMETER_VALUE;
            case OPERATION_NOT_SUPPORTED -> WmsExceptionCode.OPERATION_NOT_SUPPORTED;
            case NO_APPLICABLE_CODE -> WmsExceptionCode.NO_APPLICABLE_CODE;
            default -> WmsExceptionCode.INVALID_PARAMETER_VALUE;
        };
        return new WmsException(code, e.locator(), e.getMessage());
    }

    private static void report(WmsException e, WmsVersion version, OwsResponse response) throws IOException {
        response.setStatus(e.code().httpStatus());
        response.setContentType(WmsExceptionWriter.contentType(version));
        try (OutputStream out = response.body()) {
            WmsExceptionWriter.write(e, version, out);
        }
    }
}
