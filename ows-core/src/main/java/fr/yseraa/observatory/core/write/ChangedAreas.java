package fr.yseraa.observatory.core.write;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;

/** The areas a transaction changed, per layer and CRS, merged into one envelope each. */
public final class ChangedAreas {

    /** An area of a layer that changed, in an SRID. */
    public record Area(String layer, Envelope envelope, int srid) {
    }

    private final Map<String, Area> areas = new LinkedHashMap<>();

    void add(String layer, Envelope area, int srid) {
        if (area == null || area.isNull()) {
            return;
        }
        areas.merge(layer + "@" + srid, new Area(layer, new Envelope(area), srid), (a, b) -> {
            a.envelope().expandToInclude(b.envelope());
            return a;
        });
    }

    public List<Area> areas() {
        return new ArrayList<>(areas.values());
    }
}
