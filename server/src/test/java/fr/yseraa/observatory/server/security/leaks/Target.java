package fr.yseraa.observatory.server.security.leaks;

/**
 * An occurrence the suite tries to locate, read from the database as an administrator.
 *
 * @param uuid its idSINPOccTax, its feature id (occurrences.uuid) and an attribute: its presence in an answer means
 *     the occurrence is there
 * @param level its diffusion level (0 exact ... 4 not diffused)
 * @param sensitivity its sensiNiveau
 * @param producerId the organisation that produced its dataset
 * @param observer its observer names
 * @param date its dateDebut (ISO), to isolate it with TIME
 * @param x its exact point, Lambert-93
 * @param y its exact point, Lambert-93
 * @param mx its exact point, Web Mercator
 * @param my its exact point, Web Mercator
 * @param margin the distance from the exact point to the boundary of its diffusion geometry: no coordinate shown to
 *     a caller not entitled to the exact place may come closer than this
 */
record Target(String uuid, int level, String sensitivity, int producerId, String observer, String date,
              double x, double y, double mx, double my, double margin) {

    @Override
    public String toString() {
        return "occurrence " + uuid + " (level " + level + ", sensitivity " + sensitivity + ", producer " + producerId + ")";
    }

    /** The first observer's name ("NOM Prénom"), as any answer would spell it. */
    String observerName() {
        int paren = observer.indexOf(" (");
        return paren > 0 ? observer.substring(0, paren) : observer;
    }
}
