package fr.yseraa.observatory.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.access.AccessPolicies;
import fr.yseraa.observatory.core.testing.TestPostgis;
import fr.yseraa.observatory.core.xml.SldValidatorTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad configuration stops start-up with the file and line at fault, every problem at once. */
class CatalogValidatorTest {

    static DataSource dataSource;

    @BeforeAll
    static void database() throws Exception {
        dataSource = TestPostgis.dataSource(TestPostgis.freshDatabase("catalog"));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE town (id integer PRIMARY KEY, name text, geom geometry(Point, 2154))");
            st.execute("CREATE VIEW untyped AS SELECT id, geom::geometry AS geom FROM town");
            st.execute("CREATE VIEW town_view AS SELECT id, geom FROM town");
        }
    }

    @TempDir
    Path dir;

    private Path layer(String name, String yaml) throws Exception {
        Path file = dir.resolve("workspaces/t/layers/" + name + ".yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(dir.resolve("workspaces/t/workspace.yaml"), "name: t\nnamespace: https://example.org/t\n");
        return Files.writeString(file, yaml);
    }

    private Catalog validate() throws Exception {
        Path styles = Files.createDirectories(dir.resolve("styles"));
        Files.writeString(styles.resolve("ok.sld"), SldValidatorTest.VALID);
        Files.writeString(styles.resolve("notsld.sld"), "<StyledLayerDescriptor version=\"1.0.0\" "
                + "xmlns=\"http://www.opengis.net/sld\"><Nonsense/></StyledLayerDescriptor>");
        return new CatalogValidator(dataSource, styles, new AccessPolicies(List.of())).validate(CatalogLoader.load(dir), 7);
    }

    @Test
    void aValidLayerIsPublished() throws Exception {
        layer("towns", "name: towns\ntitle: Villes\nsource: public.town\ngeometry: geom\nstyle: ok\n");
        Catalog catalog = validate();
        assertThat(catalog.updateSequence()).isEqualTo(7);
        assertThat(catalog.layer("t:towns")).get().satisfies(l -> {
            assertThat(l.geometryType()).isEqualTo("POINT");
            assertThat(l.nativeBbox().isNull()).isTrue(); // no rows yet
        });
        assertThat(catalog.layer("towns")).isPresent();
        assertThat(catalog.layer("nope")).isEmpty();
    }

    @Test
    void anOrderColumnOrdersPagesWithoutBeingPublished() throws Exception {
        layer("towns", "name: towns\ntitle: Villes\nsource: public.town\ngeometry: geom\nid: name\norder: id\nstyle: ok\n");
        LayerInfo towns = validate().layer("t:towns").orElseThrow();
        assertThat(towns.idColumn()).isEqualTo("name");
        assertThat(towns.orderColumn()).isEqualTo("id");
        assertThat(towns.attribute("id")).isEmpty();
        assertThat(towns.attributes()).extracting(AttributeInfo::name).containsExactly("name");
    }

    @Test
    void withoutAnOrderColumnPagesFollowTheIds() throws Exception {
        layer("towns", "name: towns\ntitle: Villes\nsource: public.town\ngeometry: geom\nstyle: ok\n");
        LayerInfo towns = validate().layer("t:towns").orElseThrow();
        assertThat(towns.orderColumn()).isEqualTo("id");
        assertThat(towns.attribute("id")).isPresent();
    }

    @Test
    void everyBadLayerIsReportedWithItsFileAndLine() throws Exception {
        Path missingTable = layer("a", "name: a\ntitle: A\nsource: public.nothing\ngeometry: geom\nstyle: ok\n");
        Path missingColumn = layer("b", "name: b\ntitle: B\nsource: public.town\ngeometry: the_geom\nstyle: ok\n");
        Path noSrid = layer("c", "name: c\ntitle: C\nsource: public.untyped\ngeometry: geom\nid: id\nstyle: ok\n");
        Path badStyle = layer("d", "name: d\ntitle: D\nsource: public.town\ngeometry: geom\nstyle: notsld\n");
        Path noStyle = layer("e", "name: e\ntitle: E\nsource: public.town\ngeometry: geom\nstyle: absent\n");
        Path badPolicy = layer("f", "name: f\ntitle: F\nsource: public.town\ngeometry: geom\nstyle: ok\npolicy: secret\n");
        Path noId = layer("g", "name: g\ntitle: G\nsource: public.town_view\ngeometry: geom\nstyle: ok\n");
        Path badOrder = layer("h", "name: h\ntitle: H\nsource: public.town\ngeometry: geom\norder: rank\nstyle: ok\n");
        Path orderIsId = layer("i", "name: i\ntitle: I\nsource: public.town\ngeometry: geom\norder: id\nstyle: ok\n");
        assertThatThrownBy(this::validate).isInstanceOfSatisfying(CatalogException.class, e -> {
            assertThat(e.problems()).hasSize(9);
            assertThat(e.getMessage()).contains(
                    missingTable + ":3: table or view public.nothing does not exist in the database",
                    missingColumn + ":4: public.town has no geometry column named the_geom",
                    noSrid + ":4: geometry column geom of public.untyped declares no SRID",
                    badStyle + ":5: style file " + dir.resolve("styles/notsld.sld") + " is not valid SLD: line 1:",
                    noStyle + ":5: style file " + dir.resolve("styles/absent.sld") + " does not exist",
                    badPolicy + ":6: unknown access policy 'secret'",
                    noId + ":1: public.town_view has no single-column primary key",
                    badOrder + ":5: rank is not a column of public.town other than the id column",
                    orderIsId + ":5: id is not a column of public.town other than the id column");
        });
    }

    @Test
    void aGmlSectionNamesTheColumnsHoldingTheStandardGmlProperties() throws Exception {
        layer("towns", "name: towns\ntitle: Villes\nsource: public.town\ngeometry: geom\nstyle: ok\n"
                + "gml:\n  name: name\n");
        LayerInfo towns = validate().layer("t:towns").orElseThrow();
        assertThat(towns.gmlColumns().column("name")).contains("name");
        assertThat(towns.gmlColumns().column("description")).isEmpty();
        assertThat(towns.gmlColumns().holds("name")).isTrue();
        assertThat(towns.gmlColumns().holds("id")).isFalse();
        assertThat(towns.attribute("name")).isPresent(); // still a column of the layer (GeoJSON, CSV...)
    }

    @Test
    void aGmlSectionNamingNoColumnOrTheIdIsReported() throws Exception {
        Path absent = layer("a", "name: a\ntitle: A\nsource: public.town\ngeometry: geom\nstyle: ok\n"
                + "gml:\n  name: label\n");
        Path id = layer("b", "name: b\ntitle: B\nsource: public.town\ngeometry: geom\nstyle: ok\n"
                + "gml:\n  identifier: id\n");
        Path twice = layer("c", "name: c\ntitle: C\nsource: public.town\ngeometry: geom\nstyle: ok\n"
                + "gml:\n  name: name\n  description: name\n");
        assertThatThrownBy(this::validate).isInstanceOfSatisfying(CatalogException.class, e ->
                assertThat(e.problems()).containsExactlyInAnyOrder(
                        absent + ":7: gml:name names label, which is not a published column of public.town other than"
                                + " the id column",
                        id + ":7: gml:identifier names id, which is not a published column of public.town other than"
                                + " the id column",
                        twice + ":7: one column holds two GML properties"));
    }

    @Test
    void aLayerKnowsWhetherItsSourceIsATable() throws Exception {
        layer("towns", "name: towns\ntitle: Villes\nsource: public.town\ngeometry: geom\nstyle: ok\n");
        layer("view", "name: view\ntitle: Vue\nsource: public.town_view\ngeometry: geom\nid: id\nstyle: ok\n");
        Catalog catalog = validate();
        assertThat(catalog.layer("t:towns").orElseThrow().table()).isTrue();
        assertThat(catalog.layer("t:view").orElseThrow().table()).isFalse();
    }

    @Test
    void aCatalogNarrowedToAWorkspaceHoldsItsLayersOnly() throws Exception {
        layer("towns", "name: towns\ntitle: Villes\nsource: public.town\ngeometry: geom\nstyle: ok\n");
        Path other = dir.resolve("workspaces/u/layers/towns.yaml");
        Files.createDirectories(other.getParent());
        Files.writeString(dir.resolve("workspaces/u/workspace.yaml"), "name: u\nnamespace: https://example.org/u\n");
        Files.writeString(other, "name: towns\ntitle: Villes\nsource: public.town\ngeometry: geom\nstyle: ok\n");
        Catalog catalog = validate();
        Catalog u = catalog.narrowedTo("u").orElseThrow();
        assertThat(u.workspaces()).extracting(Workspace::name).containsExactly("u");
        assertThat(u.layers()).extracting(LayerInfo::qualifiedName).containsExactly("u:towns");
        assertThat(u.layer("towns")).get().extracting(LayerInfo::qualifiedName).isEqualTo("u:towns");
        assertThat(u.layer("t:towns")).isEmpty();
        assertThat(u.updateSequence()).isEqualTo(catalog.updateSequence());
        assertThat(u.policy(u.layer("u:towns").orElseThrow())).isSameAs(catalog.policy(catalog.layer("u:towns").orElseThrow()));
        assertThat(catalog.narrowedTo("nowhere")).isEmpty();
        assertThat(catalog.layer("towns")).isEmpty(); // ambiguous in the whole catalog
    }
}
