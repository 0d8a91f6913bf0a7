package fr.yseraa.observatory.wfs.lock;

import fr.yseraa.observatory.core.ows.ExceptionCode;

/** The WFS 2.0 exception codes of locking (ISO 19142 table 3), with the HTTP status of OGC 09-025r2 table D.2. */
public enum LockExceptionCode implements ExceptionCode {
    /** A lockAction ALL request found a feature held by another lock: nothing was locked. */
    CANNOT_LOCK_ALL_FEATURES("CannotLockAllFeatures", 400),
    /** A Transaction names a lock id the server never gave (or one already released). */
    INVALID_LOCK_ID("InvalidLockId", 400),
    /** The lock named has expired (LockFeature also answers this for a lock it does not know, as the ETS expects). */
    LOCK_HAS_EXPIRED("LockHasExpired", 403);

    private final String code;
    private final int httpStatus;

    LockExceptionCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }
}
