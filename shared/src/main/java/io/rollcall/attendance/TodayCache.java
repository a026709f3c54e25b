package io.rollcall.attendance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Today's attendance in Redis, one key per person: attendance:today:{org}:{user} =
 * {"date","first_in","last_out","events":[{"id","type","time"}]}. Only a cache: Postgres (attendance_logs) is
 * the record, and everything here can be rebuilt from it.
 *
 * <p>Every write is a Lua script, so it runs atomically in Redis: events merge by id (applying one twice, or
 * applying it concurrently with a rebuild, changes nothing) and first_in/last_out are recomputed from the
 * merged events, so concurrent writers for one person never lose an update.
 */
@Component
public class TodayCache {

    /** How long a day outlives its end in Redis: the hourly flush removes it well before (and expiry loses nothing). */
    static final Duration GRACE = Duration.ofHours(48);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final long TIMEOUT_SECONDS = 10;
    private static final int PIPELINE_WINDOW = 500;

    // KEYS[1] the person's key; ARGV[1] the day, ARGV[2] a JSON array of events, ARGV[3] the TTL in seconds.
    private static final String MERGE = """
            local day = ARGV[1]
            local state
            local current = redis.call('GET', KEYS[1])
            if current then
              state = cjson.decode(current)
              if state.date > day then return 0 end
              if state.date < day then state = nil end
            end
            if not state then state = {date = day, events = {}} end
            local known = {}
            for _, e in ipairs(state.events) do known[e.id] = true end
            local added = 0
            local inOrder = true
            local last = state.events[#state.events]
            for _, e in ipairs(cjson.decode(ARGV[2])) do
              if not known[e.id] then
                if last and (e.time < last.time or (e.time == last.time and e.id < last.id)) then inOrder = false end
                table.insert(state.events, e)
                known[e.id] = true
                added = added + 1
                last = e
              end
            end
            if added == 0 and current then return 0 end
            -- the usual sighting comes after the day's others: sorting a long day for it was most of the script's time
            if not inOrder then
              table.sort(state.events, function(a, b)
                if a.time == b.time then return a.id < b.id end
                return a.time < b.time
              end)
            end
            state.first_in = cjson.null
            state.last_out = cjson.null
            for _, e in ipairs(state.events) do
              if e.type == 'IN' and state.first_in == cjson.null then state.first_in = e.time end
              if e.type == 'OUT' then state.last_out = e.time end
            end
            redis.call('SET', KEYS[1], cjson.encode(state), 'EX', ARGV[3])
            return added""";

