package io.brook.consumer.internal.assignor;

import java.util.List;

/** Creates the assignors a consumer offers, by Brook's names. Stateless. */
public final class Assignors {
    private Assignors() {}

    /**
     * One new assignor per name, in order.
     *
     * @throws IllegalArgumentException for a name that is not one of Brook's assignors
     */
    public static List<Assignor> create(List<String> names) {
        return names.stream().map(Assignors::create).toList();
    }

    static Assignor create(String name) {
        return switch (name) {
            case "range" -> new RangeAssignor();
            case "roundrobin" -> new RoundRobinAssignor();
            case "sticky" -> new StickyAssignor();
            case "cooperative-sticky" -> new CooperativeStickyAssignor();
            default -> throw new IllegalArgumentException("unknown assignor '" + name + "'");
        };
    }

    /** Whether the group may rebalance cooperatively: only if every offered assignor supports it. */
    public static boolean cooperative(List<Assignor> assignors) {
        return !assignors.isEmpty() && assignors.stream().allMatch(Assignor::supportsCooperative);
    }
}
