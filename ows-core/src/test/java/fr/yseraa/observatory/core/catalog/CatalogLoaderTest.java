package fr.yseraa.observatory.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.yseraa.observatory.core.crs.CrsList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLoaderTest {

    @TempDir
    Path dir;

    private Path write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private void workspace() throws IOException {
        write("workspaces/obs/workspace.yaml", "name: obs\ntitle: Observatoire\nnamespace: https://example.org/obs\n");
    }

    @Test
    void readsWorkspacesAndLayers() throws IOException {
        workspace();
        write("workspaces/obs/layers/communes.yaml", """
                name: communes
                title: Communes
                keywords: [commune, INSEE]
                source: territory.commune
                geometry: geom
                style: communes
                bbox: [600000, 7000000, 700000, 7100000]
                attribution:
                  title: IGN
                  url: https://ign.fr
                """);
        write("service.yaml", "title: Observatoire\nkeywords: [SINP]\ncontact:\n  city: Saint-Omer\n");
        DataDirectory d = CatalogLoader.load(dir);
        assertThat(d.service().title()).isEqualTo("Observatoire");
        assertThat(d.service().keywords()).containsExactly("SINP");
        assertThat(d.service().contact().city()).isEqualTo("Saint-Omer");
        assertThat(d.workspaces()).containsExactly(new Workspace("obs", "Observatoire", "https://example.org/obs"));
        LayerDefinition l = d.layers().get(0);
        assertThat(l.qualifiedName()).isEqualTo("obs:communes");
        assertThat(l.keywords()).containsExactly("commune", "INSEE");
        assertThat(l.crs()).isEqualTo(CrsList.DEFAULTS);
        assertThat(l.bbox().getMinX()).isEqualTo(600000);
        assertThat(l.attribution()).isEqualTo(new Attribution("IGN", "https://ign.fr"));
        assertThat(l.location("style").line()).isEqualTo(6);
    }

    @Test
    void everyProblemNamesItsFileAndLine() throws IOException {
        workspace();
        Path broken = write("workspaces/obs/layers/broken.yaml", """
                name: broken
                title: Cassé
                source: Not A Table
                colour: red
                """);
        Path bad = write("workspaces/obs/layers/bad.yaml", "name: [unclosed\n");
        assertThatThrownBy(() -> CatalogLoader.load(dir)).isInstanceOfSatisfying(CatalogException.class, e ->
                assertThat(e.problems()).contains(
                        broken + ":3: source 'Not A Table' must be a lower-case table or view name, optionally schema-qualified",
                        broken + ":1: missing required key 'geometry'",
                        broken + ":1: missing required key 'style'")
                        .anySatisfy(p -> assertThat(p).startsWith(broken + ":4: unknown key 'colour'"))
                        .anySatisfy(p -> assertThat(p).startsWith(bad + ":2: not valid YAML")));
    }

    @Test
    void metadataSectionsFallBackOnTheServiceOnesAndAreChecked() throws IOException {
        workspace();
        write("workspaces/obs/layers/sites.yaml", """
                name: sites
                title: Sites
                source: territory.site
                geometry: geom
                style: sites
                metadata:
                  identifier: 81462aed-bc02-4b7b-b7cf-6502e009e071
                  topicCategories: [environment]
                  dates: {publication: 2026-11-23}
                  links:
                    - {title: Fiche, url: https://example.org/fiche}
                """);
        write("service.yaml", """
                title: Observatoire
                metadata:
                  language: fre
                  licence: Licence Ouverte
                  topicCategories: [biota]
                  conformity:
                    - {specification: Règlement 1089/2010, date: 2010-12-08}
                  services: {wms: 31428960-5a7d-455f-9b42-42f39851fe4b}
                """);
        DataDirectory d = CatalogLoader.load(dir);
        ResourceMetadata own = d.layers().get(0).metadata();
        ResourceMetadata merged = own.orElse(d.service().metadata());
        assertThat(merged.identifier()).isEqualTo("81462aed-bc02-4b7b-b7cf-6502e009e071");
        assertThat(merged.topicCategories()).containsExactly("environment");
        assertThat(merged.language()).isEqualTo("fre");
        assertThat(merged.licence()).isEqualTo("Licence Ouverte");
        assertThat(merged.dates()).containsEntry("publication", java.time.LocalDate.of(2026, 11, 23));
        assertThat(merged.links()).containsExactly(new ResourceMetadata.Link("Fiche", "https://example.org/fiche"));
        assertThat(merged.conformity()).containsExactly(new ResourceMetadata.Conformity("Règlement 1089/2010",
                java.time.LocalDate.of(2010, 12, 8), null));
        assertThat(d.service().metadata().services()).containsEntry("WMS", "31428960-5a7d-455f-9b42-42f39851fe4b");

        Path bad = write("workspaces/obs/layers/sites.yaml", """
                name: sites
                title: Sites
                source: territory.site
                geometry: geom
                style: sites
                metadata:
                  identifier: not-a-uuid
                  topicCategories: [nature]
                  updateFrequency: sometimes
                  dates: {publication: 23/11/2026}
                """);
        assertThatThrownBy(() -> CatalogLoader.load(dir)).isInstanceOfSatisfying(CatalogException.class, e ->
                assertThat(e.problems())
                        .contains(bad + ":7: identifier 'not-a-uuid' must be a UUID",
                                bad + ":10: '23/11/2026' is not a date (YYYY-MM-DD)")
                        .anySatisfy(p -> assertThat(p).startsWith(bad + ":8: 'nature' is not an ISO 19115 topic"))
                        .anySatisfy(p -> assertThat(p).startsWith(bad + ":9: 'sometimes' is not an ISO 19115 maint")));
    }

    @Test
    void readsSecurityRules() throws IOException {
        workspace();
        write("security/layers.yaml", "read:\n  - layer: \"obs:secret\"\n    roles: [admin]\n  - layer: \"*\"\n    roles: [\"*\"]\n");
        DataDirectory d = CatalogLoader.load(dir);
        assertThat(d.rules().mayRead("obs:secret", fr.yseraa.observatory.core.access.Caller.anonymous())).isFalse();
        assertThat(d.rules().mayRead("obs:other", fr.yseraa.observatory.core.access.Caller.anonymous())).isTrue();
        assertThat(d.rules().mayWrite("obs:other", fr.yseraa.observatory.core.access.Caller.anonymous()))
                .as("no write section: nobody writes").isFalse();
        write("security/layers.yaml", "read:\n  - layer: \"*\"\n    roles: [\"*\"]\nwrite:\n  - layer: \"obs:*\"\n"
                + "    roles: [partner]\n");
        fr.yseraa.observatory.core.access.Caller partner = new fr.yseraa.observatory.core.access.Caller("p",
                java.util.Set.of("partner"));
        assertThat(CatalogLoader.load(dir).rules().mayWrite("obs:other", partner)).isTrue();
        assertThat(CatalogLoader.load(dir).rules().mayWrite("sinp:other", partner)).isFalse();
        Path bad = write("security/layers.yaml", "read:\n  - layer: \"obs:*\"\n    roles: []\n");
        assertThatThrownBy(() -> CatalogLoader.load(dir)).hasMessageContaining(bad + ":3: a rule needs at least one role");
    }

    @Test
    void duplicateLayersAndMisnamedWorkspacesAreRefused() throws IOException {
        write("workspaces/obs/workspace.yaml", "name: other\nnamespace: https://example.org/obs\n");
        String layer = "name: a\ntitle: A\nsource: t\ngeometry: g\nstyle: s\n";
        write("workspaces/obs/layers/a.yaml", layer);
        write("workspaces/obs/layers/a2.yaml", layer);
        assertThatThrownBy(() -> CatalogLoader.load(dir)).isInstanceOfSatisfying(CatalogException.class, e ->
                assertThat(e.getMessage()).contains("workspace name 'other' differs from its folder 'obs'",
                        "layer other:a is already declared at"));
    }

    @Test
    void aGmlSectionTakesNameDescriptionAndIdentifierOnly() throws IOException {
        workspace();
        Path file = write("workspaces/obs/layers/sites.yaml", """
                name: sites
                title: Sites
                source: territory.site
                geometry: geom
                style: sites
                gml:
                  name: label
                  identifier: code
                """);
        assertThat(CatalogLoader.load(dir).layers().get(0).gmlColumns())
                .isEqualTo(new GmlColumns("label", null, "code"));
        write("workspaces/obs/layers/sites.yaml", Files.readString(file) + "  boundedBy: extent\n");
        assertThatThrownBy(() -> CatalogLoader.load(dir)).isInstanceOfSatisfying(CatalogException.class, e ->
                assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(file + ":9: unknown key 'boundedBy'")));
    }

    @Test
    void withoutAGmlSectionNoColumnHoldsAGmlProperty() throws IOException {
        workspace();
        write("workspaces/obs/layers/sites.yaml", "name: sites\ntitle: Sites\nsource: territory.site\ngeometry: geom\n"
                + "style: sites\n");
        assertThat(CatalogLoader.load(dir).layers().get(0).gmlColumns()).isEqualTo(GmlColumns.NONE);
    }
}
