import Foundation
import GatehouseAgents
import GatehouseCore
import GatehouseInference
import GatehouseRegistry
import Hummingbird
import NIOPosix

/// `POST /api/v1/agents/pull {"reference": "REGISTRY/REPOSITORY:TAG"}` (action `image.pull` on
/// the reference): an agent file in docker-agent's OCI format, fetched through the registry proxy
/// under the registry's rules for the caller (the policy, the image class, signatures and
/// attestations), its layer's digest checked; answered as `{"reference", "digest", "yaml"}`.
struct AgentPullRoutes: Sendable {
    let spine: Spine
    let registry: RegistryPulls

    /// The largest request body.
    static let bodyLimit = 16 << 10

    func register(on router: Router<some RequestContext>) {
        router.post("/api/v1/agents/pull") { request, _ in try await pull(request) }
    }

    /// What the route answers.
    struct Pulled: Codable, Sendable {
        /// The reference as decided on, `registry/path:tag` (or `@digest`).
        var reference: String
        /// The manifest's digest.
        var digest: String
        /// The agent file.
        var yaml: String
    }

    /// Authenticates first (an unidentified caller is refused and recorded before the body is
    /// read), then decides, fetches and records the pull.
    private func pull(_ request: Request) async throws -> Response {
        let started = ContinuousClock.now
        let first = AdminRoutes.spineRequest(request, .imagePull, resource: "*")
        let traceID = TraceID.from(traceparent: first.traceparent) ?? TraceID.random()
        let caller = try await spine.identify(first, started: started, traceID: traceID)
        var body = request
        let usage = "the body must be {\"reference\": \"REGISTRY/REPOSITORY:TAG\"}"
        guard let buffer = try? await body.collectBody(upTo: Self.bodyLimit),
            let wanted = try? JSONDecoder().decode(Wanted.self, from: Data(buffer.readableBytesView))
        else { throw GatehouseError(.badRequest, usage) }
        let target = try RegistryPulls.Target(wanted.reference)
        var spineRequest = AdminRoutes.spineRequest(request, .imagePull, resource: target.resource)
        spineRequest.payload = PayloadDigest(bytes: buffer.readableBytesView)
        let pulled = try await PullMetrics.counted(.agent) {
            try await spine.authorize(
                caller, spineRequest, started: started, traceID: traceID,
                outcome: { (pulled: Pulled) in "ok manifest=\(pulled.digest)" },
                perform: { caller, _ in
                    try registry.authorize(target, caller: caller)
                    return try await fetch(target)
                })
        }
        return JSONBody.response(pulled)
    }

    /// The manifest (after the signature and attestation rules) and the YAML layer, checked.
    private func fetch(_ target: RegistryPulls.Target) async throws -> Pulled {
        let manifest = try await registry.manifest(target)
        let artifact = try AgentArtifact.parse(manifest: manifest.bytes)
        let path = try await registry.proxy.blob(
            target.repository, try Digest(parsing: artifact.layer.digest.description))
        let limit = artifact.layer.size
        let data = try await NIOThreadPool.singleton.runIfActive {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
            guard size == limit, let data = FileManager.default.contents(atPath: path) else {
                throw GatehouseError(.agentArtifactInvalid, "agent artifact: the YAML layer is not \(limit) bytes")
            }
            return data
        }
        return Pulled(
            reference: target.resource, digest: manifest.digest.description, yaml: try artifact.yaml(from: data))
    }

    struct Wanted: Decodable {
        let reference: String
    }
}
