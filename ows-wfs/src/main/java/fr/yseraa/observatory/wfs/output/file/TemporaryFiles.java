package fr.yseraa.observatory.wfs.output.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary folder of one answer's files, deleted with everything in it. */
final class TemporaryFiles {

    private final Path folder;

    TemporaryFiles(Path parent, String prefix) throws IOException {
        Files.createDirectories(parent);
        folder = Files.createTempDirectory(parent, prefix);
    }

    Path resolve(String name) {
        return folder.resolve(name);
    }

    void delete() throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
