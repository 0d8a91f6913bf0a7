package fr.yseraa.observatory.wfs.lock;

import fr.yseraa.observatory.core.ows.KvpParameters;
import fr.yseraa.observatory.core.ows.OwsException;
import fr.yseraa.observatory.wfs.WfsVersion;
import fr.yseraa.observatory.wfs.XmlRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.w3c.dom.Element;

/**
 * What a LockFeature or GetFeatureWithLock request asks of its lock.
 *
 * @param lockId the lock to renew (LockFeature 2.0 only), or null for a new one
 * @param expiry how long the lock lasts from now: EXPIRY in seconds for 2.0 (default 300), in minutes for 1.1
 *     (default 5)
 * @param all whether lockAction is ALL (lock every feature or none) rather than SOME (lock what can be locked)
 */
public record LockParameters(String lockId, Duration expiry, boolean all) {

    /** From a KVP request. */
    public static LockParameters of(KvpParameters kvp, WfsVersion version, boolean renewable, Duration maxExpiry) {
        return parse(name -> kvp.get(name.toUpperCase(Locale.ROOT)).orElse(null), version, renewable, maxExpiry);
    }

    /** From the attributes of an XML request's root element. */
    public static LockParameters of(Element root, WfsVersion version, boolean renewable, Duration maxExpiry) {
        return parse(name -> XmlRequest.attribute(root, name), version, renewable, maxExpiry);
    }

    private static LockParameters parse(UnaryOperator<String> value, WfsVersion version, boolean renewable,
                                        Duration maxExpiry) {
        String lockId = renewable && version.isV2() ? blankToNull(value.apply("lockId")) : null;
        String expiryText = blankToNull(value.apply("expiry"));
        Duration expiry = version.isV2() ? Duration.ofSeconds(300) : Duration.ofMinutes(5);
        if (expiryText != null) {
            long n;
            try {
                n = Long.parseLong(expiryText.trim());
            } catch (NumberFormatException e) {
                throw OwsException.invalidParameter("expiry", "expiry must be a positive integer, not " + expiryText);
            }
            if (n < 1) {
                throw OwsException.invalidParameter("expiry", "expiry must be a positive integer, not " + expiryText);
            }
            long maxUnits = version.isV2() ? maxExpiry.toSeconds() : maxExpiry.toMinutes();
            if (n > maxUnits) {
                throw OwsException.invalidParameter("expiry", "expiry must be at most " + maxUnits
                        + (version.isV2() ? " seconds" : " minutes") + " on this server");
            }
            expiry = version.isV2() ? Duration.ofSeconds(n) : Duration.ofMinutes(n);
        }
        String action = blankToNull(value.apply("lockAction"));
        boolean all = true;
        if (action != null) {
            all = switch (action.trim().toUpperCase(Locale.ROOT)) {
                case "ALL" -> true;
                case "SOME" -> false;
                default -> throw OwsException.invalidParameter("lockAction", "lockAction must be ALL or SOME");
            };
        }
        return new LockParameters(lockId, expiry, all);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
