package fr.yseraa.observatory.core.catalog;

import java.nio.file.Path;

/** A place in a catalog file, for error messages: {@code file:line}. */
public record SourceLocation(Path file, int line) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "");
    }
}
