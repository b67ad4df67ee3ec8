import Foundation
import GatehouseCore
import GatehouseMCP
import Synchronization

/// What this node keeps about MCP sessions besides the sealed id: ended sessions, the event
/// streams (for resumption), calls in flight (for cancellation), and the server's requests
/// waiting for the client's answer.
actor MCPSessions {
    /// Sessions ended on this node, and when: behind a lock, as every request checks it.
    private nonisolated let ended = Mutex<[String: ContinuousClock.Instant]>([:])
    /// Session ids this node has opened, so that a session's requests do not unseal theirs
    /// again each time.
    nonisolated let opened = MCPOpenedSessions()
    private var streams: [String: (nonce: String, stream: MCPEventStream, created: ContinuousClock.Instant)] = [:]
    private var listeners: [String: MCPEventStream] = [:]
    /// Calls in flight, for `notifications/cancelled`.
    nonisolated let calls = MCPCallsInFlight()
    private var waiting: [Int64: (nonce: String, continuation: CheckedContinuation<JSONValue, any Error>)] = [:]
    private var nextRequest: Int64 = 1

    /// How long a server's request waits for the client's answer.
    static let answerTimeout = Duration.seconds(300)

    /// How long a finished stream is kept for resumption.
    static let keep = Duration.seconds(300)

    /// Whether the session was ended (DELETE) on this node.
    nonisolated func isEnded(_ nonce: String) -> Bool { ended.withLock { $0[nonce] != nil } }

    /// Ends a session: its calls are cancelled, its streams finished.
    func end(_ nonce: String) {
        ended.withLock { $0[nonce] = .now }
        calls.cancelAll(of: nonce)
        listeners.removeValue(forKey: nonce)?.finish()
        for (id, entry) in streams where entry.nonce == nonce {
            entry.stream.finish()
            streams[id] = nil
        }
        for (id, entry) in waiting where entry.nonce == nonce {
            waiting[id] = nil
            entry.continuation.resume(throwing: RPCError.internalError("the session ended"))
        }
        prune()
    }

    /// A new stream of `nonce`'s session.
    func newStream(for nonce: String) -> MCPEventStream {
        prune()
        var id = Self.randomID()
        while streams[id] != nil { id = Self.randomID() }
        let stream = MCPEventStream(id: id)
        streams[id] = (nonce, stream, .now)
        return stream
    }

    /// Stream `id`, when it belongs to `nonce`'s session.
    func stream(_ id: String, of nonce: String) -> MCPEventStream? {
        guard let entry = streams[id], entry.nonce == nonce else { return nil }
        return entry.stream
    }

    /// The session's GET stream (created on first use).
    func listener(for nonce: String) -> MCPEventStream {
        if let stream = listeners[nonce], !stream.isFinished { return stream }
        let stream = MCPEventStream(id: Self.randomID())
        listeners[nonce] = stream
        streams[stream.id] = (nonce, stream, .now)
        return stream
    }

    /// Every open GET stream (to tell clients that lists changed).
    func allListeners() -> [MCPEventStream] { Array(listeners.values) }

    /// Sends a request of the server to the client on `stream` and waits for the answer, which
    /// arrives as a POST of a response.
    func ask(_ method: String, params: JSONValue?, on stream: MCPEventStream, for nonce: String) async throws
        -> JSONValue
    {
        let id = nextRequest
        nextRequest += 1
        // A client that never answers does not hold the call (or this entry) for ever.
        let timer = Task {
            try? await Task.sleep(for: Self.answerTimeout)
            if !Task.isCancelled {
                _ = self.answer(.string("gh-\(id)"), of: nonce, with: .failure(.timeout("the client did not answer")))
            }
        }
        defer { timer.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            waiting[id] = (nonce, continuation)
            stream.send(.request(id: .string("gh-\(id)"), method: method, params: params))
        }
    }

    /// The client's answer to request `id`; false when nothing waits for it.
    func answer(_ id: RPCID, of nonce: String, with result: Result<JSONValue, RPCError>) -> Bool {
        guard case .string(let text) = id, text.hasPrefix("gh-"), let number = Int64(text.dropFirst(3)),
            let entry = waiting[number], entry.nonce == nonce
        else { return false }
        waiting[number] = nil
        entry.continuation.resume(with: result.mapError { $0 })
        return true
    }

    private func prune() {
        let now = ContinuousClock.now
        for (id, entry) in streams where entry.stream.isFinished && now - entry.created > Self.keep {
            streams[id] = nil
        }
        ended.withLock { ended in
            guard ended.count > 100_000 else { return }
            for (nonce, when) in ended where now - when > .seconds(86_400) { ended[nonce] = nil }
        }
    }

    static func randomID() -> String {
        (0..<8).map { _ in String("0123456789abcdef".randomElement()!) }.joined()
    }
}
