package fr.yseraa.observatory.ext.corridors;

import java.util.Locale;
import java.util.ResourceBundle;

/** The titles and abstracts of the corridor processes ({@code processes.properties} beside this class). */
final class ProcessTexts {

    private static final ResourceBundle BUNDLE =
            ResourceBundle.getBundle("fr.yseraa.observatory.ext.corridors.processes", Locale.ROOT);

    private ProcessTexts() {
    }

    /** The title of a process, by its identifier without the {@code obs:} prefix. */
    static String title(String process) {
        return BUNDLE.getString(process + ".title");
    }

    static String abstractText(String process) {
        return BUNDLE.getString(process + ".abstract");
    }
}
