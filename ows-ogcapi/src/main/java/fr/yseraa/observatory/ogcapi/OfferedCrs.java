package fr.yseraa.observatory.ogcapi;

import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.crs.AxisOrder;
import fr.yseraa.observatory.core.crs.CrsList;
import fr.yseraa.observatory.core.crs.CrsName;
import fr.yseraa.observatory.core.crs.Epsg;
import fr.yseraa.observatory.core.ows.OwsException;
import java.util.ArrayList;
import java.util.List;

/**
 * The CRSs a collection offers (OGC API Features part 2), as URIs: CRS84 first, then each CRS of the layer's list
 * whose axes are east then north (GeoJSON coordinates are written x then y; Lambert-93 is one), the layer's storage
 * CRS among them when it is so.
 */
public final class OfferedCrs {

    public static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    private OfferedCrs() {
    }

    /** The URI of an EPSG CRS, or CRS84's for 4326. */
    public static String uri(int srid) {
        return srid == 4326 ? CRS84 : "http://www.opengis.net/def/crs/EPSG/0/" + srid;
    }

    /** The CRS URIs the layer offers, CRS84 first. */
    public static List<String> of(LayerInfo layer) {
        List<String> uris = new ArrayList<>(List.of(CRS84));
        for (int srid : CrsList.srids(layer.definition().crs())) {
            if (srid != 4326 && Epsg.axisOrder(srid) == AxisOrder.EAST_NORTH) {
                uris.add(uri(srid));
            }
        }
        if (Epsg.axisOrder(layer.srid()) == AxisOrder.EAST_NORTH && !uris.contains(uri(layer.srid()))) {
            uris.add(uri(layer.srid()));
        }
        return uris;
    }

    /** The SRID of a CRS URI the layer offers (CRS84 when absent); any other answers 400 on the parameter. */
    public static int srid(LayerInfo layer, String uri, String parameter) {
        if (uri == null) {
            return 4326;
        }
        String name = uri.strip();
        if (name.startsWith("[") && name.endsWith("]")) { // the safe CURIE form, [EPSG:2154]
            name = name.substring(1, name.length() - 1);
        }
        CrsName crs = CrsName.recognise(name).orElseThrow(() -> OwsException.invalidParameter(parameter,
                "Unknown CRS '" + uri + "': use one of " + String.join(", ", of(layer))));
        if (!of(layer).contains(uri(crs.srid())) || crs.srid() == 4326 && crs.notation() != CrsName.Notation.CRS84) {
            throw OwsException.invalidParameter(parameter, "CRS " + uri + " is not offered by collection "
                    + layer.qualifiedName() + ": use one of " + String.join(", ", of(layer)));
        }
        return crs.srid();
    }
}
