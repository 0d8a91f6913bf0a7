package fr.yseraa.observatory.ext.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A taxon of the demo referential ({@code demo/taxa.csv}): real names of the marsh's fauna and flora, with demo
 * codes from {@value #FIRST_DEMO_CODE} up, a range TAXREF does not use.
 */
record DemoTaxon(int cdNom, String scientificName, String authority, String frenchName, String kingdom,
                 String phylum, String className, String order, String family, String group, List<String> habitats,
                 int abundance, int sensitivity, boolean heritage) {

    static final int FIRST_DEMO_CODE = 90_000_000;

    static List<DemoTaxon> load() throws IOException {
        List<DemoTaxon> taxa = new ArrayList<>();
        try (InputStream in = DemoLoader.resource("demo/taxa.csv")) {
            CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
            for (CSVRecord r : format.parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                taxa.add(new DemoTaxon(FIRST_DEMO_CODE + Integer.parseInt(r.get("demo_index")), r.get("scientific_name"),
                        r.get("authority"), r.get("french_name"), r.get("kingdom"), r.get("phylum"), r.get("class"),
                        r.get("order"), r.get("family"), r.get("group2_inpn"), List.of(r.get("habitats").split("\\|")),
                        Integer.parseInt(r.get("abundance")), Integer.parseInt(r.get("sensi_niveau")),
                        Boolean.parseBoolean(r.get("heritage"))));
            }
        }
        return taxa;
    }

    String fullName() {
        return scientificName + " " + authority;
    }
}
