package fr.yseraa.observatory.ogcapi;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.yseraa.observatory.core.catalog.LayerInfo;
import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.core.feature.ValueFormat;
import fr.yseraa.observatory.core.geojson.GeoJsonFeatureWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Writes features as they stream from the repository: a GeoJSON FeatureCollection (its totals and links first) or
 * an HTML table, flushed every few hundred features so that memory stays constant whatever the page's size.
 */
abstract class ItemsWriter implements AutoCloseable {

    private static final JsonFactory FACTORY = new ObjectMapper().getFactory();
    private static final int FLUSH_EVERY = 500;

    /** The page's figures and links. */
    record Page(OptionalLong matched, long returned, List<Map<String, Object>> links) {
    }

    private final LayerInfo layer;
    private int sinceFlush;

    ItemsWriter(LayerInfo layer) {
        this.layer = layer;
    }

    /** The id a feature is known by in the API: its key, without the layer name WFS puts before it. */
    static String featureId(LayerInfo layer, Feature f) {
        String prefix = layer.name() + ".";
        return f.id().startsWith(prefix) ? f.id().substring(prefix.length()) : f.id();
    }

    /** Writes a feature; an I/O failure (the client went away) ends the stream as unchecked. */
    final void accept(Feature f) {
        try {
            write(f, featureId(layer, f));
            if (++sinceFlush >= FLUSH_EVERY) {
                sinceFlush = 0;
                flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    abstract void write(Feature f, String id) throws IOException;

    abstract void flush() throws IOException;

    @Override
    public abstract void close() throws IOException;

    static ItemsWriter geoJson(LayerInfo layer, OutputStream body, Page page) throws IOException {
        JsonGenerator json = FACTORY.createGenerator(body, JsonEncoding.UTF8);
        GeoJsonFeatureWriter features = new GeoJsonFeatureWriter(json);
        json.writeStartObject();
        json.writeStringField("type", "FeatureCollection");
        if (page.matched().isPresent()) {
            json.writeNumberField("numberMatched", page.matched().getAsLong());
        }
        json.writeNumberField("numberReturned", page.returned());
        json.writeStringField("timeStamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        json.writeFieldName("links");
        json.writeObject(page.links());
        json.writeArrayFieldStart("features");
        return new ItemsWriter(layer) {
            @Override
            void write(Feature f, String id) throws IOException {
                features.start(f, id, true);
                json.writeEndObject();
            }

            @Override
            void flush() throws IOException {
                json.flush();
            }

            @Override
            public void close() throws IOException {
                json.writeEndArray();
                json.writeEndObject();
                json.close();
            }
        };
    }

    static ItemsWriter html(LayerInfo layer, Html html, Page page, String itemsUrl) throws IOException {
        html.raw("<p>");
        if (page.matched().isPresent()) {
            html.text(page.matched().getAsLong() + " objets au total, ");
        }
        html.text(page.returned() + " sur cette page.");
        for (Map<String, Object> link : page.links()) {
            String rel = (String) link.get("rel");
            if ((rel.equals("next") || rel.equals("prev")) && Links.HTML.equals(link.get("type"))) {
                html.raw(" ").link((String) link.get("href"), rel.equals("next") ? "Page suivante" : "Page précédente");
            }
        }
        html.raw("</p>\n<table><thead><tr><th>Identifiant</th>");
        return new ItemsWriter(layer) {
            private List<String> columns;

            @Override
            void write(Feature f, String id) throws IOException {
                if (columns == null) {
                    columns = List.copyOf(f.attributes().keySet());
                    for (String c : columns) {
                        html.element("th", c);
                    }
                    html.raw("</tr></thead><tbody>\n");
                }
                html.raw("<tr><td>").link(itemsUrl + "/" + Links.segment(id) + "?f=html", id).raw("</td>");
                for (String c : columns) {
                    html.element("td", ValueFormat.text(f.attributes().get(c)));
                }
                html.raw("</tr>\n");
            }

            @Override
            void flush() throws IOException {
                html.flush();
            }

            @Override
            public void close() throws IOException {
                html.raw(columns == null ? "</tr></thead><tbody>" : "").raw("</tbody></table>\n");
                html.close();
            }
        };
    }
}
