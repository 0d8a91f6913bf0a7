package fr.yseraa.observatory.core.catalog;

import fr.yseraa.observatory.core.crs.CrsList;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import fr.yseraa.observatory.core.access.LayerRules;
import org.locationtech.jts.geom.Envelope;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the data directory: {@code workspaces/<ws>/workspace.yaml} and one file per layer in
 * {@code workspaces/<ws>/layers/<name>.yaml}. Every problem is reported with its file and line, all at once.
 */
public final class CatalogLoader {

    static final List<String> SERVICE_KEYS = List.of("title", "abstract", "keywords", "fees", "accessConstraints",
            "contact", "metadata", "limits");
    static final List<String> LIMITS_KEYS = List.of("layersPerMap", "typeNamesPerQuery");
    static final List<String> CONTACT_KEYS = List.of("organisation", "person", "position", "email", "phone", "address",
            "city", "postCode", "country", "url");
    static final List<String> WORKSPACE_KEYS = List.of("name", "title", "namespace", "crs");
    static final List<String> LAYER_KEYS = List.of("name", "title", "abstract", "keywords", "source", "geometry",
            "id", "order", "crs", "style", "attribution", "metadataUrl", "bbox", "policy", "time", "metadata", "gml");

    private CatalogLoader() {
    }

    /** The workspaces and layer definitions of a data directory, in file-name order. */
    public static DataDirectory load(Path dataDir) {
        List<String> problems = new ArrayList<>();
        Map<String, Workspace> workspaces = new LinkedHashMap<>();
        List<LayerDefinition> layers = new ArrayList<>();
        Path root = dataDir.resolve("workspaces");
        if (!Files.isDirectory(root)) {
            throw new CatalogException(List.of(root + ": no workspaces folder in the data directory"));
        }
        for (Path wsDir : sorted(root)) {
            if (!Files.isDirectory(wsDir)) {
                continue;
            }
            Path wsFile = wsDir.resolve("workspace.yaml");
            YamlMapping ws = read(wsFile, problems);
            if (ws == null) {
                continue;
            }
            ws.rejectUnknownKeys(WORKSPACE_KEYS);
            String name = ws.required("name");
            if (name != null && !name.equals(wsDir.getFileName().toString())) {
                ws.problem("name", "workspace name '" + name + "' differs from its folder '" + wsDir.getFileName() + "'");
            }
            Workspace workspace = new Workspace(name, ws.optional("title"), ws.required("namespace"));
            workspaces.put(name, workspace);
            List<String> wsCrs = ws.list("crs");
            Path layerDir = wsDir.resolve("layers");
            if (Files.isDirectory(layerDir)) {
                for (Path layerFile : sorted(layerDir)) {
                    if (layerFile.toString().endsWith(".yaml") || layerFile.toString().endsWith(".yml")) {
                        LayerDefinition def = readLayer(name, wsCrs, layerFile, problems);
                        if (def != null) {
                            layers.add(def);
                        }
                    }
                }
            }
        }
        Map<String, SourceLocation> seen = new LinkedHashMap<>();
        for (LayerDefinition def : layers) {
            SourceLocation previous = seen.putIfAbsent(def.qualifiedName(), def.location("name"));
            if (previous != null) {
                problems.add(def.location("name") + ": layer " + def.qualifiedName() + " is already declared at " + previous);
            }
        }
        ServiceMetadata service = readService(dataDir.resolve("service.yaml"), problems);
        LayerRules rules = readRules(dataDir.resolve("security/layers.yaml"), problems);
        if (!problems.isEmpty()) {
            throw new CatalogException(problems);
        }
        return new DataDirectory(dataDir, service, List.copyOf(workspaces.values()), List.copyOf(layers), rules);
    }

    private static LayerRules readRules(Path file, List<String> problems) {
        if (!Files.exists(file)) {
            return LayerRules.openToAll();
        }
        YamlMapping y = read(file, problems);
        if (y == null) {
            return null;
        }
        y.rejectUnknownKeys(List.of("read", "write"));
        return new LayerRules(rules(y, "read"), rules(y, "write"));
    }

    /** The rules of one section of layers.yaml (read: or write:), each a layer pattern and its roles. */
    private static List<LayerRules.Rule> rules(YamlMapping y, String section) {
        List<LayerRules.Rule> rules = new ArrayList<>();
        for (YamlMapping rule : y.mappings(section)) {
            rule.rejectUnknownKeys(List.of("layer", "roles"));
            String pattern = rule.required("layer");
            List<String> roles = rule.list("roles");
            if (roles.isEmpty()) {
                rule.problem("roles", "a rule needs at least one role ('*' for everybody)");
            }
            if (pattern != null) {
                rules.add(new LayerRules.Rule(pattern, java.util.Set.copyOf(roles)));
            }
        }
        return rules;
    }

