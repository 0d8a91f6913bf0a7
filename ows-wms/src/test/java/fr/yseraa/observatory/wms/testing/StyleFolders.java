package fr.yseraa.observatory.wms.testing;

import static org.assertj.core.api.Assertions.assertThat;

import fr.yseraa.observatory.wms.style.ModelFilter;
import fr.yseraa.observatory.wms.style.ParsedStyles;
import fr.yseraa.observatory.wms.style.Style;
import fr.yseraa.observatory.wms.style.StyleRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Checks on a whole folder of SLD files. */
public final class StyleFolders {

    private StyleFolders() {
    }

    /**
     * Loads every {@code .sld} of the folder, asserting each has a titled style with passes and that nothing in it
     * was reported (every part is supported, filters included); the parsed styles by file name.
     */
    public static Map<String, ParsedStyles> loadCleanly(Path styles) throws IOException {
        StyleRepository repository = new StyleRepository(styles);
        List<Path> files;
        try (Stream<Path> s = Files.list(styles)) {
            files = s.filter(f -> f.toString().endsWith(".sld")).sorted().toList();
        }
        Map<String, ParsedStyles> loaded = new LinkedHashMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString().replace(".sld", "");
            ParsedStyles parsed = repository.load(name);
            Style style = parsed.allStyles().get(0);
            assertThat(style.title()).as(name).isNotBlank();
            assertThat(style.featureTypeStyles()).as(name).isNotEmpty();
            assertThat(parsed.warnings()).as(name).isEmpty();
            loaded.put(name, parsed);
        }
        return loaded;
    }

    /**
     * Loads the folder cleanly (see {@link #loadCleanly}), asserting how many styles it has and how many rules of one
     * style's first pass have a filter.
     */
    public static void assertLoadCleanly(Path styles, int count, String filtered, int filteredRules) throws IOException {
        Map<String, ParsedStyles> loaded = loadCleanly(styles);
        assertThat(loaded).hasSize(count);
        assertThat(loaded.get(filtered).allStyles().get(0).featureTypeStyles().get(0).rules())
                .filteredOn(r -> r.filter() instanceof ModelFilter).hasSize(filteredRules);
    }
}
