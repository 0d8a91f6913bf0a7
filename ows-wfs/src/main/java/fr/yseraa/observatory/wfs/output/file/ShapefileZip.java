package fr.yseraa.observatory.wfs.output.file;

import fr.yseraa.observatory.core.feature.Feature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Zipped Shapefiles, as GeoServer's SHAPE-ZIP: one set of files (.shp, .shx, .dbf, .prj, .cpg) per query and kind of
 * geometry — a layer whose features are all of one kind gives {@code name.shp}, one of several kinds
 * {@code name_point.shp}, {@code name_polygon.shp}... (features without geometry: {@code _nogeom}). Field names are
 * cut to 10 characters without collisions, texts to 254 bytes. The archive's {@code LISEZMOI.txt} lists every file
 * with its feature count and CRS, the original name of every field, the texts cut and the features left out
 * (collections of mixed geometries): nothing is lost silently.
 */
final class ShapefileZip implements FeatureFile {

    private final TemporaryFiles files;
    private final List<LayerFiles> layers = new ArrayList<>();
    private final Set<String> baseNames = new HashSet<>();
    private LayerFiles current;
    private int sequence;

    /** The sets of one query, by kind of geometry. */
    private final class LayerFiles {
        final FileLayer layer;
        final String baseName;
        final List<String> fieldNames;
        final Map<ShapeKind, ShapeSet> sets = new EnumMap<>(ShapeKind.class);
        long leftOut;

        LayerFiles(FileLayer layer, String baseName) {
            this.layer = layer;
            this.baseName = baseName;
            this.fieldNames = DbfFieldNames.of(layer.attributes().stream().map(a -> a.name()).toList());
        }

        ShapeSet set(ShapeKind kind) throws IOException {
            ShapeSet set = sets.get(kind);
            if (set == null) {
                String stem = "s" + (++sequence);
                List<DbfWriter.Field> fields = new ArrayList<>();
                for (int i = 0; i < fieldNames.size(); i++) {
                    fields.add(new DbfWriter.Field(fieldNames.get(i),
                            ValueKind.ofSql(layer.attributes().get(i).sqlType())));
                }
                set = new ShapeSet(kind, stem,
                        new ShapeWriter(kind, files.resolve(stem + ".shp"), files.resolve(stem + ".shx")),
                        new DbfWriter(fields, files.resolve(stem + ".values"), files.resolve(stem + ".dbf")));
                sets.put(kind, set);
            }
            return set;
        }

        /** The name of a set's files in the archive. */
        String name(ShapeKind kind) {
            return sets.size() == 1 ? baseName : baseName + "_" + kind.suffix;
        }
    }

    private record ShapeSet(ShapeKind kind, String stem, ShapeWriter shapes, DbfWriter table) {
    }

    ShapefileZip(Path spoolDirectory) throws IOException {
        files = new TemporaryFiles(spoolDirectory, "wfs-shp-");
    }

    @Override
    public void layer(FileLayer layer) {
        String base = layer.name().replaceAll("[^A-Za-z0-9_.-]", "_");
        String name = base;
        for (int i = 2; !baseNames.add(name.toLowerCase(Locale.ROOT)); i++) {
            name = base + "_" + i;
        }
        current = new LayerFiles(layer, name);
        layers.add(current);
    }

