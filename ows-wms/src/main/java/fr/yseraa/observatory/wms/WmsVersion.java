package fr.yseraa.observatory.wms;

import fr.yseraa.observatory.core.crs.AxisOrder;
import fr.yseraa.observatory.core.crs.CrsName;
import java.util.Arrays;
import java.util.Optional;

/** The two WMS versions served, and what differs between them in requests. */
public enum WmsVersion {
    V1_3_0("1.3.0", "CRS", "I", "J"),
    V1_1_1("1.1.1", "SRS", "X", "Y");

    private final String text;
    private final String crsParameter;
    private final String columnParameter;
    private final String rowParameter;

    WmsVersion(String text, String crsParameter, String columnParameter, String rowParameter) {
        this.text = text;
        this.crsParameter = crsParameter;
        this.columnParameter = columnParameter;
        this.rowParameter = rowParameter;
    }

    public String text() {
        return text;
    }

    /** CRS (1.3.0) or SRS (1.1.1). */
    public String crsParameter() {
        return crsParameter;
    }

    /** I (1.3.0) or X (1.1.1): the clicked pixel's column in GetFeatureInfo. */
    public String columnParameter() {
        return columnParameter;
    }

    /** J (1.3.0) or Y (1.1.1). */
    public String rowParameter() {
        return rowParameter;
    }

    /**
     * The order of a CRS's coordinates in BBOX and BoundingBox: WMS 1.3.0 follows the CRS's official axis order
     * (north first for EPSG:4326), WMS 1.1.1 always writes x first.
     */
    public AxisOrder axisOrder(CrsName crs) {
        return this == V1_3_0 ? crs.epsgAxisOrder() : AxisOrder.EAST_NORTH;
    }

    public static Optional<WmsVersion> of(String text) {
        return Arrays.stream(values()).filter(v -> v.text.equals(text)).findFirst();
    }

    /**
     * Version negotiation of GetCapabilities (WMS 1.3.0, 6.2.4): the version asked for when served, else the
     * highest served version lower than it, else the lowest; the highest when none is asked for.
     */
    public static WmsVersion negotiate(String asked) {
        if (asked == null || asked.isBlank()) {
            return V1_3_0;
        }
        Optional<WmsVersion> exact = of(asked.trim());
        if (exact.isPresent()) {
            return exact.get();
        }
        return compare(asked.trim(), V1_3_0.text) > 0 ? V1_3_0 : V1_1_1;
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int d = Integer.compare(number(x, i), number(y, i));
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }

    private static int number(String[] parts, int i) {
        if (i >= parts.length) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[i]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