    // Deletes the key only if it still holds the flushed day (or an older one), never a newer day's state.
    private static final String FORGET = """
            local current = redis.call('GET', KEYS[1])
            if current and cjson.decode(current).date <= ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";

    private final StatefulRedisConnection<String, String> redis;
    private final JsonMapper json;
    private final Map<String, String> digests = new java.util.concurrent.ConcurrentHashMap<>();

    public TodayCache(StatefulRedisConnection<String, String> redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    public static String key(UUID organizationId, UUID userId) {
        return "attendance:today:" + organizationId + ":" + userId;
    }

    /** Set once the organization's day has been rebuilt from Postgres: from then on Redis holds all of it. */
    static String builtKey(UUID organizationId, LocalDate date) {
        return "attendance:built:" + organizationId + ":" + date;
    }

    /** Until the end of the day in the organization's zone, plus the grace. */
    public static Duration ttl(LocalDate date, ZoneId zone, Instant now) {
        Duration untilEnd = Duration.between(now, date.plusDays(1).atStartOfDay(zone).toInstant());
        return (untilEnd.isNegative() ? Duration.ZERO : untilEnd).plus(GRACE);
    }

    /** Merges events into the person's day; an event of an older day than Redis holds is left to Postgres. */
    public void apply(UUID organizationId, UUID userId, LocalDate date, List<DayEvent> events, Duration ttl) {
        if (events.isEmpty()) {
            return;
        }
        String[] keys = {key(organizationId, userId)};
        String[] args = mergeArgs(date, events, ttl);
        try {
            redis.sync().evalsha(digest(MERGE), ScriptOutputType.INTEGER, keys, args);
        } catch (RedisNoScriptException e) {
            redis.sync().evalsha(load(MERGE), ScriptOutputType.INTEGER, keys, args);
        }
    }

    /** One person's events of one day, with the TTL their key gets. */
    public record DayUpdate(UUID organizationId, UUID userId, LocalDate date, List<DayEvent> events, Duration ttl) {
    }

    /** {@link #apply} for many people at once, pipelined: one round trip for a whole batch of sightings. */
    public void applyAll(List<DayUpdate> updates) {
        if (updates.isEmpty()) {
            return;
        }
        List<DayUpdate> withEvents = updates.stream().filter(u -> !u.events().isEmpty()).toList();
        String digest = digest(MERGE);
        try {
            pipelineMerges(digest, withEvents);
        } catch (RedisNoScriptException e) {
            // merging is idempotent (events merge by id), so sending the whole batch again is safe
            pipelineMerges(load(MERGE), withEvents);
        }
    }

    private void pipelineMerges(String digest, List<DayUpdate> updates) {
        List<RedisFuture<?>> pending = new ArrayList<>();
        for (DayUpdate u : updates) {
            pending.add(redis.async().evalsha(digest, ScriptOutputType.INTEGER,
                    new String[] {key(u.organizationId(), u.userId())}, mergeArgs(u.date(), u.events(), u.ttl())));
            awaitIfFull(pending);
        }
        await(pending);
    }

    /** The people's states for {@code date}; a person without one (or with another day's) has no events. */
    public Map<UUID, DayState> read(UUID organizationId, Collection<UUID> userIds, LocalDate date) {
        Map<UUID, DayState> states = new LinkedHashMap<>();
        List<UUID> ids = new ArrayList<>(userIds);
        for (int from = 0; from < ids.size(); from += 1000) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            List<KeyValue<String, String>> values = redis.sync()
                    .mget(chunk.stream().map(id -> key(organizationId, id)).toArray(String[]::new));
            for (int i = 0; i < chunk.size(); i++) {
                DayState state = values.get(i).hasValue() ? parse(values.get(i).getValue()) : null;
                states.put(chunk.get(i), state != null && state.date().equals(date) ? state : DayState.empty(date));
            }
        }
        return states;
    }

    public boolean isBuilt(UUID organizationId, LocalDate date) {
        return redis.sync().exists(builtKey(organizationId, date)) > 0;
    }

    /**
     * Rewrites the organization's day from the log (merging, so events applied meanwhile stay), then marks it built.
     */
    public void rebuild(UUID organizationId, LocalDate date, Map<UUID, List<DayEvent>> eventsByPerson, Duration ttl) {
        pipelineMerges(load(MERGE), eventsByPerson.entrySet().stream()
                .map(person -> new DayUpdate(organizationId, person.getKey(), date, person.getValue(), ttl)).toList());
        redis.sync().setex(builtKey(organizationId, date), ttl.toSeconds(), Instant.now().toString());
    }

    /** Removes the flushed day of these people (a newer day's state stays). */
    public void forget(UUID organizationId, Collection<UUID> userIds, LocalDate date) {
        String digest = load(FORGET);
        List<RedisFuture<?>> pending = new ArrayList<>();
        for (UUID userId : userIds) {
            pending.add(redis.async().evalsha(digest, ScriptOutputType.INTEGER,
                    new String[] {key(organizationId, userId)}, date.toString()));
            awaitIfFull(pending);
        }
        await(pending);
        redis.sync().del(builtKey(organizationId, date));
    }

    DayState parse(String value) {
        JsonNode node = json.readTree(value);
        List<DayEvent> events = new ArrayList<>();
        for (JsonNode e : node.path("events")) {
            events.add(new DayEvent(UUID.fromString(e.get("id").asString()), EventType.valueOf(e.get("type").asString()),
                    Instant.parse(e.get("time").asString())));
        }
        return new DayState(LocalDate.parse(node.get("date").asString()), instant(node.get("first_in")),
                instant(node.get("last_out")), events);
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asString());
    }

    private String[] mergeArgs(LocalDate date, List<DayEvent> events, Duration ttl) {
        List<Map<String, String>> list = events.stream()
                .map(e -> Map.of("id", e.id().toString(), "type", e.type().name(), "time", TIME.format(e.time())))
                .toList();
        return new String[] {date.toString(), json.writeValueAsString(list), String.valueOf(Math.max(1, ttl.toSeconds()))};
    }

    private String digest(String script) {
        String digest = digests.get(script);
        return digest != null ? digest : load(script);
    }

    /** (Re)loads a script: Redis forgets scripts on a restart or SCRIPT FLUSH, and it is cheap to load twice. */
    private String load(String script) {
        String digest = redis.sync().scriptLoad(script);
        digests.put(script, digest);
        return digest;
    }

    /** Pipelines in windows: each command's timeout runs from when it is sent, so 100k at once would time out. */
    private static void awaitIfFull(List<RedisFuture<?>> pending) {
        if (pending.size() >= PIPELINE_WINDOW) {
            await(pending);
            pending.clear();
        }
    }

    private static void await(List<RedisFuture<?>> futures) {
        if (!futures.isEmpty() && !LettuceFutures.awaitAll(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                futures.toArray(new RedisFuture[0]))) {
            throw new IllegalStateException("Redis did not answer within " + TIMEOUT_SECONDS + " s");
        }
    }
}