    @Override
    public void feature(Feature feature) throws IOException {
        ShapeKind kind = current.layer.withGeometry() ? ShapeKind.of(feature.geometry()) : ShapeKind.NULL;
        if (kind == null) {
            current.leftOut++;
            return;
        }
        ShapeSet set = current.set(kind);
        set.shapes().add(kind == ShapeKind.NULL ? null : feature.geometry());
        List<Object> row = new ArrayList<>(current.layer.attributes().size());
        current.layer.attributes().forEach(a -> row.add(feature.attributes().get(a.name())));
        set.table().add(row);
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        for (LayerFiles l : layers) {
            if (l.sets.isEmpty()) {
                l.set(l.layer.withGeometry() ? kindOfEmpty(l.layer) : ShapeKind.NULL); // no feature: empty files
            }
            for (ShapeSet set : l.sets.values()) {
                set.shapes().finish();
                set.table().finish();
            }
        }
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        for (LayerFiles l : layers) {
            for (ShapeSet set : l.sets.values()) {
                String name = l.name(set.kind());
                for (String extension : List.of("shp", "shx", "dbf")) {
                    zip.putNextEntry(new ZipEntry(name + "." + extension));
                    Files.copy(files.resolve(set.stem() + "." + extension), zip);
                    zip.closeEntry();
                }
                if (set.kind() != ShapeKind.NULL && l.layer.crsDefinition() != null) {
                    entry(zip, name + ".prj", l.layer.crsDefinition());
                }
                entry(zip, name + ".cpg", "UTF-8");
            }
        }
        entry(zip, "LISEZMOI.txt", readme());
        zip.finish();
        zip.flush();
    }

    /** The kind of the empty files of a layer without features: the declared geometry type's, else points. */
    private static ShapeKind kindOfEmpty(FileLayer layer) {
        String t = layer.geometryType().toUpperCase(Locale.ROOT);
        return t.contains("POLYGON") ? ShapeKind.POLYGON : t.contains("LINE") ? ShapeKind.LINE
                : t.equals("MULTIPOINT") ? ShapeKind.MULTIPOINT : ShapeKind.POINT;
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** What the archive holds and what the format could not keep, in French (end users read it). */
    private String readme() {
        StringBuilder t = new StringBuilder("Export WFS au format Shapefile (ESRI). Attributs encodés en UTF-8 "
                + "(fichiers .cpg) ; noms de champs limités à 10 caractères, textes à " + DbfWriter.MAX_TEXT
                + " octets, dates sans heure (D) ; les dates avec heure sont du texte ISO 8601.\n");
        for (LayerFiles l : layers) {
            t.append("\nCouche ").append(l.layer.name());
            if (l.layer.title() != null) {
                t.append(" (").append(l.layer.title()).append(')');
            }
            t.append('\n');
            for (ShapeSet set : l.sets.values()) {
                t.append("  ").append(l.name(set.kind())).append(".shp : ").append(set.shapes().records())
                        .append(" entité(s), ").append(set.kind().label);
                if (set.kind() != ShapeKind.NULL) {
                    t.append(", SCR EPSG:").append(l.layer.srid());
                }
                t.append('\n');
            }
            List<DbfWriter.Field> fields = l.sets.values().iterator().next().table().fields();
            t.append("  Champs (nom d'origine -> nom dans le fichier .dbf, type dBase) :\n");
            for (int i = 0; i < fields.size(); i++) {
                DbfWriter.Field f = fields.get(i);
                t.append("    ").append(l.layer.attributes().get(i).name()).append(" -> ").append(f.name)
                        .append(" (").append(f.type).append(")\n");
            }
            for (int i = 0; i < fields.size(); i++) {
                long cut = 0;
                for (ShapeSet set : l.sets.values()) {
                    cut += set.table().fields().get(i).truncated;
                }
                if (cut > 0) {
                    t.append("  Textes tronqués à ").append(DbfWriter.MAX_TEXT).append(" octets dans ")
                            .append(l.layer.attributes().get(i).name()).append(" : ").append(cut).append('\n');
                }
            }
            if (l.leftOut > 0) {
                t.append("  Entités omises (collections de géométries de types mélangés, qu'un Shapefile ne "
                        + "représente pas) : ").append(l.leftOut).append('\n');
            }
        }
        return t.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            for (LayerFiles l : layers) {
                for (ShapeSet set : l.sets.values()) {
                    set.shapes().close();
                    set.table().close();
                }
            }
        } finally {
            files.delete();
        }
    }
}
