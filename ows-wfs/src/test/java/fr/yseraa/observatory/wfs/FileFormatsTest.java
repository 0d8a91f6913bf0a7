package fr.yseraa.observatory.wfs;

import static fr.yseraa.observatory.wfs.WfsHarness.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFormatsTest {

    static WfsHarness wfs;

    @BeforeAll
    static void setUp() throws Exception {
        wfs = WfsFixture.get();
    }

    static WfsHarness.Answer get(String... pairs) {
        List<String> all = new ArrayList<>(List.of("service", "WFS", "version", "2.0.0", "request", "GetFeature"));
        all.addAll(List.of(pairs));
        return wfs.kvp(PUBLIC, all.toArray(new String[0]));
    }

    @Test
    void explore(@TempDir Path dir) throws Exception {
        WfsHarness.Answer a = get("typeNames", "base:zones", "outputFormat", "geopackage");
        System.out.println(a.status() + " " + a.contentType() + " " + a.headers());
        Path f = dir.resolve("z.gpkg");
        Files.write(f, a.body());
        System.out.println(GdalReader.summary(f, "zones"));
        System.out.println(GdalReader.layers(f));
        System.out.println(GdalReader.rows(f, "zones").get(5));
        WfsHarness.Answer s = get("typeNames", "survey:sightings", "outputFormat", "SHAPE-ZIP", "count", "300");
        System.out.println(s.status() + " " + s.contentType() + " " + s.headers());
        System.out.println(GdalReader.unzip(s.body(), dir));
        System.out.println(Files.readString(dir.resolve("LISEZMOI.txt")));
        for (String l : List.of("sightings_point", "sightings_polygon")) {
            System.out.println(GdalReader.summary(dir.resolve(l + ".shp"), l));
            System.out.println(GdalReader.rows(dir.resolve(l + ".shp"), l).get(0));
        }
        System.out.println(Files.list(wfs.spool).toList());
    }
}
