package fr.yseraa.observatory.ext.demo;

import java.util.SplittableRandom;
import java.util.UUID;

/** Reproducible random (version 4) UUIDs drawn from the demo's seeded generator. */
final class DemoIds {

    private DemoIds() {
    }

    static UUID uuid(SplittableRandom random) {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
