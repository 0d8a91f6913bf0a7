package fr.yseraa.observatory.wps.process;

/** Where a long process reports how far it got (asynchronous execution shows it as ProcessStarted). */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (percent, message) -> { };

    /** @param percent 0 to 99 */
    void progress(int percent, String message);
}
