package fr.yseraa.observatory.wms.info;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * What feature-info answers say to their readers, from the {@code messages.properties} bundle beside this class
 * (French), whatever the JVM's default locale.
 */
final class InfoMessages {

    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle(
            InfoMessages.class.getPackageName() + ".messages", Locale.ROOT,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));

    private InfoMessages() {
    }

    /** The text of a key. */
    static String text(String key) {
        return BUNDLE.getString(key);
    }

    /** The text of a key with its {@code {n}} placeholders replaced by the arguments. */
    static String format(String key, Object... arguments) {
        return new MessageFormat(BUNDLE.getString(key), Locale.ROOT).format(arguments);
    }
}
