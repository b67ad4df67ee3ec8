import GatehouseCore
import GatehouseSandbox
import GatehouseStore

/// Decides a sandbox's egress connections for the principal who started it: the sandbox's own
/// allowlist first (deny-first), then the policy (`egress.connect` on `host:port`); every
/// answer is recorded, under the sandbox's trace id. Allowed requests to a host with configured
/// credentials get them added by the proxy (inside TLS for HTTPS).
struct EgressGate: Sendable {
    let spine: Spine
    let caller: Caller
    let traceID: String
    let credentials: [EgressCredential]
    let secrets: SecretResolver

    func decide(_ request: EgressRequest) async -> EgressDecision {
        guard request.allowlisted else {
            let reason = "\(request.resource) is not on this sandbox's allowlist"
            try? await spine.refuse(
                caller.principal, action: .egressConnect, resource: request.resource, reason: reason,
                rule: "sandbox-allowlist", traceID: traceID)
            return EgressDecision(allowed: false, reason: reason)
        }
        do {
            let spineRequest = Spine.Request(
                authorization: nil, traceparent: nil, action: Action(.egressConnect, resource: request.resource))
            let matching = credentials.filter { $0.host == request.host }
            let headers = try await spine.authorize(caller, spineRequest, traceID: traceID) { _, _ in
                try matching.map { ($0.header, try secrets.resolve($0.value)) }
            }
            return EgressDecision(
                allowed: true, reason: "allowed", injectHeaders: headers.map { ($0.0, $0.1) },
                trustFiles: matching.compactMap(\.caFile))
        } catch let error as GatehouseError {
            return EgressDecision(allowed: false, reason: error.message)
        } catch {
            return EgressDecision(allowed: false, reason: "the connection was refused")
        }
    }
}
