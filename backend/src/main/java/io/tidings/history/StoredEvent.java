package io.tidings.history;

/**
 * One kept event of a channel.
 *
 * @param seq  its place in the channel's order, from 1
 * @param time epoch milliseconds when it was published
 * @param json the event as published ({@code {"event"?, "data"}}), encoded
 */
public record StoredEvent(long seq, long time, String json) {
}
