import Foundation
import GatehouseCore
import GatehouseInference
import GatehouseRegistry
import NIOPosix

/// Pulls models packaged in Docker Model Runner's OCI format through the registry proxy, under
/// the registry's rules for the person asking: `image.pull` on the reference and its image
/// class, signatures and attestations where the configuration demands them. The GGUF and licence
/// blobs come from the proxy's verified cache into the model store; the model is entered in the
/// store's index only once every blob is in place.
struct ModelPulls: Sendable {
    let registry: RegistryPulls
    let models: ModelStore

    var spine: Spine { registry.spine }

    /// What a pull stored, for the caller's progress lines.
    struct Pulled: Sendable {
        var model: StoredModel
        var manifest: String
        var layers: [(digest: String, size: Int64)]
    }

    /// Pulls `reference` (Docker's short names allowed: `ai/smollm2` is docker.io/ai/smollm2)
    /// for `caller`, stored under `name` (default: the reference's repository and tag).
    /// The stored name is `model.manage` for the caller too, and an existing model of that name
    /// pulled from elsewhere is replaced only when `replace` says so.
    func pull(
        _ reference: String, as name: String?, replace: Bool, caller: Caller,
        progress: @Sendable (JSONValue) -> Void = { _ in }
    ) async throws -> Pulled {
        try await fetch(try authorize(reference, as: name, replace: replace, caller: caller), progress: progress)
    }

    /// A pull the policy allowed: what to fetch and where to store it.
    struct Ticket: Sendable {
        var target: RegistryPulls.Target
        var storedName: ModelName
    }

    /// The decisions of a pull that need no download: `image.pull` on the reference and its
    /// image class, `model.manage` on the stored name, and no silent replacement.
    func authorize(_ reference: String, as name: String?, replace: Bool, caller: Caller) throws -> Ticket {
        let target = try RegistryPulls.Target(reference)
        try registry.authorize(target, caller: caller)
        let (repository, wanted, resource) = (target.repository, target.wanted, target.resource)
        let storedName =
            try name.map { try ModelName(validating: $0) }
            ?? ModelName(validating: Self.defaultName(repository: repository, wanted: wanted))
        let manage = spine.config.policy.decide(
            caller.principal, Action(.modelManage, resource: storedName.value), scopes: caller.scopes)
        guard manage.isAllowed else {
            throw Spine.Refusal(rule: manage.rule, reason: "storing as \(storedName): \(manage.reason)")
        }
        if !replace, let existing = try? models.model(named: storedName.value) {
            if case .registry(let source, _) = existing.source, source == resource {
            } else {
                throw GatehouseError(
                    .conflict,
                    "a model named \(storedName) exists from elsewhere; pull it under another name (as) or replace it")
            }
        }
        return Ticket(target: target, storedName: storedName)
    }

    /// Fetches and stores what `ticket` names, reporting progress in Ollama's status lines;
    /// signature and attestation rules refuse as ``Spine/Refusal``s.
    func fetch(_ ticket: Ticket, progress: @Sendable (JSONValue) -> Void) async throws -> Pulled {
        let (repository, resource, storedName) = (ticket.target.repository, ticket.target.resource, ticket.storedName)
        progress(["status": "pulling manifest"])
        let manifest = try await registry.manifest(ticket.target)
        let parts = try DMRManifest.parse(manifest.bytes)
        let gguf = try await stored(parts.gguf, from: repository, progress: progress)
        var license: OCIDigest?
        if let first = parts.licenses.first { license = try await stored(first, from: repository, progress: progress) }
        progress(["status": "verifying sha256 digest"])
        let info = try await Self.offThread { try GGUFFile.read(path: models.blobPath(gguf)) }
        let model = StoredModel(
            name: storedName, digest: gguf, size: parts.gguf.size, architecture: info.architecture,
            parameterCount: info.parameterCount, fileType: info.fileType, contextLength: info.contextLength,
            licenseDigest: license,
            source: .registry(
                reference: resource, manifestDigest: try OCIDigest(validating: manifest.digest.description)),
            createdAt: Date())
        progress(["status": "writing manifest"])
        try await Self.offThread { try models.commit(model, replace: true) }
        let layers =
            [(parts.gguf.digest.description, parts.gguf.size)] + parts.licenses.map { ($0.digest.description, $0.size) }
        return Pulled(model: model, manifest: manifest.digest.description, layers: layers)
    }

    /// Brings one layer into the store from the proxy's cache (a hard link where it can, a copy
    /// otherwise); the store verifies its digest again.
    private func stored(
        _ layer: OCIDescriptor, from repository: Repository, progress: @Sendable (JSONValue) -> Void
    ) async throws -> OCIDigest {
        let status: JSONValue = .string("pulling \(layer.digest.hex.prefix(12))")
        progress(["status": status, "digest": .string(layer.digest.description), "total": .integer(layer.size)])
        defer {
            progress([
                "status": status, "digest": .string(layer.digest.description), "total": .integer(layer.size),
                "completed": .integer(layer.size),
            ])
        }
        if FileManager.default.fileExists(atPath: models.blobPath(layer.digest)) { return layer.digest }
        let cached = try await registry.proxy.blob(repository, try Digest(parsing: layer.digest.description))
        let models = self.models
        try await Self.offThread {
            let temporary = models.temporaryBlobPath()
            if link(cached, temporary) != 0 {
                try FileManager.default.copyItem(atPath: cached, toPath: temporary)
            }
            try models.add(blobAt: temporary, expectedDigest: layer.digest)
        }
        return layer.digest
    }

    /// Runs file work (copying, hashing gigabytes, waiting on the store's lock) on NIO's thread
    /// pool, never on the threads every request shares.
    static func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }

    /// The repository's path and tag without the registry: `ai/smollm2:latest` for
    /// docker.io/ai/smollm2:latest, `models/x:1` for registry.example.com:5000/models/x:1
    /// (`as` names it otherwise).
    static func defaultName(repository: Repository, wanted: ManifestReference) -> String {
        let name = repository.path
        switch wanted {
        case .tag(let tag): return name.lowercased() + ":" + tag.lowercased()
        case .digest(let digest): return name.lowercased() + ":" + String(digest.hex.prefix(12))
        }
    }
}
