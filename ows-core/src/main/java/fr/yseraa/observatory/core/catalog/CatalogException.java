package fr.yseraa.observatory.core.catalog;

import java.util.List;

/** The catalog cannot be loaded: each problem names the file (and line) at fault. */
public class CatalogException extends RuntimeException {

    private final List<String> problems;

    public CatalogException(List<String> problems) {
        super("the catalog is not valid:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
