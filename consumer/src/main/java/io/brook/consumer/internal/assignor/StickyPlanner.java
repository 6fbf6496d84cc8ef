package io.brook.consumer.internal.assignor;

import io.brook.common.TopicPartition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sticky assignment: as balanced as the subscriptions allow (when every member subscribes to the same topics,
 * partition counts differ by at most one) while moving as few partitions as possible from their current owners.
 *
 * <ol>
 *   <li>Current owners come from the members' data; a partition claimed by several members stays with the one of
 *       the highest generation, and with nobody on a tie. Partitions of topics a member no longer subscribes to
 *       (or that no longer exist) are dropped.
 *   <li>Same subscriptions everywhere: each member keeps up to its quota of owned partitions (the minimum quota
 *       {@code P / M}, or the maximum {@code ceil(P / M)} while members with the maximum are still needed); the
 *       rest are handed to the members below the minimum first, then to fill the maximum quotas.
 *   <li>Different subscriptions: members keep what they own; each unowned partition (those with the fewest eligible
 *       members first) goes to the eligible member with the fewest partitions; then partitions move from a member
 *       to an eligible one with at least two fewer, until no such move is left.
 * </ol>
 * Deterministic: ties are broken by {@link GroupMember#ORDER} and partition order. Stateless.
 */
final class StickyPlanner {
    private static final Comparator<TopicPartition> PARTITION_ORDER = Comparator.naturalOrder();

    /**
     * A member's view of what it owned.
     *
     * @param owned the partitions it says it owns
     * @param generation the generation they are from, {@link AbstractSticky#DEFAULT_GENERATION} if unknown
     */
    record MemberData(List<TopicPartition> owned, int generation) {}

    private StickyPlanner() {}

    /**
     * @param previousOwners filled with the owner each partition has after claims are resolved
     * @return every member's partitions, sorted
     */
    static Map<String, List<TopicPartition>> plan(Map<String, Integer> partitionsPerTopic, List<GroupMember> members,
            Map<String, MemberData> data, Map<TopicPartition, String> previousOwners) {
        List<GroupMember> ordered = new ArrayList<>(members);
        ordered.sort(GroupMember.ORDER);
        Map<String, Set<String>> topicsOf = new HashMap<>();
        TreeSet<TopicPartition> all = new TreeSet<>(PARTITION_ORDER);
        for (GroupMember m : ordered) {
            Set<String> topics = new HashSet<>();
            for (String topic : m.subscription().topics()) {
                Integer n = partitionsPerTopic.get(topic);
                if (n != null) {
                    topics.add(topic);
                    for (int p = 0; p < n; p++) {
                        all.add(new TopicPartition(topic, p));
                    }
                }
            }
            topicsOf.put(m.memberId(), topics);
        }
        resolveOwners(ordered, data, topicsOf, all, previousOwners);
        Map<String, List<TopicPartition>> owned = new LinkedHashMap<>();
        for (GroupMember m : ordered) {
            owned.put(m.memberId(), new ArrayList<>());
        }
        previousOwners.forEach((tp, member) -> owned.get(member).add(tp));
        owned.values().forEach(l -> l.sort(PARTITION_ORDER));
        boolean same = ordered.stream().map(m -> topicsOf.get(m.memberId())).distinct().count() <= 1;
        Map<String, List<TopicPartition>> result = same ? constrained(ordered, owned, all)
                : general(ordered, owned, all, topicsOf);
        result.values().forEach(l -> l.sort(PARTITION_ORDER));
        return result;
    }

    private static void resolveOwners(List<GroupMember> members, Map<String, MemberData> data,
            Map<String, Set<String>> topicsOf, Set<TopicPartition> all, Map<TopicPartition, String> owners) {
        Map<TopicPartition, Integer> ownerGeneration = new HashMap<>();
        Set<TopicPartition> contested = new HashSet<>();
        for (GroupMember m : members) {
            MemberData d = data.get(m.memberId());
            if (d == null) {
                continue;
            }
            for (TopicPartition tp : d.owned()) {
                if (!all.contains(tp) || !topicsOf.get(m.memberId()).contains(tp.topic())) {
                    continue;
                }
                Integer other = ownerGeneration.get(tp);
                if (other == null || d.generation() > other) {
                    owners.put(tp, m.memberId());
                    ownerGeneration.put(tp, d.generation());
                    contested.remove(tp);
                } else if (d.generation() == other) {
                    contested.add(tp);
                }
            }
        }
        contested.forEach(owners::remove);
    }

    private static Map<String, List<TopicPartition>> constrained(List<GroupMember> members,
            Map<String, List<TopicPartition>> owned, TreeSet<TopicPartition> all) {
        int total = all.size();
        int count = members.size();
        int minQuota = total / count;
        int maxQuota = (total + count - 1) / count;
        int maxQuotaMembers = total % count;
        int withMax = 0;
        Map<String, List<TopicPartition>> result = new LinkedHashMap<>();
        TreeSet<TopicPartition> unassigned = new TreeSet<>(all);
        for (GroupMember m : members) {
            List<TopicPartition> mine = owned.get(m.memberId());
            int keep;
            if (mine.size() >= maxQuota && maxQuota > minQuota && withMax < maxQuotaMembers) {
                keep = maxQuota;
                withMax++;
            } else {
                keep = Math.min(mine.size(), minQuota);
            }
            List<TopicPartition> kept = new ArrayList<>(mine.subList(0, keep));
            kept.forEach(unassigned::remove);
            result.put(m.memberId(), kept);
        }
        for (GroupMember m : members) {
            List<TopicPartition> mine = result.get(m.memberId());
            while (mine.size() < minQuota) {
                mine.add(unassigned.pollFirst());
            }
        }
        for (GroupMember m : members) {
            List<TopicPartition> mine = result.get(m.memberId());
            if (unassigned.isEmpty()) {
                break;
            }
            if (mine.size() == minQuota && withMax < maxQuotaMembers) {
                mine.add(unassigned.pollFirst());
                withMax++;
            }
        }
        return result;
    }

    private static Map<String, List<TopicPartition>> general(List<GroupMember> members,
            Map<String, List<TopicPartition>> owned, TreeSet<TopicPartition> all, Map<String, Set<String>> topicsOf) {
        Map<String, List<TopicPartition>> result = new LinkedHashMap<>();
        Set<TopicPartition> taken = new HashSet<>();
        for (GroupMember m : members) {
            List<TopicPartition> mine = new ArrayList<>(owned.get(m.memberId()));
            taken.addAll(mine);
            result.put(m.memberId(), mine);
        }
        Map<String, List<String>> eligible = new HashMap<>();
        for (GroupMember m : members) {
            for (String topic : topicsOf.get(m.memberId())) {
                eligible.computeIfAbsent(topic, t -> new ArrayList<>()).add(m.memberId());
            }
        }
        List<TopicPartition> unowned = new ArrayList<>();
        for (TopicPartition tp : all) {
            if (!taken.contains(tp)) {
                unowned.add(tp);
            }
        }
        unowned.sort(Comparator.<TopicPartition>comparingInt(tp -> eligible.get(tp.topic()).size())
                .thenComparing(PARTITION_ORDER));
        for (TopicPartition tp : unowned) {
            result.get(leastLoaded(eligible.get(tp.topic()), result)).add(tp);
        }
        balance(members, result, eligible);
        return result;
    }

    /** Moves partitions to eligible members with at least two fewer, until none can move. */
    private static void balance(List<GroupMember> members, Map<String, List<TopicPartition>> result,
            Map<String, List<String>> eligible) {
        boolean moved = true;
        int guard = 0;
        int limit = 1 + result.values().stream().mapToInt(List::size).sum() * Math.max(1, members.size());
        while (moved && guard++ < limit) {
            moved = false;
            List<GroupMember> byLoad = new ArrayList<>(members);
            byLoad.sort(Comparator.<GroupMember>comparingInt(m -> -result.get(m.memberId()).size())
                    .thenComparing(GroupMember.ORDER));
            for (GroupMember from : byLoad) {
                List<TopicPartition> source = result.get(from.memberId());
                for (TopicPartition tp : new ArrayList<>(source)) {
                    String to = leastLoaded(eligible.get(tp.topic()), result);
                    if (result.get(to).size() + 1 < source.size()) {
                        source.remove(tp);
                        result.get(to).add(tp);
                        moved = true;
                        break;
                    }
                }
                if (moved) {
                    break;
                }
            }
        }
    }

    private static String leastLoaded(List<String> candidates, Map<String, List<TopicPartition>> result) {
        String best = null;
        for (String member : candidates) {
            if (best == null || result.get(member).size() < result.get(best).size()) {
                best = member;
            }
        }
        return best;
    }
}
