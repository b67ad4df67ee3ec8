import Foundation

/// The running sessions of one tool server: started on demand up to a maximum, shared by
/// calls up to a per-session concurrency, stopped when idle, and restarted with backoff after
/// a crash. A call never waits on a process that is gone, and no process outlives the pool.
public actor ServerPool {
    /// Starts one server process and connects to it.
    public typealias Starter = @Sendable () async throws -> any UpstreamTransport

    /// The catalog name of the server.
    public nonisolated let server: String
    /// The limits.
    public nonisolated let settings: PoolSettings
    private let starter: Starter
    private let listChanged: @Sendable (String) -> Void
    private var slots: [Slot] = []
    private var starting = 0
    private var waiters: [(key: UUID, continuation: CheckedContinuation<Void, Never>)] = []
    private var backoff = RestartBackoff()
    private var closed = false
    private var nextSlot = 0
    /// How many sessions were started in all (for tests and metrics).
    public private(set) var started = 0

    struct Slot {
        let id: Int
        let session: UpstreamSession
        var busy: Int
        var exclusive: Bool
        var lastUsed: ContinuousClock.Instant
    }

    /// Creates an empty pool; nothing runs until the first call.
    public init(
        server: String, settings: PoolSettings, starter: @escaping Starter,
        listChanged: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.server = server
        self.settings = settings
        self.starter = starter
        self.listChanged = listChanged
    }

    /// Runs `body` with a session. `exclusive` keeps other calls off the session meanwhile
    /// (for a call whose server requests must reach exactly its client).
    /// A request that never reached a server that had just died is tried once more, on
    /// another process.
    public func withSession<T: Sendable>(
        exclusive: Bool = false, _ body: @Sendable (UpstreamSession) async throws(RPCError) -> T
    ) async throws(RPCError) -> T {
        var attempts = 0
        while true {
            attempts += 1
            let (slotID, session) = try await acquire(exclusive: exclusive)
            do {
                let value = try await body(session)
                release(slotID)
                return value
            } catch {
                release(slotID)
                guard error.code == RPCError.undeliveredCode, attempts < 2 else { throw error }
            }
        }
    }

    /// Sessions running now, and calls in flight.
    public var load: (sessions: Int, calls: Int) { (slots.count, slots.reduce(0) { $0 + $1.busy }) }

    private func acquire(exclusive: Bool) async throws(RPCError) -> (Int, UpstreamSession) {
        while true {
            if closed { throw .internalError("the \(server) tool server pool is shut down") }
            await dropDead()
            let usable = slots.indices.filter { index in
                !slots[index].exclusive
                    && (exclusive ? slots[index].busy == 0 : slots[index].busy < settings.callsPerSession)
            }
            if let index = usable.min(by: { slots[$0].busy < slots[$1].busy }) {
                slots[index].busy += 1
                slots[index].exclusive = exclusive
                slots[index].lastUsed = .now
                return (slots[index].id, slots[index].session)
            }
            if slots.count + starting < settings.maxSessions {
                let session = try await startSession()
                nextSlot += 1
                slots.append(Slot(id: nextSlot, session: session, busy: 1, exclusive: exclusive, lastUsed: .now))
                return (nextSlot, session)
            }
            try await waitForCapacity()
        }
    }

    private func release(_ slotID: Int) {
        if let index = slots.firstIndex(where: { $0.id == slotID }) {
            slots[index].busy -= 1
            slots[index].exclusive = false
            slots[index].lastUsed = .now
        }
        wakeAll()
    }

    /// Capacity changed: every waiter looks again, oldest first (each re-checks; those who find
    /// nothing wait again), so a new session's free slots all get used.
    private func wakeAll() {
        let woken = waiters
        waiters = []
        for waiter in woken { waiter.continuation.resume() }
    }

    private func waitForCapacity() async throws(RPCError) {
        let key = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled { continuation.resume() } else { waiters.append((key, continuation)) }
            }
        } onCancel: {
            Task { await self.cancelWait(key) }
        }
        if Task.isCancelled {
            throw .internalError("the call was cancelled while waiting for the \(server) tool server")
        }
    }

    private func cancelWait(_ key: UUID) {
        guard let index = waiters.firstIndex(where: { $0.key == key }) else { return }
        waiters.remove(at: index).continuation.resume()
    }

    private func startSession() async throws(RPCError) -> UpstreamSession {
        starting += 1
        defer {
            starting -= 1
            wakeAll()
        }
        let delay = backoff.delay
        if delay > .zero { try? await Task.sleep(for: delay) }
        let transport: any UpstreamTransport
        do {
            transport = try await starter()
        } catch {
            backoff.failed()
            throw .internalError("the \(server) tool server could not start: \(Self.describe(error))")
        }
        let session = UpstreamSession(server: server, transport: transport, listChanged: listChanged)
        do {
            try await session.initialize(timeout: settings.startTimeout)
        } catch {
            backoff.failed()
            await session.close()
            let reason = await transport.endReason.map { " (\($0))" } ?? ""
            throw .internalError("the \(server) tool server did not initialize: \(error.message)\(reason)")
        }
        backoff.succeeded()
        started += 1
        if closed {
            await session.close()
            throw .internalError("the \(server) tool server pool is shut down")
        }
        return session
    }

    /// Forgets sessions whose server has gone (a crash counts toward the restart backoff) and
    /// closes them, which waits until their sandbox is wiped.
    private func dropDead() async {
        var dead: [UpstreamSession] = []
        for slot in slots where !slot.session.alive { dead.append(slot.session) }
        guard !dead.isEmpty else { return }
        slots.removeAll { slot in dead.contains { $0 === slot.session } }
        for session in dead {
            backoff.failed()
            await session.close()
        }
    }

    /// Stops sessions idle for longer than the setting (and forgets dead ones).
    public func reapIdle(now: ContinuousClock.Instant = .now) async {
        await dropDead()
        let limit = Duration.seconds(settings.idleSeconds)
        let idle = slots.filter { $0.busy == 0 && now - $0.lastUsed >= limit }
        slots.removeAll { slot in idle.contains { $0.id == slot.id } }
        for slot in idle { await slot.session.close() }
    }

    /// Stops every session and refuses new calls; returns when all processes are gone.
    public func shutdown() async {
        closed = true
        let all = slots
        slots = []
        wakeAll()
        for slot in all { await slot.session.close() }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? RPCError { return error.message }
        return "\(error)"
    }
}
