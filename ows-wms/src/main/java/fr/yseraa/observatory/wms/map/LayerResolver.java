package fr.yseraa.observatory.wms.map;

import fr.yseraa.observatory.core.access.Caller;
import fr.yseraa.observatory.core.catalog.Catalog;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.filter.Filter;
import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.wms.WmsContext;
import fr.yseraa.observatory.wms.WmsExceptionCode;
import fr.yseraa.observatory.wms.render.StyledLayer;
import fr.yseraa.observatory.wms.style.ParsedStyles;
import fr.yseraa.observatory.wms.style.Style;
import fr.yseraa.observatory.wms.style.StyleParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Turns LAYERS, STYLES and SLD_BODY into styled layers. A layer the caller may not read is reported exactly as a
 * layer that does not exist. Styles of an SLD_BODY replace the catalog's for the layers it names.
 */
public final class LayerResolver {

    private final WmsContext context;

    public LayerResolver(WmsContext context) {
        this.context = context;
    }

    /** A readable layer by name, or LayerNotDefined (also for layers the caller may not see). */
    public LayerInfo readableLayer(Catalog catalog, String name, Caller caller, String locator) {
        Optional<LayerInfo> layer = catalog.layer(name);
        if (layer.isEmpty() || !context.features().forCaller(catalog, caller).access(layer.get()).readable()) {
            throw new OwsException(WmsExceptionCode.LAYER_NOT_DEFINED, locator, "Layer " + name + " is not defined");
        }
        return layer.get();
    }

    public List<StyledLayer> resolve(Catalog catalog, KvpParameters kvp, Caller caller) {
        if (kvp.get("SLD").isPresent()) {
            throw new OwsException(WmsExceptionCode.OPERATION_NOT_SUPPORTED, "sld",
                    "Remote SLD documents are not fetched by this server; send the style in SLD_BODY");
        }
        List<String> names = split(kvp.require("LAYERS"));
        int limit = catalog.service().limits().layersPerMap();
        if (names.size() > limit) {
            throw WmsExceptionCode.invalid("layers", "LAYERS names " + names.size() + " layers; at most " + limit
                    + " in one request (LayerLimit)");
        }
        if (names.stream().anyMatch(String::isBlank)) {
            throw WmsExceptionCode.layerNotDefined("(empty name)");
        }
        List<String> styleNames = kvp.get("STYLES").map(LayerResolver::split).orElse(List.of());
        if (!styleNames.isEmpty() && styleNames.size() != names.size()) {
            throw new OwsException(WmsExceptionCode.STYLE_NOT_DEFINED, "styles", "STYLES names " + styleNames.size()
                    + " styles for " + names.size() + " layers; give one per layer (empty for the default)");
        }
        ParsedStyles body = kvp.get("SLD_BODY").map(this::parseBody).orElse(null);
        List<Filter> filters = VendorFilters.parse(kvp, names.size());
        List<StyledLayer> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            LayerInfo layer = readableLayer(catalog, names.get(i), caller, "layers");
            String styleName = styleNames.isEmpty() ? "" : styleNames.get(i);
            out.add(new StyledLayer(layer, style(layer, styleName, body), filters.get(i), VendorFilters.locator(kvp)));
        }
        return out;
    }

    private Style style(LayerInfo layer, String name, ParsedStyles body) {
        if (body != null) {
            List<Style> given = body.stylesByLayer().getOrDefault(layer.qualifiedName(),
                    body.stylesByLayer().get(layer.name()));
            if (given != null && !given.isEmpty()) {
                return name.isBlank() ? given.get(0) : given.stream().filter(s -> name.equals(s.name())).findFirst()
                        .orElseThrow(() -> styleNotDefined(layer, name));
            }
        }
        var styles = context.styles().stylesOf(layer);
        return name.isBlank() ? styles.defaultStyle() : styles.find(name).orElseThrow(() -> styleNotDefined(layer, name));
    }

    private static OwsException styleNotDefined(LayerInfo layer, String name) {
        return new OwsException(WmsExceptionCode.STYLE_NOT_DEFINED, "styles",
                "Style " + name + " is not defined for layer " + layer.qualifiedName());
    }

    private ParsedStyles parseBody(String sld) {
        try {
            return context.styles().parser().parse(sld.getBytes(StandardCharsets.UTF_8));
        } catch (StyleParseException e) {
            throw WmsExceptionCode.invalid("sld_body", "SLD_BODY is not a usable style document: " + e.getMessage());
        }
    }

    static List<String> split(String value) {
        return Arrays.stream(value.split(",", -1)).map(String::strip).toList();
    }
}
