package fr.yseraa.observatory.wms.info;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The GetFeatureInfo formats served, each with the writer that encodes its answer. */
public enum InfoFormat {
    HTML("text/html", "text/html; charset=UTF-8", new HtmlInfoWriter()),
    JSON("application/json", "application/json", new GeoJsonInfoWriter()),
    TEXT("text/plain", "text/plain; charset=UTF-8", new TextInfoWriter()),
    GML("application/vnd.ogc.gml", "application/vnd.ogc.gml; charset=UTF-8", new GmlInfoWriter());

    private final String mimeType;
    private final String contentType;
    private final FeatureInfoWriter writer;

    InfoFormat(String mimeType, String contentType, FeatureInfoWriter writer) {
        this.mimeType = mimeType;
        this.contentType = contentType;
        this.writer = writer;
    }

    public String mimeType() {
        return mimeType;
    }

    public String contentType() {
        return contentType;
    }

    public FeatureInfoWriter writer() {
        return writer;
    }

    public static List<String> mimeTypes() {
        return Arrays.stream(values()).map(InfoFormat::mimeType).toList();
    }

    public static Optional<InfoFormat> parse(String value) {
        String v = value.toLowerCase(Locale.ROOT).replace(" ", "");
        return Arrays.stream(values()).filter(f -> v.equals(f.mimeType) || v.startsWith(f.mimeType + ";")).findFirst();
    }
}
