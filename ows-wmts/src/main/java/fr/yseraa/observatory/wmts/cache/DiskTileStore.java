package fr.yseraa.observatory.wmts.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Tiles on disk, one file each: {@code layer/style/time/accessLevel/matrixSet/format/matrix/row/col.format}. Names
 * coming from requests are hex-escaped outside {@code [A-Za-z0-9_.-]}, so no request can reach outside the folder.
 * Files are written to a temporary name and moved into place, so a reader never sees half a tile. A blank tile is an
 * empty file. Beside a layer's folders, {@code .fingerprint} records what its tiles were drawn from
 * ({@link TileFreshness}) and {@code .generation} the last invalidation of the layer its tiles follow (shared by the
 * replicas of a server, see the server's {@code TileCacheSync}); {@code .database} at the top names the database all
 * the tiles were drawn from. No escaped name starts with a dot, so none of these can be taken for a layer's or a
 * style's folder.
 */
public final class DiskTileStore {

    private final Path root;

    public DiskTileStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the tile cache folder " + this.root, e);
        }
    }

    public Path root() {
        return root;
    }

    /** The stored tile, with the blank tile of its format standing for an empty file. */
    public Optional<CachedTile> get(TileKey key, byte[] blankBytes) {
        Path file = path(key);
        try {
            byte[] bytes = Files.readAllBytes(file);
            Instant created = Files.getLastModifiedTime(file).toInstant();
            return Optional.of(bytes.length == 0 ? CachedTile.of(blankBytes, created, true)
                    : CachedTile.of(bytes, created, false));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void put(TileKey key, CachedTile tile) {
        write(path(key), tile.blank() ? new byte[0] : tile.bytes());
    }

    /** Writes a file under a temporary name, then moves it into place: a reader never sees half of it. */
    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".tile", ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fingerprint recorded for a layer's tiles, if any. */
    public Optional<String> fingerprint(String layer) {
        try {
            return Optional.of(Files.readString(fingerprintFile(layer), StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void fingerprint(String layer, String fingerprint) {
        Path file = fingerprintFile(layer);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, fingerprint, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path fingerprintFile(String layer) {
        return root.resolve(escape(layer)).resolve(".fingerprint");
    }

    /** The generation of invalidations the layer's tiles follow, 0 when none was recorded. */
    public long generation(String layer) {
        try {
            return Long.parseLong(Files.readString(generationFile(layer), StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException | NumberFormatException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void generation(String layer, long generation) {
        write(generationFile(layer), Long.toString(generation).getBytes(StandardCharsets.UTF_8));
    }

    private Path generationFile(String layer) {
        return root.resolve(escape(layer)).resolve(".generation");
    }

    /** The database the stored tiles were drawn from, if one was recorded. */
    public Optional<String> database() {
        try {
            return Optional.of(Files.readString(root.resolve(".database"), StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void database(String database) {
        write(root.resolve(".database"), database.getBytes(StandardCharsets.UTF_8));
    }

    /** The layers that have a folder here. */
    public List<String> layers() {
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(Files::isDirectory).map(Path::getFileName)
                    .filter(name -> !name.toString().startsWith(".")).map(DiskTileStore::unescape).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the stored tiles of a layer that the predicate selects; returns how many. */
    public long delete(String layer, Predicate<TileKey> selected) {
        Path layerDir = root.resolve(escape(layer));
        if (!Files.isDirectory(layerDir)) {
            return 0;
        }
        long[] deleted = {0};
        try (Stream<Path> files = Files.walk(layerDir)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                TileKey key = keyOf(layer, layerDir.relativize(f));
                if (key != null && selected.test(key)) {
                    try {
                        Files.deleteIfExists(f);
                        deleted[0]++;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deleted[0];
    }

    Path path(TileKey k) {
        return root.resolve(escape(k.layer())).resolve(escape(k.style())).resolve(escape(k.time()))
                .resolve(escape(k.accessLevel())).resolve(escape(k.matrixSet())).resolve(escape(k.format()))
                .resolve(escape(k.matrix())).resolve(Long.toString(k.row()))
                .resolve(k.col() + "." + escape(k.format()));
    }

    /** The key of a file below a layer's folder, or null for anything else (temporary files...). */
    private static TileKey keyOf(String layer, Path relative) {
        if (relative.getNameCount() != 8) {
            return null;
        }
        String file = relative.getName(7).toString();
        int dot = file.indexOf('.');
        try {
            return new TileKey(layer, unescape(relative.getName(0)), unescape(relative.getName(1)),
                    unescape(relative.getName(2)), unescape(relative.getName(4)), unescape(relative.getName(3)),
                    unescape(relative.getName(5)), Long.parseLong(relative.getName(6).toString()),
                    Long.parseLong(file.substring(0, Math.max(0, dot))));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String escape(String name) {
        StringBuilder b = new StringBuilder();
        for (byte c : name.getBytes(StandardCharsets.UTF_8)) {
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' && b.length() > 0) {
                b.append((char) c);
            } else {
                b.append('~').append(HexFormat.of().toHexDigits(c));
            }
        }
        return b.toString();
    }

    static String unescape(Path part) {
        String s = part.toString();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '~' && i + 2 < s.length()) {
                out.write(HexFormat.fromHexDigits(s, i + 1, i + 3));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
