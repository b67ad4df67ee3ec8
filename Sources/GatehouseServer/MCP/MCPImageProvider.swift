import Foundation
import GatehouseCore
import GatehouseMCP
import GatehouseRegistry
import GatehouseSandbox

/// Pulls and unpacks the images of image tool servers through the registry proxy's own rules,
/// as the server's principal `mcp:SERVER` (in the pseudo-group ``group``): `image.pull` decided
/// by the policy, then the image class, signatures, attestations, hardening and scan policies, exactly
/// as for a client's pull, and one audit record naming the digest that will run. The image is
/// unpacked once per digest under `root` (whole or not at all) and shared by every process of
/// every server that runs it; the folder is emptied at start, since it is only a cache of the
/// verified blobs.
struct MCPImageProvider: ImageProvider {
    let spine: Spine
    let proxy: RegistryProxy
    let signatures: SignatureGate
    let hardening: HardeningGate
    let attestations: AttestationGate
    let scanPolicies: ScanPolicyGate
    let root: String
    let unpacking = Inflight<Digest, String>()

    /// The group the principals of tool servers belong to: the policy grants their pulls to it.
    static let group = "mcp-servers"
    /// What a sandbox mounts over in a read-only root; made where the image has none.
    static let mountPoints = ["/proc", "/dev", "/tmp", "/run"]

    init(
        spine: Spine, proxy: RegistryProxy, signatures: SignatureGate, hardening: HardeningGate,
        attestations: AttestationGate, scanPolicies: ScanPolicyGate, root: String
    ) throws {
        (self.spine, self.proxy, self.root, self.scanPolicies) = (spine, proxy, root, scanPolicies)
        (self.signatures, self.hardening, self.attestations) = (signatures, hardening, attestations)
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(
            atPath: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// The principal a tool server acts as (its pulls, its egress), decided and recorded as.
    static func principal(of server: CatalogServer) -> Principal {
        Principal(
            issuer: Principal.localIssuer, subject: "mcp:" + server.name, groups: [group], authMethod: .localAdmin,
            displayName: "MCP server \(server.name)")
    }

    func prepare(_ server: CatalogServer, reference: String, arguments: [String]) async throws -> PreparedImage {
        let (repository, wanted) = try ImageReference.parse(ImageReference.qualified(reference))
        let caller = Caller(principal: Self.principal(of: server), token: nil, scopes: .unrestricted)
        let resource =
            switch wanted {
            case .tag(let tag): "\(repository):\(tag)"
            case .digest(let digest): "\(repository)@\(digest)"
            }
        var request = Spine.Request(
            authorization: nil, traceparent: nil, action: Action(.imagePull, resource: resource))
        request.payload = PayloadDigest(parameters: ["server": server.name])
        let image = try await spine.authorize(
            caller, request, recorded: { (image: PreparedImage) in "\(repository)@\(image.digest)" },
            perform: { caller, _ in
                if let refusal = spine.imageClassRefusal(caller, repository) { throw refusal }
                let top = try await proxy.manifest(repository, wanted, accept: MediaTypes.manifests)
                try await signatures.check(top, wanted, in: repository)
                try await attestations.check(top, in: repository)
                try await scanPolicies.check(top, in: repository, for: caller.principal)
                let manifest = try await proxy.platformManifest(of: top, in: repository)
                if manifest.digest != top.digest {
                    try await signatures.check(manifest, .digest(manifest.digest), in: repository)
                    try await attestations.check(manifest, in: repository)
                }
                try await hardening.check(manifest, in: repository)
                try await scanPolicies.check(manifest, in: repository, for: caller.principal)
                let config = try await proxy.imageConfig(of: manifest, in: repository)
                let directory = try await unpacked(manifest, in: repository)
                return PreparedImage(
                    root: directory, command: config.command(arguments: arguments),
                    environment: config.environmentValues,
                    workingDirectory: config.workingDirectory.isEmpty ? nil : config.workingDirectory,
                    digest: manifest.digest.description,
                    user: try SandboxUser(imageUser: config.user, root: directory))
            })
        // The server's read-only paths are bound at the same place: they need mount points too.
        let paths = server.readOnlyPaths
        if !paths.isEmpty { try RegistryProxy.makeDirectories(paths, inRoot: image.root) }
        return image
    }

    /// The unpacked root of `manifest`, unpacked now unless an earlier call did.
    private func unpacked(_ manifest: Manifest, in repository: Repository) async throws -> String {
        let directory = root + "/" + manifest.digest.hex
        if FileManager.default.fileExists(atPath: directory) { return directory }
        return try await unpacking.run(manifest.digest) {
            if !FileManager.default.fileExists(atPath: directory) {
                // Device nodes some images carry are never made: the sandbox has its own /dev.
                var limits = TarLimits()
                limits.skipDevices = true
                try await proxy.unpack(
                    manifest, in: repository, into: directory, directories: Self.mountPoints, limits: limits)
            }
            return directory
        }
    }
}
