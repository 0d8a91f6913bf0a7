package fr.yseraa.observatory.wms.render;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.wms.style.Fill;
import fr.yseraa.observatory.wms.style.Font;
import fr.yseraa.observatory.wms.style.LabelTemplate;
import fr.yseraa.observatory.wms.style.LinePlacement;
import fr.yseraa.observatory.wms.style.TextSymbolizer;
import fr.yseraa.observatory.wms.style.ValueExpression;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;

class ShapeConverterTest {

    @Test
    void lineLabelsFollowTheLineAndSkipLinesShorterThanThemselves() {
        MapViewport view = new MapViewport(new Envelope(0, 200, 0, 100), 200, 100, false);
        TextSymbolizer label = new TextSymbolizer(new LabelTemplate(List.of(new ValueExpression.Property("nom"))),
                new Font("DejaVu Sans", false, true, 14), null, new LinePlacement(0), new Fill(Color.RED, 1, null), null);
        GeometryFactory gf = new GeometryFactory();
        LineString longLine = gf.createLineString(new Coordinate[] {new Coordinate(10, 50), new Coordinate(190, 50)});
        LineString shortLine = gf.createLineString(new Coordinate[] {new Coordinate(10, 10), new Coordinate(14, 10)});
        LabelPlacer placer = new LabelPlacer(new ShapeConverter(view));
        placer.add(new Feature("a", Map.of("nom", "La Aa"), longLine), longLine, label);
        placer.add(new Feature("b", Map.of("nom", "Watergang"), shortLine), shortLine, label);
        BufferedImage canvas = new BufferedImage(200, 100, BufferedImage.TYPE_INT_ARGB);
        assertThat(placer.drawAll(MapRenderer.graphics(canvas))).isEqualTo(1);
        int minRow = Integer.MAX_VALUE;
        int maxRow = -1;
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 200; x++) {
                if ((canvas.getRGB(x, y) >>> 24) > 128) {
                    minRow = Math.min(minRow, y);
                    maxRow = Math.max(maxRow, y);
                }
            }
        }
        // the label sits on the line (row 50), horizontally
        assertThat(minRow).isBetween(35, 50);
        assertThat(maxRow).isBetween(50, 60);
    }
}
