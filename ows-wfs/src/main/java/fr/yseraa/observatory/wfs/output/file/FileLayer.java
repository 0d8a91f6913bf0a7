package fr.yseraa.observatory.wfs.output.file;

import fr.yseraa.observatory.core.catalog.AttributeInfo;
import java.util.List;

/**
 * One query's features as a file format lays them out: a table or a set of files.
 *
 * @param name the layer's bare name (the table's or the files' base name; writers make it unique in one file)
 * @param title the layer's title
 * @param attributes the attributes written, in order, as the caller sees them
 * @param withGeometry whether the geometry is written
 * @param geometryColumn the name of the geometry column
 * @param geometryType the declared geometry type (PostGIS spelling: POINT, MULTIPOLYGON, GEOMETRY...)
 * @param srid the EPSG code of the geometries' CRS (x/y order)
 * @param crsDefinition the CRS's OGC WKT, or null when unknown
 */
public record FileLayer(String name, String title, List<AttributeInfo> attributes, boolean withGeometry,
                        String geometryColumn, String geometryType, int srid, String crsDefinition) {

    public FileLayer {
        attributes = List.copyOf(attributes);
    }
}
