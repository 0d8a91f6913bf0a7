package fr.yseraa.observatory.csw.record;

import java.util.Locale;
import java.util.Optional;

/** CSW's ElementSetName: how much of a record an answer holds. */
public enum ElementSet {
    BRIEF, SUMMARY, FULL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ElementSet> of(String name) {
        for (ElementSet s : values()) {
            if (s.code().equalsIgnoreCase(name.trim())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
