package io.tidings.history;

/**
 * One kept event of a channel.
 *
 * @param seq  its place in the channel's order, from 1
 * @param time epoch microseconds when it was published (unique and increasing per publishing node)
 * @param json the event as published ({@code {"event"?, "data"}}), encoded
 */
public record StoredEvent(long seq, long time, String json) {
}
