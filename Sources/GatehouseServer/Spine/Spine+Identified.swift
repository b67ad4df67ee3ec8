import GatehouseCore
import Hummingbird

extension Spine {
    /// A caller identified before its request's body is read.
    struct Identified: Sendable {
        let caller: Caller
        let traceID: String
        let started: ContinuousClock.Instant
    }

    /// Authenticates a request first (an unidentified caller is refused and recorded, as an
    /// attempt at `kind`, before any body is read), under its trace id or a new one. Routes that
    /// must read the body to name the action's resource start here.
    func identified(_ request: Hummingbird.Request, _ kind: ActionKind) async throws -> Identified {
        let started = ContinuousClock.now
        let spineRequest = AdminRoutes.spineRequest(request, kind, resource: "*")
        let traceID = TraceID.from(traceparent: spineRequest.traceparent) ?? TraceID.random()
        let caller = try await identify(spineRequest, started: started, traceID: traceID)
        return Identified(caller: caller, traceID: traceID, started: started)
    }
}
