package fr.yseraa.observatory.core.catalog;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.locationtech.jts.geom.Envelope;

/**
 * A published layer, checked against the database: its definition plus what the database says of it.
 *
 * @param geometryType the PostGIS geometry type (POINT, MULTIPOLYGON, GEOMETRY...)
 * @param srid the native SRID of the geometry column
 * @param idColumn the column giving stable feature ids
 * @param attributes the published non-geometry columns, in table order (the order column is not one)
 * @param nativeBbox the extent in the native CRS
 * @param sourceComment the comment on the table or view, used as abstract when none is declared
 * @param table whether the source is a table (a view, a materialized view or a foreign table is not one)
 */
public record LayerInfo(
        LayerDefinition definition,
        Workspace workspace,
        String geometryType,
        int srid,
        String idColumn,
        List<AttributeInfo> attributes,
        Envelope nativeBbox,
        String sourceComment,
        boolean table) {

    public String name() {
        return definition.name();
    }

    public String qualifiedName() {
        return definition.qualifiedName();
    }

    public String title() {
        return definition.title();
    }

    public String abstractText() {
        return definition.abstractText() != null ? definition.abstractText() : sourceComment;
    }

    public String source() {
        return definition.source();
    }

    public String geometryColumn() {
        return definition.geometryColumn();
    }

    /** The column pages are ordered by: the declared order column, else the id column. */
    public String orderColumn() {
        return definition.orderColumn() != null ? definition.orderColumn() : idColumn;
    }

    /**
     * The stable identifier of the layer's metadata record (and of the resource): the one its metadata section
     * declares, else a name-based UUID of the workspace's namespace and the layer's name.
     */
    public String recordIdentifier() {
        String declared = definition.metadata().identifier();
        return declared != null ? declared
                : UUID.nameUUIDFromBytes((workspace.namespaceUri() + "/" + name()).getBytes(StandardCharsets.UTF_8))
                        .toString();
    }

    /** The columns holding the standard GML properties of the layer's features. */
    public GmlColumns gmlColumns() {
        return definition.gmlColumns();
    }

    public Optional<AttributeInfo> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
