package fr.yseraa.observatory.core.geopackage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * The GeoPackage binary geometry (OGC 12-128r18, 2.1.3): a header — "GP", version 0, flags (byte order, envelope
 * contents, empty), the srs_id, an optional envelope — followed by standard WKB. The one reader and writer of it:
 * imports read it, WFS output writes it.
 */
public final class GeoPackageGeometry {

    private static final int HEADER = 8;
    private static final int XY_ENVELOPE = 32;

    /**
     * A geometry read from a blob.
     *
     * @param srsId the srs_id of the header (an id of the file's {@code gpkg_spatial_ref_sys})
     */
    public record Decoded(int srsId, Geometry geometry) {
    }

    private GeoPackageGeometry() {
    }

    /**
     * The blob of a 2D geometry: little-endian, with its x/y envelope; an empty geometry is flagged empty and has no
     * envelope.
     */
    public static byte[] encode(Geometry geometry, int srsId) {
        byte[] wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN).write(geometry);
        boolean empty = geometry.isEmpty();
        int envelope = empty ? 0 : XY_ENVELOPE;
        ByteBuffer b = ByteBuffer.allocate(HEADER + envelope + wkb.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'G').put((byte) 'P').put((byte) 0);
        int flags = 1 /* little endian */ | (empty ? 0x10 : 0x02 /* envelope [minx, maxx, miny, maxy] */);
        b.put((byte) flags);
        b.putInt(srsId);
        if (!empty) {
            Envelope e = geometry.getEnvelopeInternal();
            b.putDouble(e.getMinX()).putDouble(e.getMaxX()).putDouble(e.getMinY()).putDouble(e.getMaxY());
        }
        b.put(wkb);
        return b.array();
    }

    /** The geometry of a blob, or null when the blob is not a GeoPackage geometry or holds an empty one. */
    public static Decoded decode(byte[] blob) {
        if (blob == null || blob.length < HEADER || blob[0] != 'G' || blob[1] != 'P') {
            return null;
        }
        int flags = blob[3];
        if ((flags & 0x10) != 0) {
            return null; // empty
        }
        int envelope = switch ((flags >> 1) & 0x7) {
            case 0 -> 0;
            case 1 -> 32;
            case 2, 3 -> 48;
            case 4 -> 64;
            default -> -1;
        };
        if (envelope < 0 || blob.length < HEADER + envelope) {
            return null;
        }
        int srsId = ByteBuffer.wrap(blob, 4, 4)
                .order((flags & 1) == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN).getInt();
        try {
            return new Decoded(srsId, new WKBReader().read(Arrays.copyOfRange(blob, HEADER + envelope, blob.length)));
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }
}
