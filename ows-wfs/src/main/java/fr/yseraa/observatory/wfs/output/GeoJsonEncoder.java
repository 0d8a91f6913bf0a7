package fr.yseraa.observatory.wfs.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import fr.yseraa.observatory.core.crs.CrsName;
import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.geojson.GeoJsonFeatureWriter;
import fr.yseraa.observatory.wfs.getfeature.TypeQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * GeoJSON feature collections, streamed: coordinates in x/y order of the output CRS, which a {@code crs} member
 * names when it is not WGS 84 longitude/latitude; paging totals and links as OGC API Features writes them, after the
 * features (an object's members have no order), so that a page can stream before it is counted.
 */
public final class GeoJsonEncoder implements FeatureEncoder {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final int FLUSH_EVERY = 500;

    private final JsonGenerator json;
    private final GeoJsonFeatureWriter features;
    private int sinceFlush;

    public GeoJsonEncoder(OutputStream out) {
        try {
            this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.features = new GeoJsonFeatureWriter(json);
    }

    @FunctionalInterface
    private interface JsonStep {
        void run() throws IOException;
    }

    private void run(JsonStep step) {
        try {
            step.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void start(CollectionHeader h) {
        run(() -> {
            json.writeStartObject();
            json.writeStringField("type", "FeatureCollection");
            crs(h.crs());
            json.writeArrayFieldStart("features");
        });
    }

    private void link(String rel, String href) throws IOException {
        if (href != null) {
            json.writeStartObject();
            json.writeStringField("rel", rel);
            json.writeStringField("type", "application/json");
            json.writeStringField("href", href);
            json.writeEndObject();
        }
    }

    @Override
    public void feature(TypeQuery query, Feature feature) {
        run(() -> {
            writeFeature(query, feature, false);
            if (++sinceFlush >= FLUSH_EVERY) {
                sinceFlush = 0;
                json.flush();
            }
        });
    }

    private void writeFeature(TypeQuery query, Feature f, boolean withCrs) throws IOException {
        features.start(f, f.id(), query.withGeometry());
        if (withCrs) {
            crs(query.crs());
        }
        json.writeEndObject();
    }

    /** Names the CRS unless it is GeoJSON's own (WGS 84 longitude/latitude). */
    private void crs(CrsName crs) throws IOException {
        if (crs != null && crs.srid() != 4326) {
            features.geometries().crsMember(CrsName.urn(crs.srid()).name());
        }
    }

    @Override
    public void end(CollectionHeader h) {
        run(() -> {
            json.writeEndArray();
            if (h.matched().isPresent()) {
                json.writeNumberField("numberMatched", h.matched().getAsLong());
            }
            json.writeNumberField("numberReturned", h.returned());
            json.writeArrayFieldStart("links");
            link("next", h.next());
            link("prev", h.previous());
            json.writeEndArray();
            json.writeEndObject();
            json.close();
        });
    }

    @Override
    public void single(TypeQuery query, Feature feature) {
        run(() -> {
            writeFeature(query, feature, true);
            json.close();
        });
    }
}
