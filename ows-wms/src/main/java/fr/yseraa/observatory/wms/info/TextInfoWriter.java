package fr.yseraa.observatory.wms.info;

import fr.yseraa.observatory.core.crs.CrsName;
import fr.yseraa.observatory.core.feature.Feature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Plain text: per layer, each feature's attributes as {@code name = value} lines. */
final class TextInfoWriter implements FeatureInfoWriter {

    @Override
    public void write(List<LayerFeatures> found, CrsName crs, OutputStream out) throws IOException {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        if (found.stream().allMatch(l -> l.features().isEmpty())) {
            w.println(InfoMessages.text("nothing.found"));
        }
        for (LayerFeatures lf : found) {
            for (Feature f : lf.features()) {
                w.println(InfoMessages.format("text.feature", lf.layer().qualifiedName(), lf.layer().title(), f.id()));
                for (Map.Entry<String, Object> a : f.attributes().entrySet()) {
                    w.println("  " + a.getKey() + " = " + Values.text(a.getValue()));
                }
                w.println();
            }
        }
        w.flush();
    }
}
