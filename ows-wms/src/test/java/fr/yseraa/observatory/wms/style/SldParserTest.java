package fr.yseraa.observatory.wms.style;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.feature.Feature;
import fr.yseraa.observatory.wms.testing.StyleFolders;
import fr.yseraa.observatory.wms.testing.WmsFixture;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SldParserTest {

    static final Path STYLES = WmsFixture.root().resolve("styles");
    static final String HEAD = "<StyledLayerDescriptor version=\"1.0.0\" xmlns=\"http://www.opengis.net/sld\" "
            + "xmlns:ogc=\"http://www.opengis.net/ogc\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
            + "<NamedLayer><Name>essai:test</Name><UserStyle><Name>test</Name><Title>Essai</Title><FeatureTypeStyle>";
    static final String TAIL = "</FeatureTypeStyle></UserStyle></NamedLayer></StyledLayerDescriptor>";

    private static ParsedStyles parse(String rules) {
        return new SldParser(new GraphicLoader(null)).parse((HEAD + rules + TAIL).getBytes(StandardCharsets.UTF_8));
    }

    private static Rule onlyRule(ParsedStyles p) {
        return p.stylesByLayer().get("essai:test").get(0).featureTypeStyles().get(0).rules().get(0);
    }

    @Test
    void everyFixtureStyleLoadsWithoutWarnings() throws Exception {
        // scale ranges, comparison and range filters, density grids, marks, labels: all supported
        StyleFolders.assertLoadCleanly(STYLES, 4, "landcover", 8);
    }

    @Test
    void symbolizersAreReadIntoTheModel() {
        ParsedStyles p = parse("<Rule><Name>r</Name><Title>Règle</Title>"
                + "<MinScaleDenominator>1000</MinScaleDenominator><MaxScaleDenominator>50000</MaxScaleDenominator>"
                + "<PolygonSymbolizer><Fill><CssParameter name=\"fill\">#112233</CssParameter>"
                + "<CssParameter name=\"fill-opacity\">0.5</CssParameter></Fill></PolygonSymbolizer>"
                + "<LineSymbolizer><Stroke><CssParameter name=\"stroke\">#FF0000</CssParameter>"
                + "<CssParameter name=\"stroke-width\">2.5</CssParameter><CssParameter name=\"stroke-dasharray\">4 2</CssParameter>"
                + "<CssParameter name=\"stroke-linecap\">round</CssParameter><CssParameter name=\"stroke-linejoin\">bevel</CssParameter>"
                + "</Stroke><PerpendicularOffset>3</PerpendicularOffset></LineSymbolizer>"
                + "<PointSymbolizer><Graphic><Mark><WellKnownName>star</WellKnownName><Fill><CssParameter name=\"fill\">"
                + "<ogc:Literal>#00FF00</ogc:Literal></CssParameter></Fill></Mark><Size>12</Size><Rotation>45</Rotation></Graphic></PointSymbolizer>"
                + "<TextSymbolizer><Label>Commune <ogc:PropertyName>name</ogc:PropertyName> (<ogc:PropertyName>insee</ogc:PropertyName>)</Label>"
                + "<Font><CssParameter name=\"font-family\">DejaVu Sans</CssParameter><CssParameter name=\"font-weight\">bold</CssParameter>"
                + "<CssParameter name=\"font-size\">13</CssParameter></Font>"
                + "<LabelPlacement><PointPlacement><AnchorPoint><AnchorPointX>0.5</AnchorPointX><AnchorPointY>0</AnchorPointY></AnchorPoint>"
                + "<Displacement><DisplacementX>2</DisplacementX><DisplacementY>-4</DisplacementY></Displacement><Rotation>30</Rotation>"
                + "</PointPlacement></LabelPlacement><Halo><Radius>2</Radius></Halo><Priority><ogc:PropertyName>population</ogc:PropertyName></Priority>"
                + "</TextSymbolizer></Rule>");
        assertThat(p.warnings()).isEmpty();
        Rule rule = onlyRule(p);
        assertThat(rule.label()).isEqualTo("Règle");
        assertThat(rule.appliesAt(999)).isFalse();
        assertThat(rule.appliesAt(1000)).isTrue();
        assertThat(rule.appliesAt(50000)).isFalse();
        assertThat(rule.filter()).isSameAs(RuleFilter.ALL);
        List<Symbolizer> s = rule.symbolizers();
        assertThat(s).hasSize(4);
        PolygonSymbolizer polygon = (PolygonSymbolizer) s.get(0);
        assertThat(polygon.fill().color()).isEqualTo(new Color(0x112233));
        assertThat(polygon.fill().opacity()).isEqualTo(0.5);
        assertThat(polygon.stroke()).isNull();
        LineSymbolizer line = (LineSymbolizer) s.get(1);
        assertThat(line.stroke().width()).isEqualTo(2.5);
        assertThat(line.stroke().dashArray()).containsExactly(4f, 2f);
        assertThat(line.stroke().lineCap()).isEqualTo("round");
        assertThat(line.stroke().lineJoin()).isEqualTo("bevel");
        assertThat(line.perpendicularOffset()).isEqualTo(3);
        PointSymbolizer point = (PointSymbolizer) s.get(2);
        assertThat(point.graphic().size()).isEqualTo(12);
        assertThat(point.graphic().rotation()).isEqualTo(45);
        Mark mark = (Mark) point.graphic().symbol();
        assertThat(mark.wellKnownName()).isEqualTo("star");
        assertThat(mark.fill().color()).isEqualTo(Color.GREEN);
        TextSymbolizer text = (TextSymbolizer) s.get(3);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", "Clairmarais");
        attributes.put("insee", "62227");
        attributes.put("population", 640);
        Feature f = new Feature("c.1", attributes, null);
        assertThat(text.label().text(f)).isEqualTo("Commune Clairmarais (62227)");
        assertThat(text.font()).isEqualTo(new Font("DejaVu Sans", false, true, 13));
        assertThat(text.halo().radius()).isEqualTo(2);
        assertThat(text.halo().fill().color()).isEqualTo(Color.WHITE);
        assertThat(text.placement()).isEqualTo(new PointPlacement(0.5, 0, 2, -4, 30));
        assertThat(text.priority().value(f)).isEqualTo(640);
    }

    @Test
    void unsupportedPartsAreReportedWhereTheyAre() {
        ParsedStyles p = parse("<Rule><Name>odd</Name>"
                + "<LineSymbolizer><Geometry><ogc:PropertyName>other</ogc:PropertyName></Geometry>"
                + "<Stroke><GraphicStroke><Graphic/></GraphicStroke><CssParameter name=\"stroke\">blue</CssParameter>"
                + "<CssParameter name=\"stroke-width\"><ogc:PropertyName>w</ogc:PropertyName></CssParameter>"
                + "<CssParameter name=\"stroke-dashoffset\">2</CssParameter></Stroke></LineSymbolizer>"
                + "<PointSymbolizer><Graphic><Mark><WellKnownName>shape://vertline</WellKnownName></Mark></Graphic></PointSymbolizer>"
                + "<RasterSymbolizer/></Rule>");
        assertThat(p.warnings()).anySatisfy(w -> assertThat(w).contains("Rule[odd]/LineSymbolizer/Geometry")
                        .contains("unsupported element Geometry"))
                .anySatisfy(w -> assertThat(w).contains("unsupported element GraphicStroke"))
                .anySatisfy(w -> assertThat(w).contains("colour 'blue' is not #RRGGBB"))
                .anySatisfy(w -> assertThat(w).contains("computed values (PropertyName)"))
                .anySatisfy(w -> assertThat(w).contains("stroke parameter stroke-dashoffset is not supported"))
                .anySatisfy(w -> assertThat(w).contains("unknown mark shape://vertline"))
                .anySatisfy(w -> assertThat(w).contains("unsupported element RasterSymbolizer"));
        assertThat(onlyRule(p).symbolizers()).hasSize(2);
    }

    @Test
    void rulesWithFiltersMatchWhatTheirFilterSays() {
        ParsedStyles p = parse("<Rule><Name>big</Name><ogc:Filter><ogc:PropertyIsGreaterThan>"
                + "<ogc:PropertyName>population</ogc:PropertyName><ogc:Literal>5000</ogc:Literal>"
                + "</ogc:PropertyIsGreaterThan></ogc:Filter><PointSymbolizer/></Rule>"
                + "<Rule><Name>rest</Name><ElseFilter/><PointSymbolizer/></Rule>");
        List<Rule> rules = p.allStyles().get(0).featureTypeStyles().get(0).rules();
        assertThat(rules.get(0).filter().matches(new Feature("x", Map.of("population", 9000), null))).isTrue();
        assertThat(rules.get(0).filter().matches(new Feature("y", Map.of("population", 900), null))).isFalse();
        assertThat(rules.get(1).elseFilter()).isTrue();
        assertThat(p.warnings()).isEmpty();
        assertThat(StyleProperties.of(p.allStyles().get(0))).contains("population");
    }

    @Test
    void aMapReadsOnlyWhatTheRulesOfItsScaleRead() throws Exception {
        ParsedStyles p = parse("<Rule><Name>labels</Name><MaxScaleDenominator>10000</MaxScaleDenominator>"
                + "<TextSymbolizer><Label><ogc:PropertyName>name</ogc:PropertyName></Label></TextSymbolizer></Rule>"
                + "<Rule><Name>towns</Name><ogc:Filter><ogc:PropertyIsGreaterThan>"
                + "<ogc:PropertyName>population</ogc:PropertyName><ogc:Literal>5000</ogc:Literal>"
                + "</ogc:PropertyIsGreaterThan></ogc:Filter><PointSymbolizer/></Rule>");
        Style style = p.allStyles().get(0);
        assertThat(StyleProperties.of(style)).containsExactly("name", "population");
        assertThat(StyleProperties.at(style, 5000)).containsExactly("name", "population");
        assertThat(StyleProperties.at(style, 10000)).as("the label's rule ends at 1:10 000").containsExactly("population");
    }

    @Test
    void aMalformedFilterIsAStyleError() {
        assertThatThrownBy(() -> parse("<Rule><Name>bad</Name><ogc:Filter><ogc:PropertyIsGreaterThan>"
                + "<ogc:PropertyName>population</ogc:PropertyName></ogc:PropertyIsGreaterThan></ogc:Filter>"
                + "<PointSymbolizer/></Rule>")).isInstanceOf(StyleParseException.class).hasMessageContaining("rule bad");
    }

    @Test
    void symbologyEncodingDocumentsAreRead() {
        String se = "<se:FeatureTypeStyle version=\"1.1.0\" xmlns:se=\"http://www.opengis.net/se\" "
                + "xmlns:ogc=\"http://www.opengis.net/ogc\"><se:Rule><se:Name>r</se:Name>"
                + "<se:Description><se:Title>Zones humides</se:Title></se:Description>"
                + "<se:PolygonSymbolizer><se:Fill><se:SvgParameter name=\"fill\">#0000FF</se:SvgParameter></se:Fill>"
                + "<se:Stroke><se:SvgParameter name=\"stroke-width\">3</se:SvgParameter></se:Stroke></se:PolygonSymbolizer>"
                + "</se:Rule></se:FeatureTypeStyle>";
        ParsedStyles p = new SldParser(new GraphicLoader(null)).parse(se.getBytes(StandardCharsets.UTF_8));
        assertThat(p.warnings()).isEmpty();
        Rule r = p.allStyles().get(0).featureTypeStyles().get(0).rules().get(0);
        assertThat(r.title()).isEqualTo("Zones humides");
        PolygonSymbolizer s = (PolygonSymbolizer) r.symbolizers().get(0);
        assertThat(s.fill().color()).isEqualTo(Color.BLUE);
        assertThat(s.stroke().width()).isEqualTo(3);
    }

    @Test
    void externalGraphicsComeOnlyFromTheDataDirectory(@TempDir Path dir) throws Exception {
        BufferedImage icon = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
        ImageIO.write(icon, "png", dir.resolve("icon.png").toFile());
        Files.writeString(dir.getParent().resolve("outside.png"), "x");
        String rule = "<Rule><PointSymbolizer><Graphic><ExternalGraphic><OnlineResource xlink:href=\"%s\"/>"
                + "<Format>image/png</Format></ExternalGraphic><Size>16</Size></Graphic></PointSymbolizer></Rule>";
        SldParser parser = new SldParser(new GraphicLoader(dir));
        ParsedStyles ok = parser.parse((HEAD + rule.formatted("icon.png") + TAIL).getBytes(StandardCharsets.UTF_8));
        assertThat(ok.warnings()).isEmpty();
        ExternalGraphic g = (ExternalGraphic) ((PointSymbolizer) onlyRule(ok).symbolizers().get(0)).graphic().symbol();
        assertThat(g.image().width()).isEqualTo(8);
        for (String bad : List.of("../outside.png", "http://example.org/icon.png", "/etc/passwd")) {
            ParsedStyles refused = parser.parse((HEAD + rule.formatted(bad) + TAIL).getBytes(StandardCharsets.UTF_8));
            assertThat(refused.warnings()).as(bad).anySatisfy(w -> assertThat(w).contains("external graphic"));
            Graphic graphic = ((PointSymbolizer) onlyRule(refused).symbolizers().get(0)).graphic();
            assertThat(graphic.symbol()).as(bad).isInstanceOf(Mark.class); // the default square instead
        }
    }

    @Test
    void svgGraphicsAreReadAsShapesAndWhatIsNotDrawnIsReported(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("leaf.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 50 25\">"
                + "<path d=\"M0 0 L50 0 l0 25 Z\" fill=\"#00ff00\"/><text x=\"1\" y=\"1\">a</text></svg>");
        Files.writeString(dir.resolve("evil.svg"), "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY e SYSTEM "
                + "\"file:///etc/passwd\">]><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"9\" height=\"9\">&e;</svg>");
        String rule = "<Rule><PointSymbolizer><Graphic><ExternalGraphic><OnlineResource xlink:href=\"%s\"/>"
                + "<Format>image/svg+xml</Format></ExternalGraphic><Size>16</Size></Graphic></PointSymbolizer></Rule>";
        SldParser parser = new SldParser(new GraphicLoader(dir));
        ParsedStyles leaf = parser.parse((HEAD + rule.formatted("leaf.svg") + TAIL).getBytes(StandardCharsets.UTF_8));
        ExternalGraphic g = (ExternalGraphic) ((PointSymbolizer) onlyRule(leaf).symbolizers().get(0)).graphic().symbol();
        SvgImage svg = (SvgImage) g.image();
        assertThat(svg.width()).isEqualTo(50);
        assertThat(svg.height()).isEqualTo(25);
        assertThat(svg.parts()).hasSize(1);
        assertThat(svg.parts().get(0).fill()).isEqualTo(Color.GREEN);
        assertThat(leaf.warnings()).singleElement().satisfies(w -> assertThat(w).contains("element text is not drawn"));
        ParsedStyles evil = parser.parse((HEAD + rule.formatted("evil.svg") + TAIL).getBytes(StandardCharsets.UTF_8));
        assertThat(evil.warnings()).anySatisfy(w -> assertThat(w).contains("not readable XML"));
        assertThat(((PointSymbolizer) onlyRule(evil).symbolizers().get(0)).graphic().symbol()).isInstanceOf(Mark.class);
    }

    @Test
    void aDensityGridSemanticTypeMakesADensityPass() {
        String doc = "<StyledLayerDescriptor version=\"1.0.0\" xmlns=\"http://www.opengis.net/sld\"><NamedLayer>"
                + "<Name>l</Name><UserStyle><Name>s</Name>"
                + "<FeatureTypeStyle><SemanticTypeIdentifier>generic:point</SemanticTypeIdentifier><Rule/></FeatureTypeStyle>"
                + "<FeatureTypeStyle><SemanticTypeIdentifier>density-grid:8</SemanticTypeIdentifier><Rule/></FeatureTypeStyle>"
                + "<FeatureTypeStyle><SemanticTypeIdentifier>density-grid</SemanticTypeIdentifier><Rule/></FeatureTypeStyle>"
                + "<FeatureTypeStyle><SemanticTypeIdentifier>density-grid:1000</SemanticTypeIdentifier><Rule/></FeatureTypeStyle>"
                + "</UserStyle></NamedLayer></StyledLayerDescriptor>";
        ParsedStyles p = new SldParser(new GraphicLoader(null)).parse(doc.getBytes(StandardCharsets.UTF_8));
        assertThat(p.allStyles().get(0).featureTypeStyles()).extracting(FeatureTypeStyle::densityCellPixels)
                .containsExactly(0, 8, 16, 16);
        assertThat(p.warnings()).singleElement().satisfies(w -> assertThat(w).contains("1000 pixels"));
    }

    /** A style of one FeatureTypeStyle with these semantic types (SLD 1.0) and no rule content. */
    private static ParsedStyles withSemanticTypes(String... types) {
        StringBuilder doc = new StringBuilder("<StyledLayerDescriptor version=\"1.0.0\" xmlns=\"http://www.opengis.net/sld\">"
                + "<NamedLayer><Name>l</Name><UserStyle><Name>s</Name><FeatureTypeStyle><Name>grid</Name>");
        for (String t : types) {
            doc.append("<SemanticTypeIdentifier>").append(t).append("</SemanticTypeIdentifier>");
        }
        doc.append("<Rule/></FeatureTypeStyle></UserStyle></NamedLayer></StyledLayerDescriptor>");
        return new SldParser(new GraphicLoader(null)).parse(doc.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDensityAboveSemanticTypeGivesTheDensityPassItsThreshold() {
        FeatureTypeStyle grid = withSemanticTypes("density-grid:16", "density-above:50000").allStyles().get(0)
                .featureTypeStyles().get(0);
        assertThat(grid.densityCellPixels()).isEqualTo(16);
        assertThat(grid.densityAbove()).isEqualTo(50_000);
        // in either order, with spaces, up to the largest whole number; SE 1.1 reads alike
        assertThat(withSemanticTypes(" density-above:1 ", "density-grid").allStyles().get(0).featureTypeStyles().get(0)
                .densityAbove()).isEqualTo(1);
        assertThat(withSemanticTypes("density-grid", "density-above:2147483647").allStyles().get(0).featureTypeStyles()
                .get(0).densityAbove()).isEqualTo(Integer.MAX_VALUE);
        String se = "<FeatureTypeStyle version=\"1.1.0\" xmlns=\"http://www.opengis.net/se\">"
                + "<SemanticTypeIdentifier>density-grid:8</SemanticTypeIdentifier>"
                + "<SemanticTypeIdentifier>density-above:300</SemanticTypeIdentifier><Rule/></FeatureTypeStyle>";
        ParsedStyles seStyle = new SldParser(new GraphicLoader(null)).parse(se.getBytes(StandardCharsets.UTF_8));
        assertThat(seStyle.allStyles().get(0).featureTypeStyles().get(0).densityAbove()).isEqualTo(300);
        assertThat(seStyle.warnings()).isEmpty();
        // without it, a density pass draws at its rules' scales only
        assertThat(withSemanticTypes("density-grid:16").allStyles().get(0).featureTypeStyles().get(0).densityAbove())
                .isZero();
    }

    @Test
    void aBadDensityAboveIsAStyleError() {
        for (String bad : List.of("density-above", "density-above:", "density-above:0", "density-above:-5",
                "density-above:abc", "density-above:1e5", "density-above:50 000", "density-above:2147483648",
                "density-above:99999999999")) {
            assertThatThrownBy(() -> withSemanticTypes("density-grid:16", bad)).as(bad)
                    .isInstanceOf(StyleParseException.class)
                    .hasMessageContaining("FeatureTypeStyle[grid]/SemanticTypeIdentifier")
                    .hasMessageContaining("a whole number from 1 to 2147483647")
                    .hasMessageContaining("got '" + bad + "'");
        }
        assertThatThrownBy(() -> withSemanticTypes("density-above:100"))
                .isInstanceOf(StyleParseException.class)
                .hasMessageContaining("FeatureTypeStyle[grid]")
                .hasMessageContaining("only a density pass can draw instead of the features");
        assertThatThrownBy(() -> withSemanticTypes("generic:point", "density-above:100"))
                .isInstanceOf(StyleParseException.class).hasMessageContaining("goes with the semantic type density-grid");
        assertThatThrownBy(() -> withSemanticTypes("density-grid", "density-above:100", "density-above:200"))
                .isInstanceOf(StyleParseException.class).hasMessageContaining("given twice");
    }

    @Test
    void documentsThatAreNotStylesAreRefused() {
        SldParser parser = new SldParser(new GraphicLoader(null));
        assertThatThrownBy(() -> parser.parse("<x".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StyleParseException.class);
        assertThatThrownBy(() -> parser.parse("<foo/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StyleParseException.class);
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + HEAD
                + "<Rule><Title>&e;</Title></Rule>" + TAIL;
        assertThatThrownBy(() -> parser.parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StyleParseException.class);
    }
}
