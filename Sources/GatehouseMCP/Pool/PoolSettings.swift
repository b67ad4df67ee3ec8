/// How many sessions of one tool server may run, and for how long an idle one is kept.
public struct PoolSettings: Sendable, Hashable {
    /// The most server processes (sessions) at once.
    public var maxSessions: Int
    /// Calls one session carries at once before another is started (stdio servers handle
    /// concurrent requests; a pool at its maximum queues beyond this).
    public var callsPerSession: Int
    /// Seconds an idle session is kept before it is stopped.
    public var idleSeconds: Int
    /// Time to start and initialize a server.
    public var startTimeout: Duration
    /// Time a call may take.
    public var callTimeout: Duration

    /// Creates settings.
    public init(
        maxSessions: Int = 4, callsPerSession: Int = 8, idleSeconds: Int = 300, startTimeout: Duration = .seconds(60),
        callTimeout: Duration = .seconds(120)
    ) {
        self.maxSessions = max(1, maxSessions)
        self.callsPerSession = max(1, callsPerSession)
        self.idleSeconds = max(1, idleSeconds)
        self.startTimeout = startTimeout
        self.callTimeout = callTimeout
    }
}
