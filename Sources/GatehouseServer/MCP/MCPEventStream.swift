import Foundation
import GatehouseCore
import GatehouseMCP
import NIOCore
import Synchronization

/// One server-sent-event stream of a session: a POST's answer (progress, the server's requests,
/// then the response) or the GET stream. Events get ids `STREAM-SEQ`, unique in the session,
/// and are kept (the last 256) so a client that lost the connection can resume with
/// `Last-Event-ID` and miss nothing; a lost connection does not cancel the call. What is kept
/// is bounded by bytes too (``keptBytes``): a server that sends large progress messages cannot
/// make a session hold more than that, though the newest event is always kept.
final class MCPEventStream: Sendable {
    let id: String
    private let state = Mutex(State())

    private struct State {
        /// Each event's message, encoded once.
        var events: [(seq: Int, text: String)] = []
        /// The encoded size of `events`.
        var bytes = 0
        var next = 1
        var finished = false
        var subscribers: [UUID: AsyncStream<(Int, String)>.Continuation] = [:]
    }

    static let kept = 256
    /// The most bytes of events kept for resumption (the newest event is kept whatever its size).
    static let keptBytes = 4 << 20

    init(id: String) {
        self.id = id
    }

    /// Adds an event and hands it to whoever follows the stream.
    func send(_ message: RPCMessage) {
        let text = message.json.text
        // Numbered and handed on under one lock, so followers see events in sequence order.
        state.withLock { state in
            guard !state.finished else { return }
            let seq = state.next
            state.next += 1
            state.events.append((seq, text))
            state.bytes += text.utf8.count
            var dropped = 0
            while state.events.count - dropped > 1,
                state.events.count - dropped > Self.kept || state.bytes > Self.keptBytes
            {
                state.bytes -= state.events[dropped].text.utf8.count
                dropped += 1
            }
            state.events.removeFirst(dropped)
            for subscriber in state.subscribers.values { subscriber.yield((seq, text)) }
        }
    }

    /// Ends the stream: followers finish after the last event.
    func finish() {
        let subscribers = state.withLock { state in
            state.finished = true
            defer { state.subscribers = [:] }
            return state.subscribers.values.map { $0 }
        }
        for subscriber in subscribers { subscriber.finish() }
    }

    var isFinished: Bool { state.withLock { $0.finished } }

    /// The last event's sequence number.
    var latest: Int { state.withLock { $0.next - 1 } }

    /// The events after `seq`, then the ones still to come (until the stream finishes or `stop`
    /// is called).
    func follow(after seq: Int) -> (AsyncStream<(Int, String)>, stop: @Sendable () -> Void) {
        let (stream, continuation) = AsyncStream.makeStream(of: (Int, String).self)
        let key = UUID()
        state.withLock { state in
            for event in state.events where event.seq > seq { continuation.yield((event.seq, event.text)) }
            if state.finished {
                continuation.finish()
            } else {
                state.subscribers[key] = continuation
            }
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: key) }
        }
        return (stream, { continuation.finish() })
    }

    /// One event (its encoded message) as SSE.
    func frame(_ seq: Int, _ text: String) -> ByteBuffer {
        ByteBuffer(string: "id: \(id)-\(seq)\nevent: message\ndata: \(text)\n\n")
    }

    /// The priming event: an id and no data, so the client can resume even before the first
    /// message.
    var priming: ByteBuffer { ByteBuffer(string: "id: \(id)-0\ndata:\n\n") }
}
