package fr.yseraa.observatory.wps;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The texts of the WPS that users read ({@code messages.properties} beside this class), in the service's language. */
final class WpsMessages {

    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("fr.yseraa.observatory.wps.messages", Locale.ROOT);

    private WpsMessages() {
    }

    /** The text of a key, its {@code {0}}, {@code {1}}... replaced by the arguments. */
    static String text(String key, Object... arguments) {
        return new MessageFormat(BUNDLE.getString(key), Locale.FRENCH).format(arguments);
    }
}