    private static ServiceMetadata readService(Path file, List<String> problems) {
        if (!Files.exists(file)) {
            return ServiceMetadata.defaults();
        }
        YamlMapping y = read(file, problems);
        if (y == null) {
            return null;
        }
        y.rejectUnknownKeys(SERVICE_KEYS);
        ServiceMetadata.Contact contact = MetadataSection.contact(y.mapping("contact"));
        return new ServiceMetadata(y.required("title"), y.optional("abstract"), y.list("keywords"),
                y.optional("fees"), y.optional("accessConstraints"),
                contact != null ? contact : ServiceMetadata.defaults().contact(), MetadataSection.read(y, false),
                limits(y.mapping("limits")));
    }

    /** The {@code limits:} of service.yaml, each a whole number from 1 to 1000; the defaults for those not given. */
    private static ServiceMetadata.Limits limits(YamlMapping y) {
        ServiceMetadata.Limits defaults = ServiceMetadata.Limits.DEFAULTS;
        if (y == null) {
            return defaults;
        }
        y.rejectUnknownKeys(LIMITS_KEYS);
        return new ServiceMetadata.Limits(limit(y, "layersPerMap", defaults.layersPerMap()),
                limit(y, "typeNamesPerQuery", defaults.typeNamesPerQuery()));
    }

    private static int limit(YamlMapping y, String key, int fallback) {
        String text = y.optional(key);
        if (text == null) {
            return fallback;
        }
        if (!text.matches("[0-9]{1,4}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 1000) {
            y.problem(key, "'" + key + "' must be a whole number from 1 to 1000");
            return fallback;
        }
        return Integer.parseInt(text);
    }

    private static LayerDefinition readLayer(String workspace, List<String> wsCrs, Path file, List<String> problems) {
        YamlMapping y = read(file, problems);
        if (y == null) {
            return null;
        }
        int before = problems.size();
        y.rejectUnknownKeys(LAYER_KEYS);
        String name = y.required("name");
        if (name != null && !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            y.problem("name", "layer name '" + name + "' must be letters, digits and underscores");
        }
        String source = y.required("source");
        if (source != null && !source.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?")) {
            y.problem("source", "source '" + source + "' must be a lower-case table or view name, optionally schema-qualified");
        }
        Attribution attribution = null;
        YamlMapping a = y.mapping("attribution");
        if (a != null) {
            attribution = new Attribution(a.required("title"), a.optional("url"));
        }
        List<String> crs = y.list("crs");
        if (crs.isEmpty()) {
            crs = wsCrs.isEmpty() ? CrsList.DEFAULTS : wsCrs;
        }
        LayerDefinition def = new LayerDefinition(workspace, name, y.required("title"), y.optional("abstract"),
                y.list("keywords"), source, y.required("geometry"), y.optional("id"), y.optional("order"),
                List.copyOf(crs), y.required("style"), attribution, y.optional("metadataUrl"), bbox(y),
                y.optional("policy"), y.optional("time"), MetadataSection.read(y, true), gmlColumns(y), y.locations());
        return problems.size() == before ? def : null;
    }

    /** The {@code gml:} section: which column holds {@code name}, {@code description}, {@code identifier}. */
    private static GmlColumns gmlColumns(YamlMapping y) {
        YamlMapping gml = y.mapping("gml");
        if (gml == null) {
            return GmlColumns.NONE;
        }
        gml.rejectUnknownKeys(GmlColumns.PROPERTIES);
        return new GmlColumns(gml.optional("name"), gml.optional("description"), gml.optional("identifier"));
    }

    private static Envelope bbox(YamlMapping y) {
        List<String> values = y.list("bbox");
        if (values.isEmpty()) {
            return null;
        }
        try {
            if (values.size() != 4) {
                throw new NumberFormatException();
            }
            double[] v = values.stream().mapToDouble(Double::parseDouble).toArray();
            if (v[0] > v[2] || v[1] > v[3]) {
                throw new NumberFormatException();
            }
            return new Envelope(v[0], v[2], v[1], v[3]);
        } catch (NumberFormatException e) {
            y.problem("bbox", "bbox must be [minx, miny, maxx, maxy] in the layer's native CRS");
            return null;
        }
    }

    private static YamlMapping read(Path file, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(file + ": missing");
            return null;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node node = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
            if (node == null) {
                problems.add(file + ": empty file");
                return null;
            }
            return new YamlMapping(file, node, problems);
        } catch (MarkedYAMLException e) {
            problems.add(file + ":" + (e.getProblemMark().getLine() + 1) + ": not valid YAML: " + e.getProblem());
        } catch (IOException | RuntimeException e) {
            problems.add(file + ": cannot be read: " + e.getMessage());
        }
        return null;
    }

    private static List<Path> sorted(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new CatalogException(List.of(dir + ": cannot be listed: " + e.getMessage()));
        }
    }
}
