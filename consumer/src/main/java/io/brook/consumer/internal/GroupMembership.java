package io.brook.consumer.internal;

import io.brook.common.ConsumerGroupMetadata;
import io.brook.common.TopicPartition;
import io.brook.common.errors.BrookException;
import io.brook.consumer.internal.assignor.Assignor;
import io.brook.consumer.internal.assignor.Assignors;
import io.brook.core.internal.group.ConsumerProtocol;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.FindCoordinatorResponse;
import io.brook.protocol.message.HeartbeatResponse;
import io.brook.protocol.message.JoinGroupResponse;
import io.brook.protocol.message.SyncGroupResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The member side of the classic consumer group protocol, as a network-free state machine: {@link #poll(long)}
 * returns the requests to send now (FindCoordinator, JoinGroup, SyncGroup, Heartbeat, LeaveGroup), answers come
 * back through {@link #onResponse} and {@link #onFailure}, and time only enters as the {@code nowMs} arguments.
 * Rebalance listener work is handed to the polling thread as {@link RebalanceStep}s, and the machine waits for
 * each to be done ({@link #stepDone}) before going on: eager members revoke everything before joining; cooperative
 * members revoke only what moves, after the assignment, and then rejoin; fenced members give up what they own as
 * lost before rejoining.
 *
 * <p>States: {@code UNJOINED} (no generation to act in), {@code PREPARING} (a pre-join step is with the polling
 * thread), {@code JOINING}, {@code AWAITING_METADATA} (the leader waits for the partition counts of the group's
 * topics), {@code SYNCING}, {@code STABLE} (a member of the current generation: heartbeats every
 * {@code heartbeat.interval.ms}). A member that does not poll for {@code max.poll.interval.ms} leaves and does not
 * rejoin until the application polls again.
 *
 * <p>Confined to the consumer's background thread; not thread-safe.
 */
final class GroupMembership {
    private static final Logger log = LoggerFactory.getLogger(GroupMembership.class);
    /** How much longer than the rebalance timeout a JoinGroup or SyncGroup may take to be answered. */
    private static final long JOIN_GRACE_MS = 5_000L;

    /** The states of the machine; see the class comment. */
    enum State { UNJOINED, PREPARING, JOINING, AWAITING_METADATA, SYNCING, STABLE }

    /** The consumer's subscription as the group sees it. */
    interface Subscription {
        /** Whether the group assigns the partitions (a topic or pattern subscription). */
        boolean active();

        Set<String> topics();

        /** Changes whenever the topic set does. */
        int version();
    }

    /** Partition counts from the client's metadata, for the leader. */
    interface TopicCounts {
        /** The topic's partition count; 0 if it does not exist; -1 if not known yet. */
        int partitionCount(String topic);

        /** Asks the metadata to cover {@code topics}. */
        void want(Set<String> topics);
    }

    private final ConsumerSettings settings;
    private final String groupId;
    private final List<Assignor> assignors;
    private final boolean cooperative;
    private final Subscription subscription;
    private final TopicCounts counts;
    private final Consumer<RebalanceStep> steps;
    private final GroupListener listener;
    private final CoordinatorState coordinator;

    private State state = State.UNJOINED;
    private String memberId = "";
    private int generation = ConsumerGroupMetadata.UNKNOWN_GENERATION_ID;
    private String protocol;
    private final Set<TopicPartition> owned = new LinkedHashSet<>();
    private final Deque<RebalanceStep> queuedSteps = new ArrayDeque<>();
    private RebalanceStep outstandingStep;
    private boolean rejoinNeeded = true;
    private String rejoinReason = "the consumer subscribed";
    private boolean rejoinAfterSteps;
    private long rejoinAtMs;
    private int joinFailures;
    private int joinedVersion = -1;
    private LeaderAssignment leaderAssignment;
    private Map<String, Integer> assignedCounts = Map.of();
    private final HeartbeatClock heartbeats = new HeartbeatClock();
    private long lastPollMs = -1L;
    private boolean pollTimedOut;
    private boolean leaveRequested;
    private String leaveReason;
    private long rebalanceStartMs = -1L;
    private long awaitingMetadataSinceMs;
    /** Set when a follower's JoinGroup was answered: its (empty) SyncGroup goes out with the next poll. */
    private boolean pendingSync;
    /** The member id a LeaveGroup must name, kept after the member forgot it. */
    private String memberIdForLeave = "";
    private BrookException fatal;

    GroupMembership(ConsumerSettings settings, List<Assignor> assignors, Subscription subscription,
            TopicCounts counts, Consumer<RebalanceStep> steps, GroupListener listener) {
        this.settings = settings;
        this.groupId = settings.groupId().orElseThrow(() -> new IllegalArgumentException("group.id is not set"));
        this.assignors = List.copyOf(assignors);
        this.cooperative = Assignors.cooperative(assignors);
        this.subscription = subscription;
        this.counts = counts;
        this.steps = steps;
        this.listener = listener;
        this.coordinator = new CoordinatorState(settings.clientId(), groupId, settings.retryBackoff(),
                settings.requestTimeoutMs());
    }

    // ---- inputs from the consumer -------------------------------------------------------------------------

    /**
     * The application's last poll() started at {@code pollMs}: the max.poll.interval.ms timer starts over. Called
     * with the same value again does nothing; a member that left because it did not poll in time rejoins on the first
     * poll after the polling thread ran its lost-partitions step.
     */
    void polled(long pollMs) {
        if (pollMs <= lastPollMs) {
            return;
        }
        lastPollMs = pollMs;
        if (pollTimedOut && outstandingStep == null && queuedSteps.isEmpty()) {
            pollTimedOut = false;
            requestRejoin("the application polled again after exceeding max.poll.interval.ms", pollMs);
        }
    }

    /** Leave the group (unsubscribe or close): a LeaveGroup goes out with the next poll, unless static. */
    void leave(String reason) {
        if (!memberId.isEmpty()) {
            leaveRequested = true;
            leaveReason = reason;
            memberIdForLeave = memberId;
        }
        memberId = "";
        resetGeneration();
        owned.clear();
        queuedSteps.clear();
        outstandingStep = null;
        state = State.UNJOINED;
        rejoinNeeded = true;
        rejoinReason = "the consumer subscribed again";
    }

    /** The polling thread finished {@code step}. */
    void stepDone(RebalanceStep step, long nowMs) {
        if (outstandingStep == null || outstandingStep.id() != step.id()) {
            return;
        }
        outstandingStep = null;
        switch (step.kind()) {
            case REVOKE, LOST -> owned.removeAll(step.partitions());
            case ASSIGN -> owned.addAll(step.partitions());
        }
        if (state == State.PREPARING) {
            state = State.UNJOINED;
        }
        if (queuedSteps.isEmpty() && rejoinAfterSteps) {
            rejoinAfterSteps = false;
            requestRejoin("partitions were revoked in a cooperative rebalance", nowMs);
        }
        emitNextStep();
    }

    // ---- the state machine ----------------------------------------------------------------------------------

    /** The requests to send now. */
    List<GroupRequest> poll(long nowMs) {
        List<GroupRequest> out = new ArrayList<>(2);
        if (fatal != null) {
            return out;
        }
        if (subscription.active()) {
            coordinator.want();
        }
        GroupRequest lookup = coordinator.lookupIfNeeded(nowMs);
        if (lookup != null) {
            out.add(lookup);
        }
        if (!coordinator.isKnown()) {
            return out;
        }
        Endpoint target = coordinator.endpoint().orElseThrow();
        if (leaveRequested) {
            leaveRequested = false;
            if (settings.groupInstanceId().isEmpty()) {
                out.add(new GroupRequest(GroupRequest.Kind.LEAVE, target, GroupRequests.leaveGroup(groupId,
                        settings.groupInstanceId(), memberIdForLeave, leaveReason), settings.requestTimeoutMs(),
                        generation));
            }
            memberIdForLeave = "";
        }
        if (!subscription.active()) {
            if (!memberId.isEmpty() || !owned.isEmpty()) {
                leave("the consumer no longer subscribes");
            }
            return out;
        }
        checkPollInterval(nowMs, target, out);
        checkSession(nowMs);
        if (!coordinator.isKnown()) {
            GroupRequest again = coordinator.lookupIfNeeded(nowMs);
            if (again != null) {
                out.add(again);
            }
            return out;
        }
        maybeHeartbeat(nowMs, target, out);
        if (state == State.STABLE) {
            detectChanges(nowMs);
        }
        if (state == State.AWAITING_METADATA) {
            maybeSync(nowMs, target, out);
        }
        if (state == State.SYNCING && pendingSync) {
            pendingSync = false;
            sendSync(target, Map.of(), out);
        }
        if ((state == State.UNJOINED || state == State.STABLE) && rejoinNeeded && !pollTimedOut
                && outstandingStep == null && queuedSteps.isEmpty() && nowMs >= rejoinAtMs) {
            prepareOrJoin(nowMs, target, out);
        }
        return out;
    }

    private void checkPollInterval(long nowMs, Endpoint target, List<GroupRequest> out) {
        if (lastPollMs < 0 || pollTimedOut || nowMs - lastPollMs <= settings.maxPollIntervalMs()
                || (memberId.isEmpty() && owned.isEmpty())) {
            return;
        }
        log.warn("[{}] Group {}: no poll() for {} ms, more than max.poll.interval.ms={}: leaving the group so that "
                + "its partitions move to live members", settings.clientId(), groupId, nowMs - lastPollMs,
                settings.maxPollIntervalMs());
        if (!memberId.isEmpty() && settings.groupInstanceId().isEmpty()) {
            out.add(new GroupRequest(GroupRequest.Kind.LEAVE, target, GroupRequests.leaveGroup(groupId,
                    settings.groupInstanceId(), memberId, "consumer poll timeout has expired"),
                    settings.requestTimeoutMs(), generation));
        }
        pollTimedOut = true;
        int lostGeneration = generation;
        memberId = "";
        resetGeneration();
        state = State.UNJOINED;
        // Whatever the polling thread has not run yet is superseded: it gives up everything it holds.
        Set<TopicPartition> lost = new LinkedHashSet<>(owned);
        if (outstandingStep != null && outstandingStep.kind() == RebalanceStep.Kind.ASSIGN) {
            lost.addAll(outstandingStep.partitions());
        }
        outstandingStep = null;
        queuedSteps.clear();
        rejoinAfterSteps = false;
        queuedSteps.add(RebalanceStep.pollTimeout(lost, lostGeneration));
        emitNextStep();
    }

    private void checkSession(long nowMs) {
        if (state == State.STABLE && heartbeats.sessionExpired(nowMs, settings.sessionTimeoutMs())) {
            coordinator.unknown("no heartbeat answered for session.timeout.ms=" + settings.sessionTimeoutMs());
            heartbeats.alive(nowMs);
        }
    }

    private void maybeHeartbeat(long nowMs, Endpoint target, List<GroupRequest> out) {
        boolean member = (state == State.STABLE || state == State.PREPARING) && generation >= 0;
        if (!member || !heartbeats.due(nowMs)) {
            return;
        }
        heartbeats.sent(nowMs);
        out.add(new GroupRequest(GroupRequest.Kind.HEARTBEAT, target, GroupRequests.heartbeat(groupId,
                settings.groupInstanceId(), memberId, generation), settings.requestTimeoutMs(), generation));
    }

    /** A member of a stable generation rejoins when its subscription or, as leader, the partition counts change. */
    private void detectChanges(long nowMs) {
        if (subscription.version() != joinedVersion) {
            requestRejoin("the subscription changed to " + subscription.topics(), nowMs);
            return;
        }
        for (Map.Entry<String, Integer> e : assignedCounts.entrySet()) {
            int now = counts.partitionCount(e.getKey());
            if (now >= 0 && now != e.getValue()) {
                requestRejoin("topic " + e.getKey() + " now has " + now + " partitions, not " + e.getValue(), nowMs);
                return;
            }
        }
    }

    private void prepareOrJoin(long nowMs, Endpoint target, List<GroupRequest> out) {
        if (rebalanceStartMs < 0) {
            rebalanceStartMs = nowMs;
            listener.rebalanceStarted(rejoinReason, Set.copyOf(owned));
        }
        RebalanceStep before = JoinPlan.preJoinStep(owned, generation, cooperative, subscription.topics());
        if (before != null && !before.partitions().isEmpty()) {
            state = State.PREPARING;
            queuedSteps.add(before);
            emitNextStep();
            return;
        }
        state = State.JOINING;
        rejoinNeeded = false;
        joinedVersion = subscription.version();
        log.info("[{}] Group {}: joining ({}) as {}", settings.clientId(), groupId, rejoinReason,
                memberId.isEmpty() ? "a new member" : memberId);
        out.add(new GroupRequest(GroupRequest.Kind.JOIN, target, GroupRequests.joinGroup(groupId,
                settings.groupInstanceId(), memberId, settings.sessionTimeoutMs(), settings.maxPollIntervalMs(),
                JoinPlan.protocols(assignors, subscription.topics(), owned, generation, settings.rack()), rejoinReason), settings.maxPollIntervalMs() + JOIN_GRACE_MS, generation));
    }

    private void maybeSync(long nowMs, Endpoint target, List<GroupRequest> out) {
        // Topics still unknown after half the rebalance timeout are assigned as if they did not exist.
        boolean giveUp = nowMs - awaitingMetadataSinceMs > settings.maxPollIntervalMs() / 2;
        Map<String, Integer> topicCounts = leaderAssignment.counts(counts, giveUp);
        if (topicCounts == null) {
            return;
        }
        Assignor assignor = assignor(protocol);
        Map<String, byte[]> assignments = leaderAssignment.assign(assignor, topicCounts);
        assignedCounts = topicCounts;
        leaderAssignment = null;
        sendSync(target, assignments, out);
    }

    private void sendSync(Endpoint target, Map<String, byte[]> assignments, List<GroupRequest> out) {
        state = State.SYNCING;
        out.add(new GroupRequest(GroupRequest.Kind.SYNC, target, GroupRequests.syncGroup(groupId,
                settings.groupInstanceId(), memberId, generation, protocol, assignments),
                settings.maxPollIntervalMs() + JOIN_GRACE_MS, generation));
    }

    // ---- answers ----------------------------------------------------------------------------------------------

    void onResponse(GroupRequest request, ApiMessage response, long nowMs) {
        switch (request.kind()) {
            case FIND_COORDINATOR -> onFindCoordinator((FindCoordinatorResponse) response, nowMs);
            case JOIN -> onJoin((JoinGroupResponse) response, nowMs);
            case SYNC -> onSync(request, (SyncGroupResponse) response, nowMs);
            case HEARTBEAT -> onHeartbeat(request, Errors.forCode(((HeartbeatResponse) response).errorCode()),
                    nowMs);
            case LEAVE -> log.debug("[{}] Group {}: left", settings.clientId(), groupId);
        }
    }

    /** The request got no answer (network error or timeout). */
    void onFailure(GroupRequest request, Throwable error, long nowMs) {
        switch (request.kind()) {
            case FIND_COORDINATOR -> coordinator.lookupFailed(nowMs, error.toString());
            case JOIN, SYNC -> {
                coordinator.unknown(request.kind() + " failed: " + error);
                if (state == State.JOINING || state == State.SYNCING || state == State.AWAITING_METADATA) {
                    state = State.UNJOINED;
                    requestRejoin(request.kind() + " got no answer", nowMs);
                }
            }
            case HEARTBEAT -> {
                heartbeats.failed(nowMs, settings.retryBackoff().backoffMs(0));
                coordinator.unknown("heartbeat failed: " + error);
            }
            case LEAVE -> log.debug("[{}] Group {}: LeaveGroup got no answer: {}", settings.clientId(), groupId,
                    error.toString());
        }
    }

    private void onFindCoordinator(FindCoordinatorResponse response, long nowMs) {
        GroupRequests.Coordinator c = GroupRequests.coordinator(response);
        if (c.endpoint().isPresent()) {
            coordinator.found(c.endpoint().get());
        } else if (c.error() == Errors.GROUP_AUTHORIZATION_FAILED || c.error() == Errors.INVALID_GROUP_ID) {
            fail(c.error(), "FindCoordinator for group " + groupId);
        } else {
            coordinator.lookupFailed(nowMs, c.error() + (c.message() == null ? "" : ": " + c.message()));
        }
    }

    private void onJoin(JoinGroupResponse response, long nowMs) {
        if (state != State.JOINING) {
            return;
        }
        Errors error = Errors.forCode(response.errorCode());
        if (error == Errors.NONE) {
            joinFailures = 0;
            memberId = response.memberId();
            generation = response.generationId();
            protocol = response.protocolName();
            boolean leader = memberId.equals(response.leader());
            listener.joined(generation, memberId, leader, protocol);
            log.info("[{}] Group {}: joined generation {} as {}{} with assignor {}", settings.clientId(), groupId,
                    generation, memberId, leader ? " (leader)" : "", protocol);
            if (leader && !response.skipAssignment()) {
                leaderAssignment = new LeaderAssignment(settings.clientId(), response.members());
                counts.want(leaderAssignment.topics());
                state = State.AWAITING_METADATA;
                awaitingMetadataSinceMs = nowMs;
            } else {
                assignedCounts = Map.of();
                state = State.SYNCING;
                pendingSync = true;
            }
            return;
        }
        state = State.UNJOINED;
        switch (error) {
            case MEMBER_ID_REQUIRED -> {
                memberId = response.memberId();
                requestRejoin("the coordinator assigned member id " + memberId, nowMs);
            }
            case UNKNOWN_MEMBER_ID -> {
                memberId = "";
                resetGeneration();
                requestRejoin("the coordinator did not know member id", nowMs);
            }
            case ILLEGAL_GENERATION -> {
                resetGeneration();
                requestRejoin("the generation was stale", nowMs);
            }
            case NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE -> {
                coordinator.unknown("JoinGroup answered " + error);
                requestRejoin("the coordinator moved", nowMs);
            }
            case COORDINATOR_LOAD_IN_PROGRESS, REBALANCE_IN_PROGRESS, UNKNOWN_SERVER_ERROR -> retryJoin(error, nowMs);
            default -> fail(error, "JoinGroup of group " + groupId);
        }
    }

    private void onSync(GroupRequest request, SyncGroupResponse response, long nowMs) {
        if (state != State.SYNCING || request.generation() != generation) {
            return;
        }
        Errors error = Errors.forCode(response.errorCode());
        if (error != Errors.NONE) {
            state = State.UNJOINED;
            switch (error) {
                case REBALANCE_IN_PROGRESS -> requestRejoin("the group started another rebalance", nowMs);
                case UNKNOWN_MEMBER_ID -> {
                    memberId = "";
                    resetGeneration();
                    requestRejoin("the coordinator did not know the member", nowMs);
                }
                case ILLEGAL_GENERATION -> {
                    resetGeneration();
                    requestRejoin("the generation was stale", nowMs);
                }
                case NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE -> {
                    coordinator.unknown("SyncGroup answered " + error);
                    requestRejoin("the coordinator moved", nowMs);
                }
                case COORDINATOR_LOAD_IN_PROGRESS, UNKNOWN_SERVER_ERROR -> retryJoin(error, nowMs);
                default -> fail(error, "SyncGroup of group " + groupId);
            }
            return;
        }
        byte[] bytes = response.assignment();
        List<TopicPartition> assigned = bytes == null || bytes.length == 0 ? List.of()
                : ConsumerProtocol.Assignment.read(bytes).partitions();
        assignor(protocol).onAssignment(assigned, generation);
        Set<TopicPartition> assignedSet = new LinkedHashSet<>(assigned);
        Set<TopicPartition> revoked = new LinkedHashSet<>(owned);
        revoked.removeAll(assignedSet);
        Set<TopicPartition> added = new LinkedHashSet<>(assignedSet);
        added.removeAll(owned);
        state = State.STABLE;
        heartbeats.generationStarted(nowMs, settings.heartbeatIntervalMs());
        if (!revoked.isEmpty()) {
            queuedSteps.add(RebalanceStep.of(RebalanceStep.Kind.REVOKE, revoked, generation));
            rejoinAfterSteps = cooperative;
        }
        queuedSteps.add(RebalanceStep.of(RebalanceStep.Kind.ASSIGN, added, generation));
        emitNextStep();
        long took = rebalanceStartMs < 0 ? 0L : nowMs - rebalanceStartMs;
        rebalanceStartMs = -1L;
        listener.rebalanceEnded(generation, assignedSet, added, revoked, took);
        log.info("[{}] Group {}: generation {} assigned {} (added {}, revoked {})", settings.clientId(), groupId,
                generation, assignedSet, added, revoked);
    }

    private void onHeartbeat(GroupRequest request, Errors error, long nowMs) {
        listener.heartbeat(error, heartbeats.answered(nowMs, settings.heartbeatIntervalMs()));
        if (request.generation() != generation && error != Errors.NONE) {
            return;
        }
        switch (error) {
            case NONE -> heartbeats.alive(nowMs);
            case REBALANCE_IN_PROGRESS -> {
                heartbeats.alive(nowMs);
                if (state == State.STABLE) {
                    requestRejoin("the group is rebalancing", nowMs);
                }
            }
            case ILLEGAL_GENERATION -> {
                resetGeneration();
                state = State.UNJOINED;
                requestRejoin("the member was fenced: its generation is stale", nowMs);
            }
            case UNKNOWN_MEMBER_ID -> {
                memberId = "";
                resetGeneration();
                state = State.UNJOINED;
                requestRejoin("the member was fenced: the coordinator no longer knows it", nowMs);
            }
            case NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE -> coordinator.unknown("heartbeat answered " + error);
            case FENCED_INSTANCE_ID, GROUP_AUTHORIZATION_FAILED -> fail(error, "Heartbeat of group " + groupId);
            default -> heartbeats.retryIn(nowMs, settings.retryBackoff().backoffMs(0));
        }
    }

    /** An offset commit was rejected because this member was fenced: it rejoins, giving up its partitions. */
    void fencedByCommit(Errors error, long nowMs) {
        if (error == Errors.FENCED_INSTANCE_ID) {
            fail(error, "OffsetCommit of group " + groupId);
            return;
        }
        if (error == Errors.UNKNOWN_MEMBER_ID) {
            memberId = "";
        }
        resetGeneration();
        if (state == State.STABLE || state == State.SYNCING || state == State.AWAITING_METADATA) {
            state = State.UNJOINED;
        }
        requestRejoin("an offset commit found the member fenced (" + error + ")", nowMs);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private void requestRejoin(String reason, long nowMs) {
        if (!rejoinNeeded) {
            rejoinReason = reason;
        }
        rejoinNeeded = true;
        rejoinAtMs = Math.min(rejoinAtMs, nowMs);
    }

    private void retryJoin(Errors error, long nowMs) {
        rejoinNeeded = true;
        rejoinReason = "retrying after " + error;
        rejoinAtMs = nowMs + settings.retryBackoff().backoffMs(joinFailures++);
    }

    private void resetGeneration() {
        generation = ConsumerGroupMetadata.UNKNOWN_GENERATION_ID;
        protocol = null;
        leaderAssignment = null;
        assignedCounts = Map.of();
        pendingSync = false;
    }

    private void fail(Errors error, String what) {
        fatal = error.exception(what + " failed: " + error + " (" + error.defaultMessage() + ")");
        log.error("[{}] {}", settings.clientId(), fatal.getMessage());
    }

    private void emitNextStep() {
        if (outstandingStep == null && !queuedSteps.isEmpty()) {
            outstandingStep = queuedSteps.poll();
            steps.accept(outstandingStep);
        }
    }

    private Assignor assignor(String name) {
        for (Assignor a : assignors) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw new IllegalStateException("the coordinator chose assignor '" + name + "', which this member did not "
                + "offer");
    }

    // ---- what others read -------------------------------------------------------------------------------------

    State state() {
        return state;
    }

    Set<TopicPartition> owned() {
        return new HashSet<>(owned);
    }

    CoordinatorState coordinator() {
        return coordinator;
    }

    /** An error that stops the member for good (fenced instance id, authorization, ...); null if none. */
    BrookException fatalError() {
        return fatal;
    }

    /** The identity offset commits carry: the current generation, or none outside one. */
    ConsumerGroupMetadata groupMetadata() {
        return new ConsumerGroupMetadata(groupId, generation, memberId, settings.groupInstanceId());
    }

    /** Whether the member is in a generation it can commit in. */
    boolean hasGeneration() {
        return generation >= 0 && !memberId.isEmpty();
    }

    /** The earliest time {@link #poll} may have something new to do, for the background loop's timer. */
    long nextDeadlineMs(long nowMs) {
        long next = Math.min(coordinator.nextLookupMs(), Long.MAX_VALUE);
        if ((state == State.STABLE || state == State.PREPARING) && generation >= 0) {
            next = Math.min(next, heartbeats.nextDueMs());
        }
        if (state == State.STABLE) {
            next = Math.min(next, heartbeats.sessionDeadlineMs(settings.sessionTimeoutMs()));
        }
        if (lastPollMs >= 0 && !pollTimedOut && (!memberId.isEmpty() || !owned.isEmpty())) {
            next = Math.min(next, lastPollMs + settings.maxPollIntervalMs() + 1);
        }
        if (rejoinNeeded && rejoinAtMs > nowMs) {
            next = Math.min(next, rejoinAtMs);
        }
        if (state == State.AWAITING_METADATA) {
            next = Math.min(next, awaitingMetadataSinceMs + settings.maxPollIntervalMs() / 2 + 1);
        }
        return next;
    }
}
