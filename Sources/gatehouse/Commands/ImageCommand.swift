import ArgumentParser
import AsyncHTTPClient
import Foundation
import GatehouseCore
import GatehouseRegistry

/// `gatehouse image`: sign images with the organisation's key and verify their signatures,
/// talking to the registry itself (not through a Gatehouse server).
struct ImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image", abstract: "Sign images and verify their signatures (cosign's key-based form).",
        subcommands: [Sign.self, Verify.self])

    /// Where the registry is and how to sign in to it.
    struct RegistryOptions: ParsableArguments {
        @Argument(help: "The image: REGISTRY/REPOSITORY:TAG or REGISTRY/REPOSITORY@DIGEST.") var image: String
        @Flag(name: .customLong("plain-http"), help: "Reach the registry over HTTP (only on a network you trust).")
        var plainHTTP = false
        @Option(help: "USER:PASSWORD for the registry (default: GATEHOUSE_REGISTRY_CREDS, else anonymous).")
        var creds: String?

        /// The repository and the tag or digest.
        func reference() throws -> (Repository, ManifestReference) {
            let (name, reference) = try Self.split(image)
            return (try Repository(registry: name.registry, path: name.path), reference)
        }

        static func split(_ image: String) throws -> ((registry: String, path: String), ManifestReference) {
            guard let slash = image.firstIndex(of: "/") else {
                throw ValidationError(
                    "give the image as REGISTRY/REPOSITORY:TAG, e.g. registry.example.com/team/app:1.0")
            }
            let registry = String(image[..<slash])
            var rest = String(image[image.index(after: slash)...])
            var reference = ManifestReference.tag("latest")
            if let at = rest.firstIndex(of: "@") {
                reference = try ManifestReference(parsing: rest[rest.index(after: at)...])
                rest = String(rest[..<at])
            } else if let colon = rest.lastIndex(of: ":") {
                reference = try ManifestReference(parsing: rest[rest.index(after: colon)...])
                rest = String(rest[..<colon])
            }
            return ((registry, rest), reference)
        }

        /// A client for the registry, with these options' scheme and credentials.
        func client(_ http: HTTPClient) -> UpstreamClient {
            let credentials = (creds ?? ProcessInfo.processInfo.environment["GATEHOUSE_REGISTRY_CREDS"])?
                .split(separator: ":", maxSplits: 1).map(String.init)
            let settings = UpstreamSettings(
                scheme: plainHTTP ? "http" : "https", username: credentials?.first,
                password: credentials.flatMap { $0.count == 2 ? $0[1] : nil })
            return UpstreamClient(http: http) { _ in settings }
        }
    }

    static func withHTTP<T>(_ body: (HTTPClient) async throws -> T) async throws -> T {
        let http = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        do {
            let result = try await body(http)
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    /// `gatehouse image sign`.
    struct Sign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign an image's manifest digest and attach the signature to its registry (sha256-<hex>.sig).")

        @Option(help: "An unencrypted ECDSA P-256 private key in PEM.") var key: String
        @OptionGroup var registry: RegistryOptions

        func run() async throws {
            let (repository, reference) = try registry.reference()
            let privateKey = try ImageSigner.privateKey(file: key)
            let digest = try await ImageCommand.withHTTP { http in
                try await ImageSigner(client: registry.client(http)).sign(repository, reference, key: privateKey)
            }
            print("signed \(repository)@\(digest)")
        }
    }

    /// `gatehouse image verify`.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that an image carries a valid signature by a key; exits 1 when it does not.")

        @Option(help: "An ECDSA P-256 public key in PEM (repeatable: any of them may have signed).") var key: [String]
        @OptionGroup var registry: RegistryOptions

        func run() async throws {
            let (repository, reference) = try registry.reference()
            let keys = try SignatureKeys(files: key)
            let cache = NSTemporaryDirectory() + "gatehouse-verify-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: cache) }
            let (manifest, fact) = try await ImageCommand.withHTTP { http in
                let proxy = RegistryProxy(
                    client: registry.client(http), store: try BlobStore(root: cache, maxBytes: 1 << 30),
                    tagTTLSeconds: 0)
                let manifest = try await proxy.manifest(repository, reference, accept: [])
                return (manifest, try await proxy.signature(of: manifest, in: repository, keys: keys))
            }
            guard fact.signer != nil else {
                print("\(repository)@\(manifest.digest): NOT verified: \(fact.detail)")
                throw ExitCode(1)
            }
            print("\(repository)@\(manifest.digest): verified, \(fact.detail)")
        }
    }
}
