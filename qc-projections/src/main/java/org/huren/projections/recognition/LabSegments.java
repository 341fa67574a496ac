package org.huren.projections.recognition;

import org.axonframework.eventhandling.Segment;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.stream.IntStream;

/**
 * The segment of labs the current unit of work decides for ({@link AllianceWideFanOut} names it; outside a processor
 * — tests, a dead letter retried — it is the root segment: every lab). An alliance-wide fact is kept once per
 * <em>bucket</em>, {@value #BUCKETS} of them, each a fixed slice of the labs' hashes: a segment writes the copies of the
 * buckets it owns and reads the one numbered as itself, which it always owns. Buckets, not segments, key the copies,
 * so a segment split or merged finds its copies where they were.
 */
final class LabSegments {

    /** Copies of each alliance-wide fact; also the most segments the recognition processor may have. */
    static final int BUCKETS = 32;

    static final String RESOURCE = LabSegments.class.getName() + ".segment";

    private LabSegments() {
    }

    static Segment current() {
        if (!CurrentUnitOfWork.isStarted()) {
            return Segment.ROOT_SEGMENT;
        }
        Segment segment = CurrentUnitOfWork.get().root().getResource(RESOURCE);
        return segment == null ? Segment.ROOT_SEGMENT : segment;
    }

    /** Whether the current segment decides {@code lab}'s results (the sequencing policy sends its events here). */
    static boolean owns(String lab) {
        return current().matches(lab);
    }

    /** The buckets whose copies of alliance-wide facts the current segment writes. */
    static Integer[] buckets() {
        Segment segment = current();
        return IntStream.range(0, BUCKETS).filter(segment::matches).boxed().toArray(Integer[]::new);
    }

    /** The bucket whose copy the current segment reads. */
    static int bucket() {
        return current().getSegmentId();
    }

    /** Refuses a segment that owns no bucket (more segments than buckets). */
    static void check(Segment segment) {
        if (segment.getMask() >= BUCKETS) {
            throw new IllegalStateException("recognition has more than " + BUCKETS + " segments (" + segment
                    + "): its alliance-wide facts are kept in " + BUCKETS + " buckets only");
        }
    }
}
