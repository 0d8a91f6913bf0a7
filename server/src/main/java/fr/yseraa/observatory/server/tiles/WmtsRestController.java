package fr.yseraa.observatory.server.tiles;

import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsRequest;
import fr.yseraa.observatory.server.OwsController;
import fr.yseraa.observatory.server.ServletOwsResponse;
import fr.yseraa.observatory.server.security.CallerFilter;
import fr.yseraa.observatory.wmts.Wmts;
import fr.yseraa.observatory.wmts.tile.TileRequest;
import fr.yseraa.observatory.wmts.tile.TileResponseWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The RESTful encoding of the WMTS (OGC 07-057r7, 10): {@code /wmts/1.0.0/WMTSCapabilities.xml} and the tiles of the
 * ResourceURL templates, {@code /wmts/1.0.0/{layer}/{style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.{ext}},
 * with 304 Not Modified on If-None-Match / If-Modified-Since. Same service, same errors and same caching headers as
 * the KVP encoding.
 */
@RestController
public class WmtsRestController {

    private final Wmts wmts;

    public WmtsRestController(Wmts wmts) {
        this.wmts = wmts;
    }

    @GetMapping("/wmts/1.0.0/WMTSCapabilities.xml")
    public void capabilities(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        OwsController.answer(request, response, wmts.service().exceptionReporter("1.0.0"), () -> wmts.service().writeCapabilities(new OwsRequest("WMTS",
                "GetCapabilities", "1.0.0", KvpParameters.of(Map.of()), null, CallerFilter.callerOf(request),
                base + "/wmts"), base, new ServletOwsResponse(response)));
    }

    @GetMapping("/wmts/1.0.0/{layer}/{style}/{matrixSet}/{matrix}/{row}/{col}.{ext}")
    public void tile(@PathVariable String layer, @PathVariable String style, @PathVariable String matrixSet,
                     @PathVariable String matrix, @PathVariable String row, @PathVariable String col,
                     @PathVariable String ext, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        OwsController.answer(request, response, wmts.service().exceptionReporter("1.0.0"), () -> {
            TileRequest tile = TileRequest.ofRest(layer, style, matrixSet, matrix, row, col, ext,
                    request.getParameter("time"));
            wmts.service().tileWriter().write(wmts.service().tiles().tile(tile, CallerFilter.callerOf(request)),
                    TileResponseWriter.Conditions.of(request::getHeader), new ServletOwsResponse(response));
        });
    }
}
