import ArgumentParser
import AsyncHTTPClient
import Foundation
import GatehouseCore
import GatehouseRegistry

/// `gatehouse image`: sign images with the organisation's key and verify their signatures,
/// talking to the registry itself (not through a Gatehouse server).
struct ImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract:
            "Check what Gatehouse decides about an image; its SBOM and vulnerabilities; sign images and verify their signatures.",
        subcommands: [Check.self, SBOM.self, Scan.self, Sign.self, Verify.self])

    /// Where the registry is and how to sign in to it.
    struct RegistryOptions: ParsableArguments {
        @Argument(help: "The image: REGISTRY/REPOSITORY:TAG or REGISTRY/REPOSITORY@DIGEST.") var image: String
        @Flag(name: .customLong("plain-http"), help: "Reach the registry over HTTP (only on a network you trust).")
        var plainHTTP = false
        @Option(help: "USER:PASSWORD for the registry (default: GATEHOUSE_REGISTRY_CREDS, else anonymous).")
        var creds: String?

        /// The repository and the tag or digest.
        func reference() throws -> (Repository, ManifestReference) { try ImageReference.parse(image) }

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

    /// `gatehouse image check`.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Print every fact and the decision a pull of IMAGE by you would get; exits 1 when it would be refused.")

        @OptionGroup var server: ServerOptions
        @Argument(help: "The image: REGISTRY/REPOSITORY:TAG or REGISTRY/REPOSITORY@DIGEST.") var image: String
        @Flag(help: "Print the server's JSON.") var json = false

        struct Report: Decodable {
            struct Check: Decodable {
                let name: String
                let rule: String
                let passed: Bool
                let detail: String
            }
            struct Facts: Decodable {
                let user: String
                let shells: [String]
                let packageManagers: [String]
            }
            let image: String
            let digest: String?
            let facts: Facts?
            let checks: [Check]
            let allowed: Bool
        }

        func run() async throws {
            let data = try await server.client().call("POST", "api/v1/images/check", body: ["image": image])
            let report = try JSONDecoder().decode(Report.self, from: data)
            if json {
                print(String(decoding: data, as: UTF8.self))
            } else {
                print("image   \(report.image)" + (report.digest.map { "@" + $0 } ?? ""))
                if let facts = report.facts {
                    print("user    \(facts.user.isEmpty ? "(unset: root)" : facts.user)")
                    print(
                        "shells  \(facts.shells.isEmpty ? "none" : facts.shells.map { "/" + $0 }.joined(separator: " "))"
                    )
                    print(
                        "package managers  \(facts.packageManagers.isEmpty ? "none" : facts.packageManagers.map { "/" + $0 }.joined(separator: " "))"
                    )
                }
                for check in report.checks {
                    print("\(check.passed ? "pass" : "FAIL")    \(check.name) (\(check.rule)): \(check.detail)")
                }
                print(report.allowed ? "decision: a pull would be served" : "decision: a pull would be refused")
            }
            if !report.allowed { throw ExitCode(1) }
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
