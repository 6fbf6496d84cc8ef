package io.brook.core.internal.call;

import io.brook.common.errors.BrookException;
import io.brook.common.errors.NetworkException;
import io.brook.common.errors.TimeoutException;
import io.brook.core.internal.network.Capability;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestBuilder;
import io.brook.core.internal.network.RequestSender;
import io.brook.core.internal.util.Futures;
import io.brook.protocol.ApiKey;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.FindCoordinatorRequest;
import io.brook.protocol.message.FindCoordinatorResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Finds and remembers the coordinators of groups and transactional ids: FindCoordinator to any broker (the
 * {@link BrokerSelector} picks it), several keys of one type per request where the broker's version allows
 * (FindCoordinator v4+; older versions get one request per key, one after the other), one lookup in flight per
 * key however many callers ask. A found coordinator is cached per key until {@link #invalidate} says it stopped
 * coordinating (NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE, or no response from it); {@link CallDriver} does that
 * for requests that name a coordinator as their target.
 *
 * <p>It does not retry: a lookup that fails fails the futures of its keys (retriable errors stay retriable), and
 * the caller's own retry asks again. Independent of any client: the admin client, the consumer's group
 * membership and the transactional producer each own one.
 *
 * <p>Thread-safe: the cache and the lookups in flight are guarded by {@code lock}; futures complete outside it, on
 * the thread that completed the FindCoordinator request (the sender's executor) or, for cached keys, the caller's.
 */
public final class CoordinatorLookup {
    private final RequestSender sender;
    private final BrokerSelector brokers;
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by lock. */
    private final Map<CoordinatorKey, Endpoint> known = new HashMap<>();
    /** Guarded by lock: the lookups in flight. */
    private final Map<CoordinatorKey, CompletableFuture<Endpoint>> inFlight = new HashMap<>();

    public CoordinatorLookup(RequestSender sender, BrokerSelector brokers) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.brokers = Objects.requireNonNull(brokers, "brokers");
    }

    /**
     * The coordinator of {@code key}.
     *
     * @return completes at once if it is known; else once a FindCoordinator answered, with the coordinator, or
     *     fails with the typed error the broker reported for the key (retriable ones such as
     *     {@code CoordinatorNotAvailableException} included) or the failure of the request
     */
    public CompletableFuture<Endpoint> find(CoordinatorKey key) {
        return findAll(List.of(key)).get(key);
    }

    /**
     * The coordinators of {@code keys}, looked up together: the unknown keys of each type go out in one request.
     *
     * @return one future per distinct key, as {@link #find} describes
     */
    public Map<CoordinatorKey, CompletableFuture<Endpoint>> findAll(Collection<CoordinatorKey> keys) {
        Map<CoordinatorKey, CompletableFuture<Endpoint>> result = new LinkedHashMap<>();
        Map<CoordinatorType, List<CoordinatorKey>> toLookUp = new LinkedHashMap<>();
        lock.lock();
        try {
            for (CoordinatorKey key : keys) {
                Objects.requireNonNull(key, "key");
                if (result.containsKey(key)) {
                    continue;
                }
                Endpoint cached = known.get(key);
                if (cached != null) {
                    result.put(key, CompletableFuture.completedFuture(cached));
                    continue;
                }
                CompletableFuture<Endpoint> pending = inFlight.get(key);
                if (pending == null) {
                    pending = new CompletableFuture<>();
                    inFlight.put(key, pending);
                    toLookUp.computeIfAbsent(key.type(), t -> new ArrayList<>()).add(key);
                }
                // A copy: a caller cancelling its future must not cancel the lookup others share.
                result.put(key, pending.copy());
            }
        } finally {
            lock.unlock();
        }
        toLookUp.forEach(this::lookUp);
        return result;
    }

    /** The coordinator cached for {@code key}, if any. */
    public Optional<Endpoint> cached(CoordinatorKey key) {
        lock.lock();
        try {
            return Optional.ofNullable(known.get(key));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forgets the coordinator of {@code key}, so that the next {@link #find} looks it up again.
     *
     * @param stale the coordinator that stopped coordinating or answering: only that one is forgotten, so that a
     *     late report does not throw away a newer answer; {@code null} forgets whatever is cached
     */
    public void invalidate(CoordinatorKey key, Endpoint stale) {
        lock.lock();
        try {
            Endpoint cached = known.get(key);
            if (cached != null && (stale == null || sameBroker(cached, stale))) {
                known.remove(key);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether {@code error}, reported for a request to a coordinator, means the coordinator must be looked up
     * again.
     */
    public static boolean meansStaleCoordinator(Throwable error) {
        if (error instanceof NetworkException || error instanceof TimeoutException) {
            return true;
        }
        return error instanceof io.brook.common.errors.ApiException api
                && (api.error() == Errors.NOT_COORDINATOR || api.error() == Errors.COORDINATOR_NOT_AVAILABLE);
    }

    private static boolean sameBroker(Endpoint a, Endpoint b) {
        return a.nodeId() == b.nodeId() && a.port() == b.port() && a.host().equalsIgnoreCase(b.host());
    }

    private void lookUp(CoordinatorType type, List<CoordinatorKey> keys) {
        CompletableFuture<Endpoint> broker;
        try {
            broker = brokers.anyBroker();
        } catch (RuntimeException e) {
            broker = CompletableFuture.failedFuture(e);
        }
        broker.whenComplete((target, error) -> {
            if (error != null) {
                failAll(keys, Futures.unwrap(error));
            } else if (target == null) {
                failAll(keys, Errors.COORDINATOR_NOT_AVAILABLE.exception(
                        "no broker is known to find the coordinator of " + keys.get(0) + " from"));
            } else {
                send(target, type, keys);
            }
        });
    }

    private void send(Endpoint target, CoordinatorType type, List<CoordinatorKey> keys) {
        RequestBuilder request = RequestBuilder.of(ApiKey.FIND_COORDINATOR, version -> body(type, keys, version));
        CompletableFuture<ApiMessage> response;
        try {
            if (type != CoordinatorType.GROUP) {
                request = request.requiring(Capability.FIND_COORDINATOR_KEY_TYPE);
            }
            response = sender.send(target, request);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        response.whenComplete((body, error) -> {
            if (error != null) {
                Throwable cause = Futures.unwrap(error);
                brokers.failed(target, cause);
                failAll(keys, cause);
            } else {
                brokers.answered(target);
                apply(type, keys, (FindCoordinatorResponse) body);
            }
        });
    }

    private static ApiMessage body(CoordinatorType type, List<CoordinatorKey> keys, short version) {
        if (Capability.FIND_COORDINATOR_BATCHED.at(version)) {
            List<String> names = new ArrayList<>(keys.size());
            for (CoordinatorKey key : keys) {
                names.add(key.key());
            }
            return FindCoordinatorRequest.builder().keyType(type.wireValue()).coordinatorKeys(names).build();
        }
        // One key per request at this version: the others follow once this one is answered.
        return FindCoordinatorRequest.builder().key(keys.get(0).key()).keyType(type.wireValue()).build();
    }

    private void apply(CoordinatorType type, List<CoordinatorKey> keys, FindCoordinatorResponse response) {
        if (response.coordinators().isEmpty()) {
            // Versions before batching answer for the one key they carried: the first.
            CoordinatorKey first = keys.get(0);
            settle(first, response.errorCode(), response.errorMessage(), response.nodeId(), response.host(),
                    response.port());
            if (keys.size() > 1) {
                lookUp(type, List.copyOf(keys.subList(1, keys.size())));
            }
            return;
        }
        Map<String, CoordinatorKey> byName = new HashMap<>();
        for (CoordinatorKey key : keys) {
            byName.put(key.key(), key);
        }
        for (FindCoordinatorResponse.Coordinator c : response.coordinators()) {
            CoordinatorKey key = byName.remove(c.key());
            if (key != null) {
                settle(key, c.errorCode(), c.errorMessage(), c.nodeId(), c.host(), c.port());
            }
        }
        for (CoordinatorKey missing : byName.values()) {
            fail(missing, Errors.COORDINATOR_NOT_AVAILABLE.exception(
                    "FindCoordinator answer left out " + missing));
        }
    }

    private void settle(CoordinatorKey key, short errorCode, String message, int nodeId, String host, int port) {
        Errors error = Errors.forCode(errorCode);
        if (error == null) {
            error = Errors.UNKNOWN_SERVER_ERROR;
        }
        if (error != Errors.NONE) {
            String detail = message != null && !message.isBlank() ? message : error.defaultMessage();
            fail(key, error.exception("finding the coordinator of " + key + " failed with " + error.name()
                    + " (error code " + error.code() + "): " + detail));
            return;
        }
        if (nodeId < 0 || host == null || host.isBlank()) {
            fail(key, Errors.COORDINATOR_NOT_AVAILABLE.exception(
                    "FindCoordinator named no usable broker for " + key + " (node " + nodeId + ")"));
            return;
        }
        Endpoint coordinator;
        try {
            coordinator = new Endpoint(nodeId, host, port);
        } catch (IllegalArgumentException e) {
            fail(key, new BrookException("FindCoordinator named an invalid address for " + key + ": "
                    + e.getMessage()));
            return;
        }
        CompletableFuture<Endpoint> waiting;
        lock.lock();
        try {
            known.put(key, coordinator);
            waiting = inFlight.remove(key);
        } finally {
            lock.unlock();
        }
        if (waiting != null) {
            waiting.complete(coordinator);
        }
    }

    private void failAll(List<CoordinatorKey> keys, Throwable error) {
        for (CoordinatorKey key : keys) {
            fail(key, error);
        }
    }

    private void fail(CoordinatorKey key, Throwable error) {
        CompletableFuture<Endpoint> waiting;
        lock.lock();
        try {
            waiting = inFlight.remove(key);
        } finally {
            lock.unlock();
        }
        if (waiting != null) {
            waiting.completeExceptionally(error);
        }
    }
}
