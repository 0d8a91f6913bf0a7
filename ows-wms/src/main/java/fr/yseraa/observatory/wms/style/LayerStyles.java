package fr.yseraa.observatory.wms.style;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The styles a layer offers, by the name clients use in STYLES: the layer's default style under the name the
 * catalog gives it (its file's name), then the other user styles of that file under their own names.
 */
public final class LayerStyles {

    private final Map<String, Style> byName = new LinkedHashMap<>();

    public LayerStyles(String defaultName, List<Style> styles) {
        if (styles.isEmpty()) {
            throw new IllegalArgumentException("style " + defaultName + " holds no user style");
        }
        byName.put(defaultName, styles.get(0));
        for (Style s : styles.subList(1, styles.size())) {
            if (s.name() != null) {
                byName.putIfAbsent(s.name(), s);
            }
        }
    }

    public String defaultName() {
        return byName.keySet().iterator().next();
    }

    public Style defaultStyle() {
        return byName.values().iterator().next();
    }

    /** A style by the name STYLES gives; the default's own UserStyle name works too. */
    public Optional<Style> find(String name) {
        Style s = byName.get(name);
        if (s == null && name.equals(defaultStyle().name())) {
            s = defaultStyle();
        }
        return Optional.ofNullable(s);
    }

    /** Every style with its name, the default first. */
    public List<Map.Entry<String, Style>> entries() {
        return new ArrayList<>(byName.entrySet());
    }
}
