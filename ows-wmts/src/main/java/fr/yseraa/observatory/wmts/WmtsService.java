package fr.yseraa.observatory.wmts;

import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.core.ows.OwsExceptionCode;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.core.ows.OwsResponse;
import fr.yseraa.observatory.core.ows.OwsService;
import fr.yseraa.observatory.wmts.capabilities.WmtsCapabilitiesWriter;
import fr.yseraa.observatory.wmts.tile.FeatureInfoOperation;
import fr.yseraa.observatory.wmts.tile.TileProvider;
import fr.yseraa.observatory.wmts.tile.TileRequest;
import fr.yseraa.observatory.wmts.tile.TileResponseWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The Web Map Tile Service 1.0.0 in KVP: GetCapabilities, GetTile, GetFeatureInfo. Errors are OWS exceptions the
 * dispatcher reports (ExceptionReport with code, locator and status). The RESTful encoding is served by the
 * server's controller over the same {@link #capabilities} and {@link #tiles}.
 */
public final class WmtsService implements OwsService {

    private final Supplier<Catalog> catalog;
    private final WmtsCapabilitiesWriter capabilities;
    private final TileProvider tiles;
    private final TileResponseWriter tileWriter;
    private final FeatureInfoOperation featureInfo;
    private final UnaryOperator<String> tileBase;

    /** @param tileBase the root URL of the RESTful tiles for the server's root URL a request reached */
    public WmtsService(Supplier<Catalog> catalog, WmtsCapabilitiesWriter capabilities, TileProvider tiles,
                       TileResponseWriter tileWriter, FeatureInfoOperation featureInfo, UnaryOperator<String> tileBase) {
        this.catalog = catalog;
        this.capabilities = capabilities;
        this.tiles = tiles;
        this.tileWriter = tileWriter;
        this.featureInfo = featureInfo;
        this.tileBase = tileBase;
    }

    @Override
    public String name() {
        return "WMTS";
    }

    @Override
    public List<String> versions() {
        return List.of("1.0.0");
    }

    @Override
    public Set<String> operations() {
        return Set.of("GetCapabilities", "GetTile", "GetFeatureInfo");
    }

    @Override
    public void handle(OwsRequest request, OwsResponse response) throws IOException {
        if (request.isXml()) {
            throw new OwsException(OwsExceptionCode.OPERATION_NOT_SUPPORTED, "request",
                    "This WMTS takes KVP and RESTful requests only");
        }
        switch (request.operation()) {
            case "GetCapabilities" -> writeCapabilities(request, baseUrl(request.serviceUrl()), response);
            case "GetTile" -> tileWriter.write(tiles.tile(TileRequest.fromKvp(request.kvp()), request.caller()),
                    TileResponseWriter.Conditions.of(name -> request.header(name).orElse(null)), response);
            case "GetFeatureInfo" -> featureInfo.handle(request, response);
            default -> throw new OwsException(OwsExceptionCode.OPERATION_NOT_SUPPORTED, "request",
                    "Operation " + request.operation() + " is not supported");
        }
    }

    public TileProvider tiles() {
        return tiles;
    }

    public TileResponseWriter tileWriter() {
        return tileWriter;
    }

    /** The capabilities document, for the KVP request and the RESTful {@code WMTSCapabilities.xml}. */
    public void writeCapabilities(OwsRequest request, String base, OwsResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("application/xml");
        try (OutputStream out = response.body()) {
            capabilities.write(catalog.get(), request.caller(), base, tileBase.apply(base), out);
        }
    }

    /** The server's root URL from the endpoint's (what precedes {@code /wmts}, {@code /ows}...). */
    static String baseUrl(String serviceUrl) {
        return serviceUrl.substring(0, serviceUrl.lastIndexOf('/'));
    }
}
