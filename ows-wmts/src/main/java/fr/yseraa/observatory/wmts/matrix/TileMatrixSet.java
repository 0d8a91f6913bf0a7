package fr.yseraa.observatory.wmts.matrix;

import fr.yseraa.observatory.core.crs.CrsName;
import java.util.List;
import java.util.Optional;

/**
 * A tile matrix set: its identifier, French title, CRS (as the URI written in capabilities and the EPSG code the
 * renderer and PostGIS use), the well-known scale set it follows if any, and its levels from the coarsest.
 *
 * @param mapCrs the CRS as the WMS map requests name it (x/y order): EPSG:3857, CRS:84...
 */
public record TileMatrixSet(String id, String title, String crsUri, CrsName mapCrs, int srid, String wellKnownScaleSet,
                            List<TileMatrix> matrices) {

    public TileMatrixSet {
        matrices = List.copyOf(matrices);
    }

    public Optional<TileMatrix> matrix(String matrixId) {
        return matrices.stream().filter(m -> m.id().equals(matrixId)).findFirst();
    }
}
