package fr.yseraa.observatory.wms.info;

import fr.yseraa.observatory.core.catalog.AttributeInfo;
import fr.yseraa.observatory.core.crs.CrsName;
import fr.yseraa.observatory.core.feature.Feature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A small HTML page in the language of {@link InfoMessages} (French): one table per layer with its title, a column
 * per attribute (headed by the column's name, with the column's comment when the database gives one), a row per
 * feature. Every value is escaped.
 */
final class HtmlInfoWriter implements FeatureInfoWriter {

    @Override
    public void write(List<LayerFeatures> found, CrsName crs, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write("<!DOCTYPE html>\n<html lang=\"" + escape(InfoMessages.text("language")) + "\"><head><meta charset=\"UTF-8\"><title>"
                + escape(InfoMessages.text("html.title")) + "</title>"
                + "<style>body{font-family:sans-serif;font-size:12px}table{border-collapse:collapse;margin-bottom:1em}"
                + "caption{font-weight:bold;text-align:left;padding:2px 0}th,td{border:1px solid #bbb;padding:2px 6px;"
                + "text-align:left;vertical-align:top}th{background:#eee}</style></head><body>\n");
        boolean any = false;
        for (LayerFeatures lf : found) {
            if (lf.features().isEmpty()) {
                continue;
            }
            any = true;
            List<String> columns = List.copyOf(lf.features().get(0).attributes().keySet());
            w.write("<table>\n<caption>" + escape(lf.layer().title()) + "</caption>\n<tr>");
            for (String c : columns) {
                String comment = lf.layer().attribute(c).map(AttributeInfo::comment).orElse(null);
                w.write("<th" + (comment == null ? "" : " title=\"" + escape(comment) + "\"") + ">" + escape(c) + "</th>");
            }
            w.write("</tr>\n");
            for (Feature f : lf.features()) {
                w.write("<tr>");
                for (String c : columns) {
                    Map<String, Object> a = f.attributes();
                    w.write("<td>" + escape(Values.text(a.get(c))) + "</td>");
                }
                w.write("</tr>\n");
            }
            w.write("</table>\n");
        }
        if (!any) {
            w.write("<p>" + escape(InfoMessages.text("nothing.found")) + "</p>\n");
        }
        w.write("</body></html>\n");
        w.flush();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
